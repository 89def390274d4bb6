import type { Queryable } from '../../db/db.js';

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

export async function insertOutbox(
  db: Queryable,
  m: { organizationId: string; channel: 'email' | 'sms'; recipient: string; subject: string; bodyText: string; bodyHtml: string | null; attachments: OutboxMessage['attachments']; template: string; appointmentId: string | null },
): Promise<string> {
  const row = await db.one<{ id: string }>(
    `INSERT INTO outbox (organization_id, channel, recipient, subject, body_text, body_html, attachments, template, appointment_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [m.organizationId, m.channel, m.recipient, m.subject, m.bodyText, m.bodyHtml, JSON.stringify(m.attachments), m.template, m.appointmentId],
  );
  return row!.id;
}

/** Claims due messages; SKIP LOCKED lets several server processes share the work. */
export async function claimDue(db: Queryable, now: number, limit: number): Promise<OutboxMessage[]> {
  return db.query<OutboxMessage>(
    `SELECT id, channel, recipient, subject, body_text AS "bodyText", body_html AS "bodyHtml", attachments, template,
       attempts, max_attempts AS "maxAttempts"
     FROM outbox WHERE status = 'pending' AND next_attempt_at <= to_timestamp($1 / 1000.0)
     ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
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

export async function listForAppointment(db: Queryable, appointmentId: string) {
  return db.query<{ template: string; status: string; recipient: string; subject: string; bodyText: string; attempts: number; lastError: string | null }>(
    `SELECT template, status, recipient, subject, body_text AS "bodyText", attempts, last_error AS "lastError"
     FROM outbox WHERE appointment_id = $1 ORDER BY created_at`,
    [appointmentId],
  );
}
