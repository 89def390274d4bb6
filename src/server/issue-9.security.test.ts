/**
 * Regression tests for the defects an outside security test found (issue 9).
 * Each test is named after its defect and failed on the code before the fix.
 * Defects 10 (the desk socket) and 11 (router-level errors) have their own files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from './platform/totp.js';
import { bookingBody, demoIds, startTestApp, type TestApp } from './testing/test-app.js';
import { as, cookieOf, createSignedIn, PASSWORD, signIn, type SignedIn } from './testing/test-users.js';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let desk: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
  desk = await createSignedIn(t, 'front_desk');
  admin = await createSignedIn(t, 'admin');
});
afterAll(async () => t?.close());

async function book(date: string, patient: Record<string, string> = {}) {
  const consult = ids.visitType('new-patient-consult');
  const slots = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: date, to: date, location: ids.location('waco') } })).json().slots;
  const res = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slots[0], consult, patient) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { appointment: { id: string; start: string; practitionerId: string; locationId: string }; confirmationCode: string };
}

async function patientAccount(date: string, who: { firstName: string; lastName: string; email: string }, password: string) {
  const booked = await book(date, who);
  const res = await t.app.inject({ method: 'POST', url: '/api/account/activate', payload: { appointmentId: booked.appointment.id, code: booked.confirmationCode, email: who.email, password } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: cookieOf(res), csrf: res.json().csrfToken as string, patientId: res.json().user.patientId as string, userId: res.json().user.id as string } as SignedIn;
}

const auditCount = async (where: string, params: unknown[]) => (await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE ${where}`, params))!.n;

describe('issue 9 defect 1: the second factor cannot be guessed without limit', () => {
  const secondFactor = (s: { cookie: string; csrf: string }, code: string) =>
    t.app.inject({ method: 'POST', url: '/api/session/second-factor', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { code } });
  const halfSignIn = async (email: string) => {
    const res = await signIn(t.app, email);
    expect(res.json().next).toBe('totp');
    return { cookie: cookieOf(res), csrf: res.json().csrfToken as string };
  };
  const wrongFor = (secret: string) => (totp(secret, t.clock.now()) === '000000' ? '111111' : '000000');

  it('20 wrong codes in a row lock the half-signed-in session and slow the account; each is audited; the right code waits for the lock', async () => {
    const nurse = await createSignedIn(t, 'nurse', { email: 'guessed@relief.test' });
    const half = await halfSignIn(nurse.email);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await secondFactor(half, wrongFor(nurse.secret!))).statusCode);
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    // Every failure and every refusal is in the trail: the guesses were not rolled back with their transaction.
    expect(await auditCount("action = 'session.second_factor' AND actor_user_id = $1 AND outcome = 'failure'", [nurse.userId])).toBe(5);
    expect(await auditCount("action = 'session.second_factor' AND actor_user_id = $1 AND outcome = 'denied'", [nurse.userId])).toBe(15);
    // The right code is refused while the lock holds, with the wait in Retry-After.
    const right = await secondFactor(half, totp(nurse.secret!, t.clock.now()));
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toMatchObject({ code: 'TOO_MANY', reason: 'too_many_attempts' });
    const wait = Number(right.headers['retry-after']);
    expect(wait).toBeGreaterThan(60);
    t.clock.advance((wait - 1) * 1000);
    expect((await secondFactor(half, totp(nurse.secret!, t.clock.now()))).statusCode).toBe(429);
    t.clock.advance(2000);
    const after = await secondFactor(half, totp(nurse.secret!, t.clock.now()));
    expect(after.statusCode, after.body).toBe(200);
  });

  it('counts wrong codes per account across sessions: a new sign-in does not start the count again', async () => {
    const clinician = await createSignedIn(t, 'clinician', { email: 'two-sessions@relief.test' });
    const first = await halfSignIn(clinician.email);
    for (let i = 0; i < 5; i++) expect((await secondFactor(first, wrongFor(clinician.secret!))).statusCode).toBe(422);
    const second = await halfSignIn(clinician.email);
    expect((await secondFactor(second, wrongFor(clinician.secret!))).statusCode).toBe(422);
    const slowed = await secondFactor(second, totp(clinician.secret!, t.clock.now()));
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('a burst of parallel guesses is counted one by one: no more than five are checked', async () => {
    const billing = await createSignedIn(t, 'billing', { email: 'burst@relief.test' });
    const half = await halfSignIn(billing.email);
    const answers = await Promise.all(Array.from({ length: 25 }, () => secondFactor(half, wrongFor(billing.secret!))));
    expect(answers.filter((a) => a.statusCode === 422)).toHaveLength(5);
    expect(answers.filter((a) => a.statusCode !== 422 && a.statusCode !== 429).map((a) => a.body)).toEqual([]);
  });

  it('ends the half-signed-in session after 30 refused attempts: the password is needed again', async () => {
    const front = await createSignedIn(t, 'front_desk', { email: 'ended@relief.test' });
    const half = await halfSignIn(front.email);
    for (let i = 0; i < 30; i++) await secondFactor(half, wrongFor(front.secret!));
    const ended = await secondFactor(half, totp(front.secret!, t.clock.now()));
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.reason).toBe('too_many_attempts');
    expect((await t.app.inject({ url: '/api/session', headers: { cookie: half.cookie } })).statusCode).toBe(401);
  });

  it('counts recovery codes the same way', async () => {
    const nurse = await createSignedIn(t, 'nurse', { email: 'recovery-guess@relief.test' });
    const half = await halfSignIn(nurse.email);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/session/second-factor', headers: { cookie: half.cookie, 'x-csrf-token': half.csrf }, payload: { recoveryCode: `aaaa-bbbb-cc${i}c` } })).statusCode);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429, 429]);
  });
});

describe('issue 9 defects 2 and 12: control characters and deceptive names are refused with a 422 naming the field', () => {
  const hostile: [string, string][] = [
    ['a NUL character', 'Ana\u0000'],
    ['a bell character', 'Ana\u0007'],
    ['a C1 control', 'Ana\u0085'],
    ['a lone high surrogate', 'Ana\uD800'],
    ['a lone low surrogate', '\uDC00Ana'],
  ];
  const deceptive: [string, string][] = [
    ['a right-to-left override', 'Ana\u202EzeréP'],
    ['a zero-width space', 'A\u200Bna'],
    ['a bidi isolate', '\u2067Ana\u2069'],
    ['a byte-order mark', 'A\uFEFFna'],
  ];

  it.each([...hostile, ...deceptive])('a booking with %s in the first name', async (_what, value) => {
    const consult = ids.visitType('new-patient-consult');
    const slots = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-10', to: '2026-12-10', location: ids.location('waco') } })).json().slots;
    const res = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slots[0], consult, { firstName: value }) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['patient.firstName']);
  });

  it.each(hostile)('every text field refuses %s', async (_what, value) => {
    const consult = ids.visitType('new-patient-consult');
    const slots = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-10', to: '2026-12-10', location: ids.location('waco') } })).json().slots;
    const calls: [string, () => Promise<{ statusCode: number; json(): { error: { issues?: { field: string }[] } } }>][] = [
      ['reason', () => t.app.inject({ method: 'POST', url: '/api/appointments', payload: { ...bookingBody(slots[0], consult), reason: `pain ${value}` } })],
      ['lastName', () => t.app.inject({ method: 'POST', url: '/api/account/activation-code', payload: { firstName: 'Ana', lastName: value, dateOfBirth: '1970-01-01' } })],
      ['firstName', () => t.app.inject({ method: 'POST', url: '/api/account/activate-with-code', payload: { firstName: value, lastName: 'Diaz', dateOfBirth: '1970-01-01', code: '123456', password: PASSWORD } })],
      ['displayName', () => t.app.inject({ method: 'POST', url: '/api/referrers/signup', payload: { npi: '1234567893', displayName: value, email: 'ref@example.com', password: PASSWORD } })],
      ['practice', () => t.app.inject({ method: 'POST', url: '/api/referrers/signup', payload: { npi: '1234567893', displayName: 'Dr Ref', practice: value, email: 'ref@example.com', password: PASSWORD } })],
      ['patient.lastName', () => as(t.app, desk)('POST', '/api/staff/appointments', { visitTypeId: consult, practitionerId: slots[0].practitionerId, locationId: slots[0].locationId, start: slots[0].start, reason: 'pain', patient: { firstName: 'Ana', lastName: value, dateOfBirth: '1970-01-01', phone: '(254) 555-0100', email: 'ana@example.com' } })],
      ['reason', () => as(t.app, desk)('POST', '/api/staff/blocks', { practitionerId: slots[0].practitionerId, start: '2026-12-11T15:00:00Z', end: '2026-12-11T16:00:00Z', reason: `lunch ${value}` })],
      ['displayName', () => as(t.app, admin)('POST', '/api/admin/users/invite', { email: 'new.staff@relief.test', displayName: value, role: 'nurse' })],
      // A lone surrogate cannot even be put in a URL (it has no UTF-8); every other value can.
      ...(/[\uD800-\uDFFF]/.test(value) ? [] : [['q', () => as(t.app, desk)('GET', `/api/staff/patients?q=${encodeURIComponent(`ana${value}`)}`)] as (typeof calls)[number]]),
      ['password', () => t.app.inject({ method: 'POST', url: '/api/referrers/signup', payload: { npi: '1234567893', displayName: 'Dr Ref', email: 'ref@example.com', password: `${PASSWORD}${value}` } })],
    ];
    for (const [field, call] of calls) {
      const res = await call();
      expect(res.statusCode, field).toBe(422);
      expect(res.json().error.issues?.map((i) => i.field), field).toContain(field);
    }
  });

  it('keeps accents, apostrophes, hyphens and emoji in names and text', async () => {
    const booked = await book('2026-12-10', { firstName: 'María-José', lastName: "O'Connor Núñez", email: 'mj@example.com' });
    const row = await t.db.one<{ first_name: string; last_name: string }>('SELECT first_name, last_name FROM patient p JOIN appointment a ON a.patient_id = p.id WHERE a.id = $1', [booked.appointment.id]);
    expect(row).toEqual({ first_name: 'María-José', last_name: "O'Connor Núñez" });
    const reason = await t.app.inject({ method: 'POST', url: `/api/appointments/${booked.appointment.id}/cancel`, payload: { code: booked.confirmationCode, reason: 'Feeling better 😊\nThanks' } });
    expect(reason.statusCode).toBe(200);
  });
});

describe('issue 9 defect 3: impossible calendar dates are refused, never sent to the database', () => {
  it.each(['2026-02-30', '2026-13-01', '0000-00-00', '2025-02-29', '1899-12-31'])('%s as a birth date on the public activation routes', async (date) => {
    const ask = await t.app.inject({ method: 'POST', url: '/api/account/activation-code', payload: { firstName: 'Ana', lastName: 'Diaz', dateOfBirth: date } });
    expect(ask.statusCode).toBe(422);
    expect(ask.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['dateOfBirth']);
    const activate = await t.app.inject({ method: 'POST', url: '/api/account/activate-with-code', payload: { firstName: 'Ana', lastName: 'Diaz', dateOfBirth: date, code: '123456', password: PASSWORD } });
    expect(activate.statusCode).toBe(422);
    expect(activate.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['dateOfBirth']);
  });

  it.each(['2026-02-30', '2026-13-01', '0000-00-00'])('%s in the desk search is searched as text', async (q) => {
    const res = await as(t.app, desk)('GET', `/api/staff/patients?q=${q}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('a real leap day is a date, in the search and at booking', async () => {
    await book('2026-12-10', { firstName: 'Leap', lastName: 'Day', dateOfBirth: '1960-02-29', email: 'leap@example.com' });
    const res = await as(t.app, desk)('GET', '/api/staff/patients?q=1960-02-29');
    expect(res.json().items.map((p: { lastName: string }) => p.lastName)).toEqual(['Day']);
  });

  it.each([['from', '2026-02-30'], ['to', '2026-13-01']])('availability with %s %s names the field', async (field, date) => {
    const query = { visitType: ids.visitType('new-patient-consult'), from: '2026-12-10', to: '2026-12-10', [field]: date };
    const res = await t.app.inject({ url: '/api/availability', query });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: { field: string }) => i.field)).toEqual([field]);
  });
});

describe('issue 9 defect 4: an instant far in the future is refused before SQL', () => {
  const far = ['9999-12-31T23:59:59Z', '2199-12-31T23:59:59Z', '2100-01-01T00:00:00Z', '-271821-04-20T00:00:00Z'];

  it.each(far)('rescheduling to %s from the patient code route and from the desk', async (start) => {
    const booked = await book('2026-12-14');
    const mine = await t.app.inject({ method: 'POST', url: `/api/appointments/${booked.appointment.id}/reschedule`, payload: { code: booked.confirmationCode, start } });
    expect(mine.statusCode).toBe(422);
    expect(mine.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['start']);
    const staff = await as(t.app, desk)('POST', `/api/staff/appointments/${booked.appointment.id}/reschedule`, { start });
    expect(staff.statusCode).toBe(422);
    expect(staff.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['start']);
  });

  it.each(far)('booking at %s', async (start) => {
    const consult = ids.visitType('new-patient-consult');
    const slots = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-10', to: '2026-12-10', location: ids.location('waco') } })).json().slots;
    const res = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: { ...bookingBody(slots[0], consult), start } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['start']);
  });

  it('a search far ahead is refused, naming from', async () => {
    const res = await t.app.inject({ url: '/api/availability', query: { visitType: ids.visitType('new-patient-consult'), from: '2199-12-01', to: '2199-12-31' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ reason: 'beyond_booking_horizon', issues: [{ field: 'from' }] });
  });
});

describe('issue 9 defect 5: activation with a code tells no one whether a person is a patient', () => {
  it('answers a real patient and a stranger identically, try after try, in status and body', async () => {
    await book('2026-12-15', { firstName: 'Real', lastName: 'Patient', dateOfBirth: '1975-05-05', email: 'real.patient@example.com' });
    await t.app.inject({ method: 'POST', url: '/api/account/activation-code', payload: { firstName: 'Real', lastName: 'Patient', dateOfBirth: '1975-05-05' } });
    const attempt = (who: Record<string, string>, ip: string) =>
      t.app.inject({ method: 'POST', url: '/api/account/activate-with-code', remoteAddress: ip, payload: { ...who, code: '000000', password: 'a river runs by the mill' } });
    const real: { status: number; body: string }[] = [];
    const stranger: { status: number; body: string }[] = [];
    for (let i = 0; i < 7; i++) {
      const a = await attempt({ firstName: 'Real', lastName: 'Patient', dateOfBirth: '1975-05-05' }, '198.51.100.10');
      const b = await attempt({ firstName: 'Nobody', lastName: 'Here', dateOfBirth: '1975-05-05' }, '198.51.100.11');
      real.push({ status: a.statusCode, body: a.body });
      stranger.push({ status: b.statusCode, body: b.body });
    }
    expect(real.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 429, 429]);
    expect(stranger).toEqual(real);
  });

  it('limits wrong codes per address across every name tried', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/account/activate-with-code', remoteAddress: '198.51.100.20', payload: { firstName: `Name${i}`, lastName: 'Sprayed', dateOfBirth: '1975-05-05', code: '000000', password: 'a river runs by the mill' } })).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});

describe('issue 9 defect 6: a session that owes its second factor cannot see or end the other sessions', () => {
  it('is refused the session list, ending one, and signing out everywhere; the full session is not', async () => {
    const clinician = await createSignedIn(t, 'clinician', { email: 'sessions-half@relief.test' });
    const res = await signIn(t.app, clinician.email, PASSWORD, '192.0.2.77');
    const half = { cookie: cookieOf(res), csrf: res.json().csrfToken as string } as SignedIn;
    const list = await as(t.app, half)('GET', '/api/session/list');
    expect(list.statusCode).toBe(403);
    expect(list.json().error.reason).toBe('second_factor_required');
    expect(list.body).not.toContain('192.0.2.77');
    const full = (await as(t.app, clinician)('GET', '/api/session/list')).json().items as { id: string; current: boolean }[];
    const other = full.find((s) => s.current)!;
    expect((await as(t.app, half)('DELETE', `/api/session/list/${other.id}`)).statusCode).toBe(403);
    expect((await as(t.app, half)('POST', '/api/session/sign-out-everywhere', {})).statusCode).toBe(403);
    // The fully signed-in session is untouched, and it can do all three.
    expect((await as(t.app, clinician)('GET', '/api/session/list')).statusCode).toBe(200);
    // Signing the half session itself out stays possible.
    expect((await as(t.app, half)('DELETE', '/api/session')).statusCode).toBe(204);
  });

  it('a patient who turned the second factor on is held at it, not let in on the password alone', async () => {
    const me = await patientAccount('2026-12-16', { firstName: 'Opted', lastName: 'In', email: 'opted.in@example.com' }, 'my second factor is on');
    const enrol = await as(t.app, me)('POST', '/api/session/totp/enroll');
    const secret = enrol.json().secret as string;
    expect((await as(t.app, me)('POST', '/api/session/totp/confirm', { code: totp(secret, t.clock.now()) })).statusCode).toBe(200);
    const res = await signIn(t.app, 'opted.in@example.com', 'my second factor is on');
    expect(res.json().next).toBe('totp');
    const half = { cookie: cookieOf(res), csrf: res.json().csrfToken as string } as SignedIn;
    expect((await as(t.app, half)('GET', `/api/patients/${me.patientId}/appointments`)).statusCode).toBe(403);
    expect((await as(t.app, half)('GET', `/api/patients/${me.patientId}/disclosures`)).statusCode).toBe(403);
  });
});

describe('issue 9 defect 7: password-reset links', () => {
  const linkIn = async (email: string) => {
    const rows = await t.db.query<{ body_text: string }>("SELECT body_text FROM outbox WHERE recipient = $1 AND template = 'account.password_reset' ORDER BY created_at DESC, id DESC LIMIT 1", [email]);
    return /reset-password\/([\w-]+)/.exec(rows[0]!.body_text)![1]!;
  };
  const reset = (token: string, password: string) => t.app.inject({ method: 'POST', url: `/api/password-reset/${token}`, payload: { password } });

  it('a newer link spends the older one, and a completed reset spends every link still out', async () => {
    const nurse = await createSignedIn(t, 'nurse', { email: 'reset.links@relief.test' });
    await t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: nurse.email }, remoteAddress: '198.51.100.30' });
    const first = await linkIn(nurse.email);
    t.clock.advance(1000);
    await t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: nurse.email }, remoteAddress: '198.51.100.30' });
    const second = await linkIn(nurse.email);
    expect(second).not.toBe(first);
    expect((await reset(first, 'an older link must not work')).statusCode).toBe(404);
    expect((await reset(second, 'the newest link is the one')).statusCode).toBe(204);
    expect((await reset(second, 'and only once, of course')).statusCode).toBe(404);
  });

  it('a completed reset spends a link that was still out', async () => {
    const nurse = await createSignedIn(t, 'nurse', { email: 'reset.two@relief.test' });
    await t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: nurse.email }, remoteAddress: '198.51.100.31' });
    const older = await linkIn(nurse.email);
    t.clock.advance(1000);
    await t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: nurse.email }, remoteAddress: '198.51.100.31' });
    const newer = await linkIn(nurse.email);
    // As if the older link had been issued after the newer one (two requests racing): it is still out.
    await t.db.query("UPDATE one_time_token SET used_at = NULL WHERE purpose = 'password_reset' AND user_id = $1", [nurse.userId]);
    expect((await reset(newer, 'finished with this one')).statusCode).toBe(204);
    expect((await reset(older, 'the other must be spent')).statusCode).toBe(404);
  });

  it('sends at most three reset emails an hour to one account, with the same answer each time', async () => {
    const nurse = await createSignedIn(t, 'nurse', { email: 'reset.flood@relief.test' });
    const answers = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: nurse.email }, remoteAddress: `198.51.100.${40 + i}` });
      expect(res.statusCode).toBe(202);
      answers.add(res.body);
    }
    expect(answers.size).toBe(1);
    const sent = await t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE recipient = $1 AND template = 'account.password_reset'", [nurse.email]);
    expect(sent!.n).toBe(3);
  });

  it('limits reset requests from one address, whatever emails they name', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/password-reset', payload: { email: `someone${i}@example.com` }, remoteAddress: '198.51.100.99' })).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});

describe('issue 9 defect 8: the caregiver invitation tells no one whether an email has an account', () => {
  it('answers a staff email, a patient email and a new email the same way; the patient sees later which cannot be used', async () => {
    const me = await patientAccount('2026-12-17', { firstName: 'Invita', lastName: 'Dora', email: 'invita@example.com' }, 'inviting my helpers now');
    const invite = (email: string) => as(t.app, me)('POST', `/api/patients/${me.patientId}/caregivers`, { email, displayName: 'Helper', scope: 'limited' });
    const answers = [await invite(desk.email), await invite('opted.in@example.com'), await invite('brand.new.helper@example.com')];
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    for (const a of answers) expect(Object.keys(a.json())).toEqual(['grantId']);
    const list = (await as(t.app, me)('GET', `/api/patients/${me.patientId}/caregivers`)).json().items as { email: string; status: string }[];
    expect(list.map((g) => [g.email, g.status])).toEqual([
      [desk.email, 'unusable'],
      ['opted.in@example.com', 'unusable'],
      ['brand.new.helper@example.com', 'invited'],
    ]);
    // The staff member gains nothing from it.
    expect((await as(t.app, desk)('GET', '/api/caregiver/patients')).statusCode).toBe(403);
  });

  it('limits invitations per patient a day, and emails to one address', async () => {
    const me = await patientAccount('2026-12-18', { firstName: 'Many', lastName: 'Invites', email: 'many.invites@example.com' }, 'so many people to invite');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await as(t.app, me)('POST', `/api/patients/${me.patientId}/caregivers`, { email: `helper${i}@example.com`, displayName: `Helper ${i}`, scope: 'limited' })).statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(201), 429, 429]);
    // Two more patients name the same person: three emails reach that address, the fourth does not.
    for (const [date, name] of [['2026-12-29', 'Other'], ['2026-12-30', 'Third'], ['2026-12-31', 'Fourth']] as const) {
      const p = await patientAccount(date, { firstName: name, lastName: 'Sender', email: `${name.toLowerCase()}.sender@example.com` }, 'i invite the same helper');
      expect((await as(t.app, p)('POST', `/api/patients/${p.patientId}/caregivers`, { email: 'helper0@example.com', displayName: 'Helper', scope: 'full' })).statusCode).toBe(201);
    }
    const mails = await t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE recipient = 'helper0@example.com'");
    expect(mails!.n).toBe(3);
  });
});

describe('issue 9 defect 9: "who accessed my record" never names other patients or their refused requests', () => {
  it("leaves out another patient's and a caregiver's refused attempts, and a refused break-glass is no emergency", async () => {
    const target = await patientAccount('2026-12-23', { firstName: 'Target', lastName: 'Person', email: 'target.person@example.com' }, 'my record is only mine');
    const snoop = await patientAccount('2026-12-28', { firstName: 'Snoopy', lastName: 'Neighbour', email: 'snoopy@example.com' }, 'i am curious about others');
    expect((await as(t.app, snoop)('GET', `/api/patients/${target.patientId}/appointments`)).statusCode).toBe(404);
    expect((await as(t.app, snoop)('GET', `/api/patients/${target.patientId}/chart`)).statusCode).toBe(404);
    expect((await as(t.app, snoop)('POST', `/api/patients/${target.patientId}/break-glass`, { reason: 'I want to see their record please' })).statusCode).toBe(403);
    const caregiver = await createSignedIn(t, 'caregiver');
    expect((await as(t.app, caregiver)('GET', `/api/patients/${target.patientId}/appointments`)).statusCode).toBe(404);
    // A clinician outside the patient's care is refused too: that staff attempt is the patient's business.
    const clinician = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Elena Ortiz') });
    expect((await as(t.app, clinician)('GET', `/api/patients/${target.patientId}/chart`)).statusCode).toBe(403);

    const res = await as(t.app, target)('GET', `/api/patients/${target.patientId}/disclosures`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { who: string; role: string; outcome: string; emergency: boolean }[];
    expect(res.body).not.toMatch(/Snoopy|Neighbour/);
    expect(items.filter((i) => (i.role === 'patient' || i.role === 'caregiver') && i.outcome !== 'success')).toEqual([]);
    expect(items.filter((i) => i.emergency)).toEqual([]);
    expect(items).toContainEqual(expect.objectContaining({ role: 'clinician', outcome: 'denied' }));
    // The admins' log still holds every refusal.
    const log = (await as(t.app, admin)('GET', `/api/admin/audit?patient=${target.patientId}`)).json().items as { actorRole: string; outcome: string }[];
    expect(log.filter((e) => e.actorRole === 'patient' && e.outcome === 'denied').length).toBeGreaterThanOrEqual(3);
    expect(log.filter((e) => e.actorRole === 'caregiver' && e.outcome === 'denied').length).toBeGreaterThanOrEqual(1);
  });
});

describe('issue 9, found by the fuzz harness: a staff invitation naming a practitioner that is not there', () => {
  it('answers 422 at practitionerId, not 500, and writes nothing', async () => {
    const users = async () => (await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM app_user'))!.n;
    const before = await users();
    const unknown = await as(t.app, admin)('POST', '/api/admin/users/invite', { email: 'ghost.doc@relief.test', displayName: 'Ghost Doc', role: 'clinician', practitionerId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.issues).toEqual([{ field: 'practitionerId', message: 'is not a practitioner of this clinic' }]);
    const notClinician = await as(t.app, admin)('POST', '/api/admin/users/invite', { email: 'billing.doc@relief.test', displayName: 'Billing Person', role: 'billing', practitionerId: ids.practitioner('Dr. Elena Ortiz') });
    expect(notClinician.statusCode).toBe(422);
    expect(notClinician.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['practitionerId']);
    expect(await users()).toBe(before);
  });
});
