import type { WritePart } from '../../db/compose.js';
import type { Db, Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { pgBossJobs, type Jobs } from '../../platform/jobs.js';
import type { Mailer } from '../../platform/mailer.js';
import { AppError } from '../../../shared/errors.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { Language } from './engine/notice-layout.js';
import { channelOf, renderNotice, type TemplateName, type TemplateParams } from './engine/templates.js';
import * as outbox from './outbox.repo.js';

/**
 * One notice to send: a registered template with its params, in the
 * recipient's language, to one address, about one subject. The template's name
 * decides its params' type.
 */
export type NoticeRequest = {
  [K in TemplateName]: { template: K; language: Language; to: string; params: TemplateParams[K]; subject?: outbox.NoticeSubject | null };
}[TemplateName];

/** The appointment notice as scheduling sends it today; `enqueue` with an `appointment.*` template is the general form. */

/** The slice of the app's (pino) logger the outbox uses; services know nothing of HTTP. */
export interface NotificationsLog {
  info(objOrMsg: object | string, msg?: string): void;
  warn(objOrMsg: object | string, msg?: string): void;
  error(objOrMsg: object | string, msg?: string): void;
}

export interface NotificationsDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer | null;
  log: NotificationsLog;
  organizationId: string;
  /** Every template's clinic name and link base (PUBLIC_URL). */
  /** The clinic's name as it is when a notice is rendered (the clinic settings may change it). */
  clinicName: () => string;
  publicUrl: string;
  /** Staff reading the failed and waiting notices, and retrying one, is audited. */
  audit: AuditService;
  /** The jobs port; pg-boss on `db` when not given. */
  jobs?: Jobs;
}

const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 3_600_000;
/** Longer than the SMTP adapter's timeouts, so a lease never runs out mid-send. */
const LEASE_MS = 10 * 60_000;
/** A requeued failure gets this many more tries. */
const REQUEUE_ATTEMPTS = 3;

/** The delivery queue: a trigger, not a carrier; the outbox row says what to send. */
export const OUTBOX_QUEUE = 'outbox-deliver';
/** Retries fall due between triggers; the schedule looks every minute (pg-boss cron granularity). */
const OUTBOX_SCHEDULE = '* * * * *';

/** Exponential backoff: 30 s, 1 min, 2 min ... capped at an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), RETRY_MAX_MS);
}

/**
 * The outbox (DESIGN "Notifications never fire and forget"): a notice is a
 * row written in the transaction of the change it reports; delivery is
 * triggered after the commit by a pg-boss job and every minute by a pg-boss
 * schedule, and the row alone records status, attempts, backoff and the last
 * error. Losing a job loses nothing: the next trigger finds the row.
 */
export function createNoticesService(deps: NotificationsDeps) {
  const { db, clock, mailer, log, organizationId } = deps;
  let jobs: Jobs | undefined;
  let state: 'idle' | 'started' | 'stopped' = 'idle';
  let running: Promise<number> | undefined;

  const publicUrl = deps.publicUrl.replace(/\/+$/, '');

  /** A notice rendered once, as the outbox row that keeps it (delivery never renders), with the clinic's name as it is now. */
  function messageOf(n: NoticeRequest): outbox.NewOutboxMessage {
    const rendered = renderNotice(n.template, n.params as never, n.language, { clinicName: deps.clinicName(), publicUrl });
    return {
      organizationId, channel: channelOf(n.template), recipient: n.to, subject: rendered.subject, bodyText: rendered.text,
      bodyHtml: rendered.html, attachments: [], template: n.template, language: n.language, about: n.subject ?? null, now: clock.now(),
    };
  }

  /** Renders a notice once and writes it into the outbox inside the caller's transaction. */
  async function enqueue(t: Queryable, n: NoticeRequest): Promise<string> {
    return outbox.insertOutbox(t, messageOf(n));
  }

  /** The notice as a write for the caller's own statement (db/compose.ts): it commits with the change it reports. */
  function enqueuePart(n: NoticeRequest): WritePart {
    return outbox.insertOutboxPart(messageOf(n));
  }


  /** Delivers what is due, one leased message at a time; returns how many were sent. */
  async function deliverDue(limit = 20): Promise<number> {
    if (!mailer) return 0;
    let sent = 0;
    for (let i = 0; i < limit; i++) {
      const m = await outbox.claimNextDue(db, clock.now(), LEASE_MS);
      if (!m) break;
      let error: string | null = null;
      try {
        await mailer.send({ to: m.recipient, subject: m.subject, text: m.bodyText, html: m.bodyHtml, attachments: m.attachments });
      } catch (err) {
        error = (err as Error).message || String(err);
      }
      if (error === null) {
        await outbox.markSent(db, m.id, clock.now());
        sent++;
        continue;
      }
      const attempt = m.attempts + 1;
      const retryAt = attempt >= m.maxAttempts ? null : clock.now() + retryDelayMs(attempt);
      await outbox.markAttemptFailed(db, m.id, error, retryAt);
      // The error text stays in the row: an SMTP reply may quote the address.
      if (retryAt === null) log.error({ outboxId: m.id, attempt }, 'outbox delivery failed for good: the message is marked failed');
      else log.warn({ outboxId: m.id, attempt, retryAt: new Date(retryAt).toISOString() }, 'outbox delivery failed; will retry');
    }
    return sent;
  }

  /** One delivery pass at a time per process; a pass asked for during one runs after it. */
  async function runOnce(): Promise<number> {
    while (running) await running;
    running = deliverDue()
      .catch((err) => {
        log.error({ err }, 'outbox dispatcher error');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  /** Asks for delivery now (after a commit) instead of at the next scheduled look. */
  function kick(): void {
    if (!mailer) {
      log.info('SMTP_URL is not set: the notice is kept in the outbox and not sent');
      return;
    }
    // Not started (tests, or a process without delivery): the row waits for a started process.
    if (state !== 'started' || !jobs) return;
    jobs.send(OUTBOX_QUEUE).catch((err) => log.warn({ err }, 'outbox: could not queue a delivery job; the schedule will deliver the notice'));
  }

  /** Staff: the notices that failed, or wait to be sent, newest first; the reading is audited. */
  async function listUnsent(q: { status: 'pending' | 'failed'; limit: number }, ctx: AuditContext) {
    const items = await outbox.listUnsent(db, { organizationId, ...q });
    await deps.audit.record(ctx, { action: 'notices.read', resourceType: 'notice', reason: `${items.length} ${q.status}` });
    return items;
  }

  /** Staff: a failed notice gets a few more tries, starting now; audited, refused for one that is not failed. */
  async function retry(id: string, ctx: AuditContext): Promise<void> {
    const status = await outbox.statusOf(db, organizationId, id);
    const requeued = status === 'failed' && (await outbox.requeueFailed(db, { organizationId, id, now: clock.now(), extraAttempts: REQUEUE_ATTEMPTS }));
    await deps.audit.record(ctx, { action: 'notice.retry', resourceType: 'notice', resourceId: id, outcome: requeued ? 'success' : 'failure', reason: requeued ? null : `status ${status ?? 'unknown'}` });
    if (!status) throw new AppError('NOT_FOUND', 'No such notice.', { reason: 'not_found' });
    // A pending notice is already due or leased to a sender: sending it now could send it twice.
    if (!requeued) throw new AppError('CONFLICT', `Only a failed notice can be retried; this one is ${status}.`, { reason: status === 'sent' ? 'already_sent' : 'not_failed' });
    kick();
  }

  return {
    enqueue,
    enqueuePart,
    listUnsent,
    /** Whether notices are sent at all: without a mailer (SMTP_URL unset) they stay in the outbox. */
    sending: mailer !== null,
    retry,
    deliverDue,
    kick,
    /** Starts delivery through the jobs port; without a mailer nothing runs and the log says so. */
    async start(opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
      if (!mailer) {
        log.warn('SMTP_URL is not set: notices are kept in the outbox table and not sent; no delivery job runs');
        return;
      }
      if (state !== 'idle') return;
      jobs = deps.jobs ?? pgBossJobs(db, { log, ...opts });
      await jobs.start();
      await jobs.work(OUTBOX_QUEUE, async () => void (await runOnce()), { collapse: true, retryLimit: 0 });
      await jobs.schedule(OUTBOX_QUEUE, OUTBOX_SCHEDULE);
      state = 'started';
      // Whatever was left by an earlier run goes out now, not at the next minute.
      await jobs.send(OUTBOX_QUEUE);
    },
    async stop(): Promise<void> {
      state = 'stopped';
      await jobs?.stop();
      await running;
    },
    /** Gives a failed message a few more tries (a staff action); false when it is not failed. */
    async requeueFailed(outboxId: string): Promise<boolean> {
      const requeued = await outbox.requeueFailed(db, { organizationId, id: outboxId, now: clock.now(), extraAttempts: REQUEUE_ATTEMPTS });
      if (requeued) kick();
      return requeued;
    },
    counts: () => outbox.countByStatus(db, organizationId),
    listForAppointment: (appointmentId: string) => outbox.listForSubject(db, { type: 'appointment', id: appointmentId }),
    listForSubject: (about: outbox.NoticeSubject) => outbox.listForSubject(db, about),
  };
}
export type NoticesService = ReturnType<typeof createNoticesService>;
