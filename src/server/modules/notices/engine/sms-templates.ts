import { formatWhen, type AppointmentParams } from './appointment-templates.js';
import type { Language, RenderContext } from './notice-layout.js';
import type { ReminderParams } from './reminder-templates.js';
import { linkTo } from './notice-layout.js';
import type { WaitlistOfferParams } from './waitlist-templates.js';
import type { MessageNewParams } from './message-templates.js';

/**
 * The text-message form of the notices that may go by SMS: one or two short
 * sentences, the clinic's name first so the reader knows who writes, no health
 * details (no visit type, practitioner specialty or reason) and no
 * confirmation code (a text is read on a lock screen). A template absent here
 * goes by email only.
 */
const WORDS = {
  en: {
    booked: 'your appointment is confirmed for',
    rescheduled: 'your appointment is now on',
    cancelled: 'your appointment on {when} has been cancelled',
    reminder: 'reminder of your appointment on',
    at: 'at',
    call: 'Questions? Call',
    stop: 'Reply STOP to opt out.',
    offer: 'an earlier time is open:',
    offerUntil: 'First to accept gets it, until',
    message: 'you have a new message. Sign in to read it:',
  },
  es: {
    booked: 'su cita está confirmada para el',
    rescheduled: 'su cita ahora es el',
    cancelled: 'su cita del {when} ha sido cancelada',
    reminder: 'le recordamos su cita el',
    at: 'en',
    call: '¿Preguntas? Llame al',
    stop: 'Responda STOP para no recibir más.',
    offer: 'hay una cita más temprana:',
    offerUntil: 'Es de quien acepte primero, hasta el',
    message: 'tiene un mensaje nuevo. Inicie sesión para leerlo:',
  },
} as const;

type Change = 'booked' | 'rescheduled' | 'cancelled';

function appointmentSms(change: Change) {
  return (p: AppointmentParams, language: Language, ctx: RenderContext): string => {
    const w = WORDS[language];
    const when = formatWhen(p.start, p.timeZone, language);
    const lead = change === 'cancelled' ? w.cancelled.replace('{when}', when) : `${w[change]} ${when} ${w.at} ${p.locationName}`;
    return `${ctx.clinicName}: ${lead}. ${w.call} ${p.locationPhone}. ${w.stop}`;
  };
}

function reminderSms(p: ReminderParams, language: Language, ctx: RenderContext): string {
  const w = WORDS[language];
  return `${ctx.clinicName}: ${w.reminder} ${formatWhen(p.start, p.timeZone, language)} ${w.at} ${p.locationName}, ${p.locationAddress}. ${w.call} ${p.locationPhone}. ${w.stop}`;
}

function waitlistOfferSms(p: WaitlistOfferParams, language: Language, ctx: RenderContext): string {
  const w = WORDS[language];
  const link = linkTo(ctx, 'waitlist', 'offers', p.token);
  return `${ctx.clinicName}: ${w.offer} ${formatWhen(p.start, p.timeZone, language)} ${w.at} ${p.locationName}. ${w.offerUntil} ${formatWhen(p.expiresAt, p.timeZone, language)}: ${link} ${w.call} ${p.locationPhone}.`;
}

/** Only that a message waits, and where: never its words, topic or sender's name. */
function messageNewSms(p: MessageNewParams, language: Language, ctx: RenderContext): string {
  const w = WORDS[language];
  return `${ctx.clinicName}: ${w.message} ${linkTo(ctx, 'my', 'messages', p.threadId)} ${w.stop}`;
}

export const SMS_TEXTS = {
  'appointment.booked': appointmentSms('booked'),
  'appointment.rescheduled': appointmentSms('rescheduled'),
  'appointment.cancelled': appointmentSms('cancelled'),
  'appointment.reminder': reminderSms,
  'waitlist.offer': waitlistOfferSms,
  'message.new': messageNewSms,
} as const;
