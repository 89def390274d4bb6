import type { MessageKey, Translate } from '../../../app/i18n/catalog';

/** The registry's template names the console has words for; any other shows its name. */
const TEMPLATE_KEYS: Record<string, Extract<MessageKey, `notices.template.${string}`>> = {
  'appointment.booked': 'notices.template.appointmentBooked',
  'appointment.rescheduled': 'notices.template.appointmentRescheduled',
  'appointment.cancelled': 'notices.template.appointmentCancelled',
  'account.activation_code': 'notices.template.activationCode',
  'account.password_reset': 'notices.template.passwordReset',
  'account.staff_invitation': 'notices.template.staffInvitation',
  'account.caregiver_invitation': 'notices.template.caregiverInvitation',
  'account.signup_existing': 'notices.template.signupExisting',
  'referrer.approved': 'notices.template.referrerApproved',
};

/** A notice's kind in words: 'Password reset' / 'Restablecer contraseña'. */
export function templateLabel(t: Translate, template: string): string {
  const key = TEMPLATE_KEYS[template];
  return key ? t(key) : template;
}
