import { linkTo, type Draft, type Language, type RenderContext } from './notice-layout.js';
import { formatWhen, visitOpening, visitSignOff, visitWhere, type VisitFacts } from './visit-blocks.js';

/**
 * An earlier time offered to a patient on the waitlist (issue 12). Like every
 * notice sent outside the portal, it carries no health details: when, where,
 * until when the offer holds, and a link to accept it. `start` is the
 * offered visit's.
 */
export interface WaitlistOfferParams extends VisitFacts {
  /** When the offer lapses, an instant (ms). */
  expiresAt: number;
  /** The offer link's token; only its hash is stored. */
  token: string;
}

const WORDS = {
  en: {
    subject: 'An earlier appointment time is open',
    lead: 'an earlier time has opened for your appointment:',
    until: (t: string) => `This offer holds until ${t}. It went to a few people on the waitlist: the first to accept gets the time.`,
    accept: 'See and accept the earlier time',
    keep: 'If you do nothing, you keep your current appointment.',
  },
  es: {
    subject: 'Hay una cita más temprana disponible',
    lead: 'se abrió un horario más temprano para su cita:',
    until: (t: string) => `Esta oferta es válida hasta el ${t}. Se envió a algunas personas en la lista de espera: la primera que acepte obtiene el horario.`,
    accept: 'Ver y aceptar el horario más temprano',
    keep: 'Si no hace nada, conserva su cita actual.',
  },
} as const;

export function waitlistOffer(p: WaitlistOfferParams, language: Language, ctx: RenderContext): Draft {
  const w = WORDS[language];
  return {
    subject: `${ctx.clinicName}: ${w.subject}`,
    blocks: [
      ...visitOpening(p, w.lead, language),
      visitWhere(p, language),
      null,
      w.until(formatWhen(p.expiresAt, p.timeZone, language)),
      { label: w.accept, href: linkTo(ctx, 'waitlist', 'offers', p.token) },
      null,
      w.keep,
      ...visitSignOff(p, language, ctx),
    ],
  };
}
