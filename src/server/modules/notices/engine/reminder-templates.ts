import { formatWhen, type AppointmentParams } from './appointment-templates.js';
import { linkTo, type Draft, type Language, type RenderContext } from './notice-layout.js';

/**
 * The reminder before a visit (issue 12, item 5): when, where and the
 * location's phone; no visit type, practitioner specialty or reason
 * (DESIGN "Notifications": no health details outside the portal).
 */
export type ReminderParams = Pick<AppointmentParams, 'firstName' | 'start' | 'timeZone' | 'locationName' | 'locationAddress' | 'locationPhone' | 'appointmentId'> & {
  /** 48 or 2: which reminder this is (the words differ a little). */
  hoursBefore: number;
};

const WORDS = {
  en: {
    subject: 'Reminder: your appointment',
    hello: (n: string) => `Hello ${n},`,
    lead: 'this is a reminder of your appointment on',
    where: 'Location',
    manage: 'View, change or cancel',
    call: (p: string) => `To change it or if you have questions, call ${p}.`,
  },
  es: {
    subject: 'Recordatorio: su cita',
    hello: (n: string) => `Hola ${n}:`,
    lead: 'le recordamos su cita el',
    where: 'Ubicación',
    manage: 'Ver, cambiar o cancelar',
    call: (p: string) => `Para cambiarla o si tiene preguntas, llame al ${p}.`,
  },
} as const;

export function appointmentReminder(p: ReminderParams, language: Language, ctx: RenderContext): Draft {
  const w = WORDS[language];
  return {
    subject: `${ctx.clinicName}: ${w.subject}`,
    blocks: [
      w.hello(p.firstName),
      null,
      `${w.lead} ${formatWhen(p.start, p.timeZone, language)}.`,
      `${w.where}: ${p.locationName}, ${p.locationAddress}`,
      null,
      { label: w.manage, href: linkTo(ctx, 'appointments', p.appointmentId) },
      null,
      w.call(p.locationPhone),
      null,
      ctx.clinicName,
    ],
  };
}
