import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';

// Races are decided by the exclusion constraints. On PostgreSQL (DATABASE_URL,
// as in CI) these requests really run concurrently over a pool of connections;
// on PGlite they serialise, and the answers must be the same.
let t: TestApp;
let base: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
let consult: string;

beforeAll(async () => {
  t = await startTestApp({ poolSize: 40 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  ids = await demoIds(t.app);
  consult = ids.visitType('new-patient-consult');
});
afterAll(async () => t?.close());

async function slotsAt(q: Record<string, string>) {
  const res = await t.app.inject({ url: '/api/availability', query: { visitType: consult, ...q } });
  expect(res.statusCode).toBe(200);
  return res.json().slots as { start: string; end: string; practitionerId: string; locationId: string; roomId: string }[];
}

async function post(body: unknown, key: string) {
  const res = await fetch(`${base}/api/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

function tally(results: { status: number }[]) {
  const counts: Record<number, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

async function overlappingPairs(): Promise<number> {
  const row = await t.db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM appointment a JOIN appointment b ON a.id < b.id
     WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'
       AND ((a.practitioner_id = b.practitioner_id AND a.blocked && b.blocked)
         OR (a.room_id = b.room_id AND a.blocked && b.blocked)
         OR (a.patient_id = b.patient_id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)))`,
  );
  return row!.n;
}

describe('booking races', () => {
  it('200 concurrent requests for one slot: exactly one 201, the rest 409, no 5xx', async () => {
    const [slot] = await slotsAt({ from: '2026-12-02', to: '2026-12-02', location: ids.location('austin-central') });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => post(bookingBody(slot!, consult), `race-one-${i}`)));
    expect(tally(results)).toEqual({ 201: 1, 409: 199 });
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'CONFLICT')).toBe(true);
    expect(await overlappingPairs()).toBe(0);
  });

  it('different slots that share the only room: one wins, the others get 409', async () => {
    // Round Rock on Tuesday: Dr. Ortiz and Jordan Hayes both see patients. Leave one exam room.
    const roundRock = ids.location('round-rock');
    await t.db.query(`UPDATE room SET active = false WHERE location_id = $1 AND name <> 'Exam 1'`, [roundRock]);
    const slots = await slotsAt({ from: '2026-12-08', to: '2026-12-08', location: roundRock });
    const ortiz = slots.find((s) => s.practitionerId === ids.practitioner('Dr. Elena Ortiz') && s.start.includes('T10:00'));
    // Hayes at 10:30 overlaps Ortiz's 10:00-11:00 in the same room.
    const hayes = slots.find((s) => s.practitionerId === ids.practitioner('Jordan Hayes') && s.start.includes('T10:30'));
    expect(ortiz?.roomId).toBeDefined();
    expect(hayes?.roomId).toBe(ortiz?.roomId);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => post(bookingBody(i % 2 ? ortiz! : hayes!, consult), `race-room-${i}`)),
    );
    expect(tally(results)).toEqual({ 201: 1, 409: 99 });
    expect(await overlappingPairs()).toBe(0);
  });

  it('one patient racing for two overlapping visits with different practitioners: one wins', async () => {
    const slots = await slotsAt({ from: '2026-12-09', to: '2026-12-09' });
    const a = slots.find((s) => s.locationId === ids.location('waco') && s.start.includes('T13:00'))!;
    const b = slots.find((s) => s.locationId === ids.location('austin-central') && s.start.includes('T13:30'))!;
    expect(a && b).toBeTruthy();
    const patient = { firstName: 'Marta', lastName: 'Quintero', email: 'marta@example.com', dateOfBirth: '1959-09-09' };
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => post(bookingBody(i % 2 ? a : b, consult, patient), `race-patient-${i}`)),
    );
    expect(tally(results)).toEqual({ 201: 1, 409: 59 });
    expect(await overlappingPairs()).toBe(0);
  });

  it('50 concurrent retries of one Idempotency-Key book once and all see the same appointment', async () => {
    const [slot] = await slotsAt({ from: '2026-12-10', to: '2026-12-10', location: ids.location('killeen') });
    const body = bookingBody(slot!, consult);
    const results = await Promise.all(Array.from({ length: 50 }, () => post(body, 'same-key-everywhere')));
    expect(tally(results)).toEqual({ 201: 50 });
    expect(new Set(results.map((r) => r.body.appointment.id)).size).toBe(1);
    const n = await t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM appointment WHERE starts_at = $1 AND practitioner_id = $2', [slot!.start, slot!.practitionerId]);
    expect(n!.n).toBe(1);
  });
});
