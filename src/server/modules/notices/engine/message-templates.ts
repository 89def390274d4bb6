import { linkTo, type Draft, type Language, type RenderContext } from './notice-layout.js';

/**
 * A secure message waits in the portal (issue 12). The email says only that
 * there is one, from whom (the clinic), and where to read it: no subject, no
 * words of the message, no topic, no health details (DESIGN "Notifications").
 */
export interface MessageNewParams {
  firstName: string;
  threadId: string;
}

const WORDS = {
  en: {
    subject: (clinic: string) => `${clinic}: You have a new message`,
    hello: (n: string) => `Hello ${n},`,
    lead: (clinic: string) => `You have a new message from ${clinic}. To read it, sign in to your patient account.`,
    read: 'Read your message',
    emergency: 'If this is an emergency, call 911. For a mental-health crisis, call or text 988.',
  },
  es: {
    subject: (clinic: string) => `${clinic}: Tiene un mensaje nuevo`,
    hello: (n: string) => `Hola ${n}:`,
    lead: (clinic: string) => `Tiene un mensaje nuevo de ${clinic}. Para leerlo, inicie sesión en su cuenta de paciente.`,
    read: 'Leer su mensaje',
    emergency: 'Si es una emergencia, llame al 911. En una crisis de salud mental, llame o envíe un mensaje de texto al 988.',
  },
} as const;

export function messageNew(p: MessageNewParams, language: Language, ctx: RenderContext): Draft {
  const w = WORDS[language];
  return {
    subject: w.subject(ctx.clinicName),
    blocks: [
      w.hello(p.firstName),
      null,
      w.lead(ctx.clinicName),
      null,
      { label: w.read, href: linkTo(ctx, 'my', 'messages', p.threadId) },
      null,
      w.emergency,
      null,
      ctx.clinicName,
    ],
  };
}
