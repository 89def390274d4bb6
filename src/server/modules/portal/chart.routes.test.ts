import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../platform/totp.js';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, cookieOf, createSignedIn, signIn, type SignedIn } from '../../testing/test-users.js';

// Issue 3, item 4: a patient's chart opens to their own care team (a clinician
// who has seen or will see them), nurses, and the patient and those they share
// with. A clinician outside the care relationship gets a refusal that offers
// emergency access; with a reason, the chart opens for four hours, each read is
// marked as break-glass in the audit trail, and an administrator reviews it.

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let ortizPatient: string;
let reedPatient: string;
let ortiz: SignedIn;
let reed: SignedIn;
let nurse: SignedIn;
let desk: SignedIn;
let billing: SignedIn;
let admin: SignedIn;
let patient: SignedIn;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const chartOf = (who: SignedIn | null, patientId: string) => as(t.app, who)('GET', `/api/patients/${patientId}/chart`);

async function book(date: string, practitioner: string, patient: Record<string, string>): Promise<string> {
  const consult = ids.visitType('new-patient-consult');
  const { slots } = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: date, to: date, practitioner: ids.practitioner(practitioner) } })).json();
  const res = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: { ...bookingBody(slots[0], consult, patient), reason: 'Leg pain since my second back surgery.' } });
  expect(res.statusCode).toBe(201);
  return (await t.db.one<{ p: string }>('SELECT patient_id AS p FROM appointment WHERE id = $1', [res.json().appointment.id]))!.p;
}

/** Signs the same user in again, second factor included (after the clock has moved past the idle timeout). */
async function again(u: SignedIn): Promise<SignedIn> {
  const s = await signIn(t.app, u.email);
  const h = { cookie: cookieOf(s), 'x-csrf-token': s.json().csrfToken };
  const done = await t.app.inject({ method: 'POST', url: '/api/session/second-factor', headers: h, payload: { code: totp(u.secret!, t.clock.now()) } });
  expect(done.statusCode).toBe(200);
  return { ...u, cookie: cookieOf(done), csrf: done.json().csrfToken };
}

const events = (actor: string, patientId: string) =>
  t.db.query<{ action: string; outcome: string; reason: string | null }>(
    'SELECT action, outcome, reason FROM audit_event WHERE actor_user_id = $1 AND patient_id = $2 ORDER BY seq',
    [actor, patientId],
  );

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
  ortizPatient = await book('2026-12-02', 'Dr. Elena Ortiz', { firstName: 'Gloria', lastName: 'Saenz', email: 'gloria@example.com' });
  reedPatient = await book('2026-12-03', 'Dr. Marcus Reed', { firstName: 'Hector', lastName: 'Ybarra', email: 'hector@example.com' });
  ortiz = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Elena Ortiz') });
  reed = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Marcus Reed') });
  nurse = await createSignedIn(t, 'nurse');
  desk = await createSignedIn(t, 'front_desk');
  billing = await createSignedIn(t, 'billing');
  admin = await createSignedIn(t, 'admin');
  patient = await createSignedIn(t, 'patient', { patientId: ortizPatient });
  const caregiver = await t.app.services.identity.createUser({ email: 'rita@example.com', displayName: 'Rita Saenz', role: 'caregiver', password: 'a caregiver passphrase' });
  await t.db.query(`INSERT INTO caregiver_grant (organization_id, caregiver_user_id, patient_id, scope) VALUES ($1, $2, $3, 'limited')`, [t.organizationId, caregiver, ortizPatient]);
});
afterAll(async () => t?.close());

describe("a patient's chart", () => {
  it('opens to the clinician who sees the patient, with the visits and who else can see the record, and is recorded', async () => {
    const res = await chartOf(ortiz, ortizPatient);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const chart = res.json();
    expect(chart.patient).toMatchObject({ id: ortizPatient, firstName: 'Gloria', lastName: 'Saenz', dateOfBirth: '1968-04-12', email: 'gloria@example.com' });
    expect(chart.visits).toHaveLength(1);
    expect(chart.visits[0]).toMatchObject({ status: 'booked', reason: 'Leg pain since my second back surgery.', practitionerId: ids.practitioner('Dr. Elena Ortiz'), timeZone: 'America/Chicago' });
    expect(chart.visits[0].start).toMatch(/^2026-12-02T\d\d:\d\d:00-06:00$/);
    expect(chart.sharing).toEqual([{ kind: 'caregiver', name: 'Rita Saenz', scope: 'limited' }]);
    expect(chart.access).toEqual({ basis: 'care_team', expiresAt: null });
    expect(await events(ortiz.userId, ortizPatient)).toEqual([{ action: 'chart.read', outcome: 'success', reason: null }]);
  });

  it('opens to a nurse by role and to the patient as their own; the patient cannot open another chart', async () => {
    expect((await chartOf(nurse, reedPatient)).json().access.basis).toBe('role');
    expect((await chartOf(patient, ortizPatient)).json().access.basis).toBe('own');
    const theirs = await chartOf(patient, reedPatient);
    const nobody = await chartOf(patient, UNKNOWN);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(nobody.body);
    expect(theirs.body).not.toContain('Hector');
  });

  it('is closed to the front desk, billing and administrators, with an answer that says nothing of the patient', async () => {
    for (const who of [desk, billing, admin]) {
      const res = await chartOf(who, ortizPatient);
      expect([403, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain('Gloria');
      expect(res.body).toBe((await chartOf(who, UNKNOWN)).body);
    }
    expect((await chartOf(null, ortizPatient)).statusCode).toBe(401);
  });

  it('names the field for a malformed patient id and answers 404 for an unknown one', async () => {
    const bad = await chartOf(ortiz, 'not-a-uuid');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues[0].field).toContain('patientId');
    expect((await chartOf(ortiz, UNKNOWN)).statusCode).toBe(404);
  });
});

describe('emergency access (break-glass)', () => {
  it("refuses a clinician outside the patient's care with 403, and records the refusal", async () => {
    const res = await chartOf(reed, ortizPatient);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/not under your care/);
    expect(res.body).not.toContain('Gloria');
    expect(await events(reed.userId, ortizPatient)).toEqual([{ action: 'chart.read', outcome: 'denied', reason: 'no care relationship; break-glass required' }]);
  });

  it('needs a reason of ten characters, then opens the chart for four hours, marking each read, for review', async () => {
    const open = (reason: unknown) => as(t.app, reed)('POST', `/api/patients/${ortizPatient}/break-glass`, { reason });
    const short = await open('urgent');
    expect(short.statusCode).toBe(422);
    expect(short.json().error.issues[0].field).toBe('reason');
    expect((await chartOf(reed, ortizPatient)).statusCode).toBe(403);
    expect((await as(t.app, nurse)('POST', `/api/patients/${ortizPatient}/break-glass`, { reason: 'Patient in recovery with a fever.' })).statusCode).toBe(403);

    const started = await open('Covering for Dr. Ortiz: the patient called with new leg weakness.');
    expect(started.statusCode).toBe(201);
    const until = t.clock.now() + 4 * 3_600_000;
    expect(Date.parse(started.json().expiresAt)).toBe(until);

    const res = await chartOf(reed, ortizPatient);
    expect(res.statusCode).toBe(200);
    expect(res.json().patient.firstName).toBe('Gloria');
    expect(res.json().access).toEqual({ basis: 'break_glass', expiresAt: new Date(until).toISOString() });
    expect((await events(reed.userId, ortizPatient)).slice(-2)).toEqual([
      { action: 'break_glass.start', outcome: 'success', reason: 'Covering for Dr. Ortiz: the patient called with new leg weakness.' },
      { action: 'chart.read', outcome: 'success', reason: 'break-glass' },
    ]);
    // Only this patient: another chart outside his care stays closed.
    const third = await book('2026-12-04', 'Dr. Priya Natarajan', { firstName: 'Irma', lastName: 'Zuniga', email: 'irma@example.com' });
    expect((await chartOf(reed, third)).statusCode).toBe(403);

    const review = (await as(t.app, admin)('GET', '/api/admin/break-glass')).json().items;
    expect(review).toContainEqual(expect.objectContaining({ userId: reed.userId, patientId: ortizPatient, reviewedAt: null }));
  });

  it('closes again when the four hours are over', async () => {
    t.clock.advance(4 * 3_600_000 + 60_000);
    reed = await again(reed);
    const res = await chartOf(reed, ortizPatient);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('Gloria');
  });
});
