import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../../app/session/SessionProvider';

export const chartKey = (patientId: string) => ['chart', patientId] as const;

/**
 * One patient's chart. Each load is an audited read, so it is not refetched on
 * focus, and it leaves memory as soon as no page shows it.
 */
export function useChart(patientId: string) {
  const { api } = useSession();
  return useQuery({
    queryKey: chartKey(patientId),
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/chart', { params: { patientId } }, { signal }),
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
      api.request('POST /api/patients/:patientId/break-glass', { params: { patientId }, body: { reason } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chartKey(patientId) }),
  });
}
