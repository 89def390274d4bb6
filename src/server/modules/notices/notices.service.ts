import type { WritePart } from '../../db/compose.js';
import type { Db, Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { pgBossJobs, type Jobs } from '../../platform/jobs.js';
import type { Mailer } from '../../platform/mailer.js';
import { SmsError, type SmsSender } from '../../platform/sms.js';
import { AppError } from '../../../shared/errors.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { Language } from './engine/notice-layout.js';
import { maskRecipient } from './engine/mask-recipient.js';
import { channelOf, renderNotice, type TemplateName, type TemplateParams } from './engine/templates.js';
import { isInQuietHours, nextSendableAt } from './engine/quiet-hours.js';
import * as outbox from './outbox.repo.js';
import { createPatientNotices } from './patient-notices.js';
import { createPreferences } from './preferences.service.js';

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
  /** The SMS sender (Twilio); null: SMS notices stay in the outbox and the log says so. */
  sms?: SmsSender | null;
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
  /** The zone quiet hours are read in when a notice names none. */
  clinicTimeZone?: string;
}

/** The clinic's zone when a notice names none (DESIGN: every demo location is in Central Texas). */
const CLINIC_TIME_ZONE = 'America/Chicago';
/** The reminder template: cancelled with its visit. */
const REMINDER_TEMPLATES = ['appointment.reminder'] as const;

const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 3_600_000;
/** Longer than the SMTP adapter's timeouts, so a lease never runs out mid-send. */
const LEASE_MS = 10 * 60_000;
/** A requeued failure gets this many more tries. */
const REQUEUE_ATTEMPTS = 3;
/** The demo mailbox's length: the newest notices. */
const MAILBOX_LIMIT = 100;

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
  const sms = deps.sms ?? null;
  /** The channels this process can send; a row of another channel waits for a process that can. */
  const channels = [...(mailer ? (['email'] as const) : []), ...(sms ? (['sms'] as const) : [])];
  let toldNoSms = false;
  let jobs: Jobs | undefined;
  let state: 'idle' | 'started' | 'stopped' = 'idle';
  let running: Promise<number> | undefined;

  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const patientNotices = createPatientNotices({
    organizationId, clock, renderContext: () => ({ clinicName: deps.clinicName(), publicUrl }), clinicTimeZone: deps.clinicTimeZone ?? CLINIC_TIME_ZONE,
  });
  const preferences = createPreferences({ db, clock, organizationId, audit: deps.audit, smsSending: () => sms !== null });

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


  /** Sends one claimed message by its channel; an SmsError says whether trying again could help. */
  async function sendOne(m: outbox.OutboxMessage): Promise<void> {
    if (m.channel === 'sms') await sms!.send({ to: m.recipient, body: m.bodyText });
    else await mailer!.send({ to: m.recipient, subject: m.subject, text: m.bodyText, html: m.bodyHtml, attachments: m.attachments });
  }

  /**
   * Delivers what is due, one leased message at a time, by the channels this
   * process has a sender for; returns how many were sent. Reminders whose
   * visit began are cancelled first; a text inside its quiet hours goes back
   * to wait for their end (no attempt counted).
   */
  async function deliverDue(limit = 20): Promise<number> {
    if (channels.length === 0) return 0;
    await outbox.expireDue(db, clock.now(), REMINDER_TEMPLATES);
    let sent = 0;
    for (let i = 0; i < limit; i++) {
      const m = await outbox.claimNextDue(db, clock.now(), LEASE_MS, channels);
      if (!m) break;
      if (m.quiet && isInQuietHours(clock.now(), m.quiet, m.quiet.timeZone)) {
        await outbox.deferUntil(db, m.id, nextSendableAt(clock.now(), m.quiet, m.quiet.timeZone));
        continue;
      }
      let error: string | null = null;
      let permanent = false;
      try {
        await sendOne(m);
      } catch (err) {
        error = (err as Error).message || String(err);
        permanent = err instanceof SmsError && err.permanent;
      }
      if (error === null) {
        await outbox.markSent(db, m.id, clock.now());
        sent++;
        continue;
      }
      const attempt = m.attempts + 1;
      let retryAt = permanent || attempt >= m.maxAttempts ? null : clock.now() + retryDelayMs(attempt);
      // A retried text still keeps its quiet hours.
      if (retryAt !== null && m.quiet) retryAt = nextSendableAt(retryAt, m.quiet, m.quiet.timeZone);
      await outbox.markAttemptFailed(db, m.id, error, retryAt);
      // The error text stays in the row: an SMTP reply may quote the address, a provider's the number.
      if (retryAt === null) log.error({ outboxId: m.id, attempt, channel: m.channel, permanent }, 'outbox delivery failed for good: the message is marked failed');
      else log.warn({ outboxId: m.id, attempt, channel: m.channel, retryAt: new Date(retryAt).toISOString() }, 'outbox delivery failed; will retry');
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
    if (channels.length === 0) {
      log.info('SMTP_URL is not set: the notice is kept in the outbox and not sent (and no SMS sender is set either)');
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

  /**
   * The demo mailbox (issue 11, part 4): while no email server is set up, the
   * newest notices with their content (codes, links), since nothing else would
   * ever show them; with one, where each stands and nothing of what it says.
   * The read and its audit event are one statement.
   */
  async function mailbox(ctx: AuditContext): Promise<{ mode: 'demo'; items: outbox.MailboxNotice[] } | { mode: 'smtp'; items: outbox.DeliveryRow[] }> {
    const event = { action: 'demo_mailbox.read', resourceType: 'notice' };
    if (!mailer) {
      return { mode: 'demo', items: await deps.audit.readAudited(ctx, { ...event, reason: 'content shown: no email server' }, outbox.mailboxQuery(organizationId, MAILBOX_LIMIT)) };
    }
    const rows = await deps.audit.readAudited(ctx, { ...event, reason: 'delivery status only' }, outbox.deliveryQuery(organizationId, MAILBOX_LIMIT));
    return { mode: 'smtp', items: rows.map((r) => ({ ...r, recipient: maskRecipient(r.channel, r.recipient) })) };
  }

  /** A visit cancelled or moved: its pending reminders will not go (in the caller's transaction). */
  async function cancelReminders(t: Queryable, appointmentId: string, why: 'cancelled' | 'moved'): Promise<number> {
    return outbox.cancelPendingForAppointment(t, { appointmentId, templates: REMINDER_TEMPLATES, why: `not sent: the visit was ${why}` });
  }

  return {
    enqueue,
    enqueuePart,
    notifyPatient: patientNotices.notifyPatient,
    notifyPatientParts: patientNotices.notifyPatientParts,
    cancelReminders,
    preferences,
    /** Whether text messages are sent: without TWILIO_* they stay in the outbox. */
    sendingSms: sms !== null,
    listUnsent,
    mailbox,
    /** Whether notices are sent at all: without a mailer (SMTP_URL unset) they stay in the outbox. */
    sending: mailer !== null,
    retry,
    deliverDue,
    kick,
    /** Starts delivery through the jobs port; without a mailer nothing runs and the log says so. */
    async start(opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
      if (!sms && !toldNoSms) {
        toldNoSms = true;
        log.warn('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM are not set: SMS notices are kept in the outbox table and not sent');
      }
      if (!mailer) log.warn('SMTP_URL is not set: notices are kept in the outbox table and not sent by email');
      if (channels.length === 0) {
        log.warn('no email or SMS sender is configured: no delivery job runs');
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
