import { linkTo, type Draft, type Language, type RenderContext } from './notice-layout.js';

/**
 * Appointment notices sent outside the portal. They carry no health details:
 * no visit type, reason, practitioner specialty or procedure; only when,
 * where, the confirmation code and a link (DESIGN "Notifications").
 */
export type AppointmentChange = 'booked' | 'rescheduled' | 'cancelled';

export interface AppointmentParams {
  firstName: string;
  /** The visit's start, an instant (ms); shown in the location's zone. */
  start: number;
  timeZone: string;
  locationName: string;
  locationAddress: string;
  locationPhone: string;
  appointmentId: string;
  /** Only in the notice that creates or moves the visit; a cancellation repeats none. */
  confirmationCode: string | null;
  /** Whom the visit is with, where the patient should be told (a moved visit, issue 11); a name only, no specialty. */
  practitionerName?: string | undefined;
}

const WORDS = {
  en: {
    subject: { booked: 'Your appointment is confirmed', rescheduled: 'Your appointment has been moved', cancelled: 'Your appointment has been cancelled' },
    hello: (n: string) => `Hello ${n},`,
    lead: { booked: 'your appointment is confirmed for', rescheduled: 'your appointment is now on', cancelled: 'your appointment has been cancelled. It was scheduled for' },
    where: 'Location',
    with: 'With',
    code: 'Confirmation code',
    manage: 'View, change or cancel',
    again: 'Book another time',
    call: (p: string) => `Questions? Call the front desk at ${p}.`,
    arrive: 'Please arrive 15 minutes early with your photo ID, insurance card and a list of your medicines.',
  },
  es: {
    subject: { booked: 'Su cita está confirmada', rescheduled: 'Su cita ha cambiado', cancelled: 'Su cita ha sido cancelada' },
    hello: (n: string) => `Hola ${n}:`,
    lead: { booked: 'su cita está confirmada para el', rescheduled: 'su cita ahora es el', cancelled: 'su cita ha sido cancelada. Estaba programada para el' },
    where: 'Ubicación',
    with: 'Con',
    code: 'Código de confirmación',
    manage: 'Ver, cambiar o cancelar',
    again: 'Reservar otra cita',
    call: (p: string) => `¿Preguntas? Llame a recepción al ${p}.`,
    arrive: 'Por favor, llegue 15 minutos antes con su identificación con foto, su tarjeta de seguro y una lista de sus medicamentos.',
  },
} as const;

// Building an Intl formatter costs far more than using one: keep one per language and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatWhen(start: number, timeZone: string, language: Language): string {
  const key = `${language}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'es' ? 'es-US' : 'en-US', {
      timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f.format(start);
}

/** One template per change; they share their words and layout. */
export function appointmentTemplate(change: AppointmentChange) {
  return (p: AppointmentParams, language: Language, ctx: RenderContext): Draft => {
    const w = WORDS[language];
    return {
      subject: `${ctx.clinicName}: ${w.subject[change]}`,
      blocks: [
        w.hello(p.firstName),
        null,
        `${w.lead[change]} ${formatWhen(p.start, p.timeZone, language)}.`,
        null,
        ...(p.practitionerName ? [`${w.with}: ${p.practitionerName}`] : []),
        `${w.where}: ${p.locationName}, ${p.locationAddress}`,
        ...(p.confirmationCode ? [`${w.code}: ${p.confirmationCode}`] : []),
        null,
        ...(change === 'cancelled'
          ? [{ label: w.again, href: linkTo(ctx, 'book') }]
          : [w.arrive, null, { label: w.manage, href: linkTo(ctx, 'appointments', p.appointmentId) }]),
        null,
        w.call(p.locationPhone),
        null,
        ctx.clinicName,
      ],
    };
  };
}
