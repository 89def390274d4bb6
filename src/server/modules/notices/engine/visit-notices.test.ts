import { describe, expect, it } from 'vitest';
import type { Language, RenderContext } from './notice-layout.js';
import { TEMPLATES } from './templates.js';
import { formatWhen } from './visit-blocks.js';

/**
 * The notices about a visit (booked, moved, cancelled, the reminder, a
 * waitlist offer) block by block in both languages, so the parts they share
 * (visit-blocks.ts) cannot change a word, a blank line or a link unseen. The
 * time is written by `formatWhen` (ICU's wording differs between Node
 * releases); everything else is pinned as sent.
 */
const ctx: RenderContext = { clinicName: 'Relief Pain Clinics', publicUrl: 'https://clinic.example/relief' };
const start = Date.UTC(2026, 11, 1, 15, 30); // Tuesday 1 December 2026, 9:30 in Austin (CST)
const expiresAt = Date.UTC(2026, 10, 30, 20); // Monday 30 November 2026, 14:00 in Austin
const visit = {
  firstName: 'Rosa', start, timeZone: 'America/Chicago', locationName: 'Round Rock', locationAddress: '100 Main St, Round Rock, TX', locationPhone: '(512) 555-0100',
};
const appointmentId = '0b6f7e0a-3c1d-4a52-9d7e-5b1f0c2e8a11';
const manageLink = `${ctx.publicUrl}/appointments/${appointmentId}`;
const when = (language: Language, at = start) => formatWhen(at, visit.timeZone, language);

describe('visit notices, pinned', () => {
  it('booked', () => {
    const draft = (language: Language) => TEMPLATES['appointment.booked'].draft({ ...visit, appointmentId, confirmationCode: 'J9X42AHG' }, language, ctx);
    expect(draft('en')).toEqual({
      subject: 'Relief Pain Clinics: Your appointment is confirmed',
      blocks: [
        'Hello Rosa,', null, `your appointment is confirmed for ${when('en')}.`, null,
        'Location: Round Rock, 100 Main St, Round Rock, TX', 'Confirmation code: J9X42AHG', null,
        'Please arrive 15 minutes early with your photo ID, insurance card and a list of your medicines.', null,
        { label: 'View, change or cancel', href: manageLink }, null,
        'Questions? Call the front desk at (512) 555-0100.', null, 'Relief Pain Clinics',
      ],
    });
    expect(draft('es')).toEqual({
      subject: 'Relief Pain Clinics: Su cita está confirmada',
      blocks: [
        'Hola Rosa:', null, `su cita está confirmada para el ${when('es')}.`, null,
        'Ubicación: Round Rock, 100 Main St, Round Rock, TX', 'Código de confirmación: J9X42AHG', null,
        'Por favor, llegue 15 minutos antes con su identificación con foto, su tarjeta de seguro y una lista de sus medicamentos.', null,
        { label: 'Ver, cambiar o cancelar', href: manageLink }, null,
        '¿Preguntas? Llame a recepción al (512) 555-0100.', null, 'Relief Pain Clinics',
      ],
    });
  });

  it('rescheduled, naming whom the visit is with now', () => {
    const draft = (language: Language) =>
      TEMPLATES['appointment.rescheduled'].draft({ ...visit, appointmentId, confirmationCode: 'J9X42AHG', practitionerName: 'Dr. Elena Ortiz' }, language, ctx);
    expect(draft('en')).toEqual({
      subject: 'Relief Pain Clinics: Your appointment has been moved',
      blocks: [
        'Hello Rosa,', null, `your appointment is now on ${when('en')}.`, null,
        'With: Dr. Elena Ortiz', 'Location: Round Rock, 100 Main St, Round Rock, TX', 'Confirmation code: J9X42AHG', null,
        'Please arrive 15 minutes early with your photo ID, insurance card and a list of your medicines.', null,
        { label: 'View, change or cancel', href: manageLink }, null,
        'Questions? Call the front desk at (512) 555-0100.', null, 'Relief Pain Clinics',
      ],
    });
    expect(draft('es')).toEqual({
      subject: 'Relief Pain Clinics: Su cita ha cambiado',
      blocks: [
        'Hola Rosa:', null, `su cita ahora es el ${when('es')}.`, null,
        'Con: Dr. Elena Ortiz', 'Ubicación: Round Rock, 100 Main St, Round Rock, TX', 'Código de confirmación: J9X42AHG', null,
        'Por favor, llegue 15 minutos antes con su identificación con foto, su tarjeta de seguro y una lista de sus medicamentos.', null,
        { label: 'Ver, cambiar o cancelar', href: manageLink }, null,
        '¿Preguntas? Llame a recepción al (512) 555-0100.', null, 'Relief Pain Clinics',
      ],
    });
  });

  it('cancelled, with no code and a link to book again', () => {
    const draft = (language: Language) => TEMPLATES['appointment.cancelled'].draft({ ...visit, appointmentId, confirmationCode: null }, language, ctx);
    expect(draft('en')).toEqual({
      subject: 'Relief Pain Clinics: Your appointment has been cancelled',
      blocks: [
        'Hello Rosa,', null, `your appointment has been cancelled. It was scheduled for ${when('en')}.`, null,
        'Location: Round Rock, 100 Main St, Round Rock, TX', null,
        { label: 'Book another time', href: `${ctx.publicUrl}/book` }, null,
        'Questions? Call the front desk at (512) 555-0100.', null, 'Relief Pain Clinics',
      ],
    });
    expect(draft('es')).toEqual({
      subject: 'Relief Pain Clinics: Su cita ha sido cancelada',
      blocks: [
        'Hola Rosa:', null, `su cita ha sido cancelada. Estaba programada para el ${when('es')}.`, null,
        'Ubicación: Round Rock, 100 Main St, Round Rock, TX', null,
        { label: 'Reservar otra cita', href: `${ctx.publicUrl}/book` }, null,
        '¿Preguntas? Llame a recepción al (512) 555-0100.', null, 'Relief Pain Clinics',
      ],
    });
  });

  it('the reminder', () => {
    const draft = (language: Language) => TEMPLATES['appointment.reminder'].draft({ ...visit, appointmentId, hoursBefore: 2 }, language, ctx);
    expect(draft('en')).toEqual({
      subject: 'Relief Pain Clinics: Reminder: your appointment',
      blocks: [
        'Hello Rosa,', null, `this is a reminder of your appointment on ${when('en')}.`,
        'Location: Round Rock, 100 Main St, Round Rock, TX', null,
        { label: 'View, change or cancel', href: manageLink }, null,
        'To change it or if you have questions, call (512) 555-0100.', null, 'Relief Pain Clinics',
      ],
    });
    expect(draft('es')).toEqual({
      subject: 'Relief Pain Clinics: Recordatorio: su cita',
      blocks: [
        'Hola Rosa:', null, `le recordamos su cita el ${when('es')}.`,
        'Ubicación: Round Rock, 100 Main St, Round Rock, TX', null,
        { label: 'Ver, cambiar o cancelar', href: manageLink }, null,
        'Para cambiarla o si tiene preguntas, llame al (512) 555-0100.', null, 'Relief Pain Clinics',
      ],
    });
  });

  it('a waitlist offer', () => {
    const draft = (language: Language) => TEMPLATES['waitlist.offer'].draft({ ...visit, expiresAt, token: 'tok-offer_123' }, language, ctx);
    const offerLink = `${ctx.publicUrl}/waitlist/offers/tok-offer_123`;
    expect(draft('en')).toEqual({
      subject: 'Relief Pain Clinics: An earlier appointment time is open',
      blocks: [
        'Hello Rosa,', null, `an earlier time has opened for your appointment: ${when('en')}.`,
        'Location: Round Rock, 100 Main St, Round Rock, TX', null,
        `This offer holds until ${when('en', expiresAt)}. It went to a few people on the waitlist: the first to accept gets the time.`,
        { label: 'See and accept the earlier time', href: offerLink }, null,
        'If you do nothing, you keep your current appointment.',
        'Questions? Call the front desk at (512) 555-0100.', null, 'Relief Pain Clinics',
      ],
    });
    expect(draft('es')).toEqual({
      subject: 'Relief Pain Clinics: Hay una cita más temprana disponible',
      blocks: [
        'Hola Rosa:', null, `se abrió un horario más temprano para su cita: ${when('es')}.`,
        'Ubicación: Round Rock, 100 Main St, Round Rock, TX', null,
        `Esta oferta es válida hasta el ${when('es', expiresAt)}. Se envió a algunas personas en la lista de espera: la primera que acepte obtiene el horario.`,
        { label: 'Ver y aceptar el horario más temprano', href: offerLink }, null,
        'Si no hace nada, conserva su cita actual.',
        '¿Preguntas? Llame a recepción al (512) 555-0100.', null, 'Relief Pain Clinics',
      ],
    });
  });
});
