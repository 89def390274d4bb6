import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { given } from '../../testing/given.js';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

// Issue 10, part 1: patients are matched by name and birth date (and email for
// a booking) whatever the case and the accents: "José Núñez" typed on a phone
// keyboard as "jose nunez" is the same person, never a second record.

let t: TestApp;
let g: ReturnType<typeof given>;
let desk: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  g = given(t);
  desk = await createSignedIn(t, 'front_desk');
});
afterAll(() => t.close());

const patientsNamed = (lastNames: string[]) => t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM patient WHERE last_name = ANY($1)', [lastNames]);

describe('matching a patient without regard to case or accents', () => {
  it('a booking typed without accents finds the record written with them', async () => {
    const jose = await g.patient({ firstName: 'José', lastName: 'Núñez', email: 'jose.nunez@example.com', dateOfBirth: '1961-03-07' });
    const ids = await demoIds(t.app);
    const consult = ids.visitType('new-patient-consult');
    const { slots } = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-08', to: '2026-12-08' } })).json();
    const res = await t.app.inject({
      method: 'POST', url: '/api/appointments',
      payload: bookingBody(slots[0], consult, { firstName: 'JOSE', lastName: 'nunez', email: 'Jose.Nunez@example.com', dateOfBirth: '1961-03-07' }),
    });
    expect(res.statusCode).toBe(201);
    // The answer and the notice name the person as the record does.
    expect(res.json().appointment.patientFirstName).toBe('José');
    const booked = await t.db.one<{ p: string }>('SELECT patient_id AS p FROM appointment WHERE id = $1', [res.json().appointment.id]);
    expect(booked!.p).toBe(jose.id);
    expect((await patientsNamed(['Núñez', 'nunez']))!.n).toBe(1);
  });

  it('a different birth date or email is a different person, accents or not', async () => {
    await g.patient({ firstName: 'María', lastName: 'Ibáñez', email: 'maria@example.com', dateOfBirth: '1970-05-05' });
    const other = await t.app.services.patients.match({ firstName: 'Maria', lastName: 'Ibanez', dateOfBirth: '1970-05-06' });
    expect(other).toEqual([]);
    const same = await t.app.services.patients.match({ firstName: 'MARIA', lastName: 'ibanez', dateOfBirth: '1970-05-05' });
    expect(same.map((p) => p.email)).toEqual(['maria@example.com']);
  });

  it('the desk finds a patient by a name typed without accents, and a visit booked by the builder is on their chart', async () => {
    const p = await g.patient({ firstName: 'Begoña', lastName: 'Calderón' });
    const visit = await g.visit({ patient: p, with: 'Dr. Elena Ortiz', on: '2026-12-09' });
    const found = await as(t.app, desk)('GET', '/api/staff/patients?q=begona%20calderon');
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    const row = await t.db.one<{ p: string; status: string }>('SELECT patient_id AS p, status FROM appointment WHERE id = $1', [visit.appointmentId]);
    expect(row).toEqual({ p: p.id, status: 'booked' });
  });
});
