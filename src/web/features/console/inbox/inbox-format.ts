import { MESSAGE_POOLS, type InboxCounts, type InboxFilter, type MessagePool } from '../../../../shared/contracts/messages';

export const INBOX_FILTERS: readonly InboxFilter[] = ['open', 'unassigned', 'mine', 'waiting', 'closed'];

/** Unread conversations in the reader's pools plus those assigned to them outside the pools (counted once by the server per pool). */
export function inboxUnreadTotal(counts: InboxCounts): number {
  return counts.pools.reduce((n, p) => n + p.unread, 0);
}

/**
 * The pool and filter an inbox address asks for (`?pool=&filter=`), held to
 * what the reader may see: an unknown or foreign pool falls back to their
 * first pool, an unknown filter to 'open'; with no pool at all, only 'mine'.
 */
export function inboxView(search: URLSearchParams, myPools: readonly MessagePool[]): { pool: MessagePool | null; filter: InboxFilter } {
  const askedPool = search.get('pool');
  const pool = myPools.find((p) => p === askedPool) ?? myPools[0] ?? null;
  const askedFilter = search.get('filter');
  const filter = INBOX_FILTERS.find((f) => f === askedFilter) ?? (pool ? 'open' : 'mine');
  return { pool, filter: pool ? filter : 'mine' };
}

/** The address of one view of the inbox. */
export function inboxHref(pool: MessagePool | null, filter: InboxFilter): string {
  const q = new URLSearchParams();
  if (pool) q.set('pool', pool);
  q.set('filter', filter);
  return `/console/inbox?${q.toString()}`;
}

export function isPool(v: string): v is MessagePool {
  return (MESSAGE_POOLS as readonly string[]).includes(v);
}
