import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, demoIds, startTestApp, TEST_NOW, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

/**
 * Issue 11: the scheduling rules a clinic's settings introduce. Who may book
 * a visit type online, the clinic's online-booking switch, the online
 * cancel/reschedule cutoff, keeping the practitioner on an online move, and
 * the desk booking a caller without an email address.
 */
let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let desk: SignedIn;
let call: ReturnType<typeof as>;
let consult: string;

type SlotT = { start: string; end: string; practitionerId: string; locationId: string; roomId: string };
const ROUND_ROCK_PHONE = '(512) 555-0152';

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
  consult = ids.visitType('new-patient-consult');
  desk = await createSignedIn(t, 'front_desk');
  call = as(t.app, desk);
});
afterAll(async () => t?.close());

const publicAvailability = (q: Record<string, string>) => t.app.inject({ url: '/api/availability', query: q });
const deskAvailability = (q: Record<string, string>) => call('GET', `/api/staff/availability?${new URLSearchParams(q)}`);
const bookOnline = (body: unknown) => t.app.inject({ method: 'POST', url: '/api/appointments', payload: body as object });
const counts = async () => (await t.db.one<{ a: number; p: number; o: number }>(
  'SELECT (SELECT count(*)::int FROM appointment) a, (SELECT count(*)::int FROM patient) p, (SELECT count(*)::int FROM outbox) o',
))!;
/** Runs `fn` with a setting changed (`change`: SQL with $1 = id, $2 = value), then puts the value back. */
async function withSetting(change: string, id: string, value: unknown, before: unknown, fn: () => Promise<void>) {
  await t.db.query(change, [id, value]);
  try {
    await fn();
  } finally {
    await t.db.query(change, [id, before]);
  }
}
async function firstSlot(visitTypeId: string, q: Record<string, string>, via: 'public' | 'desk' = 'public'): Promise<SlotT> {
  const res = via === 'public' ? await publicAvailability({ visitType: visitTypeId, ...q }) : await deskAvailability({ visitType: visitTypeId, ...q });
  expect(res.statusCode, res.body).toBe(200);
  const slot = res.json().slots[0];
  expect(slot, JSON.stringify(q)).toBeDefined();
  return slot;
}
/** A consult booked on the website: its id, code and slot. */
async function booked(q: Record<string, string>) {
  const slot = await firstSlot(consult, q);
  const res = await bookOnline(bookingBody(slot, consult));
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().appointment.id as string, code: res.json().confirmationCode as string, slot };
}

describe('issue 11: who may book a visit type online', () => {
  it.each(['established', 'request_only', 'staff_only'])("refuses %s visit types on the public page and its search, naming the visit type", async (policy) => {
    const followUp = ids.visitType('follow-up');
    await withSetting('UPDATE visit_type SET online = $2 WHERE id = $1', followUp, policy, 'staff_only', async () => {
      const search = await publicAvailability({ visitType: followUp, from: '2026-12-02', to: '2026-12-02' });
      expect(search.statusCode).toBe(422);
      expect(search.json().error).toMatchObject({ reason: 'visit_type_not_bookable_online', issues: [{ field: 'visitType' }] });
      const slot = await firstSlot(followUp, { from: '2026-12-02', to: '2026-12-02' }, 'desk');
      const before = await counts();
      const res = await bookOnline(bookingBody(slot, followUp));
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ reason: 'visit_type_not_bookable_online', issues: [{ field: 'visitTypeId' }] });
      expect(await counts()).toEqual(before);
    });
  });

  it("offers a visit type online once its policy is 'anyone', and the desk searches procedures on its own route", async () => {
    const followUp = ids.visitType('follow-up');
    await withSetting('UPDATE visit_type SET online = $2 WHERE id = $1', followUp, 'anyone', 'staff_only', async () => {
      expect((await publicAvailability({ visitType: followUp, from: '2026-12-02', to: '2026-12-02' })).json().slots.length).toBeGreaterThan(0);
    });
    const esi = await deskAvailability({ visitType: ids.visitType('epidural-steroid-injection'), from: '2026-12-02', to: '2026-12-02' });
    expect(esi.statusCode).toBe(200);
    expect(esi.json().slots.length).toBeGreaterThan(0);
    // The desk's route is the desk's: not for the public, not for a role without the schedule.
    expect((await t.app.inject({ url: `/api/staff/availability?visitType=${consult}&from=2026-12-02&to=2026-12-02` })).statusCode).toBe(401);
  });

  it('never offers an inactive visit type, location or practitioner', async () => {
    const q = { visitType: consult, from: '2026-12-01', to: '2026-12-04' };
    const slot = await firstSlot(consult, q);
    await withSetting('UPDATE visit_type SET active = $2 WHERE id = $1', consult, false, true, async () => {
      expect((await publicAvailability(q)).statusCode).toBe(404);
      expect((await deskAvailability(q)).statusCode).toBe(404);
      // A retired visit type is booked neither online nor by the desk.
      for (const res of [await bookOnline(bookingBody(slot, consult)), await call('POST', '/api/staff/appointments', { ...bookingBody(slot, consult), heardAbout: undefined })]) {
        expect(res.statusCode).toBe(422);
        expect(res.json().error.issues).toEqual([expect.objectContaining({ field: 'visitTypeId', reason: 'unknown_visit_type' })]);
      }
    });
    const waco = ids.location('waco');
    await withSetting('UPDATE location SET active = $2 WHERE id = $1', waco, false, true, async () => {
      for (const res of [await publicAvailability(q), await deskAvailability(q)]) {
        expect(res.json().slots.length).toBeGreaterThan(0);
        expect(res.json().slots.some((s: SlotT) => s.locationId === waco)).toBe(false);
      }
    });
    const hayes = ids.practitioner('Jordan Hayes');
    await withSetting('UPDATE practitioner SET active = $2 WHERE id = $1', hayes, false, true, async () => {
      for (const res of [await publicAvailability(q), await deskAvailability(q)]) {
        expect(res.json().slots.some((s: SlotT) => s.practitionerId === hayes)).toBe(false);
      }
    });
    expect((await publicAvailability(q)).json().slots.some((s: SlotT) => s.practitionerId === hayes && s.locationId === ids.location('round-rock'))).toBe(true);
  });

  it("keeps slots inside the location's opening hours", async () => {
    const roundRock = ids.location('round-rock');
    const q = { visitType: consult, from: '2026-12-01', to: '2026-12-01', location: roundRock };
    expect((await publicAvailability(q)).json().slots[0].start).toBe('2026-12-01T08:00:00-06:00');
    await withSetting('UPDATE location_hours SET opens_min = $2 WHERE location_id = $1 AND weekday = 2', roundRock, 600, 450, async () => {
      const slots = (await publicAvailability(q)).json().slots as SlotT[];
      expect(slots[0]!.start).toBe('2026-12-01T10:00:00-06:00');
    });
  });
});

describe("issue 11: the clinic's online booking switch", () => {
  it('closes the public search and booking with 409 online_booking_closed; the desk is unaffected', async () => {
    const slot = await firstSlot(consult, { from: '2026-12-02', to: '2026-12-02', location: ids.location('waco') });
    const held = await booked({ from: '2026-12-03', to: '2026-12-03', location: ids.location('killeen') });
    expect((await t.app.inject('/api/online-booking')).json()).toEqual({ open: true });
    await withSetting('UPDATE organization SET online_booking = $2 WHERE id = $1', t.organizationId, false, true, async () => {
      expect((await t.app.inject('/api/online-booking')).json()).toEqual({ open: false });
      const search = await publicAvailability({ visitType: consult, from: '2026-12-02', to: '2026-12-02' });
      expect(search.statusCode).toBe(409);
      expect(search.json().error.reason).toBe('online_booking_closed');
      const before = await counts();
      const res = await bookOnline(bookingBody(slot, consult));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.reason).toBe('online_booking_closed');
      expect(await counts()).toEqual(before);
      // The desk books on the phone as ever.
      expect((await deskAvailability({ visitType: consult, from: '2026-12-02', to: '2026-12-02' })).json().slots.length).toBeGreaterThan(0);
      const byPhone = await call('POST', '/api/staff/appointments', { ...bookingBody(slot, consult), heardAbout: undefined, referringDoctor: undefined });
      expect(byPhone.statusCode, byPhone.body).toBe(201);
      // A visit already booked can still be viewed and changed with its code.
      expect((await t.app.inject(`/api/appointments/${held.id}?code=${held.code}`)).statusCode).toBe(200);
      const cancelled = await t.app.inject({ method: 'POST', url: `/api/appointments/${held.id}/cancel`, payload: { code: held.code, reason: 'Plans changed' } });
      expect(cancelled.statusCode).toBe(200);
    });
  });
});

describe('issue 11: online changes close at the visit type cutoff', () => {
  it('refuses cancel, reschedule and their search by code within the cutoff, with the location to call; the desk is not bound', async () => {
    // Tue 2026-12-01 08:00 CST at Round Rock = 14:00Z; the consult's cutoff is 24 hours (the column's default).
    const a = await booked({ from: '2026-12-01', to: '2026-12-01', location: ids.location('round-rock'), practitioner: ids.practitioner('Dr. Elena Ortiz') });
    expect(a.slot.start).toBe('2026-12-01T08:00:00-06:00');
    const view = (await t.app.inject(`/api/appointments/${a.id}?code=${a.code}`)).json();
    expect(view).toMatchObject({ changeableUntil: '2026-11-30T08:00:00-06:00', locationPhone: ROUND_ROCK_PHONE, locationName: 'Round Rock', practitionerName: 'Dr. Elena Ortiz', practitionerChangeAllowed: true });
    const later = (await firstSlot(consult, { from: '2026-12-08', to: '2026-12-08', location: ids.location('round-rock'), practitioner: ids.practitioner('Dr. Elena Ortiz') })).start;
    const tries = () => Promise.all([
      t.app.inject({ method: 'POST', url: `/api/appointments/${a.id}/cancel`, payload: { code: a.code, reason: 'Sick' } }),
      t.app.inject({ method: 'POST', url: `/api/appointments/${a.id}/reschedule`, payload: { code: a.code, start: later } }),
      t.app.inject(`/api/appointments/${a.id}/availability?code=${a.code}&from=2026-12-08&to=2026-12-08`),
    ]);
    try {
      // Exactly at the cutoff: still open online (nothing is changed: the search answers first).
      t.clock.set('2026-11-30T14:00:00Z');
      expect((await t.app.inject(`/api/appointments/${a.id}/availability?code=${a.code}&from=2026-12-08&to=2026-12-08`)).statusCode).toBe(200);
      t.clock.set('2026-11-30T14:00:01Z');
      const before = await counts();
      for (const res of await tries()) {
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toMatchObject({ reason: 'change_cutoff_passed', phone: ROUND_ROCK_PHONE });
        expect(res.json().error.message).toContain('24 hours');
      }
      expect(await counts()).toEqual(before);
      expect((await t.app.inject(`/api/appointments/${a.id}?code=${a.code}`)).json().status).toBe('booked');
      // A clinic that allows changes until the start.
      await withSetting('UPDATE visit_type SET cancel_cutoff_min = $2 WHERE id = $1', consult, 0, 1440, async () => {
        expect((await t.app.inject(`/api/appointments/${a.id}/availability?code=${a.code}&from=2026-12-08&to=2026-12-08`)).statusCode).toBe(200);
      });
      // The desk moves and cancels whatever the cutoff (signed in now: the morning's session has gone idle).
      const lateDesk = as(t.app, await createSignedIn(t, 'front_desk'));
      const moved = await lateDesk('POST', `/api/staff/appointments/${a.id}/reschedule`, { start: later });
      expect(moved.statusCode, moved.body).toBe(200);
      expect((await lateDesk('POST', `/api/staff/appointments/${a.id}/cancel`, { reason: 'Patient called' })).statusCode).toBe(200);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });
});

describe('issue 11: an online move keeps the practitioner unless the patient chooses another', () => {
  it('issue 11 defect: rescheduling online keeps the same practitioner by default, and the email names them', async () => {
    const ortiz = ids.practitioner('Dr. Elena Ortiz');
    const hayes = ids.practitioner('Jordan Hayes');
    const roundRock = ids.location('round-rock');
    const a = await booked({ from: '2026-12-01', to: '2026-12-01', location: roundRock, practitioner: ortiz });
    // The move's openings: Dr. Ortiz's only, unless the patient asks for anyone.
    const own = (await t.app.inject(`/api/appointments/${a.id}/availability?code=${a.code}&from=2026-12-01&to=2026-12-01`)).json().slots as SlotT[];
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((s) => s.practitionerId))).toEqual(new Set([ortiz]));
    expect(own.every((s) => s.locationId === roundRock)).toBe(true);
    // Its own time is not offered as a new one; the next half hour, inside its own hour, is.
    expect(own.some((s) => s.start === a.slot.start)).toBe(false);
    expect(own[0]!.start).toBe('2026-12-01T08:30:00-06:00');
    const anyone = (await t.app.inject(`/api/appointments/${a.id}/availability?code=${a.code}&from=2026-12-01&to=2026-12-01&anyPractitioner=true`)).json().slots as SlotT[];
    expect(new Set(anyone.map((s) => s.practitionerId))).toEqual(new Set([ortiz, hayes]));
    // 16:00 is open with Jordan Hayes only (Dr. Ortiz's Tuesday ends at 16:00): not taken silently with him.
    const four = '2026-12-01T16:00:00-06:00';
    expect(anyone.some((s) => s.start === four && s.practitionerId === hayes)).toBe(true);
    const kept = await t.app.inject({ method: 'POST', url: `/api/appointments/${a.id}/reschedule`, payload: { code: a.code, start: four } });
    expect(kept.statusCode).toBe(422);
    expect(kept.json().error.reason).toBe('slot_not_open');
    const sameOne = own.at(-1)!;
    const moved = await t.app.inject({ method: 'POST', url: `/api/appointments/${a.id}/reschedule`, payload: { code: a.code, start: sameOne.start } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ practitionerId: ortiz, practitionerName: 'Dr. Elena Ortiz', start: sameOne.start });
    // The patient chose someone else.
    const chosen = await t.app.inject({ method: 'POST', url: `/api/appointments/${a.id}/reschedule`, payload: { code: a.code, start: four, practitionerId: hayes } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ practitionerId: hayes, practitionerName: 'Jordan Hayes' });
    const mails = (await t.app.services.notices.listForAppointment(a.id)).filter((n) => n.template === 'appointment.rescheduled');
    expect(mails.map((m) => /With: (.+)/.exec(m.bodyText)?.[1])).toEqual(['Dr. Elena Ortiz', 'Jordan Hayes']);
  });

  it('a staff-only visit (a procedure) cannot move online to another practitioner; with its own it can, and the desk may move it to anyone', async () => {
    const esi = ids.visitType('epidural-steroid-injection');
    const austin = ids.location('austin-central');
    const ortiz = ids.practitioner('Dr. Elena Ortiz');
    const reed = ids.practitioner('Dr. Marcus Reed');
    // Booked by the desk on Wednesday with Dr. Ortiz; the desk read the code out or emailed it.
    const slot = await firstSlot(esi, { from: '2026-12-02', to: '2026-12-02', location: austin, practitioner: ortiz }, 'desk');
    const res = await call('POST', '/api/staff/appointments', { visitTypeId: esi, practitionerId: ortiz, locationId: austin, start: slot.start, patient: { ...bookingBody(slot, esi).patient, email: undefined }, reason: 'L5 radiculopathy' });
    expect(res.statusCode, res.body).toBe(201);
    const { id, confirmationCode: code } = res.json();
    expect((await t.app.inject(`/api/appointments/${id}?code=${code}`)).json().practitionerChangeAllowed).toBe(false);
    // Its own practitioner's openings, although the website does not search procedures.
    const own = await t.app.inject(`/api/appointments/${id}/availability?code=${code}&from=2026-12-04&to=2026-12-04`);
    expect(own.statusCode).toBe(200);
    expect(new Set(own.json().slots.map((s: SlotT) => s.practitionerId))).toEqual(new Set([ortiz]));
    const anyone = await t.app.inject(`/api/appointments/${id}/availability?code=${code}&from=2026-12-04&to=2026-12-04&anyPractitioner=true`);
    expect(anyone.statusCode).toBe(422);
    expect(anyone.json().error).toMatchObject({ reason: 'practitioner_change_not_allowed', issues: [{ field: 'anyPractitioner' }] });
    const thursday = await firstSlot(esi, { from: '2026-12-03', to: '2026-12-03', location: austin, practitioner: reed }, 'desk');
    const toReed = await t.app.inject({ method: 'POST', url: `/api/appointments/${id}/reschedule`, payload: { code, start: thursday.start, practitionerId: reed } });
    expect(toReed.statusCode).toBe(422);
    expect(toReed.json().error).toMatchObject({ reason: 'practitioner_change_not_allowed', issues: [{ field: 'practitionerId' }] });
    const friday = own.json().slots[0] as SlotT;
    const withOrtiz = await t.app.inject({ method: 'POST', url: `/api/appointments/${id}/reschedule`, payload: { code, start: friday.start, practitionerId: ortiz } });
    expect(withOrtiz.statusCode, withOrtiz.body).toBe(200);
    const byDesk = await call('POST', `/api/staff/appointments/${id}/reschedule`, { start: thursday.start, practitionerId: reed });
    expect(byDesk.statusCode, byDesk.body).toBe(200);
    expect(byDesk.json().practitionerId).toBe(reed);
  });
});

describe('issue 11: the desk books a caller without an email address', () => {
  it('issue 11 defect: books a phone-only caller, emails nothing, and answers the code to read out', async () => {
    const slot = await firstSlot(consult, { from: '2026-12-09', to: '2026-12-09', location: ids.location('cedar-park') }, 'desk');
    const details = { firstName: 'Rafael', lastName: 'Sinemail', dateOfBirth: '1949-07-04', phone: '(512) 555-0177', preferredLanguage: 'es' };
    const res = await call('POST', '/api/staff/appointments', { visitTypeId: consult, practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start, patient: details, reason: 'Neck pain' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.confirmationCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(body).toMatchObject({ status: 'booked', start: slot.start, patientFirstName: 'Rafael' });
    expect(await t.app.services.notices.listForAppointment(body.id)).toEqual([]);
    const patient = await t.db.one<{ email: string; phone: string; id: string }>('SELECT p.id, p.email, p.phone FROM patient p JOIN appointment a ON a.patient_id = p.id WHERE a.id = $1', [body.id]);
    expect(patient).toMatchObject({ email: '', phone: '(512) 555-0177' });
    // The code read out works online; changes send no email either.
    const later = (await firstSlot(consult, { from: '2026-12-14', to: '2026-12-14', location: slot.locationId, practitioner: slot.practitionerId })).start;
    const moved = await t.app.inject({ method: 'POST', url: `/api/appointments/${body.id}/reschedule`, payload: { code: body.confirmationCode, start: later } });
    expect(moved.statusCode, moved.body).toBe(200);
    // Booked again by id: the code again.
    const next = await firstSlot(consult, { from: '2026-12-16', to: '2026-12-16', location: slot.locationId }, 'desk');
    const again = await call('POST', '/api/staff/appointments', { visitTypeId: consult, practitionerId: next.practitionerId, locationId: next.locationId, start: next.start, patientId: patient!.id, reason: 'Follow-up call' });
    expect(again.json().confirmationCode).toMatch(/^[A-Z0-9]{8}$/);
    expect((await call('POST', `/api/staff/appointments/${body.id}/cancel`, { reason: 'Called to cancel' })).statusCode).toBe(200);
    expect(await t.app.services.notices.listForAppointment(body.id)).toEqual([]);
    // Asking for an account code on the patient pages: the answer as for anyone, and no code sent to an empty address.
    const outbox = await counts();
    const ask = await t.app.inject({ method: 'POST', url: '/api/account/activation-code', payload: { firstName: 'Rafael', lastName: 'Sinemail', dateOfBirth: '1949-07-04' } });
    expect(ask.statusCode).toBeLessThan(300);
    expect((await counts()).o).toBe(outbox.o);
    expect(await t.db.query("SELECT 1 FROM app_user WHERE email = ''")).toEqual([]);
  });

  it('with an email address the code is emailed, not shown to the desk; the phone stays required, a bad email is refused', async () => {
    const slot = await firstSlot(consult, { from: '2026-12-09', to: '2026-12-09', location: ids.location('killeen') }, 'desk');
    const patient = { firstName: 'Mina', lastName: 'Conemail', dateOfBirth: '1971-01-02', phone: '(254) 555-0131', email: 'mina@example.com', preferredLanguage: 'en' };
    const base = { visitTypeId: consult, practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start, reason: 'Back pain' };
    const before = await counts();
    const { phone: _phone, ...noPhone } = patient;
    for (const [p, field] of [[noPhone, 'patient.phone'], [{ ...patient, email: 'not-an-email' }, 'patient.email']] as const) {
      const bad = await call('POST', '/api/staff/appointments', { ...base, patient: p });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    expect(await counts()).toEqual(before);
    const res = await call('POST', '/api/staff/appointments', { ...base, patient });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().confirmationCode).toBeNull();
    // Issue 12: the reminders go to the same address; the change is emailed once.
    expect((await t.app.services.notices.listForAppointment(res.json().id)).filter((n) => n.template !== 'appointment.reminder').map((n) => n.recipient)).toEqual(['mina@example.com']);
    // The website still needs an email address.
    const { email: _email, ...online } = patient;
    const web = await bookOnline({ ...bookingBody(slot, consult), patient: online });
    expect(web.statusCode).toBe(422);
    expect(web.json().error.issues.map((i: { field: string }) => i.field)).toContain('patient.email');
  });
});
