import { linkTo, type Draft, type Language, type RenderContext } from './notice-layout.js';
import { visitManageLink, visitOpening, visitSignOff, visitWhere, type VisitFacts } from './visit-blocks.js';

// The SMS texts (sms-templates.ts) take the time's wording from here.
export { formatWhen } from './visit-blocks.js';

/**
 * Appointment notices sent outside the portal. They carry no health details:
 * no visit type, reason, practitioner specialty or procedure; only when,
 * where, the confirmation code and a link (DESIGN "Notifications").
 */
export type AppointmentChange = 'booked' | 'rescheduled' | 'cancelled';

export interface AppointmentParams extends VisitFacts {
  appointmentId: string;
  /** Only in the notice that creates or moves the visit; a cancellation repeats none. */
  confirmationCode: string | null;
  /** Whom the visit is with, where the patient should be told (a moved visit, issue 11); a name only, no specialty. */
  practitionerName?: string | undefined;
}

const WORDS = {
  en: {
    subject: { booked: 'Your appointment is confirmed', rescheduled: 'Your appointment has been moved', cancelled: 'Your appointment has been cancelled' },
    lead: { booked: 'your appointment is confirmed for', rescheduled: 'your appointment is now on', cancelled: 'your appointment has been cancelled. It was scheduled for' },
    with: 'With',
    code: 'Confirmation code',
    again: 'Book another time',
    arrive: 'Please arrive 15 minutes early with your photo ID, insurance card and a list of your medicines.',
  },
  es: {
    subject: { booked: 'Su cita está confirmada', rescheduled: 'Su cita ha cambiado', cancelled: 'Su cita ha sido cancelada' },
    lead: { booked: 'su cita está confirmada para el', rescheduled: 'su cita ahora es el', cancelled: 'su cita ha sido cancelada. Estaba programada para el' },
    with: 'Con',
    code: 'Código de confirmación',
    again: 'Reservar otra cita',
    arrive: 'Por favor, llegue 15 minutos antes con su identificación con foto, su tarjeta de seguro y una lista de sus medicamentos.',
  },
} as const;

/** One template per change; they share their words and layout. */
export function appointmentTemplate(change: AppointmentChange) {
  return (p: AppointmentParams, language: Language, ctx: RenderContext): Draft => {
    const w = WORDS[language];
    return {
      subject: `${ctx.clinicName}: ${w.subject[change]}`,
      blocks: [
        ...visitOpening(p, w.lead[change], language),
        null,
        ...(p.practitionerName ? [`${w.with}: ${p.practitionerName}`] : []),
        visitWhere(p, language),
        ...(p.confirmationCode ? [`${w.code}: ${p.confirmationCode}`] : []),
        null,
        ...(change === 'cancelled'
          ? [{ label: w.again, href: linkTo(ctx, 'book') }]
          : [w.arrive, null, visitManageLink(p.appointmentId, language, ctx)]),
        null,
        ...visitSignOff(p, language, ctx),
      ],
    };
  };
}
