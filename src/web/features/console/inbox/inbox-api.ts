import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { InboxFilter, MessagePool } from '../../../../shared/contracts/messages';
import { useSession } from '../../../app/session/SessionProvider';
import { messageKeys } from '../../messages/message-keys';

/** Counts for the console's navigation and the pool tabs: unread and unassigned per pool, and mine. */
export function useInboxCounts(enabled: boolean) {
  const { api } = useSession();
  return useQuery({
    queryKey: messageKeys.staffCounts,
    queryFn: ({ signal }) => api.request('GET /api/staff/inbox/counts', {}, { signal }),
    enabled,
  });
}

/** One pool's conversations under one filter, a page at a time (the server's cursor). */
export function useStaffInbox(pool: MessagePool | null, filter: InboxFilter) {
  const { api } = useSession();
  return useInfiniteQuery({
    queryKey: [...messageKeys.staffInboxes, pool ?? 'all', filter],
    queryFn: ({ signal, pageParam }) =>
      api.request('GET /api/staff/inbox', { query: { filter, ...(pool ? { pool } : {}), ...(pageParam ? { cursor: pageParam } : {}) } }, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useStaffThread(id: string) {
  const { api } = useSession();
  return useQuery({
    queryKey: messageKeys.staffThread(id),
    queryFn: ({ signal }) => api.request('GET /api/staff/threads/:id', { params: { id } }, { signal }),
    retry: (count, e) => count < 1 && !(e instanceof Error && e.name === 'ApiError'),
  });
}

/** Whom a conversation can be handed to (people of the pool, clinicians). */
export function useAssignees(pool: MessagePool | null) {
  const { api } = useSession();
  return useQuery({
    queryKey: messageKeys.assignees(pool ?? 'all'),
    queryFn: ({ signal }) => api.request('GET /api/staff/inbox/assignees', { query: pool ? { pool } : {} }, { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}
