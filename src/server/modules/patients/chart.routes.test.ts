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

/** The front desk books a consult with a practitioner; a new patient unless `patientId`. Returns the patient and appointment ids. */
async function deskBooks(date: string, practitioner: string, who: { patient?: Record<string, string>; patientId?: string }) {
  const consult = ids.visitType('new-patient-consult');
  const { slots } = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: date, to: date, practitioner: ids.practitioner(practitioner) } })).json();
  const body = bookingBody(slots[0], consult, who.patient ?? {});
  const res = await as(t.app, desk)('POST', '/api/staff/appointments', {
    visitTypeId: body.visitTypeId, practitionerId: body.practitionerId, locationId: body.locationId, start: body.start,
    ...(who.patientId ? { patientId: who.patientId } : { patient: body.patient }), reason: 'Leg pain since my second back surgery.',
  });
  expect(res.statusCode).toBe(201);
  const appointmentId = res.json().id as string;
  return { patientId: (await t.db.one<{ p: string }>('SELECT patient_id AS p FROM appointment WHERE id = $1', [appointmentId]))!.p, appointmentId };
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
  desk = await createSignedIn(t, 'front_desk');
  ortizPatient = (await deskBooks('2026-12-02', 'Dr. Elena Ortiz', { patient: { firstName: 'Gloria', lastName: 'Saenz', email: 'gloria@example.com' } })).patientId;
  reedPatient = (await deskBooks('2026-12-03', 'Dr. Marcus Reed', { patient: { firstName: 'Hector', lastName: 'Ybarra', email: 'hector@example.com' } })).patientId;
  ortiz = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Elena Ortiz') });
  reed = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Marcus Reed') });
  nurse = await createSignedIn(t, 'nurse');
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
    expect(await events(ortiz.userId, ortizPatient)).toEqual([{ action: 'chart.read', outcome: 'success', reason: 'care_team' }]);
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

  it('is closed to the front desk, billing and administrators by role, with the same answer for any id', async () => {
    for (const who of [desk, billing, admin]) {
      const res = await chartOf(who, ortizPatient);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.reason).toBe('role');
      expect(res.body).not.toContain('Gloria');
      expect(res.body).toBe((await chartOf(who, UNKNOWN)).body);
    }
    expect((await chartOf(null, ortizPatient)).statusCode).toBe(401);
  });

  it('opens to a caregiver with the whole record and a referring provider with a referral in force, and to no other', async () => {
    const signedIn = async (email: string, password: string) => {
      const res = await signIn(t.app, email, password);
      expect(res.json().next).toBe('done');
      return { cookie: cookieOf(res), csrf: res.json().csrfToken } as SignedIn;
    };
    // Rita may see Gloria's appointments only: her chart stays closed, exactly like an unknown one.
    const rita = await signedIn('rita@example.com', 'a caregiver passphrase');
    expect((await chartOf(rita, ortizPatient)).statusCode).toBe(404);
    expect((await chartOf(rita, ortizPatient)).body).toBe((await chartOf(rita, UNKNOWN)).body);
    const pablo = await t.app.services.identity.createUser({ email: 'pablo@example.com', displayName: 'Pablo Ybarra', role: 'caregiver', password: 'another caregiver passphrase' });
    await t.db.query(`INSERT INTO caregiver_grant (organization_id, caregiver_user_id, patient_id, scope) VALUES ($1, $2, $3, 'full')`, [t.organizationId, pablo, reedPatient]);
    const asPablo = await signedIn('pablo@example.com', 'another caregiver passphrase');
    expect((await chartOf(asPablo, reedPatient)).json().access.basis).toBe('caregiver');
    expect((await chartOf(asPablo, ortizPatient)).statusCode).toBe(404);

    const referrer = await createSignedIn(t, 'referrer', { npi: '1234567893' });
    await t.db.query(`INSERT INTO referral (organization_id, referrer_user_id, patient_id, status) VALUES ($1, $2, $3, 'active'), ($1, $2, $4, 'closed')`, [t.organizationId, referrer.userId, ortizPatient, reedPatient]);
    const referred = await chartOf(referrer, ortizPatient);
    expect(referred.json().access.basis).toBe('referral');
    expect(referred.json().sharing).toContainEqual({ kind: 'referrer', name: 'Test referrer', scope: 'full' });
    expect((await chartOf(referrer, reedPatient)).statusCode).toBe(404);
    await t.db.query(`UPDATE referral SET revoked_by_patient_at = now() WHERE referrer_user_id = $1 AND patient_id = $2`, [referrer.userId, ortizPatient]);
    t.clock.advance(5_000); // past the cached session
    expect((await chartOf(referrer, ortizPatient)).statusCode).toBe(404);
  });

  it('names the field for a malformed patient id and answers 404 for an unknown one', async () => {
    const bad = await chartOf(ortiz, 'not-a-uuid');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues[0].field).toContain('patientId');
    expect((await chartOf(ortiz, UNKNOWN)).statusCode).toBe(404);
  });
});

describe('emergency access (break-glass)', () => {
  it("refuses a clinician outside the patient's care with 403 and the reason to offer, and records the refusal", async () => {
    const res = await chartOf(reed, ortizPatient);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', reason: 'break_glass_required' });
    expect(res.json().error.message).toMatch(/not under your care/);
    expect(res.body).not.toContain('Gloria');
    expect(await events(reed.userId, ortizPatient)).toEqual([{ action: 'chart.read', outcome: 'denied', reason: 'no care relationship; break-glass required' }]);
    // A clinician account not linked to a practitioner has no care relationships at all.
    const unlinked = await createSignedIn(t, 'clinician');
    expect((await chartOf(unlinked, reedPatient)).json().error.reason).toBe('break_glass_required');
  });

  it('does not count an online booking, or a cancelled visit, as a care relationship', async () => {
    // Anyone can book online under Gloria's name, birth date and email, for a visit with Dr. Reed...
    const consult = ids.visitType('new-patient-consult');
    const { slots } = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-07', to: '2026-12-07', practitioner: ids.practitioner('Dr. Marcus Reed') } })).json();
    const web = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slots[0], consult, { firstName: 'Gloria', lastName: 'Saenz', email: 'gloria@example.com' }) });
    expect(web.statusCode).toBe(201);
    expect((await t.db.one<{ p: string }>('SELECT patient_id AS p FROM appointment WHERE id = $1', [web.json().appointment.id]))!.p).toBe(ortizPatient);
    // ...which does not open her chart to him.
    expect((await chartOf(reed, ortizPatient)).json().error.reason).toBe('break_glass_required');

    // A visit the desk booked and then cancelled does not either.
    const natarajan = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Priya Natarajan') });
    const { appointmentId } = await deskBooks('2026-12-08', 'Dr. Priya Natarajan', { patientId: reedPatient });
    expect((await chartOf(natarajan, reedPatient)).json().access.basis).toBe('care_team');
    expect((await as(t.app, desk)('POST', `/api/staff/appointments/${appointmentId}/cancel`, { reason: 'Patient chose another clinic.' })).statusCode).toBe(200);
    expect((await chartOf(natarajan, reedPatient)).statusCode).toBe(403);
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
      { action: 'chart.read', outcome: 'success', reason: 'break_glass' },
    ]);
    // Gloria's accounting of disclosures says it was an emergency access.
    const seen = (await as(t.app, patient)('GET', `/api/patients/${ortizPatient}/disclosures`)).json().items;
    expect(seen).toContainEqual(expect.objectContaining({ action: 'chart.read', role: 'clinician', emergency: true }));
    expect(seen).toContainEqual(expect.objectContaining({ action: 'chart.read', role: 'clinician', emergency: false }));
    // Only this patient: another chart outside his care stays closed.
    const third = (await deskBooks('2026-12-04', 'Dr. Priya Natarajan', { patient: { firstName: 'Irma', lastName: 'Zuniga', email: 'irma@example.com' } })).patientId;
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

// The privacy officer is asked about a person, not an id: the admin finds the
// patient by name, reads the trail of that record with names in it, and sees
// whose chart each emergency access opened. Each of those reads is recorded.
describe("the administrator's review", () => {
  const adminEvents = () =>
    t.db.query<{ action: string; resource_type: string; patient_id: string | null }>(
      'SELECT action, resource_type, patient_id FROM audit_event WHERE actor_user_id = $1 ORDER BY seq',
      [admin.userId],
    );
  // The block before moved the clock past the idle timeout.
  beforeAll(async () => {
    admin = await again(admin);
  });

  it('finds the patient by name, and the record stays closed to them', async () => {
    const found = await as(t.app, admin)('GET', '/api/staff/patients?q=saenz');
    expect(found.statusCode).toBe(200);
    expect(found.json().items).toEqual([expect.objectContaining({ id: ortizPatient, firstName: 'Gloria', lastName: 'Saenz', dateOfBirth: '1968-04-12' })]);
    expect(await adminEvents()).toContainEqual({ action: 'patient.search', resource_type: 'patient', patient_id: ortizPatient });
    expect((await chartOf(admin, ortizPatient)).statusCode).toBe(403);
  });

  it("reads that patient's trail, named, and only theirs, and the reading is recorded", async () => {
    const res = await as(t.app, admin)('GET', `/api/admin/audit?patient=${ortizPatient}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { patientId: string; patientName: string; action: string; actorUserId: string; reason: string | null }[];
    expect(items.length).toBeGreaterThan(3);
    expect(new Set(items.map((e) => `${e.patientId} ${e.patientName}`))).toEqual(new Set([`${ortizPatient} Gloria Saenz`]));
    expect(items).toContainEqual(expect.objectContaining({ action: 'chart.read', actorUserId: reed.userId, reason: 'break_glass' }));
    expect((await adminEvents()).at(-1)).toEqual({ action: 'audit.read', resource_type: 'audit_event', patient_id: ortizPatient });

    const csv = await as(t.app, admin)('GET', `/api/admin/audit.csv?patient=${ortizPatient}&action=chart.read`);
    const [head, ...lines] = csv.body.trim().split('\r\n');
    expect(head!.split(',')).toContain('patientName');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toContain(`,${ortizPatient},Gloria Saenz,`);
  });

  it('sees whose chart each emergency access opened, and that reading is recorded too', async () => {
    const before = (await adminEvents()).length;
    const res = await as(t.app, admin)('GET', '/api/admin/break-glass?all=true');
    expect(res.json().items).toContainEqual(expect.objectContaining({ userId: reed.userId, patientId: ortizPatient, patientName: 'Gloria Saenz', patientDateOfBirth: '1968-04-12' }));
    const after = await adminEvents();
    expect(after.slice(before)).toEqual([{ action: 'audit.read', resource_type: 'break_glass', patient_id: null }]);
  });
});
