import { useQuery } from '@tanstack/react-query';
import { fetchRoute } from './client';

/** Clinic reference data changes rarely: cache it for the visit. */
const REFERENCE = { staleTime: 5 * 60_000 } as const;

export const keys = {
  locations: ['locations'] as const,
  practitioners: ['practitioners'] as const,
  visitTypes: ['visit-types'] as const,
  availability: ['availability'] as const,
  appointment: (id: string) => ['appointment', id] as const,
};

export function useLocations() {
  return useQuery({
    queryKey: keys.locations,
    queryFn: ({ signal }) => fetchRoute('GET /api/locations', {}, { signal }).then((r) => r.items),
    ...REFERENCE,
  });
}

export function usePractitioners() {
  return useQuery({
    queryKey: keys.practitioners,
    queryFn: ({ signal }) => fetchRoute('GET /api/practitioners', {}, { signal }).then((r) => r.items),
    ...REFERENCE,
  });
}

export function useVisitTypes() {
  return useQuery({
    queryKey: keys.visitTypes,
    queryFn: ({ signal }) => fetchRoute('GET /api/visit-types', {}, { signal }).then((r) => r.items),
    ...REFERENCE,
  });
}

export interface AvailabilityParams {
  visitType: string;
  from: string;
  to: string;
  location?: string | undefined;
  practitioner?: string | undefined;
}

export function useAvailability(params: AvailabilityParams | null) {
  return useQuery({
    queryKey: [...keys.availability, params],
    queryFn: ({ signal }) =>
      fetchRoute('GET /api/availability', { query: { ...(params as AvailabilityParams) } }, { signal }),
    enabled: params !== null,
    // Openings go fast: refetch when the patient comes back to the tab.
    staleTime: 30_000,
  });
}

export function useAppointment(id: string, code: string | null) {
  return useQuery({
    queryKey: keys.appointment(id),
    queryFn: ({ signal }) => fetchRoute('GET /api/appointments/:id', { params: { id }, query: { code: code ?? '' } }, { signal }),
    enabled: !!code,
    retry: (count, e) => count < 2 && !(e instanceof Error && e.name === 'ApiError'),
  });
}
