import {
  activationCode, caregiverInvitation, passwordReset, referrerApproved, signupExisting, staffInvitation,
} from './account-templates.js';
import { appointmentTemplate } from './appointment-templates.js';
import { appointmentReminder } from './reminder-templates.js';
import { SMS_TEXTS } from './sms-templates.js';
import { waitlistOffer } from './waitlist-templates.js';
import { requestReceived } from './request-templates.js';
import { messageNew } from './message-templates.js';
import { renderDraft, type Draft, type Language, type Rendered, type RenderContext } from './notice-layout.js';

/**
 * The notice registry: every email (and SMS) the server sends, by name. A
 * template is a pure function of its params, the recipient's language and
 * the render context; the name decides the params' type, so a caller cannot
 * send a reset without its token or an appointment notice without its time.
 */
interface TemplateDef<P> {
  channel: 'email' | 'sms';
  draft(params: P, language: Language, ctx: RenderContext): Draft;
}
const email = <P>(draft: TemplateDef<P>['draft']): TemplateDef<P> => ({ channel: 'email', draft });

export const TEMPLATES = {
  'appointment.booked': email(appointmentTemplate('booked')),
  'appointment.rescheduled': email(appointmentTemplate('rescheduled')),
  'appointment.cancelled': email(appointmentTemplate('cancelled')),
  'appointment.reminder': email(appointmentReminder),
  'account.activation_code': email(activationCode),
  'account.password_reset': email(passwordReset),
  'account.staff_invitation': email(staffInvitation),
  'account.caregiver_invitation': email(caregiverInvitation),
  'account.signup_existing': email(signupExisting),
  'referrer.approved': email(referrerApproved),
  'waitlist.offer': email(waitlistOffer),
  'appointment_request.received': email(requestReceived),
  'message.new': email(messageNew),
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateParams = { [K in TemplateName]: (typeof TEMPLATES)[K] extends TemplateDef<infer P> ? P : never };
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

export function channelOf(name: TemplateName): 'email' | 'sms' {
  return TEMPLATES[name].channel;
}

/** Renders one notice in the recipient's language: subject, plain text and escaped HTML. */
export function renderNotice<K extends TemplateName>(name: K, params: TemplateParams[K], language: Language, ctx: RenderContext): Rendered {
  // The registry's type ties each name to its params; TypeScript cannot follow that through the index.
  const def = TEMPLATES[name] as unknown as TemplateDef<TemplateParams[K]>;
  return renderDraft(def.draft(params, language, ctx), language);
}

/** The templates that have a text-message form (engine/sms-templates.ts); the rest go by email only. */
export type SmsTemplateName = keyof typeof SMS_TEXTS & TemplateName;

export function hasSmsText(name: TemplateName): name is SmsTemplateName {
  return Object.hasOwn(SMS_TEXTS, name);
}

/** The text message of a notice in the recipient's language, or null for a template that goes by email only. */
export function renderSms<K extends TemplateName>(name: K, params: TemplateParams[K], language: Language, ctx: RenderContext): string | null {
  if (!hasSmsText(name)) return null;
  const text = SMS_TEXTS[name] as unknown as (p: TemplateParams[K], l: Language, c: RenderContext) => string;
  return text(params, language, ctx);
}
