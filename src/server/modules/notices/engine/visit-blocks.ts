import { linkTo, type Block, type Language, type RenderContext } from './notice-layout.js';

/**
 * What every notice about a visit (booked, moved, cancelled, the reminder, a
 * waitlist offer) says the same way: the greeting, when, where, the link to
 * manage it and whom to call. Only these facts go outside the portal: no
 * visit type, reason, practitioner specialty or procedure (DESIGN
 * "Notifications").
 */
export interface VisitFacts {
  firstName: string;
  /** The visit's start, an instant (ms); shown in the location's zone. */
  start: number;
  timeZone: string;
  locationName: string;
  locationAddress: string;
  locationPhone: string;
}

const WORDS = {
  en: {
    hello: (n: string) => `Hello ${n},`,
    where: 'Location',
    manage: 'View, change or cancel',
    call: (p: string) => `Questions? Call the front desk at ${p}.`,
  },
  es: {
    hello: (n: string) => `Hola ${n}:`,
    where: 'Ubicación',
    manage: 'Ver, cambiar o cancelar',
    call: (p: string) => `¿Preguntas? Llame a recepción al ${p}.`,
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

/** "Hello Rosa,", a blank line, then the notice's own lead followed by when: "your appointment is now on Tuesday, …". */
export function visitOpening(p: VisitFacts, lead: string, language: Language): Block[] {
  return [WORDS[language].hello(p.firstName), null, `${lead} ${formatWhen(p.start, p.timeZone, language)}.`];
}

/** "Location: Round Rock, 100 Main St, …". */
export function visitWhere(p: VisitFacts, language: Language): string {
  return `${WORDS[language].where}: ${p.locationName}, ${p.locationAddress}`;
}

/** The link to see, change or cancel the visit in the portal. */
export function visitManageLink(appointmentId: string, language: Language, ctx: RenderContext): Block {
  return { label: WORDS[language].manage, href: linkTo(ctx, 'appointments', appointmentId) };
}

/** Whom to call (the front desk, unless the notice words it its own way), a blank line, the clinic's name. */
export function visitSignOff(p: VisitFacts, language: Language, ctx: RenderContext, call?: string): Block[] {
  return [call ?? WORDS[language].call(p.locationPhone), null, ctx.clinicName];
}
