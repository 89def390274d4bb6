import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, cookieOf, createSignedIn, signIn } from '../../testing/test-users.js';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
});
afterAll(async () => t?.close());

async function bookFor(patient: Record<string, string>, date: string) {
  const consult = ids.visitType('new-patient-consult');
  const [slot] = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: date, to: date, location: ids.location('waco') } })).json().slots;
  const res = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slot, consult, patient) });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('patient accounts', () => {
  it('activates from the booking confirmation, then the patient sees their visits and who accessed their record', async () => {
    const booked = await bookFor({ firstName: 'Elsa', lastName: 'Mora', email: 'elsa@example.com', dateOfBirth: '1971-07-07' }, '2026-12-02');
    const body = { appointmentId: booked.appointment.id, code: booked.confirmationCode, email: 'ELSA@example.com', password: 'my garden has nine roses' };
    const wrongEmail = await t.app.inject({ method: 'POST', url: '/api/account/activate', payload: { ...body, email: 'other@example.com' } });
    const wrongCode = await t.app.inject({ method: 'POST', url: '/api/account/activate', payload: { ...body, code: 'AAAAAAAA' } });
    expect(wrongEmail.statusCode).toBe(404);
    expect(wrongCode.body).toBe(wrongEmail.body);
    const ok = await t.app.inject({ method: 'POST', url: '/api/account/activate', payload: body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ next: 'done', user: { role: 'patient', email: 'elsa@example.com' } });
    expect((await t.app.inject({ method: 'POST', url: '/api/account/activate', payload: body })).statusCode).toBe(409);
    const me = { cookie: cookieOf(ok), csrf: ok.json().csrfToken } as Parameters<typeof as>[1];
    const patientId = (await t.db.one<{ p: string }>('SELECT patient_id AS p FROM app_user WHERE id = $1', [ok.json().user.id]))!.p;
    const visits = await as(t.app, me)('GET', `/api/patients/${patientId}/appointments`);
    expect(visits.json().items.map((a: { id: string }) => a.id)).toEqual([booked.appointment.id]);
    // A nurse looks at the day; the patient then sees that access.
    const nurse = await createSignedIn(t, 'nurse', { email: 'nina.nurse@relief.test' });
    await as(t.app, nurse)('GET', `/api/staff/schedule?location=${ids.location('waco')}&from=2026-12-02&to=2026-12-02`);
    t.clock.advance(3000);
    const who = (await as(t.app, me)('GET', `/api/patients/${patientId}/disclosures`)).json().items;
    expect(who.some((e: { who: string; action: string }) => e.who === 'Test nurse' && e.action === 'schedule.read')).toBe(true);
    expect(who.some((e: { action: string; role: string }) => e.action === 'appointment.create' && e.role === 'public')).toBe(true);
    // The patient's own read of their visits is recorded with the read itself.
    expect(who.some((e: { action: string; role: string }) => e.action === 'appointment.read' && e.role === 'patient')).toBe(true);
  });

  it('activates with a code emailed to the address on file; wrong codes are limited', async () => {
    await bookFor({ firstName: 'Raúl', lastName: 'Peña', email: 'raul@example.com', dateOfBirth: '1980-01-15' }, '2026-12-03');
    const who = { firstName: 'raúl', lastName: 'PEÑA', dateOfBirth: '1980-01-15' };
    const ask = await t.app.inject({ method: 'POST', url: '/api/account/activation-code', payload: who });
    const nobody = await t.app.inject({ method: 'POST', url: '/api/account/activation-code', payload: { ...who, dateOfBirth: '1980-01-16' } });
    expect(ask.statusCode).toBe(202);
    expect(ask.body).toBe(nobody.body);
    const mail = await t.db.one<{ body_text: string; recipient: string }>("SELECT body_text, recipient FROM outbox WHERE template = 'account.activation_code'");
    expect(mail!.recipient).toBe('raul@example.com');
    const code = /is (\d{6})\./.exec(mail!.body_text)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect((await t.app.inject({ method: 'POST', url: '/api/account/activate-with-code', payload: { ...who, code: wrong, password: 'a river runs by the mill' } })).statusCode).toBe(404);
    }
    const limited = await t.app.inject({ method: 'POST', url: '/api/account/activate-with-code', payload: { ...who, code, password: 'a river runs by the mill' } });
    expect(limited.statusCode).toBe(429); // issue 9 defect 5: the same 429 for a patient and for anyone else
    t.clock.advance(16 * 60_000);
    await t.app.inject({ method: 'POST', url: '/api/account/activation-code', payload: who });
    const fresh = await t.db.one<{ body_text: string }>("SELECT body_text FROM outbox WHERE template = 'account.activation_code' ORDER BY created_at DESC LIMIT 1");
    const code2 = /is (\d{6})\./.exec(fresh!.body_text)![1]!;
    const ok = await t.app.inject({ method: 'POST', url: '/api/account/activate-with-code', payload: { ...who, code: code2, password: 'a river runs by the mill' } });
    expect(ok.statusCode).toBe(200);
    expect((await signIn(t.app, 'raul@example.com', 'a river runs by the mill')).json().next).toBe('done');
  });
});

describe('caregivers', () => {
  it('a patient invites a caregiver limited to appointments, and revoking ends the access at once', async () => {
    const booked = await bookFor({ firstName: 'Luisa', lastName: 'Vega', email: 'luisa@example.com', dateOfBirth: '1949-02-28' }, '2026-12-09');
    const activated = await t.app.inject({ method: 'POST', url: '/api/account/activate', payload: { appointmentId: booked.appointment.id, code: booked.confirmationCode, email: 'luisa@example.com', password: 'my grandson helps me book' } });
    const patient = { cookie: cookieOf(activated), csrf: activated.json().csrfToken } as Parameters<typeof as>[1];
    const patientId = activated.json().user.patientId as string;
    const invite = await as(t.app, patient)('POST', `/api/patients/${patientId}/caregivers`, { email: 'nieto@example.com', displayName: 'Mateo Vega', scope: 'limited' });
    expect(invite.statusCode).toBe(201);
    expect((await as(t.app, patient)('POST', `/api/patients/${patientId}/caregivers`, { email: 'nieto@example.com', displayName: 'Mateo Vega', scope: 'full' })).statusCode).toBe(409);
    const mail = await t.db.one<{ body_text: string }>("SELECT body_text FROM outbox WHERE recipient = 'nieto@example.com'");
    const token = /invite\/([\w-]+)/.exec(mail!.body_text)![1]!;
    const accepted = await t.app.inject({ method: 'POST', url: `/api/invites/${token}`, payload: { password: 'helping grandma with visits' } });
    expect(accepted.json()).toMatchObject({ next: 'done', user: { role: 'caregiver' } });
    const caregiver = { cookie: cookieOf(accepted), csrf: accepted.json().csrfToken } as Parameters<typeof as>[1];
    expect((await as(t.app, caregiver)('GET', `/api/patients/${patientId}/appointments`)).json().items).toHaveLength(1);
    expect((await as(t.app, caregiver)('GET', `/api/patients/${patientId}/disclosures`)).statusCode).toBe(403);
    const list = (await as(t.app, patient)('GET', `/api/patients/${patientId}/caregivers`)).json().items;
    expect(list).toEqual([expect.objectContaining({ name: 'Mateo Vega', scope: 'limited', status: 'active' })]);
    expect((await as(t.app, patient)('DELETE', `/api/patients/${patientId}/caregivers/${list[0].id}`)).statusCode).toBe(204);
    expect((await as(t.app, caregiver)('GET', `/api/patients/${patientId}/appointments`)).statusCode).toBe(404);
  });
});

describe('referring providers', () => {
  it('sign up with a valid NPI, wait for approval, then must enrol a second factor', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/referrers/signup', payload: { npi: '1234567890', displayName: 'Dr. Lee', email: 'lee@spine.example', password: 'spinal surgeon in temple' } });
    expect(bad.json().error.issues[0].field).toBe('npi');
    const body = { npi: '1234567893', displayName: 'Dr. Dana Lee', practice: 'Temple Spine', email: 'lee@spine.example', password: 'spinal surgeon in temple' };
    const first = await t.app.inject({ method: 'POST', url: '/api/referrers/signup', payload: body });
    const again = await t.app.inject({ method: 'POST', url: '/api/referrers/signup', payload: body });
    expect(first.statusCode).toBe(202);
    expect(again.body).toBe(first.body);
    expect((await t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE template = 'account.signup_existing'"))!.n).toBe(1);
    const waiting = await signIn(t.app, 'lee@spine.example', 'spinal surgeon in temple');
    expect(waiting.statusCode).toBe(422);
    expect(waiting.json().error.message).toMatch(/waiting for the clinic to approve/);
    expect((await signIn(t.app, 'lee@spine.example', 'not the password at all')).statusCode).toBe(401);
    const admin = await createSignedIn(t, 'admin');
    const users = (await as(t.app, admin)('GET', '/api/admin/users')).json().items;
    const lee = users.find((u: { email: string }) => u.email === 'lee@spine.example');
    expect(lee).toMatchObject({ role: 'referrer', status: 'pending_approval' });
    expect((await as(t.app, admin)('POST', `/api/admin/users/${lee.id}/approve`)).statusCode).toBe(204);
    const ready = await signIn(t.app, 'lee@spine.example', 'spinal surgeon in temple');
    expect(ready.json().next).toBe('enroll_totp');
    expect((await as(t.app, admin)('POST', `/api/admin/users/${lee.id}/disable`)).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/session', headers: { cookie: cookieOf(ready) } })).statusCode).toBe(401);
  });
});

describe('break-glass', () => {
  it('opens a chart outside the care relationship for four hours with a reason, flagged for review', async () => {
    const booked = await bookFor({ firstName: 'Ana', lastName: 'Ruiz', email: 'ana.ruiz@example.com' }, '2026-12-07');
    const patientId = (await t.db.one<{ p: string }>('SELECT patient_id AS p FROM appointment WHERE id = $1', [booked.appointment.id]))!.p;
    const doctor = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Marcus Reed') });
    const short = await as(t.app, doctor)('POST', `/api/patients/${patientId}/break-glass`, { reason: 'urgent' });
    expect(short.json().error.issues[0].field).toBe('reason');
    const opened = await as(t.app, doctor)('POST', `/api/patients/${patientId}/break-glass`, { reason: 'Called by the ER about a possible pump alarm' });
    expect(opened.statusCode).toBe(201);
    const admin = await createSignedIn(t, 'admin');
    const queue = (await as(t.app, admin)('GET', '/api/admin/break-glass')).json().items;
    expect(queue).toEqual([expect.objectContaining({ patientId, userName: 'Test clinician', reason: 'Called by the ER about a possible pump alarm', reviewedAt: null })]);
    expect((await as(t.app, admin)('POST', `/api/admin/break-glass/${queue[0].id}/review`)).statusCode).toBe(204);
    expect((await as(t.app, admin)('GET', '/api/admin/break-glass')).json().items).toEqual([]);
    expect((await as(t.app, admin)('GET', '/api/admin/break-glass?all=true')).json().items[0]).toMatchObject({ reviewedAt: expect.any(String), reviewerName: 'Test admin' });
    const ghost = await as(t.app, doctor)('POST', '/api/patients/00000000-0000-4000-8000-000000000000/break-glass', { reason: 'Called by the ER about a possible pump alarm' });
    expect(ghost.statusCode).toBe(404);
  });
});

describe('housekeeping', () => {
  it('forgets old sign-in failures, spent tokens and idempotency records, and keeps recent ones', async () => {
    await signIn(t.app, 'nobody-old@relief.test', 'wrong wrong wrong');
    const [slot] = (await t.app.inject({ url: '/api/availability', query: { visitType: ids.visitType('new-patient-consult'), from: '2026-12-10', to: '2026-12-10', location: ids.location('killeen') } })).json().slots;
    await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slot, ids.visitType('new-patient-consult')), headers: { 'idempotency-key': 'old-key' } });
    const count = async () => t.db.one<{ f: number; k: number }>(
      `SELECT (SELECT count(*) FROM auth_failure WHERE subject = 'acct:nobody-old@relief.test')::int AS f, (SELECT count(*) FROM idempotency_key WHERE key = 'old-key')::int AS k`);
    expect(await count()).toEqual({ f: 1, k: 1 });
    t.clock.advance(60 * 60_000); // an hour later: nothing is old enough yet
    await t.app.services.identity.purgeExpired();
    await t.app.services.scheduling.purgeIdempotencyKeys();
    expect(await count()).toEqual({ f: 1, k: 1 });
    t.clock.advance(2 * 86_400_000);
    await t.app.services.identity.purgeExpired();
    await t.app.services.scheduling.purgeIdempotencyKeys();
    expect(await count()).toEqual({ f: 0, k: 0 });
  });
});
