import type { Draft, Language, RenderContext } from './notice-layout.js';
import { visitManageLink, visitOpening, visitSignOff, visitWhere, type VisitFacts } from './visit-blocks.js';

/**
 * The reminder before a visit (issue 12, item 5): when, where and the
 * location's phone; no visit type, practitioner specialty or reason
 * (DESIGN "Notifications": no health details outside the portal).
 */
export type ReminderParams = VisitFacts & {
  appointmentId: string;
  /** 48 or 2: which reminder this is (the words differ a little). */
  hoursBefore: number;
};

const WORDS = {
  en: {
    subject: 'Reminder: your appointment',
    lead: 'this is a reminder of your appointment on',
    call: (p: string) => `To change it or if you have questions, call ${p}.`,
  },
  es: {
    subject: 'Recordatorio: su cita',
    lead: 'le recordamos su cita el',
    call: (p: string) => `Para cambiarla o si tiene preguntas, llame al ${p}.`,
  },
} as const;

export function appointmentReminder(p: ReminderParams, language: Language, ctx: RenderContext): Draft {
  const w = WORDS[language];
  return {
    subject: `${ctx.clinicName}: ${w.subject}`,
    blocks: [
      ...visitOpening(p, w.lead, language),
      visitWhere(p, language),
      null,
      visitManageLink(p.appointmentId, language, ctx),
      null,
      ...visitSignOff(p, language, ctx, w.call(p.locationPhone)),
    ],
  };
}
