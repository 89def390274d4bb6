import { POOL_OF_TOPIC, type InboxFilter, type MessagePool, type MessageTopic } from '../../../../shared/contracts/messages.js';
import type { Role } from '../../../../shared/roles.js';

/**
 * Who answers which messages (issue 12): the pure rules of the staff inboxes.
 * A topic puts a thread in a pool; each staff role works in some pools; a
 * thread is seen by those who work in its pool and by the person it is
 * assigned to, by no one else (a 404, as an unknown thread).
 */

/** The pools each staff role works in. A clinician answers the nursing pool and what is assigned to them. */
export const POOLS_OF_ROLE: Partial<Record<Role, readonly MessagePool[]>> = {
  nurse: ['nursing'],
  front_desk: ['front_desk'],
  billing: ['billing'],
  clinician: ['nursing'],
};

/** Who may be handed a thread in a pool: those who work in it, and any clinician. */
export function rolesForPool(pool: MessagePool): Role[] {
  const roles = (Object.entries(POOLS_OF_ROLE) as [Role, readonly MessagePool[]][]).filter(([, pools]) => pools.includes(pool)).map(([r]) => r);
  return roles.includes('clinician') ? roles : [...roles, 'clinician'];
}

export function poolsOf(role: Role): readonly MessagePool[] {
  return POOLS_OF_ROLE[role] ?? [];
}

export function poolOfTopic(topic: MessageTopic): MessagePool {
  return POOL_OF_TOPIC[topic];
}

export interface StaffReader {
  userId: string;
  role: Role;
}

export interface ThreadPlace {
  pool: MessagePool;
  assigneeUserId: string | null;
}

/** Whether a staff member sees a thread: it is in one of their pools, or assigned to them. */
export function maySeeThread(reader: StaffReader, thread: ThreadPlace): boolean {
  return poolsOf(reader.role).includes(thread.pool) || thread.assigneeUserId === reader.userId;
}

/** Whether a person may be handed a thread of this pool (role as the user's account says). */
export function mayBeAssigned(role: Role, pool: MessagePool): boolean {
  return rolesForPool(pool).includes(role);
}

/** What one inbox page asks the database for: which pools, which states, whose. */
export interface InboxSelection {
  /** Threads in these pools (or assigned to the reader, when `orMine`). */
  pools: readonly MessagePool[];
  orMine: boolean;
  /** Only threads assigned to the reader. */
  mineOnly: boolean;
  unassignedOnly: boolean;
  status: 'open' | 'closed';
  waitingOnly: boolean;
}

/**
 * The inbox filters as a selection: `unassigned` (open, in the reader's pools,
 * nobody's yet), `mine` (open, assigned to the reader, any pool), `waiting`
 * (open, last word the staff's: waiting on the patient), `open`, `closed`. A
 * `pool` narrows to that pool, if the reader works in it (else nothing).
 */
export function selectInbox(reader: StaffReader, filter: InboxFilter, pool?: MessagePool): InboxSelection {
  const mine = poolsOf(reader.role);
  const pools = pool === undefined ? mine : mine.includes(pool) ? [pool] : [];
  const base = { pools, orMine: pool === undefined, mineOnly: false, unassignedOnly: false, status: 'open' as const, waitingOnly: false };
  switch (filter) {
    case 'unassigned':
      return { ...base, orMine: false, unassignedOnly: true };
    case 'mine':
      return { ...base, pools: [], orMine: true, mineOnly: true };
    case 'waiting':
      return { ...base, waitingOnly: true };
    case 'closed':
      return { ...base, status: 'closed' };
    case 'open':
      return base;
  }
}

/** A page's position: the last thread's time (as the database wrote it, to the microsecond) and id. */
export interface InboxCursor {
  at: string;
  id: string;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeCursor(c: InboxCursor): string {
  return `${c.at}_${c.id}`;
}

/** The cursor, or null when the text is not one this server wrote. */
export function decodeCursor(text: string): InboxCursor | null {
  const m = CURSOR.exec(text);
  return m ? { at: m[1]!, id: m[2]! } : null;
}

/**
 * The name an attachment is shown and downloaded under: the uploader's base
 * name without path, control or quoting characters, at most 120 characters,
 * with the extension of the type read from the bytes when it has none.
 */
export function safeFileName(given: string | undefined, ext: string): string {
  const base = (given ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f"'`<>|:*?;\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  const name = cleaned.replace(/^\.+/, '').slice(-120);
  if (!name) return `attachment.${ext}`;
  return /\.[A-Za-z0-9]{1,5}$/.test(name) ? name : `${name}.${ext}`;
}

/** A Content-Disposition header for a download (RFC 6266): an ASCII fallback and the UTF-8 name. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'attachment';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
