import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db, Queryable } from '../../db/db.js';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

// Issue 10, must-show: a chart read decides once and reaches the database in
// at most two round trips: one query with every access fact (care
// relationship, emergency access, the patient's existence), and one audited
// read that reads the chart and writes its audit event together.

/** The app's Db port, recording each statement sent while `counting` is on (a transaction's BEGIN and COMMIT too). */
function countingDb(db: Db) {
  const sent: string[] = [];
  let counting = false;
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => (counting && sent.push(sql), q.query(sql, params)),
    one: (sql, params) => (counting && sent.push(sql), q.one(sql, params)),
  });
  const wrapped: Db = Object.assign(Object.create(db) as Db, {
    ...wrap(db),
    relaxed: wrap(db.relaxed),
    tx: <T>(fn: (t: Queryable) => Promise<T>) => {
      if (counting) sent.push('BEGIN');
      return db.tx((t) => fn(wrap(t))).finally(() => counting && sent.push('COMMIT'));
    },
  });
  return {
    wrapped,
    async during(work: () => Promise<unknown>): Promise<string[]> {
      sent.length = 0;
      counting = true;
      try {
        await work();
      } finally {
        counting = false;
      }
      return [...sent];
    },
  };
}

let t: TestApp;
let counter: ReturnType<typeof countingDb>;
let ortiz: SignedIn;
let reed: SignedIn;
let patientId: string;

beforeAll(async () => {
  t = await startTestApp({ wrapDb: (db) => (counter = countingDb(db)).wrapped });
  const ids = await demoIds(t.app);
  const desk = await createSignedIn(t, 'front_desk');
  const consult = ids.visitType('new-patient-consult');
  const { slots } = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-02', to: '2026-12-02', practitioner: ids.practitioner('Dr. Elena Ortiz') } })).json();
  const body = bookingBody(slots[0], consult, { firstName: 'Gloria', lastName: 'Saenz' });
  const booked = await as(t.app, desk)('POST', '/api/staff/appointments', { visitTypeId: body.visitTypeId, practitionerId: body.practitionerId, locationId: body.locationId, start: body.start, patient: body.patient, reason: 'Leg pain.' });
  expect(booked.statusCode).toBe(201);
  patientId = (await t.db.one<{ p: string }>('SELECT patient_id AS p FROM appointment WHERE id = $1', [booked.json().id]))!.p;
  ortiz = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Elena Ortiz') });
  reed = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Marcus Reed') });
  // The sealing timer writes on its own schedule; stopped, it cannot land inside a counted request.
  await t.app.services.audit.stopSealing();
});
afterAll(async () => t?.close());

/** The chart as this clinician, with the statements it sent and how often access decided. */
async function countedChartRead(who: SignedIn) {
  // The session is resolved once and then kept for a moment (a page's burst of requests); warm it as a page would.
  expect((await as(t.app, who)('GET', '/api/session')).statusCode).toBe(200);
  const decide = vi.spyOn(t.app.services.access, 'authorize');
  let res!: Awaited<ReturnType<ReturnType<typeof as>>>;
  const sent = await counter.during(async () => {
    res = await as(t.app, who)('GET', `/api/patients/${patientId}/chart`);
  });
  const decisions = decide.mock.calls.length;
  decide.mockRestore();
  return { res, sent, decisions };
}

describe('a chart read', () => {
  it('by a clinician with a care relationship: one decision, two round trips, the second the audited read', async () => {
    const { res, sent, decisions } = await countedChartRead(ortiz);
    expect(res.statusCode).toBe(200);
    expect(res.json().access).toEqual({ basis: 'care_team', expiresAt: null });
    expect(decisions).toBe(1);
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/INSERT INTO audit_event/);
    const events = await t.db.query<{ reason: string }>("SELECT reason FROM audit_event WHERE actor_user_id = $1 AND action = 'chart.read'", [ortiz.userId]);
    expect(events).toEqual([{ reason: 'care_team' }]);
  });

  it('under emergency access: the same two round trips, and the end of the access shown', async () => {
    expect((await as(t.app, reed)('POST', `/api/patients/${patientId}/break-glass`, { reason: 'Covering for Dr. Ortiz tonight.' })).statusCode).toBe(201);
    const { res, sent, decisions } = await countedChartRead(reed);
    expect(res.statusCode).toBe(200);
    expect(res.json().access).toEqual({ basis: 'break_glass', expiresAt: new Date(t.clock.now() + 4 * 3_600_000).toISOString() });
    expect(decisions).toBe(1);
    expect(sent).toHaveLength(2);
  });

  it('refused to a clinician outside the care: one decision, the facts query and the refusal written', async () => {
    const natarajan = await createSignedIn(t, 'clinician', { practitionerId: (await demoIds(t.app)).practitioner('Dr. Priya Natarajan') });
    const { res, sent, decisions } = await countedChartRead(natarajan);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.reason).toBe('break_glass_required');
    expect(decisions).toBe(1);
    expect(sent).toHaveLength(2);
  });
});
