import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.js';
import { given } from '../testing/given.js';
import { openDemoTestDb } from '../testing/test-db.js';
import { demoIds, startTestApp, type TestApp } from '../testing/test-app.js';
import { as, createSignedIn } from '../testing/test-users.js';
import { DEMO_PATIENTS } from './demo-patients.js';
import { seedDemoActivity } from './seed-activity.js';

/**
 * Issue 11, part 4: the demo shows a working clinic. Tuesday 2026-12-01 at
 * noon in Austin (CST): the past week holds Thanksgiving and the day after
 * (clinic holidays), the week ahead a block of time added below, and a visit
 * booked before the seed runs must stay where it is. Every check reads the
 * database with its own SQL, not the planner's arithmetic.
 */
const NOW = '2026-12-01T18:00:00Z';
let t: TestApp;
let first: Awaited<ReturnType<typeof seedDemoActivity>>;
let demoIdsList: string[];
let bookedBefore: { appointmentId: string };

beforeAll(async () => {
  t = await startTestApp({ now: NOW });
  const g = given(t);
  const someone = await g.patient({ firstName: 'Earlier', lastName: 'Booking' });
  bookedBefore = await g.visit({ patient: someone, with: 'Dr. Elena Ortiz', on: '2026-12-02', visitType: 'follow-up' });
  // Dr. Reed is away all of Thursday 2026-12-03 (time off, as the desk's "block time" writes it).
  const reed = (await demoIds(t.app)).practitioner('Dr. Marcus Reed');
  await t.db.query(
    `INSERT INTO time_off (organization_id, practitioner_id, during, reason)
     VALUES ($1, $2, tstzrange('2026-12-03T06:00:00Z', '2026-12-04T06:00:00Z'), 'Away')`, [t.organizationId, reed]);
  first = await seedDemoActivity(t.db, { organizationId: t.organizationId, clock: t.clock });
  const emails = DEMO_PATIENTS.map((p) => p.email);
  demoIdsList = (await t.db.query<{ id: string }>('SELECT id FROM patient WHERE organization_id = $1 AND email = ANY($2::text[])', [t.organizationId, emails])).map((r) => r.id);
});
afterAll(async () => t?.close());

const count = async (sql: string, params: unknown[] = []) => (await t.db.one<{ n: number }>(sql, params))!.n;

describe('seedDemoActivity', () => {
  it('creates the fictional patients, in English and Spanish, with 555-01xx phones and example.com emails', async () => {
    expect(first).toMatchObject({ created: true, patients: DEMO_PATIENTS.length });
    expect(demoIdsList).toHaveLength(DEMO_PATIENTS.length);
    const rows = await t.db.query<{ phone: string; email: string; preferred_language: string }>(
      'SELECT phone, email, preferred_language FROM patient WHERE id = ANY($1::uuid[])', [demoIdsList]);
    for (const r of rows) {
      expect(r.phone).toMatch(/^\(\d{3}\) 555-01\d\d$/);
      expect(r.email).toMatch(/@example\.com$/);
    }
    expect(rows.filter((r) => r.preferred_language === 'es').length).toBeGreaterThanOrEqual(5);
  });

  it('runs twice without duplicating anything', async () => {
    const before = await count('SELECT count(*)::int AS n FROM appointment WHERE patient_id = ANY($1::uuid[])', [demoIdsList]);
    const events = await count('SELECT count(*)::int AS n FROM audit_event');
    expect(before).toBe(first.visits);
    expect(await seedDemoActivity(t.db, { organizationId: t.organizationId, clock: t.clock })).toEqual({ created: false, patients: 0, visits: 0 });
    expect(await count('SELECT count(*)::int AS n FROM patient WHERE organization_id = $1', [t.organizationId])).toBe(DEMO_PATIENTS.length + 1);
    expect(await count('SELECT count(*)::int AS n FROM appointment WHERE patient_id = ANY($1::uuid[])', [demoIdsList])).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM audit_event')).toBe(events);
  });

  it('gives every active location visits in the past week and in the week ahead', async () => {
    const rows = await t.db.query<{ slug: string; past: number; ahead: number }>(
      `SELECT l.slug, count(a.id) FILTER (WHERE a.starts_at < $2)::int AS past, count(a.id) FILTER (WHERE a.starts_at >= $2)::int AS ahead
         FROM location l LEFT JOIN appointment a ON a.location_id = l.id AND a.patient_id = ANY($1::uuid[])
        WHERE l.active GROUP BY l.slug ORDER BY l.slug`, [demoIdsList, NOW]);
    expect(rows.length).toBe(5);
    for (const r of rows) {
      expect(r.past, r.slug).toBeGreaterThanOrEqual(3);
      expect(r.ahead, r.slug).toBeGreaterThanOrEqual(3);
    }
    const span = await t.db.one<{ first: string; last: string }>(
      `SELECT min((starts_at AT TIME ZONE 'America/Chicago')::date)::text AS first, max((starts_at AT TIME ZONE 'America/Chicago')::date)::text AS last
         FROM appointment WHERE patient_id = ANY($1::uuid[])`, [demoIdsList]);
    expect(span!.first >= '2026-11-24' && span!.first <= '2026-11-25').toBe(true);
    expect(span!.last >= '2026-12-07' && span!.last <= '2026-12-08').toBe(true);
  });

  it('puts every visit inside its practitioner\'s hours and its location\'s, in a room that can hold it, never on a holiday', async () => {
    const outside = await t.db.query<{ id: string }>(
      `WITH v AS (
         SELECT a.*, (a.starts_at AT TIME ZONE l.time_zone) AS ls, (a.ends_at AT TIME ZONE l.time_zone) AS le
           FROM appointment a JOIN location l ON l.id = a.location_id WHERE a.patient_id = ANY($1::uuid[]))
       SELECT v.id FROM v
        WHERE v.ls::date <> v.le::date
           OR NOT EXISTS (SELECT 1 FROM working_hours w
                           WHERE w.practitioner_id = v.practitioner_id AND w.location_id = v.location_id AND w.weekday = extract(dow FROM v.ls)
                             AND extract(hour FROM v.ls) * 60 + extract(minute FROM v.ls) >= w.start_min
                             AND extract(hour FROM v.le) * 60 + extract(minute FROM v.le) <= w.end_min
                             AND (w.valid_from IS NULL OR v.ls::date >= w.valid_from) AND (w.valid_to IS NULL OR v.ls::date <= w.valid_to))
           OR NOT EXISTS (SELECT 1 FROM location_hours h
                           WHERE h.location_id = v.location_id AND h.weekday = extract(dow FROM v.ls)
                             AND extract(hour FROM v.ls) * 60 + extract(minute FROM v.ls) >= h.opens_min
                             AND extract(hour FROM v.le) * 60 + extract(minute FROM v.le) <= h.closes_min)
           OR EXISTS (SELECT 1 FROM holiday d WHERE d.day = v.ls::date AND (d.location_id IS NULL OR d.location_id = v.location_id))
           OR NOT EXISTS (SELECT 1 FROM room r JOIN visit_type vt ON vt.id = v.visit_type_id
                           WHERE r.id = v.room_id AND r.location_id = v.location_id AND vt.room_capability = ANY(r.capabilities))
           OR NOT EXISTS (SELECT 1 FROM practitioner_visit_type pv WHERE pv.practitioner_id = v.practitioner_id AND pv.visit_type_id = v.visit_type_id)`,
      [demoIdsList]);
    expect(outside).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM appointment WHERE patient_id = ANY($1::uuid[])
      AND (starts_at AT TIME ZONE 'America/Chicago')::date IN ('2026-11-26', '2026-11-27')`, [demoIdsList])).toBe(0);
  });

  it('double-books no practitioner, room or patient, keeps clear of time off, and leaves the earlier booking alone', async () => {
    const clashes = await count(
      `SELECT count(*)::int AS n FROM appointment a JOIN appointment b ON a.id < b.id
        WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'
          AND ((a.practitioner_id = b.practitioner_id AND a.blocked && b.blocked)
            OR (a.room_id = b.room_id AND a.blocked && b.blocked)
            OR (a.patient_id = b.patient_id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)))`);
    expect(clashes).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM appointment a JOIN time_off o ON o.practitioner_id = a.practitioner_id AND o.during && a.blocked
      WHERE a.status <> 'cancelled' AND a.patient_id = ANY($1::uuid[])`, [demoIdsList])).toBe(0);
    expect(await t.db.one('SELECT status FROM appointment WHERE id = $1', [bookedBefore.appointmentId])).toEqual({ status: 'booked' });
  });

  it('has past visits completed, checked in, missed or cancelled, and the ones ahead booked', async () => {
    const rows = await t.db.query<{ status: string; cancelled_at: string | null; when: 'past' | 'now' | 'ahead' }>(
      `SELECT status, cancelled_at, CASE WHEN ends_at <= $2 THEN 'past' WHEN starts_at <= $2 THEN 'now' ELSE 'ahead' END AS "when"
         FROM appointment WHERE patient_id = ANY($1::uuid[])`, [demoIdsList, NOW]);
    for (const r of rows.filter((x) => x.when === 'past')) expect(['completed', 'no_show', 'cancelled']).toContain(r.status);
    for (const r of rows.filter((x) => x.when === 'now')) expect(r.status).toBe('checked_in');
    for (const r of rows.filter((x) => x.when === 'ahead')) expect(['booked', 'cancelled']).toContain(r.status);
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of ['completed', 'booked', 'cancelled', 'no_show']) expect(statuses.has(s), s).toBe(true);
  });

  it('writes each visit\'s audit events: booked, then its status or its cancellation', async () => {
    const missing = await count(
      `SELECT count(*)::int AS n FROM appointment a WHERE a.patient_id = ANY($1::uuid[]) AND (
         NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.action = 'appointment.create' AND e.resource_id = a.id::text AND e.patient_id = a.patient_id)
         OR (a.status = 'cancelled' AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.action = 'appointment.cancel' AND e.resource_id = a.id::text))
         OR (a.status NOT IN ('booked', 'cancelled') AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.action = 'appointment.status' AND e.resource_id = a.id::text AND e.reason = 'booked -> ' || a.status)))`,
      [demoIdsList]);
    expect(missing).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE recipient = ANY($1::text[])`, [DEMO_PATIENTS.map((p) => p.email)])).toBe(0);
  });

  it('fills the schedule desk the front desk opens', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    const location = (await demoIds(t.app)).location('austin-central');
    const res = await as(t.app, desk)('GET', `/api/staff/schedule?location=${location}&from=2026-11-30&to=2026-12-04`);
    expect(res.statusCode).toBe(200);
    expect(res.json().appointments.length).toBeGreaterThanOrEqual(5);
  });
});

describe('seedDemoActivity at the same moment in two processes', () => {
  it('seeds once: the second loses on patient_match and leaves the first one\'s rows', async () => {
    const { db, organizationId } = await openDemoTestDb({ poolSize: 4 });
    try {
      const clock = fixedClock(NOW);
      const both = await Promise.all([seedDemoActivity(db, { organizationId, clock }), seedDemoActivity(db, { organizationId, clock })]);
      expect(both.filter((r) => r.created)).toHaveLength(1);
      const made = both.find((r) => r.created)!;
      expect((await db.one<{ n: number }>('SELECT count(*)::int AS n FROM patient'))!.n).toBe(DEMO_PATIENTS.length);
      expect((await db.one<{ n: number }>('SELECT count(*)::int AS n FROM appointment'))!.n).toBe(made.visits);
    } finally {
      await db.dispose();
    }
  });
});
