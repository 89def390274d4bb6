import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { given, type GivenPatient } from '../../testing/given.js';
import { demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

/**
 * Issue 12, items 1 and 2: the patient's self-service. Which visit types a
 * new and an established patient are offered; booking them through the same
 * search, rules and constraints as public booking; a request-only visit type
 * becomes a request (never a booking) that the desk books or declines; the
 * home's next visits and to-do list; who may do any of it.
 */
let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let vt: { consult: string; followUp: string; therapy: string; injection: string };
let newcomer: GivenPatient;
let regular: GivenPatient;
let stranger: GivenPatient;
let users: Record<'newcomer' | 'regular' | 'stranger' | 'limitedCaregiver' | 'desk' | 'nurse', SignedIn>;
const austin = () => ids.location('austin-central');

type SlotT = { start: string; practitionerId: string; locationId: string };

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
  vt = { consult: ids.visitType('new-patient-consult'), followUp: ids.visitType('follow-up'), therapy: ids.visitType('physical-therapy'), injection: ids.visitType('epidural-steroid-injection') };
  // This file's clinic: follow-ups for established patients, therapy on request, injections by the desk.
  await t.db.query("UPDATE visit_type SET online = 'established' WHERE id = $1", [vt.followUp]);
  await t.db.query("UPDATE visit_type SET online = 'request_only' WHERE id = $1", [vt.therapy]);
  await t.db.query("UPDATE visit_type SET online = 'staff_only' WHERE id = $1", [vt.injection]);
  const g = given(t);
  newcomer = await g.patient({ firstName: 'Nina', lastName: 'Newcomer', preferredLanguage: 'es' });
  regular = await g.patient({ firstName: 'Ana', lastName: 'Ruiz' });
  stranger = await g.patient({ firstName: 'Sam', lastName: 'Stranger' });
  // Nina has only a visit to come; Ana has been seen.
  await g.visit({ patient: newcomer, with: 'Dr. Elena Ortiz', on: '2026-12-04' });
  await g.seen(await g.visit({ patient: regular, with: 'Dr. Elena Ortiz', on: '2026-12-02' }));
  users = {
    newcomer: await createSignedIn(t, 'patient', { patientId: newcomer.id }),
    regular: await createSignedIn(t, 'patient', { patientId: regular.id }),
    stranger: await createSignedIn(t, 'patient', { patientId: stranger.id }),
    limitedCaregiver: await createSignedIn(t, 'caregiver'),
    desk: await createSignedIn(t, 'front_desk'),
    nurse: await createSignedIn(t, 'nurse'),
  };
  await t.db.query("INSERT INTO caregiver_grant (organization_id, caregiver_user_id, patient_id, scope) VALUES ($1, $2, $3, 'limited')", [t.organizationId, users.limitedCaregiver.userId, regular.id]);
});
afterAll(async () => t?.close());

const call = (who: SignedIn | null) => as(t.app, who);
const offers = async (who: SignedIn, p: GivenPatient) => {
  const res = await call(who)('GET', `/api/patients/${p.id}/visit-types`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { established: boolean; items: { visitTypeId: string; offer: string }[] };
};
const offerOf = (o: { items: { visitTypeId: string; offer: string }[] }, id: string) => o.items.find((i) => i.visitTypeId === id)?.offer ?? null;
async function portalSlot(who: SignedIn, p: GivenPatient, visitType: string, on: string, index = 0): Promise<SlotT> {
  const res = await call(who)('GET', `/api/patients/${p.id}/availability?visitType=${visitType}&from=${on}&to=${on}&location=${austin()}`);
  expect(res.statusCode, res.body).toBe(200);
  const slot = res.json().slots[index] as SlotT | undefined;
  if (!slot) throw new Error(`no open slot ${index} on ${on}`);
  return slot;
}
const bookBody = (visitTypeId: string, s: SlotT) => ({ visitTypeId, practitionerId: s.practitionerId, locationId: s.locationId, start: s.start });
const counts = async () => (await t.db.one<{ a: number; r: number }>('SELECT (SELECT count(*)::int FROM appointment) a, (SELECT count(*)::int FROM appointment_request) r'))!;
async function auditOf(res: { headers: Record<string, unknown> }) {
  await t.app.services.audit.seal();
  return t.db.query<{ action: string; patient_id: string | null; outcome: string; resource_type: string }>(
    'SELECT action, patient_id, outcome, resource_type FROM audit_event WHERE request_id = $1 ORDER BY action', [res.headers['x-request-id']]);
}

describe('issue 12: the visit types offered to a patient', () => {
  it('a new patient is offered what anyone may book and requests, not established-only or staff-only types', async () => {
    const o = await offers(users.newcomer, newcomer);
    expect(o.established).toBe(false);
    expect(offerOf(o, vt.consult)).toBe('book');
    expect(offerOf(o, vt.therapy)).toBe('request');
    expect(offerOf(o, vt.followUp)).toBeNull();
    expect(offerOf(o, vt.injection)).toBeNull();
  });

  it('an established patient (a visit that took place) is also offered the follow-up', async () => {
    const o = await offers(users.regular, regular);
    expect(o.established).toBe(true);
    expect(offerOf(o, vt.followUp)).toBe('book');
    expect(offerOf(o, vt.therapy)).toBe('request');
    expect(offerOf(o, vt.injection)).toBeNull();
  });

  it('a new patient cannot search or book a follow-up, naming the field; nothing is written', async () => {
    const before = await counts();
    const search = await call(users.newcomer)('GET', `/api/patients/${newcomer.id}/availability?visitType=${vt.followUp}&from=2026-12-09&to=2026-12-09`);
    expect(search.statusCode).toBe(422);
    expect(search.json().error.reason).toBe('visit_type_not_bookable_online');
    const s = await portalSlot(users.regular, regular, vt.followUp, '2026-12-09');
    const res = await call(users.newcomer)('POST', `/api/patients/${newcomer.id}/appointments`, bookBody(vt.followUp, s));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ reason: 'visit_type_not_bookable_online', issues: [{ field: 'visitTypeId' }] });
    expect(await counts()).toEqual(before);
  });
});

describe('issue 12: booking a follow-up online', () => {
  it('books through the public path: 201, the notice, the audit event named to the patient; the slot is then taken for anyone (409)', async () => {
    const s = await portalSlot(users.regular, regular, vt.followUp, '2026-12-09');
    const res = await call(users.regular)('POST', `/api/patients/${regular.id}/appointments`, { ...bookBody(vt.followUp, s), reason: 'Check after the injection' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().appointment.id as string;
    const row = await t.db.one<{ patient_id: string; booked_via: string; status: string }>('SELECT patient_id, booked_via, status FROM appointment WHERE id = $1', [id]);
    expect(row).toEqual({ patient_id: regular.id, booked_via: 'web', status: 'booked' });
    expect(await auditOf(res)).toEqual([{ action: 'appointment.create', patient_id: regular.id, outcome: 'success', resource_type: 'appointment' }]);
    const mail = await t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE template = 'appointment.booked' AND subject_id = $1", [id]);
    expect(mail!.n).toBe(1);
    // The same exclusion constraints as public booking: the desk cannot put someone else there either.
    const again = await call(users.desk)('POST', '/api/staff/appointments', { ...bookBody(vt.followUp, s), patientId: stranger.id, reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.reason).toBe('slot_taken');
  });

  it('a retry with the same Idempotency-Key answers the first booking', async () => {
    const s = await portalSlot(users.regular, regular, vt.consult, '2026-12-11');
    const send = () => call(users.regular)('POST', `/api/patients/${regular.id}/appointments`, bookBody(vt.consult, s), { 'idempotency-key': 'portal-retry-1' });
    const first = await send();
    const second = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().appointment.id).toBe(first.json().appointment.id);
  });

  it('a request-only or staff-only visit type is never booked online', async () => {
    const before = await counts();
    const s = await portalSlot(users.regular, regular, vt.consult, '2026-12-11', 3);
    for (const [visitTypeId, reason] of [[vt.therapy, 'visit_type_request_only'], [vt.injection, 'visit_type_not_bookable_online']] as const) {
      const res = await call(users.regular)('POST', `/api/patients/${regular.id}/appointments`, bookBody(visitTypeId, s));
      expect(res.statusCode).toBe(422);
      expect(res.json().error.reason).toBe(reason);
    }
    expect(await counts()).toEqual(before);
  });

  it("a patient cannot book for another patient: the answer is the unknown record's, and nothing is written", async () => {
    const before = await counts();
    const s = await portalSlot(users.regular, regular, vt.consult, '2026-12-11', 4);
    const theirs = await call(users.stranger)('POST', `/api/patients/${regular.id}/appointments`, bookBody(vt.consult, s));
    const nobody = await call(users.stranger)('POST', '/api/patients/00000000-0000-4000-8000-000000000000/appointments', bookBody(vt.consult, s));
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(nobody.body);
    expect((await call(users.stranger)('GET', `/api/patients/${regular.id}/home`)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('inside the cutoff, a visit booked online is changed by phone: the refusal carries the location phone', async () => {
    // Mon 06:00 CST now: a visit this afternoon in Austin is inside the 24-hour cutoff from the moment it is booked.
    const s = await portalSlot(users.regular, regular, vt.consult, '2026-11-30');
    const booked = await call(users.regular)('POST', `/api/patients/${regular.id}/appointments`, bookBody(vt.consult, s));
    expect(booked.statusCode, booked.body).toBe(201);
    const cancel = await call(users.regular)('POST', `/api/patients/${regular.id}/appointments/${booked.json().appointment.id}/cancel`, { reason: 'Cannot come' });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().error).toMatchObject({ reason: 'change_cutoff_passed', phone: '(512) 555-0140' });
  });
});

describe('issue 12: requests the desk books', () => {
  let requestId: string;

  it('a request is a desk task, never a booking; the patient is emailed in their language, with no health details', async () => {
    const before = await counts();
    const res = await call(users.newcomer)('POST', `/api/patients/${newcomer.id}/appointment-requests`, {
      visitTypeId: vt.therapy, preferredDays: [3, 1, 3], preferredTimes: ['morning'], note: 'Mornings before 10 are best',
    });
    expect(res.statusCode, res.body).toBe(201);
    requestId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'open', preferredDays: [1, 3], preferredTimes: ['morning'], appointmentId: null });
    expect(await counts()).toEqual({ a: before.a, r: before.r + 1 });
    const mail = await t.db.one<{ recipient: string; language: string; body_text: string }>("SELECT recipient, language, body_text FROM outbox WHERE template = 'appointment_request.received' AND subject_id = $1", [requestId]);
    expect(mail).toMatchObject({ recipient: newcomer.email, language: 'es' });
    expect(mail!.body_text).not.toMatch(/terapia|therapy|Mornings/i);
    expect(await auditOf(res)).toEqual([{ action: 'appointment_request.create', patient_id: newcomer.id, outcome: 'success', resource_type: 'appointment_request' }]);
  });

  it('a second request for the same visit type while one is open is a 409', async () => {
    const res = await call(users.newcomer)('POST', `/api/patients/${newcomer.id}/appointment-requests`, { visitTypeId: vt.therapy });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.reason).toBe('request_already_open');
  });

  it('only request-only visit types are requested, and bad input names its field', async () => {
    const bookable = await call(users.newcomer)('POST', `/api/patients/${newcomer.id}/appointment-requests`, { visitTypeId: vt.consult });
    expect(bookable.statusCode).toBe(422);
    expect(bookable.json().error.issues[0].field).toBe('visitTypeId');
    const bad = await call(users.newcomer)('POST', `/api/patients/${newcomer.id}/appointment-requests`, { visitTypeId: vt.therapy, preferredDays: [8] });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json().error.issues)).toContain('preferredDays');
  });

  it('the patient sees it pending on the home and in their requests', async () => {
    const home = await call(users.newcomer)('GET', `/api/patients/${newcomer.id}/home`);
    expect(home.statusCode).toBe(200);
    expect(home.json().todo).toContainEqual(expect.objectContaining({ kind: 'request_pending', requestId, visitTypeId: vt.therapy }));
    const list = await call(users.newcomer)('GET', `/api/patients/${newcomer.id}/appointment-requests`);
    expect(list.json().items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[requestId, 'open']]);
  });

  it('the desk lists open requests (each read audited to its patient) and books one: the request is booked with its appointment', async () => {
    const list = await call(users.desk)('GET', '/api/staff/appointment-requests');
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.find((r: { id: string }) => r.id === requestId);
    expect(mine).toMatchObject({ patientName: 'Nina Newcomer', patientLanguage: 'es', note: 'Mornings before 10 are best' });
    expect(await auditOf(list)).toContainEqual({ action: 'appointment_request.read', patient_id: newcomer.id, outcome: 'success', resource_type: 'appointment_request' });

    const slot = (await t.app.inject({ url: '/api/staff/availability', query: { visitType: vt.therapy, from: '2026-12-09', to: '2026-12-09' }, headers: { cookie: users.desk.cookie } })).json().slots[0] as SlotT;
    const booked = await call(users.desk)('POST', `/api/staff/appointment-requests/${requestId}/book`, { practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start });
    expect(booked.statusCode, booked.body).toBe(201);
    const request = await t.db.one<{ status: string; appointment_id: string }>('SELECT status, appointment_id FROM appointment_request WHERE id = $1', [requestId]);
    expect(request).toEqual({ status: 'booked', appointment_id: booked.json().id });
    const actions = (await auditOf(booked)).map((e) => [e.action, e.patient_id]);
    expect(actions).toEqual([['appointment.create', newcomer.id], ['appointment_request.book', newcomer.id]]);
    // Answered: neither booked again nor declined.
    const twice = await call(users.desk)('POST', `/api/staff/appointment-requests/${requestId}/book`, { practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.reason).toBe('request_not_open');
    const decline = await call(users.desk)('POST', `/api/staff/appointment-requests/${requestId}/decline`, { reason: 'x' });
    expect(decline.statusCode).toBe(409);
  });

  it('the desk declines a request with a reason the patient reads on the home', async () => {
    const res = await call(users.regular)('POST', `/api/patients/${regular.id}/appointment-requests`, { visitTypeId: vt.therapy, note: 'Any afternoon' });
    expect(res.statusCode, res.body).toBe(201);
    const declined = await call(users.desk)('POST', `/api/staff/appointment-requests/${res.json().id}/decline`, { reason: 'Your doctor will order therapy at your next visit' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'Your doctor will order therapy at your next visit' });
    expect(await auditOf(declined)).toEqual([{ action: 'appointment_request.decline', patient_id: regular.id, outcome: 'success', resource_type: 'appointment_request' }]);
    const home = (await call(users.regular)('GET', `/api/patients/${regular.id}/home`)).json();
    expect(home.todo).toContainEqual({ kind: 'request_declined', requestId: res.json().id, visitTypeId: vt.therapy, reason: 'Your doctor will order therapy at your next visit' });
    const unknown = await call(users.desk)('POST', '/api/staff/appointment-requests/00000000-0000-4000-8000-000000000000/decline', { reason: 'x' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('issue 12: the home and who sees it', () => {
  it("lists the next visits with their instructions in both languages and the location's phone, audited as a read", async () => {
    const res = await call(users.newcomer)('GET', `/api/patients/${newcomer.id}/home`);
    expect(res.statusCode).toBe(200);
    const [next] = res.json().nextVisits;
    expect(next).toMatchObject({ locationName: 'Austin Central', locationPhone: '(512) 555-0140', practitionerName: 'Dr. Elena Ortiz', visitTypeName: { en: 'New patient consultation' } });
    expect(next.instructions.en).toMatch(/photo ID/);
    expect(next.instructions.es).toMatch(/identificación/);
    expect(await auditOf(res)).toEqual([{ action: 'appointment.read', patient_id: newcomer.id, outcome: 'success', resource_type: 'patient_home' }]);
  });

  it('a limited-scope caregiver uses the appointments self-service, and nothing beyond it', async () => {
    const cg = call(users.limitedCaregiver);
    expect((await cg('GET', `/api/patients/${regular.id}/home`)).statusCode).toBe(200);
    expect((await cg('GET', `/api/patients/${regular.id}/visit-types`)).statusCode).toBe(200);
    const s = await portalSlot(users.limitedCaregiver, regular, vt.followUp, '2026-12-23');
    const booked = await cg('POST', `/api/patients/${regular.id}/appointments`, bookBody(vt.followUp, s));
    expect(booked.statusCode, booked.body).toBe(201);
    for (const url of [`/api/patients/${regular.id}/chart`, `/api/patients/${regular.id}/disclosures`, `/api/patients/${regular.id}/caregivers`]) {
      expect([403, 404]).toContain((await cg('GET', url)).statusCode);
    }
    // Another patient's record is not theirs at all.
    expect((await cg('GET', `/api/patients/${newcomer.id}/home`)).statusCode).toBe(404);
  });

  it('staff use the desk: the patient routes refuse them, and record the refusal', async () => {
    const res = await call(users.nurse)('GET', `/api/patients/${regular.id}/home`);
    expect(res.statusCode).toBe(403);
    expect(await auditOf(res)).toEqual([{ action: 'appointment.read', patient_id: regular.id, outcome: 'denied', resource_type: 'appointment' }]);
  });
});
