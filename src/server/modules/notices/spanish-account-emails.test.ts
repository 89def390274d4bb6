import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, demoIds, startTestApp, TEST_PUBLIC_URL, type TestApp } from '../../testing/test-app.js';
import { as, cookieOf } from '../../testing/test-users.js';

/**
 * Issue 10, must show: a Spanish patient's activation, reset and caregiver
 * emails are in Spanish. Only through the HTTP API, as a patient and the
 * clinic would, so it holds however identity's files are arranged.
 */
let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
});
afterAll(async () => t?.close());

interface OutboxRow { subject: string; body_text: string; body_html: string; language: string; subject_type: string | null }
async function lastMail(template: string, recipient: string): Promise<OutboxRow> {
  const row = await t.db.one<OutboxRow>(
    'SELECT subject, body_text, body_html, language, subject_type FROM outbox WHERE template = $1 AND recipient = $2 ORDER BY created_at DESC, id DESC LIMIT 1',
    [template, recipient],
  );
  expect(row, `a ${template} email to ${recipient}`).toBeDefined();
  return row!;
}

async function book(patient: Record<string, string>, date: string) {
  const consult = ids.visitType('new-patient-consult');
  const [slot] = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: date, to: date, location: ids.location('killeen') } })).json().slots;
  const res = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slot, consult, patient) });
  expect(res.statusCode).toBe(201);
}

/** Asks for an activation code, reads it from the outbox and creates the account; returns the patient's session. */
async function activate(who: { firstName: string; lastName: string; dateOfBirth: string; email: string }, codePattern: RegExp) {
  const { email, ...match } = who;
  expect((await t.app.inject({ method: 'POST', url: '/api/account/activation-code', payload: match })).statusCode).toBe(202);
  const mail = await lastMail('account.activation_code', email);
  const code = codePattern.exec(mail.body_text)![1]!;
  const ok = await t.app.inject({ method: 'POST', url: '/api/account/activate-with-code', payload: { ...match, code, password: 'la casa azul junto al río' } });
  expect(ok.statusCode).toBe(200);
  return { mail, session: { cookie: cookieOf(ok), csrf: ok.json().csrfToken } as Parameters<typeof as>[1], patientId: ok.json().user.patientId as string };
}

describe('account emails in the recipient language', () => {
  it("a Spanish-speaking patient's activation, reset and caregiver emails are in Spanish", async () => {
    const ines = { firstName: 'Inés', lastName: 'Ortega', dateOfBirth: '1962-03-04', email: 'ines@example.com' };
    await book({ ...ines, preferredLanguage: 'es' }, '2026-12-02');

    const { mail: code, session, patientId } = await activate(ines, /es (\d{6})\./);
    expect(code.language).toBe('es');
    expect(code.subject).toBe('Relief Pain Clinics: su código de cuenta');
    expect(code.body_text).toContain('Hola Inés:');
    expect(code.body_text).toMatch(/Su código para crear su cuenta de paciente de Relief Pain Clinics es \d{6}\. Sirve una sola vez, durante 15 minutos\./);
    expect(code.body_html).toContain('<html lang="es">');

    expect((await t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: ines.email } })).statusCode).toBeLessThan(300);
    const reset = await lastMail('account.password_reset', ines.email);
    expect(reset.language).toBe('es');
    expect(reset.subject).toBe('Relief Pain Clinics: restablezca su contraseña');
    expect(reset.body_text).toContain('Si fue usted, elija una contraseña nueva en el plazo de una hora');
    // issue 11: a patient's link opens the patient pages (not the staff console's), in Spanish.
    expect(reset.body_text).toMatch(new RegExp(`${TEST_PUBLIC_URL}/account/reset-password/[\\w-]+\\?lang=es`));

    const invite = await as(t.app, session)('POST', `/api/patients/${patientId}/caregivers`, { email: 'hija@example.com', displayName: 'Lucía Ortega', scope: 'full' });
    expect(invite.statusCode).toBe(201);
    const care = await lastMail('account.caregiver_invitation', 'hija@example.com');
    expect(care).toMatchObject({ language: 'es', subject: 'Relief Pain Clinics: se le ha dado acceso como cuidador', subject_type: 'caregiver_grant' });
    expect(care.body_text).toContain('Hola Lucía Ortega:');
    expect(care.body_text).toContain('Un paciente de Relief Pain Clinics le ha designado como cuidador.');
    const token = /\/caregiver-invite\/([\w-]+)/.exec(care.body_text)![1]!;

    // The caregiver's account keeps the language it was invited in: their own reset is in Spanish too.
    expect((await t.app.inject({ method: 'POST', url: `/api/invites/${token}`, payload: { password: 'ayudo a mi madre con sus citas' } })).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: 'hija@example.com' } });
    expect((await lastMail('account.password_reset', 'hija@example.com')).language).toBe('es');
  });

  it("an English-speaking patient's emails stay in English", async () => {
    const ray = { firstName: 'Ray', lastName: 'Dunn', dateOfBirth: '1958-09-10', email: 'ray@example.com' };
    await book({ ...ray, preferredLanguage: 'en' }, '2026-12-03');
    const { mail: code } = await activate(ray, /is (\d{6})\./);
    expect(code).toMatchObject({ language: 'en', subject: 'Relief Pain Clinics: your account code' });
    await t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: ray.email } });
    expect(await lastMail('account.password_reset', ray.email)).toMatchObject({ language: 'en', subject: 'Relief Pain Clinics: reset your password' });
  });
});
