import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let desk: SignedIn;
let nurse: SignedIn;
let call: ReturnType<typeof as>;
const austin = () => ids.location('austin-central');

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
  desk = await createSignedIn(t, 'front_desk');
  nurse = await createSignedIn(t, 'nurse');
  call = as(t.app, desk);
});
afterAll(async () => t?.close());

/** Every health-information route answers with a request id that the audit trail then holds. */
async function expectAudited(res: { headers: Record<string, unknown> }, action: string) {
  await t.app.services.audit.seal();
  const id = res.headers['x-request-id'] as string;
  const rows = await t.db.query<{ action: string }>('SELECT action FROM audit_event WHERE request_id = $1', [id]);
  expect(rows.map((r) => r.action), `audit for request ${id}`).toContain(action);
}

/** The first opening as the desk sees it (issue 11: procedures are no longer searched on the public route). */
async function slot(visitCode: string, q: Record<string, string>) {
  const res = await call('GET', `/api/staff/availability?${new URLSearchParams({ visitType: ids.visitType(visitCode), ...q })}`);
  return res.json().slots[0] as { start: string; practitionerId: string; locationId: string; roomId: string };
}

describe('staff schedule desk', () => {
  it('books a fluoroscopy procedure for a new patient on the phone, and finds them again', async () => {
    const s = await slot('epidural-steroid-injection', { from: '2026-12-02', to: '2026-12-02', location: austin() });
    const res = await call('POST', '/api/staff/appointments', {
      visitTypeId: ids.visitType('epidural-steroid-injection'), practitionerId: s.practitionerId, locationId: s.locationId, start: s.start,
      patient: { firstName: 'Carmen', lastName: 'Villarreal', dateOfBirth: '1958-03-14', phone: '(254) 555-0111', email: 'carmen@example.com', preferredLanguage: 'es' },
      reason: 'Left leg pain, L5 radiculopathy',
    });
    expect(res.statusCode).toBe(201);
    await expectAudited(res, 'appointment.create');
    const room = await t.db.one<{ capabilities: string[] }>('SELECT capabilities FROM room WHERE id = $1', [res.json().roomId]);
    expect(room!.capabilities).toContain('fluoroscopy');
    const found = await call('GET', '/api/staff/patients?q=villarr');
    expect(found.json().items.map((p: { lastName: string }) => p.lastName)).toEqual(['Villarreal']);
    await expectAudited(found, 'patient.search');
    const byDob = await call('GET', '/api/staff/patients?q=1958-03-14');
    expect(byDob.json().items).toHaveLength(1);
    const byPhone = await call('GET', '/api/staff/patients?q=555-0111');
    expect(byPhone.json().items).toHaveLength(1);
    // An existing patient is booked by id.
    const follow = await slot('follow-up', { from: '2026-12-09', to: '2026-12-09', location: austin() });
    const again = await call('POST', '/api/staff/appointments', {
      visitTypeId: ids.visitType('follow-up'), practitionerId: follow.practitionerId, locationId: follow.locationId, start: follow.start,
      patientId: found.json().items[0].id, reason: 'Post-injection follow-up',
    });
    expect(again.statusCode).toBe(201);
  });

  it('issue 10: shows no working hours on a clinic holiday, as the slot search keeps the day closed', async () => {
    // Christmas Eve and Christmas Day 2026 (Thursday, Friday) are demo holidays; the Wednesday before is not.
    const res = await as(t.app, nurse)('GET', `/api/staff/schedule?location=${austin()}&from=2026-12-23&to=2026-12-25`);
    expect(res.statusCode).toBe(200);
    const ortiz = res.json().practitioners.find((p: { name: string }) => p.name === 'Dr. Elena Ortiz');
    expect(ortiz.hours).toEqual([{ start: '2026-12-23T08:00:00-06:00', end: '2026-12-23T17:00:00-06:00' }]);
    const consult = ids.visitType('new-patient-consult');
    const open = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-24', to: '2026-12-25', location: austin() } })).json();
    expect(open.slots).toEqual([]);
  });

  it("shows a location's day with practitioners' hours, rooms, appointments and blocks, auditing each patient shown", async () => {
    const res = await as(t.app, nurse)('GET', `/api/staff/schedule?location=${austin()}&from=2026-12-02&to=2026-12-02`);
    expect(res.statusCode).toBe(200);
    const day = res.json();
    expect(day.timeZone).toBe('America/Chicago');
    expect(day.rooms.map((r: { name: string }) => r.name)).toContain('Fluoro Suite A');
    const ortiz = day.practitioners.find((p: { name: string }) => p.name === 'Dr. Elena Ortiz');
    expect(ortiz.hours).toEqual([{ start: '2026-12-02T08:00:00-06:00', end: '2026-12-02T17:00:00-06:00' }]);
    const appt = day.appointments.find((a: { patient: { lastName: string } }) => a.patient.lastName === 'Villarreal');
    expect(appt).toMatchObject({ status: 'booked', bookedVia: 'staff', reason: 'Left leg pain, L5 radiculopathy' });
    await t.app.services.audit.seal();
    const events = await t.db.query<{ patient_id: string }>(`SELECT patient_id FROM audit_event WHERE request_id = $1 AND action = 'schedule.read'`, [res.headers['x-request-id']]);
    expect(events.map((e) => e.patient_id)).toContain(appt.patient.id);
    expect((await call('GET', `/api/staff/schedule?location=${austin()}&from=2026-12-01&to=2026-12-10`)).statusCode).toBe(422);
  });

  it('checks in only on the day, refuses impossible status changes, cancels and reschedules with reasons', async () => {
    const s = await slot('follow-up', { from: '2026-11-30', to: '2026-11-30', location: ids.location('round-rock') });
    const created = (await call('POST', '/api/staff/appointments', {
      visitTypeId: ids.visitType('follow-up'), practitionerId: s.practitionerId, locationId: s.locationId, start: s.start,
      patient: { firstName: 'Tom', lastName: 'Nguyen', dateOfBirth: '1966-06-06', phone: '512-555-0122', email: 'tom@example.com', preferredLanguage: 'en' }, reason: 'Follow-up',
    })).json();
    const status = (st: string) => call('POST', `/api/staff/appointments/${created.id}/status`, { status: st });
    expect((await status('completed')).statusCode).toBe(422);
    const checkIn = await status('checked_in');
    expect(checkIn.json().status).toBe('checked_in');
    await expectAudited(checkIn, 'appointment.status');
    expect((await status('completed')).json().status).toBe('completed');
    expect((await status('no_show')).statusCode).toBe(422);

    const later = await slot('follow-up', { from: '2026-12-10', to: '2026-12-10', location: austin() });
    const future = (await call('POST', '/api/staff/appointments', {
      visitTypeId: ids.visitType('follow-up'), practitionerId: later.practitionerId, locationId: later.locationId, start: later.start, patientId: (await t.db.one<{ id: string }>("SELECT id FROM patient WHERE last_name = 'Nguyen'"))!.id, reason: 'Review',
    })).json();
    expect((await call('POST', `/api/staff/appointments/${future.id}/status`, { status: 'checked_in' })).statusCode).toBe(422);
    const moved = await call('POST', `/api/staff/appointments/${future.id}/reschedule`, { start: new Date(Date.parse(later.start) + 60 * 60_000).toISOString() });
    expect(moved.statusCode).toBe(200);
    await expectAudited(moved, 'appointment.reschedule');
    const cancelled = await call('POST', `/api/staff/appointments/${future.id}/cancel`, { reason: 'Patient called to cancel' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Patient called to cancel' });
    await expectAudited(cancelled, 'appointment.cancel');
    // The desk's schedule shows why it was cancelled.
    const day = (await call('GET', `/api/staff/schedule?location=${austin()}&from=2026-12-10&to=2026-12-10`)).json();
    expect(day.appointments.find((a: { id: string }) => a.id === future.id)).toMatchObject({ status: 'cancelled', cancelReason: 'Patient called to cancel', heardAbout: null, referringDoctor: null });
  });

  it("shows the desk what a patient booking online said about their referring doctor and how they heard of the clinic", async () => {
    const consult = ids.visitType('new-patient-consult');
    const s = await slot('new-patient-consult', { from: '2026-12-11', to: '2026-12-11', location: austin() });
    const online = await t.app.inject({
      method: 'POST', url: '/api/appointments', headers: { 'idempotency-key': 'desk-sees-referral-1' },
      payload: { ...bookingBody(s, consult), heardAbout: 'doctor_referral', referringDoctor: 'Dr. Lee Park, Temple Spine' },
    });
    expect(online.statusCode).toBe(201);
    const day = (await call('GET', `/api/staff/schedule?location=${austin()}&from=2026-12-11&to=2026-12-11`)).json();
    expect(day.appointments.find((a: { id: string }) => a.id === online.json().appointment.id)).toMatchObject({
      bookedVia: 'web', heardAbout: 'doctor_referral', referringDoctor: 'Dr. Lee Park, Temple Spine', cancelReason: null,
    });
  });

  it('blocks time so it is no longer offered, and unblocks it', async () => {
    const reed = ids.practitioner('Dr. Marcus Reed');
    const q = { visitType: ids.visitType('new-patient-consult'), from: '2026-12-15', to: '2026-12-15', practitioner: reed };
    const before = (await t.app.inject({ url: '/api/availability', query: q })).json().slots.length;
    expect(before).toBeGreaterThan(0);
    const block = await call('POST', '/api/staff/blocks', { practitionerId: reed, start: '2026-12-15T12:00:00-06:00', end: '2026-12-15T17:00:00-06:00', reason: 'Hospital rounds' });
    expect(block.statusCode).toBe(201);
    const during = (await t.app.inject({ url: '/api/availability', query: q })).json().slots;
    expect(during.length).toBeLessThan(before);
    expect(during.every((s: { end: string }) => Date.parse(s.end) <= Date.parse('2026-12-15T12:00:00-06:00'))).toBe(true);
    expect((await call('DELETE', `/api/staff/blocks/${block.json().id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/availability', query: q })).json().slots.length).toBe(before);
    expect((await call('POST', '/api/staff/blocks', { practitionerId: reed, start: '2026-12-15T12:00:00-06:00', end: '2026-12-15T11:00:00-06:00', reason: 'x' })).json().error.issues[0].field).toBe('end');
  });

  it('blocks time over booked visits and names them for the desk to move; a cancelled one is not named', async () => {
    const reed = ids.practitioner('Dr. Marcus Reed');
    const bookAt = async (start: { start: string; practitionerId: string; locationId: string }, firstName: string) => {
      const res = await call('POST', '/api/staff/appointments', {
        visitTypeId: ids.visitType('new-patient-consult'), practitionerId: start.practitionerId, locationId: start.locationId, start: start.start,
        patient: { firstName, lastName: 'Sickday', dateOfBirth: '1970-05-05', phone: '(512) 555-0177', email: `${firstName.toLowerCase()}@example.com` },
        reason: 'Follow-up',
      });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string; start: string };
    };
    const first = await bookAt(await slot('new-patient-consult', { from: '2026-12-22', to: '2026-12-22', practitioner: reed }), 'Ines');
    const second = await bookAt(await slot('new-patient-consult', { from: '2026-12-22', to: '2026-12-22', practitioner: reed }), 'Joel');
    const gone = await bookAt(await slot('new-patient-consult', { from: '2026-12-22', to: '2026-12-22', practitioner: reed }), 'Karla');
    expect((await call('POST', `/api/staff/appointments/${gone.id}/cancel`, { reason: 'Patient called to cancel' })).statusCode).toBe(200);

    const block = await call('POST', '/api/staff/blocks', { practitionerId: reed, start: '2026-12-22T07:00:00-06:00', end: '2026-12-22T18:00:00-06:00', reason: 'Out sick' });
    expect(block.statusCode).toBe(201);
    expect(block.json().bookedInside).toEqual([first, second].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).map((a) => ({ id: a.id, start: a.start })));
    // The block stands: no new visit is offered that day, and the booked ones stay until the desk moves them.
    expect((await t.app.inject({ url: '/api/availability', query: { visitType: ids.visitType('new-patient-consult'), from: '2026-12-22', to: '2026-12-22', practitioner: reed } })).json().slots).toEqual([]);
    const elsewhere = await call('POST', '/api/staff/blocks', { practitionerId: reed, start: '2026-12-23T07:00:00-06:00', end: '2026-12-23T08:00:00-06:00', reason: 'Errand' });
    expect(elsewhere.json().bookedInside).toEqual([]);
  });

  it('tells an open desk about a change within seconds, over a WebSocket', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const refused = new WebSocket(`ws://127.0.0.1:${port}/api/staff/live`);
    const refusedStatus = await new Promise<number>((resolve) => refused.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(refusedStatus).toBe(401);
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/staff/live`, { headers: { cookie: desk.cookie } });
    await new Promise((resolve, reject) => socket.on('open', resolve).on('error', reject));
    const message = new Promise<string>((resolve) => socket.on('message', (d) => resolve(d.toString())));
    const s = await slot('new-patient-consult', { from: '2026-12-16', to: '2026-12-16', location: ids.location('waco') });
    // A booking from the public website reaches the desk too.
    expect((await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(s, ids.visitType('new-patient-consult')) })).statusCode).toBe(201);
    const got = JSON.parse(await Promise.race([message, new Promise<string>((_, reject) => setTimeout(() => reject(new Error('no live message in 5 s')), 5000))]));
    expect(got).toEqual({ type: 'schedule.changed', locationId: ids.location('waco'), dates: ['2026-12-16'] });
    socket.close();
  });
});

describe('bad input on the desk and account endpoints', () => {
  it('is a 4xx naming the field, and writes nothing', async () => {
    const count = async () => (await t.db.one<{ n: number }>('SELECT ((SELECT count(*) FROM appointment) + (SELECT count(*) FROM patient) + (SELECT count(*) FROM time_off) + (SELECT count(*) FROM app_user))::int AS n'))!.n;
    const before = await count();
    const s = await slot('follow-up', { from: '2026-12-17', to: '2026-12-17', location: austin() });
    const good = { visitTypeId: ids.visitType('follow-up'), practitionerId: s.practitionerId, locationId: s.locationId, start: s.start, reason: 'x', patientId: '00000000-0000-4000-8000-000000000000' };
    const admin = await createSignedIn(t, 'admin');
    const cases: [ReturnType<typeof as>, string, string, unknown, number, string][] = [
      [call, 'POST', '/api/staff/appointments', { ...good, patientId: undefined }, 422, 'patientId'],
      [call, 'POST', '/api/staff/appointments', good, 422, 'patientId'],
      [call, 'POST', '/api/staff/appointments', { ...good, reason: 'r'.repeat(1001) }, 422, 'reason'],
      [call, 'POST', '/api/staff/appointments', { ...good, extra: 1 }, 422, 'extra'],
      [call, 'POST', '/api/staff/appointments', { ...good, start: "'; DROP TABLE appointment; --" }, 422, 'start'],
      [call, 'POST', '/api/staff/blocks', { practitionerId: s.practitionerId, start: '2026-12-17T09:00:00Z', end: '2027-03-01T09:00:00Z', reason: 'long' }, 422, 'end'],
      [call, 'POST', '/api/staff/blocks', { practitionerId: s.practitionerId, start: 5, end: '2026-12-17T10:00:00Z', reason: 'x' }, 422, 'start'],
      [call, 'POST', `/api/staff/appointments/not-a-uuid/status`, { status: 'checked_in' }, 422, 'id'],
      [call, 'POST', `/api/staff/appointments/00000000-0000-4000-8000-000000000000/status`, { status: 'teleported' }, 422, 'status'],
      [call, 'GET', '/api/staff/patients?q=a', undefined, 422, 'q'],
      [as(t.app, admin), 'POST', '/api/admin/users/invite', { email: 'x@relief.test', displayName: 'X', role: 'patient' }, 422, 'role'],
      [as(t.app, admin), 'POST', '/api/admin/users/invite', { email: 'x@relief.test', displayName: 'X', role: 'clinician' }, 422, 'practitionerId'],
      [as(t.app, admin), 'POST', '/api/admin/users/invite', { email: 'not an email', displayName: 'X', role: 'nurse' }, 422, 'email'],
      [as(t.app, admin), 'GET', '/api/admin/audit?action=DROP%20TABLE', undefined, 422, 'action'],
      [as(t.app, null), 'POST', '/api/session', { email: 'a@b.c', password: 'p'.repeat(200) }, 422, 'password'],
      [as(t.app, null), 'POST', '/api/session', { email: 'a@b.c', password: 'x', remember: true }, 422, 'remember'],
    ];
    for (const [client, method, url, body, status, field] of cases) {
      const res = await client(method as 'POST', url, body);
      expect(res.statusCode, `${method} ${url} ${String(JSON.stringify(body)).slice(0, 80)}`).toBe(status);
      expect(res.json().error.issues.map((i: { field: string }) => i.field), `${url}`).toContain(field);
    }
    expect(await count()).toBe(before + 1); // the admin created above
  });
});

describe('security headers', () => {
  it('sends a strict CSP, nosniff, no framing, no referrer, no caching of API answers, and no X-Powered-By', async () => {
    const res = await call('GET', `/api/staff/patients?q=Nguyen`);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['content-security-policy']).toContain("base-uri 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined(); // only behind TLS
    const cookie = (await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: desk.email, password: 'a long passphrase for tests' } })).headers['set-cookie'] as string;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });
});
