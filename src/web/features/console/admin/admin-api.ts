import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BreakGlassEntry, StaffUser } from '../../../../shared/contracts/identity';

export type { StaffUser };
import { useSession } from '../../../app/session/SessionProvider';

export const usersKey = ['admin', 'users'] as const;

export function useStaffUsers() {
  const { api } = useSession();
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api.get<{ items: StaffUser[] }>('/api/admin/users', undefined, signal).then((r) => r.items),
  });
}

/** A fresh invitation link for an account not yet set up; the old link stops working. */
export function useReinvite() {
  const { api } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (u: StaffUser) => api.post<{ userId: string; inviteUrl: string }>(`/api/admin/users/${encodeURIComponent(u.id)}/reinvite`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Approve a referring provider, or disable any account (its sessions end). Both answer 204. */
export function useUserAction() {
  const { api } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'approve' | 'disable'; name: string }) =>
      api.post<void>(`/api/admin/users/${encodeURIComponent(id)}/${action}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export const breakGlassKey = ['admin', 'break-glass'] as const;

export function useBreakGlass(all: boolean) {
  const { api } = useSession();
  return useQuery({
    queryKey: [...breakGlassKey, all],
    queryFn: ({ signal }) =>
      api.get<{ items: BreakGlassEntry[] }>('/api/admin/break-glass', all ? { all: 'true' } : undefined, signal).then((r) => r.items),
  });
}

export function useReviewBreakGlass() {
  const { api } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/api/admin/break-glass/${encodeURIComponent(id)}/review`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: breakGlassKey }),
  });
}
