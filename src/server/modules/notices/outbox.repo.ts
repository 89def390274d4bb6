import type { WritePart } from '../../db/compose.js';
import type { Queryable, ReadQuery } from '../../db/db.js';

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  attachments: { filename: string; contentType: string; content: string }[];
  template: string;
  attempts: number;
  maxAttempts: number;
  /** An SMS's quiet hours and the zone they are read in; null for email. */
  quiet: { start: string; end: string; timeZone: string } | null;
}

/** What a notice is about: an appointment, an account, later a message or a bill. */
export interface NoticeSubject {
  type: string;
  id: string;
}

export interface NewOutboxMessage {
  organizationId: string; channel: 'email' | 'sms'; recipient: string; subject: string; bodyText: string; bodyHtml: string | null;
  attachments: OutboxMessage['attachments']; template: string; language: 'en' | 'es'; about: NoticeSubject | null; now: number;
  /** A patient notice: its kind (the preference that chose the channel) and patient. */
  kind?: string | null; patientId?: string | null;
  /** When it falls due (a reminder: before its visit); `now` unless given. */
  dueAt?: number | null;
  /** Not sent at or after this instant (a reminder of a visit that has begun). */
  expiresAt?: number | null;
  quiet?: OutboxMessage['quiet'];
}

export async function insertOutbox(
  db: Queryable,
  m: NewOutboxMessage,
): Promise<string> {
  const part = insertOutboxPart(m);
  const row = await db.one<{ id: string }>(`${part.sql} RETURNING id`, part.params);
  return row!.id;
}

/** The same insert, for a caller that runs it inside its own statement (db/compose.ts). */
const INSERT_COLUMNS = `organization_id, channel, recipient, subject, body_text, body_html, attachments, template, language,
       subject_type, subject_id, appointment_id, next_attempt_at, kind, patient_id, expires_at, quiet_start, quiet_end, time_zone`;
/** The values of INSERT_COLUMNS from insertParams; `quiet` lets a caller read the quiet hours from elsewhere. */
// Typed, so the same list serves an INSERT ... SELECT (where an untyped parameter would be read as text).
const insertValues = (quiet = '$16::text, $17::text') => `$1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::jsonb, $8::text, $9::text,
       $10::text, $11::uuid, CASE WHEN $10 = 'appointment' THEN $11::uuid END,
       to_timestamp($12::float8 / 1000.0), $13::text, $14::uuid, to_timestamp($15::float8 / 1000.0), ${quiet}, $18::text`;
const insertParams = (m: NewOutboxMessage) => [m.organizationId, m.channel, m.recipient, m.subject, m.bodyText, m.bodyHtml, JSON.stringify(m.attachments), m.template,
  m.language, m.about?.type ?? null, m.about?.id ?? null, m.dueAt ?? m.now, m.kind ?? null, m.patientId ?? null, m.expiresAt ?? null,
  m.quiet?.start ?? null, m.quiet?.end ?? null, m.quiet?.timeZone ?? null];

/** The same insert, for a caller that runs it inside its own statement (db/compose.ts). */
export function insertOutboxPart(m: NewOutboxMessage): WritePart {
  // Due "now" by the app's clock (or at `dueAt`), the same clock that claims it. An appointment
  // subject also fills appointment_id, its foreign key (0012_notices.sql).
  return { sql: `INSERT INTO outbox (${INSERT_COLUMNS}) VALUES (${insertValues()})`, params: insertParams(m) };
}

/**
 * Claims the next due message by leasing it: its next_attempt_at moves past
 * the lease, so no other pass (in this or another process; SKIP LOCKED) takes
 * it while it is being sent, and no lock or transaction is held during the
 * SMTP conversation (on single-connection PGlite that would stall every
 * request). A process that dies mid-send leaves the lease to run out: the
 * message is then sent again, never lost. Only the channels this process
 * has a sender for: a text message must never go to the mailer; an SMS row
 * waits, visible to staff, until a process with an SMS sender claims it. A
 * message past its expiry is not claimed (expireDue cancels it).
 */
export async function claimNextDue(db: Queryable, now: number, leaseMs: number, channels: readonly ('email' | 'sms')[]): Promise<OutboxMessage | undefined> {
  const row = await db.one<Omit<OutboxMessage, 'quiet'> & { quietStart: string | null; quietEnd: string | null; timeZone: string | null }>(
    `UPDATE outbox SET next_attempt_at = to_timestamp(($1::float8 + $2::float8) / 1000.0)
     WHERE id = (
       SELECT id FROM outbox WHERE status = 'pending' AND channel = ANY($3::text[]) AND next_attempt_at <= to_timestamp($1::float8 / 1000.0)
         AND (expires_at IS NULL OR expires_at > to_timestamp($1::float8 / 1000.0))
       ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
     )
     RETURNING id, channel, recipient, subject, body_text AS "bodyText", body_html AS "bodyHtml", attachments, template,
       attempts, max_attempts AS "maxAttempts", quiet_start AS "quietStart", quiet_end AS "quietEnd", time_zone AS "timeZone"`,
    [now, leaseMs, channels],
  );
  if (!row) return undefined;
  const { quietStart, quietEnd, timeZone, ...m } = row;
  return { ...m, quiet: quietStart && quietEnd && timeZone ? { start: quietStart, end: quietEnd, timeZone } : null };
}

/**
 * Pending messages whose moment has passed (a reminder of a visit that began)
 * are cancelled, never sent late; so are the reminders (`visitTemplates`) of a
 * visit no longer booked, however it changed (the cancel and move paths cancel
 * them in their own transaction; this also covers a check-in or a no-show).
 */
export async function expireDue(db: Queryable, now: number, visitTemplates: readonly string[]): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `UPDATE outbox o SET status = 'cancelled', last_error = CASE WHEN o.expires_at <= to_timestamp($1::float8 / 1000.0)
         THEN 'not sent: its moment passed (the visit began)' ELSE 'not sent: the visit is no longer booked' END
     WHERE o.status = 'pending' AND (o.expires_at <= to_timestamp($1::float8 / 1000.0)
       OR (o.template = ANY($2::text[]) AND o.appointment_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM appointment a WHERE a.id = o.appointment_id AND a.status <> 'booked')))
     RETURNING o.id`,
    [now, visitTemplates],
  );
  return rows.length;
}

/** A claimed SMS inside its quiet hours goes back to wait for their end; no attempt is counted. */
export async function deferUntil(db: Queryable, id: string, at: number): Promise<void> {
  await db.query('UPDATE outbox SET next_attempt_at = to_timestamp($2::float8 / 1000.0) WHERE id = $1', [id, at]);
}

/**
 * The pending notices of an appointment from these templates (its reminders)
 * are cancelled, in the transaction that cancels or moves the visit: a
 * cancelled visit is never reminded of. Returns how many.
 */
export async function cancelPendingForAppointment(db: Queryable, q: { appointmentId: string; templates: readonly string[]; why: string }): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `UPDATE outbox SET status = 'cancelled', last_error = $3
     WHERE appointment_id = $1 AND status = 'pending' AND template = ANY($2::text[]) RETURNING id`,
    [q.appointmentId, q.templates, q.why],
  );
  return rows.length;
}

export async function markSent(db: Queryable, id: string, now: number): Promise<void> {
  await db.query(`UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = to_timestamp($2 / 1000.0), last_error = NULL WHERE id = $1`, [id, now]);
}

export async function markAttemptFailed(db: Queryable, id: string, error: string, retryAt: number | null): Promise<void> {
  await db.query(
    `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
       status = CASE WHEN $3::float8 IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = coalesce(to_timestamp($3::float8 / 1000.0), next_attempt_at)
     WHERE id = $1`,
    [id, error.slice(0, 1000), retryAt],
  );
}

export async function countByStatus(db: Queryable, organizationId: string): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM outbox WHERE organization_id = $1 GROUP BY status',
    [organizationId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** A failed message gets `extraAttempts` more tries, starting now; its attempt count and last error stay. */
export async function requeueFailed(db: Queryable, m: { organizationId: string; id: string; now: number; extraAttempts: number }): Promise<boolean> {
  const row = await db.one<{ id: string }>(
    `UPDATE outbox SET status = 'pending', max_attempts = attempts + $4, next_attempt_at = to_timestamp($3 / 1000.0)
     WHERE id = $1 AND organization_id = $2 AND status = 'failed' RETURNING id`,
    [m.id, m.organizationId, m.now, m.extraAttempts],
  );
  return row !== undefined;
}

export async function listForSubject(db: Queryable, about: NoticeSubject) {
  return db.query<{
    id: string; channel: 'email' | 'sms'; template: string; status: 'pending' | 'sent' | 'failed' | 'cancelled'; recipient: string; subject: string; bodyText: string;
    attempts: number; maxAttempts: number; lastError: string | null; nextAttemptAt: number; expiresAt: number | null;
  }>(
    `SELECT id, channel, template, status, recipient, subject, body_text AS "bodyText", attempts, max_attempts AS "maxAttempts",
       last_error AS "lastError", (extract(epoch FROM next_attempt_at) * 1000)::float8 AS "nextAttemptAt",
       (extract(epoch FROM expires_at) * 1000)::float8 AS "expiresAt"
     FROM outbox WHERE subject_type = $1 AND subject_id = $2 ORDER BY created_at, seq`,
    [about.type, about.id],
  );
}

/** A notice as staff see it: where it stands and what it is about, never its body (codes and links live there). */
export interface UnsentNotice {
  id: string; channel: 'email' | 'sms'; template: string; language: 'en' | 'es'; recipient: string; status: 'pending' | 'failed';
  attempts: number; maxAttempts: number; lastError: string | null; createdAt: number; nextAttemptAt: number;
  subjectType: string | null; subjectId: string | null;
}

export async function listUnsent(db: Queryable, q: { organizationId: string; status: 'pending' | 'failed'; limit: number }): Promise<UnsentNotice[]> {
  return db.query<UnsentNotice>(
    `SELECT id, channel, template, language, recipient, status, attempts, max_attempts AS "maxAttempts", last_error AS "lastError",
       (extract(epoch FROM created_at) * 1000)::float8 AS "createdAt", (extract(epoch FROM next_attempt_at) * 1000)::float8 AS "nextAttemptAt",
       subject_type AS "subjectType", subject_id AS "subjectId"
     FROM outbox WHERE organization_id = $1 AND status = $2 ORDER BY created_at DESC, seq DESC LIMIT $3`,
    [q.organizationId, q.status, q.limit],
  );
}

export async function statusOf(db: Queryable, organizationId: string, id: string): Promise<'pending' | 'sent' | 'failed' | 'cancelled' | undefined> {
  return (await db.one<{ status: 'pending' | 'sent' | 'failed' | 'cancelled' }>('SELECT status FROM outbox WHERE id = $1 AND organization_id = $2', [id, organizationId]))?.status;
}

/** A notice as the demo mailbox shows it while nothing is sent (no SMTP): its whole text, so a trial works without the database. */
export interface MailboxNotice {
  id: string; channel: 'email' | 'sms'; template: string; language: 'en' | 'es'; recipient: string; subject: string; bodyText: string; createdAt: number;
}

/** The newest notices with their content, for the demo mailbox (its caller audits the read in the same statement). */
export function mailboxQuery(organizationId: string, limit: number): ReadQuery<MailboxNotice> {
  return {
    sql: `SELECT id, channel, template, language, recipient, subject, body_text AS "bodyText", (extract(epoch FROM created_at) * 1000)::float8 AS "createdAt"
          FROM outbox WHERE organization_id = $1 ORDER BY created_at DESC, seq DESC LIMIT $2`,
    params: [organizationId, limit],
  };
}

/** Where a notice stands, with no word of its content: what the mailbox shows once an email server sends them. */
export interface DeliveryRow {
  id: string; channel: 'email' | 'sms'; template: string; language: 'en' | 'es'; recipient: string; status: 'pending' | 'sent' | 'failed' | 'cancelled';
  attempts: number; createdAt: number; sentAt: number | null; nextAttemptAt: number;
}

export function deliveryQuery(organizationId: string, limit: number): ReadQuery<DeliveryRow> {
  return {
    sql: `SELECT id, channel, template, language, recipient, status, attempts, (extract(epoch FROM created_at) * 1000)::float8 AS "createdAt",
            (extract(epoch FROM sent_at) * 1000)::float8 AS "sentAt", (extract(epoch FROM next_attempt_at) * 1000)::float8 AS "nextAttemptAt"
          FROM outbox WHERE organization_id = $1 ORDER BY created_at DESC, seq DESC LIMIT $2`,
    params: [organizationId, limit],
  };
}

/**
 * The insert as a write part that asks the patient's preferences itself, for a
 * caller's one-statement write (a booking): the row is written only when the
 * patient's choice for `kind` includes its channel (no choice stored: email);
 * `always` writes it regardless (an email standing in for a text that cannot
 * go). An SMS takes the patient's quiet hours, or `m.quiet`'s when they chose
 * none. `kind` is one of the code's own column names, never input.
 */
export function insertOutboxPartIfChosen(m: NewOutboxMessage & { patientId: string; kind: string }, always: boolean): WritePart {
  const pref = (col: string) => `(SELECT ${col} FROM notice_preference WHERE patient_id = $14::uuid)`;
  // A patient's own quiet hours, else the clinic's (a setting on the organization).
  const clinic = (col: string) => `(SELECT ${col} FROM organization WHERE id = $1::uuid)`;
  const quiet = m.channel === 'sms' ? `coalesce(${pref('quiet_start')}, ${clinic('sms_quiet_start')}, $16::text), coalesce(${pref('quiet_end')}, ${clinic('sms_quiet_end')}, $17::text)` : undefined;
  return {
    sql: `INSERT INTO outbox (${INSERT_COLUMNS}) SELECT ${insertValues(quiet)}
     WHERE $19::boolean OR coalesce(${pref(m.kind)}, 'email') IN ($2::text, 'both')`,
    params: [...insertParams(m), always],
  };
}
