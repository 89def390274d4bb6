import type { z } from 'zod';
import type { Disclosure as DisclosureSchema } from '../../../shared/contracts/routes';
import type { MessageKey, Translate } from '../../app/i18n/catalog';

/** One line of the accounting of disclosures, as GET /api/patients/:id/disclosures sends it. */
export type Disclosure = z.infer<typeof DisclosureSchema>;

type ActionKey = Exclude<Extract<MessageKey, `my.action.${string}`>, 'my.action.other'>;
const ACTIONS: Record<string, ActionKey> = {
  'appointment.create': 'my.action.appointment.create',
  'appointment.read': 'my.action.appointment.read',
  'appointment.reschedule': 'my.action.appointment.reschedule',
  'appointment.cancel': 'my.action.appointment.cancel',
  'appointment.status': 'my.action.appointment.status',
  'appointment_request.create': 'my.action.appointment_request.create',
  'appointment_request.read': 'my.action.appointment_request.read',
  'appointment_request.decline': 'my.action.appointment_request.decline',
  'appointment_request.book': 'my.action.appointment_request.book',
  'schedule.read': 'my.action.schedule.read',
  'patient.search': 'my.action.patient.search',
  'disclosures.read': 'my.action.disclosures.read',
  'break_glass.start': 'my.action.break_glass.start',
  'chart.read': 'my.action.chart.read',
  'user.activate': 'my.action.user.activate',
  'user.activation_code': 'my.action.user.activation_code',
  'audit.read': 'my.action.audit.read',
  'sharing.caregiver_grant': 'my.action.sharing.caregiver_grant',
  'sharing.caregiver_revoke': 'my.action.sharing.caregiver_revoke',
  'shared_records.read': 'my.action.shared_records.read',
  'notice_preferences.read': 'my.action.notice_preferences.read',
  'notice_preferences.update': 'my.action.notice_preferences.update',
  // Issue 12.
  'calendar_feed.read': 'my.action.calendar_feed.read',
  'calendar_feed.create': 'my.action.calendar_feed.create',
  'calendar_feed.renew': 'my.action.calendar_feed.renew',
  'calendar_feed.revoke': 'my.action.calendar_feed.revoke',
  'waitlist.read': 'my.action.waitlist.read',
  'waitlist.join': 'my.action.waitlist.join',
  'waitlist.accept': 'my.action.waitlist.accept',
  'waitlist.offer_read': 'my.action.waitlist.offer_read',
  'message.read': 'my.action.message.read',
  'message.send': 'my.action.message.send',
  'message.download': 'my.action.message.download',
  'message.claim': 'my.action.message.claim',
  'message.assign': 'my.action.message.assign',
  'message.close': 'my.action.message.close',
  'message.note': 'my.action.message.note',
};

/** What was done, in words a patient understands: schedule.read -> 'Viewed your appointment on the schedule'. */
export function actionLabel(action: string, t: Translate, emergency = false): string {
  if (emergency && action === 'chart.read') return t('my.action.chart.read.emergency');
  const key = ACTIONS[action];
  return key ? t(key) : t('my.action.other', { action });
}

type RoleKey = Extract<MessageKey, `console.role.${string}`>;
const ROLES: Record<string, RoleKey> = {
  patient: 'console.role.patient',
  caregiver: 'console.role.caregiver',
  front_desk: 'console.role.front_desk',
  nurse: 'console.role.nurse',
  clinician: 'console.role.clinician',
  billing: 'console.role.billing',
  referrer: 'console.role.referrer',
  admin: 'console.role.admin',
};

/** The role of whoever acted; people acting without an account get a plain description. */
export function roleLabel(role: string, t: Translate): string {
  const key = ROLES[role];
  if (key) return t(key);
  if (role === 'public') return t('my.role.public');
  if (role === 'code_holder') return t('my.role.code_holder');
  if (role === 'system') return t('my.role.system');
  if (role === 'anonymous') return t('my.role.anonymous');
  return role;
}

/** Who acted: a person's name, 'You' for the patient, or a description when no one was signed in (never a raw "anonymous"). */
export function whoLabel(d: Disclosure, t: Translate): string {
  if (d.role === 'patient') return t('my.who.you');
  if (d.role === 'public') return t('my.who.public');
  if (d.role === 'code_holder') return t('my.who.code_holder');
  if (d.role === 'system') return t('my.role.system');
  if (d.role === 'anonymous' || d.who === 'anonymous') return t('my.who.anonymous');
  return d.who;
}

type RefusalKey = Extract<MessageKey, `my.refusal.${string}`>;
const REFUSALS: Record<NonNullable<Disclosure['refusal']>, RefusalKey> = {
  not_signed_in: 'my.refusal.not_signed_in',
  session_ended: 'my.refusal.session_ended',
  second_factor: 'my.refusal.second_factor',
  role: 'my.refusal.role',
  not_care_team: 'my.refusal.not_care_team',
  no_referral: 'my.refusal.no_referral',
  caregiver_limited: 'my.refusal.caregiver_limited',
  not_their_record: 'my.refusal.not_their_record',
  wrong_code: 'my.refusal.wrong_code',
  too_many: 'my.refusal.too_many',
  other: 'my.refusal.other',
};

/** Why an attempt did not succeed, as a sentence ("Was refused: not on your care team."); null for one that did. */
export function refusalLabel(d: Disclosure, t: Translate): string | null {
  if (d.outcome === 'success') return null;
  return t('my.disclosures.refused', { why: t(REFUSALS[d.refusal ?? 'other']) });
}

/** Several lines that say the same thing of one day: who, what, how it ended, why. */
export interface DisclosureGroup {
  /** The newest line of the group (what the row shows). */
  line: Disclosure;
  count: number;
  /** The earliest and latest times of the group. */
  from: string;
  to: string;
}

const dayIn = (zone: string) => {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (at: string) => f.format(new Date(at));
};

/**
 * Repeated views folded into one line (issue 11): the same person doing the
 * same thing with the same outcome on the same day (in the clinic's zone)
 * becomes one row with a count and its time range. Rows stay newest first.
 */
export function groupDisclosures(items: readonly Disclosure[], zone: string): DisclosureGroup[] {
  const day = dayIn(zone);
  const sorted = [...items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const groups = new Map<string, DisclosureGroup>();
  for (const d of sorted) {
    const key = JSON.stringify([day(d.at), d.role, d.who, d.action, d.outcome, d.refusal ?? null, d.emergency ?? false, d.emergencyReason ?? null]);
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.from = d.at;
    } else groups.set(key, { line: d, count: 1, from: d.at, to: d.at });
  }
  return [...groups.values()];
}

export function outcomeLabel(outcome: string, t: Translate): string {
  if (outcome === 'success') return t('my.outcome.success');
  if (outcome === 'denied') return t('my.outcome.denied');
  if (outcome === 'failure') return t('my.outcome.failure');
  return outcome;
}
