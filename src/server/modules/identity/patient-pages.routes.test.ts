import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_HINTS } from '../../../shared/reasons.js';
import { bookingBody, demoIds, startTestApp, TEST_PUBLIC_URL, type TestApp } from '../../testing/test-app.js';
import { as, cookieOf, createSignedIn, signIn } from '../../testing/test-users.js';

/**
 * Issue 11, the patient-facing fixes on the server: activation that matches a
 * name however it is typed and fails with one clear message; reset links that
 * open the patient's (or referrer's) own pages in their language; every path
 * that sets a password refusing a common one with zxcvbn's suggestion.
 */
let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
});
afterAll(async () => t?.close());

async function book(patient: Record<string, string>, date: string) {
  const consult = ids.visitType('new-patient-consult');
  const [slot] = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: date, to: date, location: ids.location('waco') } })).json().slots;
  const res = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slot, consult, patient) });
  expect(res.statusCode).toBe(201);
  return res.json() as { appointment: { id: string }; confirmationCode: string };
}

const outbox = (template: string, recipient: string) =>
  t.db.query<{ body_text: string }>('SELECT body_text FROM outbox WHERE template = $1 AND recipient = $2 ORDER BY created_at DESC, id DESC', [template, recipient]);
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
const expectCommon = (res: { statusCode: number; json(): { error: { issues: { field: string; reason?: string; hint?: string }[] } } }) => {
  expect(res.statusCode).toBe(422);
  const [issue] = res.json().error.issues;
  expect(issue).toMatchObject({ field: 'password', reason: 'password_too_common' });
  expect(PASSWORD_HINTS).toContain(issue!.hint);
};

describe('issue 11: account activation matches names without regard to accents, case or spacing', () => {
  it('finds "José María Núñez" typed with combining accents, another case and doubled spaces, and activates with yet another spelling', async () => {
    await book({ firstName: 'José María', lastName: 'Núñez', email: 'jose.nunez@example.com', dateOfBirth: '1966-05-20' }, '2026-12-02');
    // "José" as "Jose" + U+0301 and "Núñez" with combining marks, as pasted text or some keyboards send them.
    const typed = { firstName: 'JOSE\u0301   mari\u0301a', lastName: 'nu\u0301n\u0303ez', dateOfBirth: '1966-05-20' };
    expect((await post('/api/account/activation-code', typed)).statusCode).toBe(202);
    const [mail] = await outbox('account.activation_code', 'jose.nunez@example.com');
    expect(mail, 'a code was sent to the email on file').toBeDefined();
    const code = /is (\d{6})\./.exec(mail!.body_text)![1]!;
    const ok = await post('/api/account/activate-with-code', { firstName: 'jose maria', lastName: 'NUNEZ', dateOfBirth: '1966-05-20', code, password: 'a walk along the brazos river' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ role: 'patient', email: 'jose.nunez@example.com' });
  });

  it('says the same clear words for every failure, so no answer tells whether a record exists', async () => {
    const booked = await book({ firstName: 'Marta', lastName: 'Quiroga', email: 'marta@example.com', dateOfBirth: '1959-11-02' }, '2026-12-03');
    await post('/api/account/activation-code', { firstName: 'Marta', lastName: 'Quiroga', dateOfBirth: '1959-11-02' });
    const password = 'sunflowers by the back porch';
    const answers = await Promise.all([
      // A real patient, a wrong code.
      post('/api/account/activate-with-code', { firstName: 'marta', lastName: 'quiroga', dateOfBirth: '1959-11-02', code: '000001', password }),
      // No such person.
      post('/api/account/activate-with-code', { firstName: 'Nadie', lastName: 'Ninguno', dateOfBirth: '1959-11-02', code: '000001', password }),
      // A real booking with the wrong email, and a wrong confirmation code.
      post('/api/account/activate', { appointmentId: booked.appointment.id, code: booked.confirmationCode, email: 'not.marta@example.com', password }),
      post('/api/account/activate', { appointmentId: booked.appointment.id, code: 'ZZZZ9999', email: 'marta@example.com', password }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toEqual({
        code: 'NOT_FOUND',
        message: 'We could not match those details to a booking. Check them against your confirmation, or call the clinic.',
        reason: 'no_match',
      });
    }
  });
});

describe("issue 11: a reset link opens the account's own pages, in its language", () => {
  it("a patient's opens /account/reset-password in Spanish, a referrer's /referrers/reset-password, staff keep the console's", async () => {
    const booked = await book({ firstName: 'Rosa', lastName: 'Elizondo', email: 'rosa.e@example.com', dateOfBirth: '1970-02-14', preferredLanguage: 'es' }, '2026-12-04');
    const rosa = { email: 'rosa.e@example.com' };
    expect((await post('/api/account/activate', { appointmentId: booked.appointment.id, code: booked.confirmationCode, email: rosa.email, password: 'mi jardín tiene nueve rosas' })).statusCode).toBe(200);
    const nurse = await createSignedIn(t, 'nurse', { email: 'nurse.reset@relief.test' });
    const referrer = await t.app.services.identity.createUser({ email: 'dr.lee@referrers.test', displayName: 'Dr. Dana Lee', role: 'referrer', password: 'referrals from temple clinic', npi: '1234567893' });
    expect(referrer).toBeTruthy();

    for (const email of [rosa.email, nurse.email, 'dr.lee@referrers.test', 'nobody@example.com']) {
      const res = await post('/api/password-reset', { email });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ status: 'If an account exists for that email, a reset link is on its way.' });
    }
    const [patientMail] = await outbox('account.password_reset', rosa.email);
    const patientLink = new RegExp(`${TEST_PUBLIC_URL}/account/reset-password/([\\w-]+)\\?lang=es`).exec(patientMail!.body_text);
    expect(patientLink, patientMail!.body_text).not.toBeNull();
    const [staffMail] = await outbox('account.password_reset', nurse.email);
    expect(staffMail!.body_text).toMatch(new RegExp(`${TEST_PUBLIC_URL}/reset-password/[\\w-]+\\n`));
    const [referrerMail] = await outbox('account.password_reset', 'dr.lee@referrers.test');
    expect(referrerMail!.body_text).toMatch(new RegExp(`${TEST_PUBLIC_URL}/referrers/reset-password/[\\w-]+\\?lang=en`));
    expect(await outbox('account.password_reset', 'nobody@example.com')).toEqual([]);

    // The token in the patient's link is the one the API takes; a common password is refused first.
    const token = patientLink![1]!;
    expectCommon(await post(`/api/password-reset/${token}`, { password: 'contraseña123' }));
    expect((await post(`/api/password-reset/${token}`, { password: 'la casa azul junto al río' })).statusCode).toBe(204);
  });
});

describe('issue 11: every path that sets a password refuses a common or guessable one', () => {
  it('activation, invitation, referrer sign-up and create-admin refuse it with zxcvbn\'s suggestion', async () => {
    const booked = await book({ firstName: 'Ana', lastName: 'Treviño', email: 'ana.t@example.com', dateOfBirth: '1981-08-08' }, '2026-12-07');
    expectCommon(await post('/api/account/activate', { appointmentId: booked.appointment.id, code: booked.confirmationCode, email: 'ana.t@example.com', password: 'teamo123456789' }));

    const admin = await createSignedIn(t, 'admin');
    const invite = await as(t.app, admin)('POST', '/api/admin/users/invite', { email: 'desk.new@relief.test', displayName: 'Desk New', role: 'front_desk' });
    const inviteToken = invite.json().inviteUrl.split('/').pop();
    expectCommon(await post(`/api/invites/${inviteToken}`, { password: 'iloveyou1234' }));

    expectCommon(await post('/api/referrers/signup', { npi: '1245319599', displayName: 'Dr. Pat Ruiz', email: 'pat.ruiz@referrers.test', password: 'superman1234' }));
    // A single dictionary word is refused however long it is.
    expectCommon(await post('/api/referrers/signup', { npi: '1245319599', displayName: 'Dr. Pat Ruiz', email: 'pat.ruiz@referrers.test', password: 'internationalization' }));

    await expect(t.app.services.identity.createUser({ email: 'admin2@relief.test', displayName: 'Second Admin', role: 'admin', password: 'qwertyuiop12' })).rejects.toMatchObject({
      code: 'INVALID', details: { issues: [{ field: 'password', reason: 'password_too_common' }] },
    });
    // The person's own name is refused as personal, not as merely common.
    const personal = await post('/api/referrers/signup', { npi: '1245319599', displayName: 'Dr. Pat Ruiz', email: 'pat.ruiz@referrers.test', password: 'patruiz19701970' });
    expect(personal.json().error.issues[0]).toMatchObject({ field: 'password', reason: 'password_personal' });
  });
});

describe("issue 11: the public pages' header knows who is signed in", () => {
  it('greets a signed-in patient by name, and no one otherwise, always with 200 (no 401 for every visitor)', async () => {
    const visitor = (cookie?: string) => t.app.inject({ url: '/api/session/visitor', ...(cookie ? { headers: { cookie } } : {}) });
    const nobody = await visitor();
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toEqual({ visitor: null });
    expect(nobody.headers['cache-control']).toBe('no-store');
    expect((await visitor('relief_session=not-a-real-session-token-at-all')).json()).toEqual({ visitor: null });

    const booked = await book({ firstName: 'Lupe', lastName: 'Garza', email: 'lupe@example.com', dateOfBirth: '1975-03-03' }, '2026-12-08');
    const activated = await post('/api/account/activate', { appointmentId: booked.appointment.id, code: booked.confirmationCode, email: 'lupe@example.com', password: 'tamales for the whole street' });
    const cookie = cookieOf(activated);
    const greeted = await visitor(cookie);
    expect(greeted.json()).toEqual({ visitor: { displayName: 'Lupe', role: 'patient', csrfToken: activated.json().csrfToken } });

    // A staff member who has given only the password is not signed in yet.
    const nurse = await createSignedIn(t, 'nurse', { email: 'nurse.header@relief.test' });
    const halfway = await signIn(t.app, nurse.email);
    expect(halfway.json().next).toBe('totp');
    expect((await visitor(cookieOf(halfway))).json()).toEqual({ visitor: null });

    // Signed out, the same cookie greets no one.
    const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, 'x-csrf-token': activated.json().csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await visitor(cookie)).json()).toEqual({ visitor: null });
  });
});

