import { linkTo, type Draft, type Language, type RenderContext } from './notice-layout.js';

/**
 * "We received your request" (issue 12): a patient asked for a visit the
 * clinic books itself. It names no visit type, reason or condition (DESIGN
 * "Notifications"): only that a request arrived, that the clinic will
 * answer, and where to see it.
 */
export interface RequestReceivedParams {
  firstName: string;
}

export function requestReceived(p: RequestReceivedParams, language: Language, ctx: RenderContext): Draft {
  const href = linkTo(ctx, 'my', 'appointments');
  return language === 'es'
    ? {
      subject: `${ctx.clinicName}: recibimos su solicitud de cita`,
      blocks: [
        `Hola ${p.firstName}:`, null,
        'Recibimos su solicitud de cita. Nuestro personal la revisará y se comunicará con usted para acordar el día y la hora.',
        { label: 'Vea su solicitud y sus citas', href }, null,
        'Si usted no la envió, llame a la clínica.',
      ],
    }
    : {
      subject: `${ctx.clinicName}: we received your appointment request`,
      blocks: [
        `Hello ${p.firstName},`, null,
        'We received your appointment request. Our staff will review it and contact you to agree on a day and time.',
        { label: 'See your request and your appointments', href }, null,
        'If you did not send it, please call the clinic.',
      ],
    };
}
