import type { FastifyBaseLogger } from 'fastify';
import type { Db, Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import type { Mailer } from '../../platform/mailer.js';
import { renderAppointmentNotice, type NoticeData } from './engine/appointment-email.js';
import * as outbox from './outbox.repo.js';

export interface NotificationsDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer | null;
  log: FastifyBaseLogger;
  organizationId: string;
}

const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 3_600_000;

/** Exponential backoff: 30 s, 1 min, 2 min ... capped at an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), RETRY_MAX_MS);
}

export function createNotificationsService(deps: NotificationsDeps) {
  const { db, clock, mailer, log, organizationId } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  /** Writes an appointment notice into the outbox, inside the caller's transaction. */
  async function enqueueAppointmentNotice(t: Queryable, n: NoticeData & { recipient: string; appointmentId: string }): Promise<void> {
    const mail = renderAppointmentNotice(n);
    await outbox.insertOutbox(t, {
      organizationId, channel: 'email', recipient: n.recipient, subject: mail.subject, bodyText: mail.text,
      bodyHtml: mail.html, attachments: [], template: `appointment.${n.kind}`, appointmentId: n.appointmentId,
    });
  }

  /** Delivers what is due; returns how many were sent. */
  async function deliverDue(limit = 20): Promise<number> {
    if (!mailer) return 0;
    let sent = 0;
    // One message per transaction: a slow SMTP server holds one row lock, and a
    // crash after sending but before marking leads to a resend, never a loss.
    for (let i = 0; i < limit; i++) {
      const done = await db.tx(async (t) => {
        const [m] = await outbox.claimDue(t, clock.now(), 1);
        if (!m) return null;
        try {
          await mailer.send({ to: m.recipient, subject: m.subject, text: m.bodyText, html: m.bodyHtml, attachments: m.attachments });
          await outbox.markSent(t, m.id, clock.now());
          return true;
        } catch (err) {
          const attempt = m.attempts + 1;
          const retryAt = attempt >= m.maxAttempts ? null : clock.now() + retryDelayMs(attempt);
          await outbox.markAttemptFailed(t, m.id, (err as Error).message, retryAt);
          log.warn({ outboxId: m.id, attempt, willRetry: retryAt !== null }, 'outbox delivery failed');
          return false;
        }
      });
      if (done === null) break;
      if (done) sent++;
    }
    return sent;
  }

  function runOnce(): Promise<number> {
    if (!running) {
      running = deliverDue()
        .catch((err) => {
          log.error({ err }, 'outbox dispatcher error');
          return 0;
        })
        .finally(() => {
          running = undefined;
        });
    }
    return running;
  }

  return {
    enqueueAppointmentNotice,
    deliverDue,
    /** Asks the dispatcher to look now (after a commit) instead of at its next tick. */
    kick(): void {
      if (!mailer) {
        log.info('SMTP_URL is not set: the notice is kept in the outbox and not sent');
        return;
      }
      if (!stopped) setImmediate(() => void runOnce());
    },
    start(intervalMs = 5000): void {
      if (!mailer) {
        log.warn('SMTP_URL is not set: notices are kept in the outbox table and not sent');
        return;
      }
      timer = setInterval(() => void runOnce(), intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
    counts: () => outbox.countByStatus(db, organizationId),
    listForAppointment: (appointmentId: string) => outbox.listForAppointment(db, appointmentId),
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
