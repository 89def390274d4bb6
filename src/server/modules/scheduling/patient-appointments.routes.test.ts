import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, demoIds, startTestApp, TEST_NOW, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

/**
 * Issue 11: a signed-in patient's appointment cards cancel, reschedule and add
 * to the calendar without the confirmation code. The patient, or a caregiver
 * their access grants, on their own record; the appointment must be that
 * record's. Same cutoff, audit events and notices as the code routes.
 */
let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let consult: string;
let patientA: string;
let patientB: string;
const visits: Record<'a1' | 'a2' | 'a3' | 'b1', { id: string; code: string; start: string; practitionerId: string }> = {} as never;
let users: Record<'patient' | 'otherPatient' | 'caregiver' | 'limitedCaregiver' | 'strangerCaregiver' | 'desk' | 'nurse' | 'referrer', SignedIn>;

type SlotT = { start: string; practitionerId: string; locationId: string };

async function bookConsult(date: string, location: string, patient: Record<string, string>) {
  const slots = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: date, to: date, location } })).json().slots as SlotT[];
  const res = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slots[0]!, consult, patient) });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().appointment.id as string, code: res.json().confirmationCode as string, start: slots[0]!.start, practitionerId: slots[0]!.practitionerId };
}
const patientOf = async (appointmentId: string) => (await t.db.one<{ p: string }>('SELECT patient_id AS p FROM appointment WHERE id = $1', [appointmentId]))!.p;

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
  consult = ids.visitType('new-patient-consult');
  const ana = { firstName: 'Ana', lastName: 'Portal', email: 'ana.portal@example.com', dateOfBirth: '1970-05-05' };
  visits.a1 = await bookConsult('2026-12-01', ids.location('round-rock'), ana);
  visits.a2 = await bookConsult('2026-12-02', ids.location('waco'), ana);
  visits.a3 = await bookConsult('2026-12-03', ids.location('killeen'), ana);
  visits.b1 = await bookConsult('2026-12-01', ids.location('waco'), { firstName: 'Bea', lastName: 'Other', email: 'bea@example.com' });
  patientA = await patientOf(visits.a1.id);
  patientB = await patientOf(visits.b1.id);
  expect(await patientOf(visits.a2.id)).toBe(patientA);
  users = {
    patient: await createSignedIn(t, 'patient', { patientId: patientA }),
    otherPatient: await createSignedIn(t, 'patient', { patientId: patientB }),
    caregiver: await createSignedIn(t, 'caregiver'),
    limitedCaregiver: await createSignedIn(t, 'caregiver'),
    strangerCaregiver: await createSignedIn(t, 'caregiver'),
    desk: await createSignedIn(t, 'front_desk'),
    nurse: await createSignedIn(t, 'nurse'),
    referrer: await createSignedIn(t, 'referrer', { npi: '1234567893' }),
  };
  const grant = (user: SignedIn, scope: string) =>
    t.db.query('INSERT INTO caregiver_grant (organization_id, caregiver_user_id, patient_id, scope) VALUES ($1, $2, $3, $4)', [t.organizationId, user.userId, patientA, scope]);
  await grant(users.caregiver, 'full');
  await grant(users.limitedCaregiver, 'limited');
  await t.db.query("INSERT INTO referral (organization_id, referrer_user_id, patient_id, status) VALUES ($1, $2, $3, 'active')", [t.organizationId, users.referrer.userId, patientA]);
});
afterAll(async () => t?.close());

const base = (patientId: string, appointmentId: string) => `/api/patients/${patientId}/appointments/${appointmentId}`;
const calendar = (who: SignedIn | null, patientId: string, id: string) => as(t.app, who)('GET', `${base(patientId, id)}/calendar.ics`);
const options = (who: SignedIn | null, patientId: string, id: string, q = 'from=2026-12-08&to=2026-12-08') => as(t.app, who)('GET', `${base(patientId, id)}/availability?${q}`);
const cancel = (who: SignedIn | null, patientId: string, id: string, body: unknown = { reason: 'Feeling better' }) => as(t.app, who)('POST', `${base(patientId, id)}/cancel`, body);
const reschedule = (who: SignedIn | null, patientId: string, id: string, body: unknown) => as(t.app, who)('POST', `${base(patientId, id)}/reschedule`, body);
async function auditOf(res: { headers: Record<string, unknown> }) {
  await t.app.services.audit.seal();
  return t.db.query<{ action: string; actor_user_id: string | null; patient_id: string | null; outcome: string; resource_type: string }>(
    'SELECT action, actor_user_id, patient_id, outcome, resource_type FROM audit_event WHERE request_id = $1', [res.headers['x-request-id']]);
}

describe("issue 11: a signed-in patient's own appointments without the code", () => {
  it('the calendar file is the same as the code route, and the read is audited to the patient', async () => {
    const mine = await calendar(users.patient, patientA, visits.a1.id);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toMatch(/^text\/calendar/);
    const byCode = await t.app.inject(`/api/appointments/${visits.a1.id}/calendar.ics?code=${visits.a1.code}`);
    expect(mine.body).toBe(byCode.body);
    expect(await auditOf(mine)).toEqual([{ action: 'appointment.read', actor_user_id: users.patient.userId, patient_id: patientA, outcome: 'success', resource_type: 'appointment_calendar' }]);
  });

  it('reschedules with the same practitioner, tells the patient by email, and audits it', async () => {
    const open = await options(users.patient, patientA, visits.a1.id);
    expect(open.statusCode, open.body).toBe(200);
    const slots = open.json().slots as SlotT[];
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots.map((s) => s.practitionerId))).toEqual(new Set([visits.a1.practitionerId]));
    const moved = await reschedule(users.patient, patientA, visits.a1.id, { start: slots[0]!.start });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ start: slots[0]!.start, practitionerId: visits.a1.practitionerId, status: 'booked' });
    expect((await auditOf(moved)).map((e) => [e.action, e.actor_user_id, e.patient_id])).toEqual([['appointment.reschedule', users.patient.userId, patientA]]);
    expect((await t.app.services.notices.listForAppointment(visits.a1.id)).filter((n) => n.template !== 'appointment.reminder').map((n) => n.template)).toEqual(['appointment.booked', 'appointment.rescheduled']);
  });

  it('cancels, as a caregiver with full or limited access too', async () => {
    const res = await cancel(users.caregiver, patientA, visits.a2.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Feeling better' });
    expect((await auditOf(res)).map((e) => [e.action, e.actor_user_id, e.patient_id])).toEqual([['appointment.cancel', users.caregiver.userId, patientA]]);
    expect((await t.app.services.notices.listForAppointment(visits.a2.id)).filter((n) => n.template !== 'appointment.reminder').map((n) => n.template)).toEqual(['appointment.booked', 'appointment.cancelled']);
    expect((await calendar(users.limitedCaregiver, patientA, visits.a3.id)).statusCode).toBe(200);
    expect((await options(users.limitedCaregiver, patientA, visits.a3.id)).statusCode).toBe(200);
  });

  it("refuses another patient's appointment as an unknown one (404), under either record", async () => {
    const unknown = await calendar(users.patient, patientA, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    for (const res of [
      await calendar(users.patient, patientA, visits.b1.id),
      await cancel(users.patient, patientA, visits.b1.id),
      await reschedule(users.patient, patientA, visits.b1.id, { start: visits.b1.start }),
      await options(users.patient, patientA, visits.b1.id),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(unknown.body);
    }
    for (const res of [await calendar(users.patient, patientB, visits.b1.id), await cancel(users.patient, patientB, visits.b1.id), await calendar(users.otherPatient, patientA, visits.a3.id)]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(patientB);
    }
    expect((await t.app.inject(`/api/appointments/${visits.b1.id}?code=${visits.b1.code}`)).json().status).toBe('booked');
  });

  it('refuses a caregiver without access (404), anyone signed out (401), and staff and referrers (403, recorded)', async () => {
    for (const res of [await calendar(users.strangerCaregiver, patientA, visits.a3.id), await cancel(users.strangerCaregiver, patientA, visits.a3.id)]) expect(res.statusCode).toBe(404);
    for (const res of [await calendar(null, patientA, visits.a3.id), await cancel(null, patientA, visits.a3.id), await options(null, patientA, visits.a3.id)]) expect(res.statusCode).toBe(401);
    // Staff change visits at the desk: refused before the body is even read (an empty body is a 403, not a 422).
    const desk = await cancel(users.desk, patientA, visits.a3.id, {});
    expect(desk.statusCode).toBe(403);
    expect(desk.json().error.reason).toBe('role');
    expect(await auditOf(desk)).toEqual([expect.objectContaining({ action: 'appointment.write', actor_user_id: users.desk.userId, patient_id: patientA, outcome: 'denied' })]);
    for (const res of [
      await reschedule(users.desk, patientA, visits.a3.id, { start: visits.a3.start }),
      await calendar(users.desk, patientA, visits.a3.id),
      await calendar(users.nurse, patientA, visits.a3.id),
      await options(users.nurse, patientA, visits.a3.id),
      await calendar(users.referrer, patientA, visits.a3.id),
      await cancel(users.referrer, patientA, visits.a3.id),
    ]) expect(res.statusCode).toBe(403);
    expect((await t.app.inject(`/api/appointments/${visits.a3.id}?code=${visits.a3.code}`)).json().status).toBe('booked');
    // Malformed ids in the path: refused, never a 5xx.
    for (const res of [await calendar(users.desk, 'not-a-patient', 'x'.repeat(60)), await cancel(users.desk, "1' OR '1'='1", visits.a3.id, {})]) expect(res.statusCode).toBe(403);
    for (const res of [await calendar(users.patient, 'not-a-patient', visits.a3.id), await options(users.patient, patientA, 'not-an-id')]) expect(res.statusCode).toBeLessThan(500);
  });

  it('takes no confirmation code, and names a bad field', async () => {
    const withCode = await cancel(users.patient, patientA, visits.a3.id, { code: visits.a3.code, reason: 'x' });
    expect(withCode.statusCode).toBe(422);
    expect(withCode.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['code']);
    const noStart = await reschedule(users.patient, patientA, visits.a3.id, {});
    expect(noStart.statusCode).toBe(422);
    expect(noStart.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['start']);
    expect((await options(users.patient, patientA, visits.a3.id, 'from=2026-12-08')).statusCode).toBe(422);
  });

  it("is bound by the visit type's cutoff, with the location to call", async () => {
    try {
      // Killeen, Thu 2026-12-03 08:00 CST = 14:00Z; 24 hours before is Wed 14:00Z.
      expect(visits.a3.start).toBe('2026-12-03T08:00:00-06:00');
      t.clock.set('2026-12-02T14:30:00Z');
      const late = await createSignedIn(t, 'patient', { patientId: patientA });
      for (const res of [await cancel(late, patientA, visits.a3.id), await options(late, patientA, visits.a3.id), await reschedule(late, patientA, visits.a3.id, { start: '2026-12-10T08:00:00-06:00' })]) {
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toMatchObject({ reason: 'change_cutoff_passed', phone: '(254) 555-0193' });
      }
      // The calendar file is not a change.
      expect((await calendar(late, patientA, visits.a3.id)).statusCode).toBe(200);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });
});
