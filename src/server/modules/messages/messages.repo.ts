import type { Queryable, ReadQuery } from '../../db/db.js';
import type { MessagePool, MessageTopic } from '../../../shared/contracts/messages.js';
import type { InboxCursor, InboxSelection } from './engine/inbox.js';

/** Secure messages' SQL (issue 12). Times go in as ms and come out as text the service turns into ISO strings. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);
const AT = (p: string) => `to_timestamp(${p}::float8 / 1000.0)`;
/** A timestamp as the ISO text JSON carries, to the microsecond (cursors compare it exactly). */
const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export type AuthorKind = 'patient' | 'caregiver' | 'staff';

export interface ThreadHead {
  id: string;
  patientId: string;
  pool: MessagePool;
  assigneeUserId: string | null;
  status: 'open' | 'closed';
}

export async function threadHead(q: Queryable, organizationId: string, id: string, lock = false): Promise<ThreadHead | undefined> {
  if (!isUuid(id)) return undefined;
  return q.one<ThreadHead>(
    `SELECT id, patient_id AS "patientId", pool, assignee_user_id AS "assigneeUserId", status
       FROM message_thread WHERE organization_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [organizationId, id],
  );
}

export async function replyBusinessDays(q: Queryable, organizationId: string): Promise<number> {
  const r = await q.one<{ d: number }>('SELECT message_reply_business_days AS d FROM organization WHERE id = $1', [organizationId]);
  return r?.d ?? 2;
}

export async function insertThread(
  t: Queryable,
  th: { organizationId: string; patientId: string; topic: MessageTopic; pool: MessagePool; subject: string; createdBy: string; authorKind: AuthorKind; now: number },
): Promise<string> {
  const r = await t.one<{ id: string }>(
    `INSERT INTO message_thread (organization_id, patient_id, topic, pool, subject, created_by_user_id, created_at, updated_at, last_public_at, last_public_kind)
     VALUES ($1, $2, $3, $4, $5, $6, ${AT('$7')}, ${AT('$7')}, ${AT('$7')}, $8) RETURNING id`,
    [th.organizationId, th.patientId, th.topic, th.pool, th.subject, th.createdBy, th.now, th.authorKind],
  );
  return r!.id;
}

/**
 * A message, and its thread brought up to date in the same statement: a
 * public one moves the thread's last message (and a patient's reopens a
 * closed thread); a note changes nothing the patient side could see.
 */
export async function insertMessage(
  t: Queryable,
  m: { organizationId: string; threadId: string; authorUserId: string; authorKind: AuthorKind; internal: boolean; body: string; now: number },
): Promise<{ id: string; seq: string }> {
  const r = await t.one<{ id: string; seq: string }>(
    `WITH m AS (
       INSERT INTO message (organization_id, thread_id, author_user_id, author_kind, internal, body, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, ${AT('$7')}) RETURNING id, seq, created_at),
     th AS (
       UPDATE message_thread SET
         updated_at = m.created_at,
         last_public_at = CASE WHEN $5 THEN last_public_at ELSE m.created_at END,
         last_public_seq = CASE WHEN $5 THEN last_public_seq ELSE m.seq END,
         last_public_kind = CASE WHEN $5 THEN last_public_kind ELSE $4 END,
         public_count = public_count + CASE WHEN $5 THEN 0 ELSE 1 END,
         status = CASE WHEN $4 <> 'staff' THEN 'open' ELSE status END,
         closed_at = CASE WHEN $4 <> 'staff' THEN NULL ELSE closed_at END
       FROM m WHERE message_thread.id = $2 RETURNING message_thread.id)
     SELECT m.id, m.seq::text AS seq FROM m, th`,
    [m.organizationId, m.threadId, m.authorUserId, m.authorKind, m.internal, m.body, m.now],
  );
  return r!;
}

export async function insertAttachments(t: Queryable, organizationId: string, messageId: string, files: readonly { fileId: string; fileName: string }[]): Promise<void> {
  if (files.length === 0) return;
  await t.query(
    `INSERT INTO message_attachment (organization_id, message_id, file_id, file_name, position)
     SELECT $1, $2, f.file_id, f.file_name, f.ord - 1
       FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS f(file_id, file_name, ord)`,
    [organizationId, messageId, files.map((f) => f.fileId), files.map((f) => f.fileName)],
  );
}

/** Moves a reader's marker forward (never back) to `seq`, or to the thread's newest message when seq is null. */
export async function markRead(t: Queryable, r: { organizationId: string; threadId: string; userId: string; seq: string | null; now: number }): Promise<void> {
  await t.query(
    `INSERT INTO message_read (organization_id, thread_id, user_id, last_read_seq, read_at)
     SELECT $1, $2, $3, COALESCE($4::bigint, (SELECT max(seq) FROM message WHERE thread_id = $2), 0), ${AT('$5')}
     ON CONFLICT (thread_id, user_id) DO UPDATE SET last_read_seq = GREATEST(message_read.last_read_seq, EXCLUDED.last_read_seq), read_at = EXCLUDED.read_at`,
    [r.organizationId, r.threadId, r.userId, r.seq, r.now],
  );
}

export async function patientContact(q: Queryable, organizationId: string, patientId: string): Promise<{ firstName: string } | undefined> {
  return q.one(
    'SELECT first_name AS "firstName" FROM patient WHERE organization_id = $1 AND id = $2',
    [organizationId, patientId],
  );
}

/** Unread messages of a thread for a reader: those of the other side after the reader's marker. */
const unreadOf = (reader: string, staffSide: boolean) => `(SELECT count(*)::int FROM message um
   WHERE um.thread_id = th.id AND NOT um.internal AND um.author_kind ${staffSide ? "<> 'staff'" : "= 'staff'"}
     AND um.seq > COALESCE((SELECT r.last_read_seq FROM message_read r WHERE r.thread_id = th.id AND r.user_id = ${reader}), 0))`;

const SUMMARY = (reader: string, staffSide: boolean) => `json_build_object(
  'id', th.id, 'patientId', th.patient_id, 'topic', th.topic, 'subject', th.subject, 'status', th.status,
  'createdAt', ${ISO('th.created_at')}, 'lastMessageAt', ${ISO('th.last_public_at')},
  'unread', ${unreadOf(reader, staffSide)}, 'messageCount', th.public_count)`;

const STAFF_SUMMARY = (reader: string) => `(${SUMMARY(reader, true)}::jsonb || jsonb_build_object(
  'pool', th.pool,
  'assignee', (SELECT json_build_object('userId', a.id, 'name', a.display_name, 'role', a.role) FROM app_user a WHERE a.id = th.assignee_user_id),
  'patient', (SELECT json_build_object('id', p.id, 'name', p.first_name || ' ' || p.last_name, 'dateOfBirth', p.date_of_birth::text) FROM patient p WHERE p.id = th.patient_id),
  'waitingOnPatient', th.last_public_kind = 'staff' AND th.public_count > 0))`;

const MESSAGES = (staffSide: boolean) => `COALESCE((SELECT json_agg(json_build_object(
    'id', m.id, 'threadId', m.thread_id,
    -- The patient by the name on their record (an account's display name may be a first name only); others by their account's.
    'author', json_build_object('kind', m.author_kind,
      'name', CASE WHEN m.author_kind = 'patient' THEN (SELECT p.first_name || ' ' || p.last_name FROM patient p WHERE p.id = th.patient_id) ELSE u.display_name END,
      'role', CASE WHEN m.author_kind = 'staff' THEN u.role END),
    'body', m.body, 'sentAt', ${ISO('m.created_at')},${staffSide ? " 'internal', m.internal," : ''}
    'attachments', COALESCE((SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'mediaType', f.media_type, 'sizeBytes', f.size_bytes, 'sha256', encode(f.sha256, 'hex')) ORDER BY a.position)
                               FROM message_attachment a JOIN stored_file f ON f.id = a.file_id WHERE a.message_id = m.id), '[]'::json)
  ) ORDER BY m.seq)
  FROM message m JOIN app_user u ON u.id = m.author_user_id
  WHERE m.thread_id = th.id${staffSide ? '' : ' AND NOT m.internal'}), '[]'::json)`;

export interface SummaryRow {
  id: string; patientId: string; topic: MessageTopic; subject: string; status: 'open' | 'closed';
  createdAt: string; lastMessageAt: string; unread: number; messageCount: number;
}
export interface StaffSummaryRow extends SummaryRow {
  pool: MessagePool;
  assignee: { userId: string; name: string; role: string } | null;
  patient: { id: string; name: string; dateOfBirth: string };
  waitingOnPatient: boolean;
}
export interface MessageRow {
  id: string; threadId: string; author: { kind: AuthorKind; name: string; role: string | null }; body: string; sentAt: string;
  attachments: { id: string; fileName: string; mediaType: 'application/pdf' | 'image/png' | 'image/jpeg'; sizeBytes: number; sha256: string }[];
}
export interface StaffMessageRow extends MessageRow {
  internal: boolean;
}

/** The patient's inbox (never a note's trace), newest first, with the reader's unread counts. */
export function patientInboxQuery(organizationId: string, patientId: string, readerUserId: string): ReadQuery<{ thread: SummaryRow }> {
  return {
    sql: `SELECT ${SUMMARY('$3', false)} AS thread FROM message_thread th
           WHERE th.organization_id = $1 AND th.patient_id = $2 ORDER BY th.last_public_at DESC, th.id DESC LIMIT 500`,
    params: [organizationId, patientId, readerUserId],
  };
}

/** One of the patient's threads with its messages, internal notes left out in SQL. */
export function patientThreadQuery(organizationId: string, patientId: string, threadId: string, readerUserId: string): ReadQuery<{ thread: SummaryRow; messages: MessageRow[] }> {
  return {
    sql: `SELECT ${SUMMARY('$4', false)} AS thread, ${MESSAGES(false)} AS messages FROM message_thread th
           WHERE th.organization_id = $1 AND th.patient_id = $2 AND th.id = $3`,
    params: [organizationId, patientId, threadId, readerUserId],
  };
}

/** A thread as staff read it: notes included. Visibility was decided on its head. */
export function staffThreadQuery(organizationId: string, threadId: string, readerUserId: string): ReadQuery<{ thread: StaffSummaryRow; messages: StaffMessageRow[] }> {
  return {
    sql: `SELECT ${STAFF_SUMMARY('$3')} AS thread, ${MESSAGES(true)} AS messages FROM message_thread th WHERE th.organization_id = $1 AND th.id = $2`,
    params: [organizationId, threadId, readerUserId],
  };
}

export async function staffSummary(q: Queryable, organizationId: string, threadId: string, readerUserId: string): Promise<StaffSummaryRow | undefined> {
  const r = await q.one<{ thread: StaffSummaryRow }>(`SELECT ${STAFF_SUMMARY('$3')} AS thread FROM message_thread th WHERE th.organization_id = $1 AND th.id = $2`, [organizationId, threadId, readerUserId]);
  return r?.thread;
}

export async function newestPublicSeq(q: Queryable, threadId: string): Promise<string | null> {
  const r = await q.one<{ s: string | null }>('SELECT max(seq)::text AS s FROM message WHERE thread_id = $1', [threadId]);
  return r?.s ?? null;
}

/** One page of a staff inbox, newest first after the cursor, with each row's cursor. */
export async function staffInbox(
  q: Queryable,
  s: { organizationId: string; readerUserId: string; selection: InboxSelection; cursor: InboxCursor | null; limit: number },
): Promise<{ thread: StaffSummaryRow; cursorAt: string }[]> {
  const sel = s.selection;
  const where = [
    'th.organization_id = $1',
    'th.status = $2',
    sel.mineOnly ? 'th.assignee_user_id = $3' : sel.orMine ? '(th.pool = ANY($4::text[]) OR th.assignee_user_id = $3)' : 'th.pool = ANY($4::text[])',
    ...(sel.unassignedOnly ? ['th.assignee_user_id IS NULL'] : []),
    ...(sel.waitingOnly ? ["th.last_public_kind = 'staff' AND th.public_count > 0"] : []),
    // Every parameter is named in the SQL (PostgreSQL must know each one's type), the cursor's even when there is none.
    '$4::text[] IS NOT NULL',
    '($5::timestamptz IS NULL OR (th.last_public_at, th.id) < ($5::timestamptz, $6::uuid))',
  ];
  return q.query(
    `SELECT ${STAFF_SUMMARY('$3')} AS thread, ${ISO('th.last_public_at')} AS "cursorAt" FROM message_thread th
      WHERE ${where.join(' AND ')} ORDER BY th.last_public_at DESC, th.id DESC LIMIT ${Math.max(1, Math.min(s.limit, 100))}`,
    [s.organizationId, sel.status, s.readerUserId, [...sel.pools], ...(s.cursor ? [s.cursor.at, s.cursor.id] : [null, null])],
  );
}

/** The console's counts: per pool, open threads with unread patient messages and open unassigned ones; open threads assigned to the reader. */
export async function staffCounts(q: Queryable, organizationId: string, readerUserId: string, pools: readonly MessagePool[]) {
  const rows = await q.query<{ pool: MessagePool | null; unread: number; unassigned: number; mine: number }>(
    `SELECT p.pool, 
       (SELECT count(*)::int FROM message_thread th WHERE th.organization_id = $1 AND th.pool = p.pool AND th.status = 'open' AND ${unreadOf('$2', true)} > 0) AS unread,
       (SELECT count(*)::int FROM message_thread th WHERE th.organization_id = $1 AND th.pool = p.pool AND th.status = 'open' AND th.assignee_user_id IS NULL) AS unassigned,
       (SELECT count(*)::int FROM message_thread th WHERE th.organization_id = $1 AND th.status = 'open' AND th.assignee_user_id = $2) AS mine
     FROM unnest($3::text[]) AS p(pool)
     UNION ALL SELECT NULL, 0, 0, (SELECT count(*)::int FROM message_thread th WHERE th.organization_id = $1 AND th.status = 'open' AND th.assignee_user_id = $2)`,
    [organizationId, readerUserId, [...pools]],
  );
  return {
    pools: rows.filter((r) => r.pool !== null).map((r) => ({ pool: r.pool!, unread: r.unread, unassigned: r.unassigned })),
    mine: rows.find((r) => r.pool === null)?.mine ?? 0,
  };
}

/** Active staff of these roles, by name. */
export async function staffOfRoles(q: Queryable, organizationId: string, roles: readonly string[]) {
  return q.query<{ userId: string; name: string; role: string }>(
    `SELECT id AS "userId", display_name AS name, role FROM app_user
      WHERE organization_id = $1 AND status = 'active' AND role = ANY($2::text[]) ORDER BY display_name, id`,
    [organizationId, [...roles]],
  );
}

export async function activeUser(q: Queryable, organizationId: string, userId: string): Promise<{ role: string } | undefined> {
  if (!isUuid(userId)) return undefined;
  return q.one("SELECT role FROM app_user WHERE organization_id = $1 AND id = $2 AND status = 'active'", [organizationId, userId]);
}

export async function setAssignment(t: Queryable, a: { organizationId: string; threadId: string; pool: MessagePool; assigneeUserId: string | null; now: number }): Promise<void> {
  await t.query(`UPDATE message_thread SET pool = $3, assignee_user_id = $4, updated_at = ${AT('$5')} WHERE organization_id = $1 AND id = $2`, [a.organizationId, a.threadId, a.pool, a.assigneeUserId, a.now]);
}

export async function closeThread(t: Queryable, organizationId: string, threadId: string, now: number): Promise<void> {
  await t.query(`UPDATE message_thread SET status = 'closed', closed_at = COALESCE(closed_at, ${AT('$3')}), updated_at = ${AT('$3')} WHERE organization_id = $1 AND id = $2`, [organizationId, threadId, now]);
}

export interface AttachmentPlace {
  id: string; fileId: string; fileName: string; threadId: string; patientId: string; pool: MessagePool; assigneeUserId: string | null; internal: boolean;
}

export async function attachmentPlace(q: Queryable, organizationId: string, id: string): Promise<AttachmentPlace | undefined> {
  if (!isUuid(id)) return undefined;
  return q.one<AttachmentPlace>(
    `SELECT a.id, a.file_id AS "fileId", a.file_name AS "fileName", th.id AS "threadId", th.patient_id AS "patientId", th.pool,
            th.assignee_user_id AS "assigneeUserId", m.internal
       FROM message_attachment a JOIN message m ON m.id = a.message_id JOIN message_thread th ON th.id = m.thread_id
      WHERE a.organization_id = $1 AND a.id = $2`,
    [organizationId, id],
  );
}

/** Whether a person may follow a patient's messages live: their own record, or a caregiver's full, unrevoked grant. */
export async function mayFollowPatient(q: Queryable, organizationId: string, userId: string, patientId: string): Promise<boolean> {
  if (!isUuid(patientId)) return false;
  const r = await q.one<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM app_user WHERE organization_id = $1 AND id = $2 AND role = 'patient' AND patient_id = $3 AND status = 'active')
         OR EXISTS (SELECT 1 FROM caregiver_grant WHERE organization_id = $1 AND caregiver_user_id = $2 AND patient_id = $3 AND scope = 'full' AND revoked_at IS NULL) AS ok`,
    [organizationId, userId, patientId],
  );
  return r?.ok === true;
}

/**
 * Claims an Idempotency-Key for a request in `t`. A key already used answers
 * what it stored (a concurrent first use holds the row lock until it commits,
 * so the second waits and then reads its answer).
 */
export async function claimIdempotencyKey(
  t: Queryable,
  k: { organizationId: string; userId: string; key: string; requestHash: string; now: number },
): Promise<{ claimed: true } | { claimed: false; requestHash: string; response: unknown }> {
  const mine = await t.one(
    `INSERT INTO message_idempotency (organization_id, user_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4, ${AT('$5')})
     ON CONFLICT DO NOTHING RETURNING key`,
    [k.organizationId, k.userId, k.key, k.requestHash, k.now],
  );
  if (mine) return { claimed: true };
  const prior = await t.one<{ requestHash: string; response: unknown }>(
    'SELECT request_hash AS "requestHash", response FROM message_idempotency WHERE organization_id = $1 AND user_id = $2 AND key = $3',
    [k.organizationId, k.userId, k.key],
  );
  return { claimed: false, requestHash: prior!.requestHash, response: prior!.response };
}

export async function storeIdempotentAnswer(t: Queryable, k: { organizationId: string; userId: string; key: string; response: unknown }): Promise<void> {
  await t.query('UPDATE message_idempotency SET response = $4 WHERE organization_id = $1 AND user_id = $2 AND key = $3', [k.organizationId, k.userId, k.key, JSON.stringify(k.response)]);
}

export async function purgeIdempotencyKeys(q: Queryable, before: number): Promise<void> {
  await q.query(`DELETE FROM message_idempotency WHERE created_at < ${AT('$1')}`, [before]);
}

export const MESSAGES_CHANNEL = 'relief_messages';

/** Tells every server process, when `t` commits, that a thread changed (ids only: the frame the sockets get). */
export async function notifyChange(t: Queryable, frame: string): Promise<void> {
  await t.query('SELECT pg_notify($1, $2)', [MESSAGES_CHANNEL, frame]);
}
