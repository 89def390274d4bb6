import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let consult: string;

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
  consult = ids.visitType('new-patient-consult');
});
afterAll(async () => t?.close());

const availability = async (q: Record<string, string>) => t.app.inject({ url: '/api/availability', query: q });
const book = (body: unknown, key?: string) =>
  t.app.inject({ method: 'POST', url: '/api/appointments', payload: body as object, headers: key ? { 'idempotency-key': key } : {} });

async function rowCounts() {
  const r = await t.db.one<{ a: number; p: number; o: number; k: number }>(
    'SELECT (SELECT count(*)::int FROM appointment) a, (SELECT count(*)::int FROM patient) p, (SELECT count(*)::int FROM outbox) o, (SELECT count(*)::int FROM idempotency_key) k',
  );
  return r!;
}

async function firstSlot(q: Record<string, string> = {}) {
  const res = await availability({ visitType: consult, from: '2026-12-01', to: '2026-12-04', ...q });
  expect(res.statusCode).toBe(200);
  const slot = res.json().firstAvailable;
  expect(slot).not.toBeNull();
  return slot as { start: string; end: string; practitionerId: string; locationId: string; roomId: string };
}

describe('clinic reference data', () => {
  it('lists five locations in two regions with phone, zone and weekday hours', async () => {
    const items = (await t.app.inject('/api/locations')).json().items;
    expect(items).toHaveLength(5);
    expect(new Set(items.map((l: { region: { name: string } }) => l.region.name))).toEqual(new Set(['Main Line (Austin Area)', 'Waco/Killeen']));
    for (const l of items) {
      expect(l.timeZone).toBe('America/Chicago');
      expect(l.phone).toMatch(/^\(\d{3}\) 555-01\d\d$/);
      expect(l.hours.map((h: { weekday: number }) => h.weekday)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('offers only the new-patient consult online', async () => {
    const items = (await t.app.inject('/api/visit-types')).json().items;
    expect(items.filter((v: { bookableOnline: boolean }) => v.bookableOnline).map((v: { code: string }) => v.code)).toEqual(['new-patient-consult']);
    const esi = items.find((v: { code: string }) => v.code === 'epidural-steroid-injection');
    expect(esi).toMatchObject({ durationMin: 30, roomCapability: 'fluoroscopy' });
  });
});

describe('GET /api/availability', () => {
  it('returns slots with offsets in the location zone, sorted, first available first', async () => {
    const res = await availability({ visitType: consult, from: '2026-12-01', to: '2026-12-02' });
    const body = res.json();
    expect(body.slots.length).toBeGreaterThan(10);
    expect(body.firstAvailable).toEqual(body.slots[0]);
    expect(body.slots[0].start).toMatch(/^2026-12-01T08:00:00-06:00$/);
    const starts = body.slots.map((s: { start: string }) => Date.parse(s.start));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('filters by location and practitioner', async () => {
    const waco = ids.location('waco');
    const res = (await availability({ visitType: consult, from: '2026-12-01', to: '2026-12-04', location: waco })).json();
    expect(res.slots.length).toBeGreaterThan(0);
    expect(res.slots.every((s: { locationId: string }) => s.locationId === waco)).toBe(true);
    const ortiz = ids.practitioner('Dr. Elena Ortiz');
    const mine = (await availability({ visitType: consult, from: '2026-12-01', to: '2026-12-04', practitioner: ortiz })).json();
    expect(mine.slots.every((s: { practitionerId: string }) => s.practitionerId === ortiz)).toBe(true);
    // Tuesday and Thursday at Round Rock, Wednesday and Friday at Austin Central.
    expect(new Set(mine.slots.map((s: { locationId: string }) => s.locationId))).toEqual(new Set([ids.location('round-rock'), ids.location('austin-central')]));
  });

  it('closes on clinic holidays and during time off', async () => {
    const xmas = (await availability({ visitType: consult, from: '2026-12-24', to: '2026-12-25' })).json();
    expect(xmas.slots).toEqual([]);
    const ortiz = ids.practitioner('Dr. Elena Ortiz');
    const conference = (await availability({ visitType: consult, from: '2026-12-14', to: '2026-12-18', practitioner: ortiz })).json();
    expect(conference.slots).toEqual([]);
    const before = (await availability({ visitType: consult, from: '2026-12-11', to: '2026-12-11', practitioner: ortiz })).json();
    expect(before.slots.length).toBeGreaterThan(0);
  });

  it('rejects bad queries with a 4xx naming the field', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ visitType: consult, from: '2026-02-30', to: '2026-03-01' }, 422, 'from'],
      [{ visitType: consult, from: 'tomorrow', to: '2026-12-01' }, 422, 'from'],
      [{ visitType: consult, from: '2026-12-10', to: '2026-12-01' }, 422, 'to'],
      [{ visitType: consult, from: '2026-12-01', to: '2027-01-15' }, 422, 'to'],
      [{ visitType: consult, from: '2027-09-01', to: '2027-09-02' }, 422, 'from'],
      [{ visitType: 'not-a-uuid', from: '2026-12-01', to: '2026-12-02' }, 422, 'visitType'],
      [{ visitType: '00000000-0000-4000-8000-000000000000', from: '2026-12-01', to: '2026-12-02' }, 404, 'visitType'],
      [{ visitType: consult, from: '2026-12-01', to: '2026-12-02', color: 'blue' }, 422, 'color'],
      [{ from: '2026-12-01', to: '2026-12-02' }, 422, 'visitType'],
    ];
    for (const [query, status, field] of cases) {
      const res = await availability(query);
      expect(res.statusCode, JSON.stringify(query)).toBe(status);
      expect(res.json().error.issues.map((i: { field: string }) => i.field), JSON.stringify(query)).toContain(field);
    }
  });
});

describe('POST /api/appointments', () => {
  it('books a consult, sends a notice without health details, and the slot is gone', async () => {
    const slot = await firstSlot();
    const body = bookingBody(slot, consult, { firstName: 'Rosa', email: 'rosa@example.com', preferredLanguage: 'es' });
    const res = await book(body, 'book-1');
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.appointment).toMatchObject({ status: 'booked', start: slot.start, end: slot.end, practitionerId: slot.practitionerId, roomId: slot.roomId });
    expect(created.confirmationCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(res.headers['cache-control']).toBe('no-store');

    const after = (await availability({ visitType: consult, from: '2026-12-01', to: '2026-12-04', practitioner: slot.practitionerId })).json();
    expect(after.slots.some((s: { start: string }) => s.start === slot.start)).toBe(false);

    const sent = await t.app.services.notices.deliverDue();
    expect(sent).toBe(1);
    const mail = t.mailer.sent.at(-1)!;
    expect(mail.to).toBe('rosa@example.com');
    expect(mail.subject).toContain('Su cita está confirmada');
    expect(mail.text).toContain(created.confirmationCode);
    expect(mail.text).not.toMatch(/back pain|surgery|consult|lumbar/i);
  });

  it('returns the first result for a retried Idempotency-Key and refuses the key for another request', async () => {
    const slot = await firstSlot({ location: ids.location('killeen') });
    const body = bookingBody(slot, consult);
    const first = await book(body, 'retry-me');
    const before = await rowCounts();
    const again = await book(body, 'retry-me');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await rowCounts()).toEqual(before);
    const other = await book({ ...body, reason: 'something else' }, 'retry-me');
    expect(other.statusCode).toBe(422);
    expect(other.json().error.issues[0].field).toBe('Idempotency-Key');
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 409 for a taken slot, and for a patient already booked at that time', async () => {
    const slot = await firstSlot({ location: ids.location('round-rock') });
    const patient = { firstName: 'Luz', lastName: 'Ramos', email: 'luz@example.com' };
    expect((await book(bookingBody(slot, consult, patient))).statusCode).toBe(201);
    const before = await rowCounts();
    const taken = await book(bookingBody(slot, consult));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(/just taken/);
    // Same patient, same time, another practitioner: the patient constraint refuses it.
    const elsewhere = (await availability({ visitType: consult, from: '2026-12-01', to: '2026-12-04' })).json()
      .slots.find((s: { start: string; locationId: string }) => s.start === slot.start && s.locationId !== slot.locationId);
    expect(elsewhere).toBeDefined();
    const twice = await book(bookingBody(elsewhere, consult, patient));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/already have an appointment/);
    expect(await rowCounts()).toEqual(before);
  });

  it('rejects bad bookings with a 4xx naming the problem, writing nothing', async () => {
    const slot = await firstSlot({ location: ids.location('austin-central') });
    const good = bookingBody(slot, consult);
    const esi = ids.visitType('epidural-steroid-injection');
    const offGrid = new Date(Date.parse(slot.start) + 10 * 60_000).toISOString();
    const cases: [string, unknown, number, string | null][] = [
      ['off the grid', { ...good, start: offGrid }, 422, 'start'],
      ['in the past', { ...good, start: '2026-11-23T14:00:00Z' }, 422, 'start'],
      ['within minimum notice', { ...good, start: '2026-11-30T14:00:00Z' }, 422, 'start'],
      ['beyond the horizon', { ...good, start: '2027-06-01T14:00:00Z' }, 422, 'start'],
      ['malformed start', { ...good, start: '2026-12-01 09:00' }, 422, 'start'],
      ['start without offset', { ...good, start: '2026-12-01T09:00:00' }, 422, 'start'],
      ['unknown practitioner', { ...good, practitionerId: '00000000-0000-4000-8000-000000000000' }, 422, 'practitionerId'],
      ['unknown location', { ...good, locationId: '00000000-0000-4000-8000-000000000000' }, 422, 'locationId'],
      ['unknown visit type', { ...good, visitTypeId: '00000000-0000-4000-8000-000000000000' }, 422, 'visitTypeId'],
      ['staff-only procedure', { ...good, visitTypeId: esi }, 422, null],
      ['bad email', { ...good, patient: { ...good.patient, email: 'not-an-email' } }, 422, 'patient.email'],
      ['bad birth date', { ...good, patient: { ...good.patient, dateOfBirth: '1970-13-01' } }, 422, 'patient.dateOfBirth'],
      ['birth date in the future', { ...good, patient: { ...good.patient, dateOfBirth: '2031-04-12' } }, 422, 'patient.dateOfBirth'],
      ['birth date before 1900', { ...good, patient: { ...good.patient, dateOfBirth: '1899-12-31' } }, 422, 'patient.dateOfBirth'],
      ['missing reason', { ...good, reason: '   ' }, 422, 'reason'],
      ['oversized reason', { ...good, reason: 'x'.repeat(1001) }, 422, 'reason'],
      ['unknown field', { ...good, insurance: 'gold' }, 422, 'insurance'],
      ['wrong type', { ...good, patient: { ...good.patient, firstName: 42 } }, 422, 'patient.firstName'],
      ['injection string', { ...good, practitionerId: "1' OR '1'='1" }, 422, 'practitionerId'],
    ];
    const before = await rowCounts();
    for (const [name, body, status, field] of cases) {
      const res = await book(body);
      expect(res.statusCode, name).toBe(status);
      const error = res.json().error;
      expect(error.message, name).toBeTruthy();
      if (field) expect(error.issues.map((i: { field: string }) => i.field), name).toContain(field);
    }
    // Issue 10: a birth date the shared rules refuse says why in a word a client can translate, as the service's own refusals do.
    const reasonsOf = async (dateOfBirth: string) => {
      const e = (await book({ ...good, patient: { ...good.patient, dateOfBirth } })).json().error;
      return [e.reason, e.issues.find((i: { field: string }) => i.field === 'patient.dateOfBirth')?.reason];
    };
    expect(await reasonsOf('1850-01-01')).toEqual(['invalid', 'birth_date_out_of_range']);
    expect(await reasonsOf('2031-04-12')).toEqual(['invalid', 'birth_date_out_of_range']);
    expect(await reasonsOf('1970-02-30')).toEqual(['invalid', 'date_invalid']);
    const tooBig = await t.app.inject({ method: 'POST', url: '/api/appointments', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ ...good, reason: 'x'.repeat(70_000) }) });
    expect(tooBig.statusCode).toBe(413);
    const text = await t.app.inject({ method: 'POST', url: '/api/appointments', headers: { 'content-type': 'text/plain' }, payload: 'book me' });
    expect(text.statusCode).toBe(415);
    const broken = await t.app.inject({ method: 'POST', url: '/api/appointments', headers: { 'content-type': 'application/json' }, payload: '{"visitTypeId":' });
    expect(broken.statusCode).toBe(400);
    const badKey = await book(good, 'has spaces in it');
    expect(badKey.statusCode).toBe(422);
    expect(badKey.json().error.issues[0].field).toBe('idempotency-key');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('patient records', () => {
  it('matches a returning patient on name, birth date and email, and creates a new record otherwise', async () => {
    const { slots } = (await availability({ visitType: consult, from: '2026-12-15', to: '2026-12-15', location: ids.location('austin-central') })).json();
    const later = slots.filter((s: { start: string }) => Date.parse(s.start) >= Date.parse(slots[0].end));
    const me = { firstName: 'Olga', lastName: 'Benítez', email: 'olga@example.com', dateOfBirth: '1962-02-02' };
    const a = (await book(bookingBody(slots[0], consult, me))).json();
    const b = (await book(bookingBody(later[0], consult, { ...me, firstName: 'OLGA', email: 'Olga@Example.com' }))).json();
    const other = later.find((s: { start: string; practitionerId: string }) => Date.parse(s.start) >= Date.parse(later[0].end) + 3_600_000);
    const c = await book(bookingBody(other, consult, { ...me, dateOfBirth: '1962-02-03' }));
    expect(c.statusCode).toBe(201);
    const patientOf = async (id: string) => (await t.db.one<{ p: string }>('SELECT patient_id AS p FROM appointment WHERE id = $1', [id]))!.p;
    expect(await patientOf(b.appointment.id)).toBe(await patientOf(a.appointment.id));
    expect(await patientOf(c.json().appointment.id)).not.toBe(await patientOf(a.appointment.id));
  });

  it('keeps how the patient heard of us and the referring doctor', async () => {
    const [slot] = (await availability({ visitType: consult, from: '2026-12-16', to: '2026-12-16', location: ids.location('waco') })).json().slots;
    const res = await book({ ...bookingBody(slot, consult), heardAbout: 'doctor_referral', referringDoctor: 'Dr. Sam Wu, Temple Spine' });
    expect(res.statusCode).toBe(201);
    const row = await t.db.one<{ heard: string; ref: string }>('SELECT heard_about AS heard, referring_doctor AS ref FROM appointment WHERE id = $1', [res.json().appointment.id]);
    expect(row).toEqual({ heard: 'doctor_referral', ref: 'Dr. Sam Wu, Temple Spine' });
    const bad = await book({ ...bookingBody(slot, consult), heardAbout: 'billboard' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues[0].field).toBe('heardAbout');
  });
});

describe('managing an appointment with its confirmation code', () => {
  it('views, downloads .ics, reschedules and cancels; a wrong code is a 404 like an unknown id', async () => {
    const slot = await firstSlot({ location: ids.location('cedar-park') });
    const created = (await book(bookingBody(slot, consult))).json();
    const { id } = created.appointment;
    const code = created.confirmationCode as string;

    expect((await t.app.inject(`/api/appointments/${id}?code=${code}`)).json().status).toBe('booked');
    const lower = await t.app.inject(`/api/appointments/${id}?code=${code.toLowerCase()}`);
    expect(lower.statusCode).toBe(200);
    const wrong = await t.app.inject(`/api/appointments/${id}?code=AAAAAAAA`);
    const unknown = await t.app.inject(`/api/appointments/00000000-0000-4000-8000-000000000000?code=${code}`);
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json()).toEqual(unknown.json());

    const ics = await t.app.inject(`/api/appointments/${id}/calendar.ics?code=${code}`);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const utcStart = new Date(slot.start).toISOString().replace(/[-:]/g, '').replace('.000', '');
    expect(ics.body).toContain(`DTSTART:${utcStart}`);
    expect(ics.body).toMatch(/\r\nEND:VCALENDAR\r\n$/);
    expect(ics.body).not.toMatch(/consult|back pain/i);
    expect(ics.body).toContain('SUMMARY:Relief Pain Clinics: appointment');
    // A patient who booked in Spanish gets the event in Spanish.
    const es = (await book(bookingBody(await firstSlot({ location: ids.location('cedar-park') }), consult, { preferredLanguage: 'es' }))).json();
    const esIcs = (await t.app.inject(`/api/appointments/${es.appointment.id}/calendar.ics?code=${es.confirmationCode}`)).body;
    expect(esIcs).toContain('SUMMARY:Relief Pain Clinics: cita');
    expect(esIcs).toContain('Para cambiar o cancelar: ');

    const later = (await availability({ visitType: consult, from: '2026-12-01', to: '2026-12-10', practitioner: slot.practitionerId, location: slot.locationId })).json().slots.at(-1);
    const moved = await t.app.inject({ method: 'POST', url: `/api/appointments/${id}/reschedule`, payload: { code, start: later.start } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().start).toBe(later.start);
    // The old slot is open again.
    const reopened = (await availability({ visitType: consult, from: '2026-12-01', to: '2026-12-04', practitioner: slot.practitionerId, location: slot.locationId })).json();
    expect(reopened.slots.some((s: { start: string }) => s.start === slot.start)).toBe(true);

    const noReason = await t.app.inject({ method: 'POST', url: `/api/appointments/${id}/cancel`, payload: { code } });
    expect(noReason.statusCode).toBe(422);
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/appointments/${id}/cancel`, payload: { code, reason: 'Feeling better' } });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Feeling better' });
    const again = await t.app.inject({ method: 'POST', url: `/api/appointments/${id}/cancel`, payload: { code, reason: 'Feeling better' } });
    expect(again.json().status).toBe('cancelled');
    const afterCancel = await t.app.inject({ method: 'POST', url: `/api/appointments/${id}/reschedule`, payload: { code, start: slot.start } });
    expect(afterCancel.statusCode).toBe(422);
    // The cancelled time can be booked by someone else.
    expect((await book(bookingBody({ ...later }, consult))).statusCode).toBe(201);

    const notices = await t.app.services.notices.listForAppointment(id);
    expect(notices.filter((n) => n.template !== 'appointment.reminder').map((n) => n.template)).toEqual(['appointment.booked', 'appointment.rescheduled', 'appointment.cancelled']);
    // Issue 12: the first reminders were cancelled when the visit moved, the new ones when it was cancelled.
    expect(notices.filter((n) => n.template === 'appointment.reminder').map((n) => n.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });

  it('refuses to reschedule into a taken slot with 409', async () => {
    const { slots } = (await availability({ visitType: consult, from: '2026-12-07', to: '2026-12-07', location: ids.location('killeen') })).json();
    const [a, b] = [slots[0], slots.find((s: { practitionerId: string; start: string }) => s.practitionerId === slots[0].practitionerId && s.start !== slots[0].start && Date.parse(s.start) >= Date.parse(slots[0].end))];
    const first = (await book(bookingBody(a, consult))).json();
    expect((await book(bookingBody(b, consult))).statusCode).toBe(201);
    const res = await t.app.inject({ method: 'POST', url: `/api/appointments/${first.appointment.id}/reschedule`, payload: { code: first.confirmationCode, start: b.start } });
    expect(res.statusCode).toBe(409);
  });
});

describe('audit of the public appointment routes', () => {
  it('records booking, viewing, calendar download, rescheduling, cancelling and a wrong code', async () => {
    const auditedAs = async (res: { headers: Record<string, unknown> }) => {
      await t.app.services.audit.seal();
      return t.db.query<{ action: string; actor_role: string; outcome: string; patient_id: string | null }>(
        'SELECT action, actor_role, outcome, patient_id FROM audit_event WHERE request_id = $1', [res.headers['x-request-id']]);
    };
    const slot = await firstSlot({ location: ids.location('killeen') });
    const booked = await book(bookingBody(slot, consult));
    const { id } = booked.json().appointment;
    const code = booked.json().confirmationCode;
    expect(await auditedAs(booked)).toEqual([expect.objectContaining({ action: 'appointment.create', actor_role: 'public', outcome: 'success' })]);
    const patientId = (await auditedAs(booked))[0]!.patient_id;
    expect(patientId).toBeTruthy();
    for (const res of [
      await t.app.inject(`/api/appointments/${id}?code=${code}`),
      await t.app.inject(`/api/appointments/${id}/calendar.ics?code=${code}`),
    ]) {
      expect(await auditedAs(res)).toEqual([expect.objectContaining({ action: 'appointment.read', actor_role: 'code_holder', patient_id: patientId })]);
    }
    const wrong = await t.app.inject(`/api/appointments/${id}?code=AAAAAAAA`);
    expect(await auditedAs(wrong)).toEqual([expect.objectContaining({ action: 'appointment.read', outcome: 'denied', patient_id: null })]);
    const later = (await availability({ visitType: consult, from: '2026-12-08', to: '2026-12-08', location: ids.location('killeen') })).json().slots[0];
    const moved = await t.app.inject({ method: 'POST', url: `/api/appointments/${id}/reschedule`, payload: { code, start: later.start, practitionerId: later.practitionerId } });
    expect(await auditedAs(moved)).toEqual([expect.objectContaining({ action: 'appointment.reschedule', patient_id: patientId })]);
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/appointments/${id}/cancel`, payload: { code, reason: 'Moving away' } });
    expect(await auditedAs(cancelled)).toEqual([expect.objectContaining({ action: 'appointment.cancel', patient_id: patientId })]);
  });
});

describe('service surface', () => {
  it('serves health, OpenAPI docs and JSON 404s', async () => {
    expect((await t.app.inject('/api/health')).json()).toMatchObject({ status: 'ok' });
    const spec = (await t.app.inject('/api/docs/json')).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/availability', '/api/appointments', '/api/appointments/{id}/cancel']));
    const missing = await t.app.inject('/api/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });
});
