import { useQuery } from '@tanstack/react-query';
import type { RoleName } from '../../../../shared/contracts/identity';
import { useSession } from '../session/SessionProvider';

export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  role: RoleName;
  status: 'invited' | 'pending_approval' | 'active' | 'disabled';
  totpEnabled: boolean;
}

export const usersKey = ['admin', 'users'] as const;

export function useStaffUsers() {
  const { api } = useSession();
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api.get<{ items: StaffUser[] }>('/api/admin/users', undefined, signal).then((r) => r.items),
  });
}
