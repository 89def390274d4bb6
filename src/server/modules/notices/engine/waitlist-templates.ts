import { formatWhen } from './appointment-templates.js';
import { linkTo, type Draft, type Language, type RenderContext } from './notice-layout.js';

/**
 * An earlier time offered to a patient on the waitlist (issue 12). Like every
 * notice sent outside the portal, it carries no health details: when, where,
 * until when the offer holds, and a link to accept it.
 */
export interface WaitlistOfferParams {
  firstName: string;
  /** The offered visit's start, an instant (ms), shown in the location's zone. */
  start: number;
  timeZone: string;
  locationName: string;
  locationAddress: string;
  locationPhone: string;
  /** When the offer lapses, an instant (ms). */
  expiresAt: number;
  /** The offer link's token; only its hash is stored. */
  token: string;
}

const WORDS = {
  en: {
    subject: 'An earlier appointment time is open',
    hello: (n: string) => `Hello ${n},`,
    lead: 'an earlier time has opened for your appointment:',
    where: 'Location',
    until: (t: string) => `This offer holds until ${t}. It went to a few people on the waitlist: the first to accept gets the time.`,
    accept: 'See and accept the earlier time',
    keep: 'If you do nothing, you keep your current appointment.',
    call: (p: string) => `Questions? Call the front desk at ${p}.`,
  },
  es: {
    subject: 'Hay una cita más temprana disponible',
    hello: (n: string) => `Hola ${n}:`,
    lead: 'se abrió un horario más temprano para su cita:',
    where: 'Ubicación',
    until: (t: string) => `Esta oferta es válida hasta el ${t}. Se envió a algunas personas en la lista de espera: la primera que acepte obtiene el horario.`,
    accept: 'Ver y aceptar el horario más temprano',
    keep: 'Si no hace nada, conserva su cita actual.',
    call: (p: string) => `¿Preguntas? Llame a recepción al ${p}.`,
  },
} as const;

export function waitlistOffer(p: WaitlistOfferParams, language: Language, ctx: RenderContext): Draft {
  const w = WORDS[language];
  return {
    subject: `${ctx.clinicName}: ${w.subject}`,
    blocks: [
      w.hello(p.firstName),
      null,
      `${w.lead} ${formatWhen(p.start, p.timeZone, language)}.`,
      `${w.where}: ${p.locationName}, ${p.locationAddress}`,
      null,
      w.until(formatWhen(p.expiresAt, p.timeZone, language)),
      { label: w.accept, href: linkTo(ctx, 'waitlist', 'offers', p.token) },
      null,
      w.keep,
      w.call(p.locationPhone),
      null,
      ctx.clinicName,
    ],
  };
}
