import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Appointment } from '../../../../shared/contracts/booking';
import type { DeskPatient } from '../../../../shared/contracts/staff';
import type { AuthedApi } from '../../../app/api/authed-client';
import { useSession } from '../../../app/session/SessionProvider';

export const deskKeys = {
  all: ['staff'] as const,
  scheduleOf: (locationId: string) => ['staff', 'schedule', locationId] as const,
  schedules: ['staff', 'schedule'] as const,
  schedule: (locationId: string, from: string, to: string) => ['staff', 'schedule', locationId, from, to] as const,
  patients: (q: string) => ['staff', 'patients', q] as const,
  availability: ['staff', 'availability'] as const,
};

export function useSchedule(locationId: string | null, from: string, to: string, pollMs: number | false) {
  const { api } = useSession();
  return useQuery({
    queryKey: deskKeys.schedule(locationId ?? '', from, to),
    queryFn: ({ signal }) => api.request('GET /api/staff/schedule', { query: { location: locationId!, from, to } }, { signal }),
    enabled: !!locationId,
    // Keep the old day on screen while the next one loads: no flash of empty columns.
    placeholderData: keepPreviousData,
    // The live socket normally says when to refetch; without it, poll.
    refetchInterval: pollMs,
  });
}

export function usePatientSearch(q: string) {
  const { api } = useSession();
  const term = q.trim();
  return useQuery<DeskPatient[]>({
    queryKey: deskKeys.patients(term),
    queryFn: ({ signal }) => api.request('GET /api/staff/patients', { query: { q: term } }, { signal }).then((r) => r.items),
    enabled: term.length >= 2,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

export interface StaffAvailabilityParams {
  visitType: string;
  from: string;
  to: string;
  location: string;
  practitioner?: string | undefined;
}

/**
 * Openings as the desk sees them, on the desk's own route: staff-only visit
 * types (procedures) included, whether or not online booking is open (issue 11).
 */
export function useStaffAvailability(params: StaffAvailabilityParams | null) {
  const { api } = useSession();
  return useQuery({
    queryKey: [...deskKeys.availability, params],
    queryFn: ({ signal }) => api.request('GET /api/staff/availability', { query: { ...(params as StaffAvailabilityParams) } }, { signal }),
    enabled: params !== null,
    staleTime: 15_000,
  });
}

/** After a change made here: refetch the schedules on screen (a move may cross locations) and the openings. */
export function useInvalidateSchedule() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: deskKeys.schedules });
    void queryClient.invalidateQueries({ queryKey: deskKeys.availability });
  };
}

export type AppointmentAction =
  | { kind: 'status'; status: 'booked' | 'checked_in' | 'completed' | 'no_show' }
  | { kind: 'cancel'; reason: string }
  | { kind: 'reschedule'; start: string; practitionerId: string; locationId: string };

function runAction(api: AuthedApi, id: string, a: AppointmentAction): Promise<Appointment> {
  const params = { id };
  switch (a.kind) {
    case 'status':
      return api.request('POST /api/staff/appointments/:id/status', { params, body: { status: a.status } });
    case 'cancel':
      return api.request('POST /api/staff/appointments/:id/cancel', { params, body: { reason: a.reason } });
    case 'reschedule':
      return api.request('POST /api/staff/appointments/:id/reschedule', { params, body: { start: a.start, practitionerId: a.practitionerId, locationId: a.locationId } });
  }
}

export function useAppointmentAction(appointmentId: string) {
  const { api } = useSession();
  const invalidate = useInvalidateSchedule();
  return useMutation({
    mutationFn: (a: AppointmentAction) => runAction(api, appointmentId, a),
    onSettled: () => invalidate(),
  });
}
