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
  return role;
}

/** Who acted: a person's name, 'You' for the patient, or a description when no one was signed in. */
export function whoLabel(d: Disclosure, t: Translate): string {
  if (d.role === 'patient') return t('my.who.you');
  if (d.role === 'public') return t('my.who.public');
  if (d.role === 'code_holder') return t('my.who.code_holder');
  if (d.role === 'system') return t('my.role.system');
  return d.who;
}

export function outcomeLabel(outcome: string, t: Translate): string {
  if (outcome === 'success') return t('my.outcome.success');
  if (outcome === 'denied') return t('my.outcome.denied');
  if (outcome === 'failure') return t('my.outcome.failure');
  return outcome;
}
