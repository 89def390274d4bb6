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
}

/** What a notice is about: an appointment, an account, later a message or a bill. */
export interface NoticeSubject {
  type: string;
  id: string;
}

export interface NewOutboxMessage {
  organizationId: string; channel: 'email' | 'sms'; recipient: string; subject: string; bodyText: string; bodyHtml: string | null;
  attachments: OutboxMessage['attachments']; template: string; language: 'en' | 'es'; about: NoticeSubject | null; now: number;
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
export function insertOutboxPart(m: NewOutboxMessage): WritePart {
  // Due "now" by the app's clock, the same clock that claims it. An appointment
  // subject also fills appointment_id, its foreign key (0012_notices.sql).
  return {
    sql: `INSERT INTO outbox (organization_id, channel, recipient, subject, body_text, body_html, attachments, template, language,
       subject_type, subject_id, appointment_id, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $10 = 'appointment' THEN $11::uuid END, to_timestamp($12 / 1000.0))`,
    params: [m.organizationId, m.channel, m.recipient, m.subject, m.bodyText, m.bodyHtml, JSON.stringify(m.attachments), m.template, m.language,
      m.about?.type ?? null, m.about?.id ?? null, m.now],
  };
}

/**
 * Claims the next due message by leasing it: its next_attempt_at moves past
 * the lease, so no other pass (in this or another process; SKIP LOCKED) takes
 * it while it is being sent, and no lock or transaction is held during the
 * SMTP conversation (on single-connection PGlite that would stall every
 * request). A process that dies mid-send leaves the lease to run out: the
 * message is then sent again, never lost. Email only: the mailer is the one
 * sender so far, and a text message must never go to it; an SMS row waits,
 * visible to staff, until an SMS sender claims it.
 */
export async function claimNextDue(db: Queryable, now: number, leaseMs: number): Promise<OutboxMessage | undefined> {
  return db.one<OutboxMessage>(
    `UPDATE outbox SET next_attempt_at = to_timestamp(($1::float8 + $2::float8) / 1000.0)
     WHERE id = (
       SELECT id FROM outbox WHERE status = 'pending' AND channel = 'email' AND next_attempt_at <= to_timestamp($1::float8 / 1000.0)
       ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
     )
     RETURNING id, channel, recipient, subject, body_text AS "bodyText", body_html AS "bodyHtml", attachments, template,
       attempts, max_attempts AS "maxAttempts"`,
    [now, leaseMs],
  );
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
    id: string; template: string; status: 'pending' | 'sent' | 'failed'; recipient: string; subject: string; bodyText: string;
    attempts: number; maxAttempts: number; lastError: string | null; nextAttemptAt: number;
  }>(
    `SELECT id, template, status, recipient, subject, body_text AS "bodyText", attempts, max_attempts AS "maxAttempts",
       last_error AS "lastError", (extract(epoch FROM next_attempt_at) * 1000)::float8 AS "nextAttemptAt"
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

export async function statusOf(db: Queryable, organizationId: string, id: string): Promise<'pending' | 'sent' | 'failed' | undefined> {
  return (await db.one<{ status: 'pending' | 'sent' | 'failed' }>('SELECT status FROM outbox WHERE id = $1 AND organization_id = $2', [id, organizationId]))?.status;
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
  id: string; channel: 'email' | 'sms'; template: string; language: 'en' | 'es'; recipient: string; status: 'pending' | 'sent' | 'failed';
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
