import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffUser } from '../../../../shared/contracts/identity';

export type { StaffUser };
import { useSession } from '../../../app/session/SessionProvider';

export const usersKey = ['admin', 'users'] as const;

export function useStaffUsers() {
  const { api } = useSession();
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api.request('GET /api/admin/users', {}, { signal }).then((r) => r.items),
  });
}

/** A fresh invitation link for an account not yet set up; the old link stops working. */
export function useReinvite() {
  const { api } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (u: StaffUser) => api.request('POST /api/admin/users/:id/reinvite', { params: { id: u.id } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Approve a referring provider, or disable any account (its sessions end). Both answer 204. */
export function useUserAction() {
  const { api } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'approve' | 'disable'; name: string }) =>
      api.request(`POST /api/admin/users/:id/${action}`, { params: { id } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export const breakGlassKey = ['admin', 'break-glass'] as const;

export function useBreakGlass(all: boolean) {
  const { api } = useSession();
  return useQuery({
    queryKey: [...breakGlassKey, all],
    queryFn: ({ signal }) =>
      api.request('GET /api/admin/break-glass', all ? { query: { all: 'true' } } : {}, { signal }).then((r) => r.items),
  });
}

export function useReviewBreakGlass() {
  const { api } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.request('POST /api/admin/break-glass/:id/review', { params: { id } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: breakGlassKey }),
  });
}

/** The demo mailbox: without an email server, the notices' content; with one, their delivery status (issue 11). */
export function useDemoMailbox() {
  const { api } = useSession();
  return useQuery({
    queryKey: ['admin', 'demo-mailbox'] as const,
    queryFn: ({ signal }) => api.request('GET /api/admin/demo-mailbox', {}, { signal }),
  });
}
