import type { WritePart } from '../../db/compose.js';
import type { Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../../shared/errors.js';
import { toE164 } from '../../../shared/phone.js';
import { chooseChannels } from './engine/channels.js';
import type { Language, RenderContext } from './engine/notice-layout.js';
import { CLINIC_QUIET_HOURS, nextSendableAt } from './engine/quiet-hours.js';
import { renderNotice, renderSms, type TemplateName, type TemplateParams } from './engine/templates.js';
import * as outbox from './outbox.repo.js';
import { findContact, type NoticeKind } from './preferences.repo.js';

/**
 * A notice to a patient about one kind of thing: the notices module finds
 * their address, phone, language and choices, and writes one outbox row per
 * channel they chose, in the caller's transaction.
 */
export type PatientNotice = {
  [K in TemplateName]: {
    patientId: string;
    kind: NoticeKind;
    template: K;
    params: TemplateParams[K];
    subject?: outbox.NoticeSubject | null;
    /** When it falls due (a reminder); now unless given. An SMS due inside quiet hours waits for their end. */
    dueAt?: number;
    /** Not sent at or after this instant (a reminder: the visit's start). */
    expiresAt?: number;
    /** The zone quiet hours are read in (the location's); the clinic's zone unless given. */
    timeZone?: string;
    /** A channel chosen for this very notice (a waitlist entry's "tell me by"), over the stored preference of its kind. */
    channel?: 'email' | 'sms' | 'both';
  };
}[TemplateName];

/** What notifying needs to know of the patient when the caller has it in hand (a booking, maybe of a new patient). */
export interface KnownContact {
  email: string;
  phone: string;
  language: Language;
}

export interface PatientNoticesDeps {
  organizationId: string;
  clock: Clock;
  renderContext: () => RenderContext;
  /** Where quiet hours are read when the notice names no zone (DESIGN: the demo's locations are all in America/Chicago). */
  clinicTimeZone: string;
}

export function createPatientNotices(deps: PatientNoticesDeps) {
  const { organizationId, clock } = deps;

  /** The rows of one notice in the patient's language: an email and a text, each when possible. */
  function candidates(n: PatientNotice, c: KnownContact) {
    const ctx = deps.renderContext();
    const zone = n.timeZone ?? deps.clinicTimeZone;
    const base = {
      organizationId, attachments: [], template: n.template, language: c.language, about: n.subject ?? null, now: clock.now(),
      kind: n.kind, patientId: n.patientId, dueAt: n.dueAt ?? null, expiresAt: n.expiresAt ?? null,
    };
    const mail = renderNotice(n.template, n.params as never, c.language, ctx);
    const email: outbox.NewOutboxMessage | null = c.email
      ? { ...base, channel: 'email', recipient: c.email, subject: mail.subject, bodyText: mail.text, bodyHtml: mail.html }
      : null;
    const number = toE164(c.phone);
    const text = renderSms(n.template, n.params as never, c.language, ctx);
    const sms: outbox.NewOutboxMessage | null = number && text
      ? { ...base, channel: 'sms', recipient: number, subject: mail.subject, bodyText: text, bodyHtml: null, quiet: { ...CLINIC_QUIET_HOURS, timeZone: zone } }
      : null;
    return { email, sms };
  }

  /**
   * Notifies a patient by kind (issue 12): the channels their preferences
   * choose, in their language, written in the caller's transaction `t`. An SMS
   * that would fall inside the patient's quiet hours is due when they end (and
   * not written when that is past its expiry). Returns the outbox ids; none
   * when the patient cannot be reached that way. The caller kicks delivery
   * after its commit (`kick`).
   */
  async function notifyPatient(t: Queryable, n: PatientNotice): Promise<string[]> {
    const contact = await findContact(t, organizationId, n.patientId);
    if (!contact) throw new AppError('NOT_FOUND', 'No such patient.', { reason: 'not_found' });
    const rows = candidates(n, contact);
    const channels = chooseChannels({ choice: n.channel ?? contact.channels[n.kind], hasEmail: rows.email !== null, canText: rows.sms !== null });
    const ids: string[] = [];
    for (const channel of channels) {
      let m = rows[channel]!;
      if (channel === 'sms') {
        const quiet = contact.quietHours ?? contact.clinicQuietHours;
        const dueAt = nextSendableAt(n.dueAt ?? clock.now(), quiet, m.quiet!.timeZone);
        if (n.expiresAt !== undefined && dueAt >= n.expiresAt) continue;
        m = { ...m, dueAt, quiet: { ...quiet, timeZone: m.quiet!.timeZone } };
      }
      ids.push(await outbox.insertOutbox(t, m));
    }
    return ids;
  }

  /**
   * The same notice as write parts of the caller's one statement (a booking,
   * db/compose.ts), for a patient whose contact the caller holds: each part
   * asks the stored preferences itself (a new patient has none: email). A
   * text held by quiet hours is deferred by delivery, which reads the row's
   * quiet hours.
   */
  function notifyPatientParts(n: PatientNotice, contact: KnownContact): WritePart[] {
    const rows = candidates(n, contact);
    const parts: WritePart[] = [];
    if (rows.sms) parts.push(outbox.insertOutboxPartIfChosen({ ...rows.sms, patientId: n.patientId, kind: n.kind }, false));
    // Email stands in for a text that cannot go (chooseChannels): then it is written whatever they chose.
    if (rows.email) parts.push(outbox.insertOutboxPartIfChosen({ ...rows.email, patientId: n.patientId, kind: n.kind }, rows.sms === null));
    return parts;
  }

  return { notifyPatient, notifyPatientParts };
}
