import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PatientChart } from '../../../../shared/contracts/portal';
import { useSession } from '../../../app/session/SessionProvider';

export const chartKey = (patientId: string) => ['chart', patientId] as const;
const chartPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/chart`;

/**
 * One patient's chart. Each load is an audited read, so it is not refetched on
 * focus, and it leaves memory as soon as no page shows it.
 */
export function useChart(patientId: string) {
  const { api } = useSession();
  return useQuery({
    queryKey: chartKey(patientId),
    queryFn: ({ signal }) => api.get<PatientChart>(chartPath(patientId), undefined, signal),
    retry: false,
    refetchOnWindowFocus: false,
    gcTime: 0,
  });
}

/** Emergency access with a reason; the chart is fetched again once it is granted. */
export function useBreakGlass(patientId: string) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api.post<{ patientId: string; expiresAt: string }>(`/api/patients/${encodeURIComponent(patientId)}/break-glass`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chartKey(patientId) }),
  });
}
