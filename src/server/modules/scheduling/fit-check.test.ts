import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/db.js';
import { given, type GivenVisit } from '../../testing/given.js';
import { demoIds, startTestApp, TEST_NOW, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn } from '../../testing/test-users.js';
import type { ClinicSettings } from '../../../shared/contracts/clinic-settings.js';

/**
 * Issue 11: a settings change that leaves booked visits outside the new hours,
 * rooms or practitioners lists them for the desk. Each case changes the demo
 * clinic's settings inside a transaction, asks the fit check there (as the
 * clinic service does after a change) and rolls back.
 */
let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
const visits: Record<'ana' | 'ben' | 'spring' | 'fall' | 'past' | 'cancelled', GivenVisit> = {} as never;
const system = { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: null, requestId: 'fit-check-test' };

class RolledBack extends Error {}

/** The visits listed after `change`, by appointment id, then nothing of the change is kept. */
async function afterChange(change: (q: Queryable) => Promise<unknown>): Promise<Map<string, Record<string, string>>> {
  let listed: Record<string, string>[] = [];
  await t.db
    .tx(async (q) => {
      await change(q);
      listed = await t.app.services.scheduling.visitFitCheck(q, t.organizationId);
      throw new RolledBack();
    })
    .catch((e: unknown) => {
      if (!(e instanceof RolledBack)) throw e;
    });
  return new Map(listed.map((v) => [v.appointmentId!, v]));
}
const reasons = (m: Map<string, Record<string, string>>) => Object.fromEntries([...m].map(([id, v]) => [id, v.reason]));
const sql = (text: string, ...params: unknown[]) => (q: Queryable) => q.query(text, params);

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
  const g = given(t);
  const ortiz = 'Dr. Elena Ortiz';
  // Tuesday 2026-12-01 at Round Rock (Dr. Ortiz works Tue 08:00-16:00 there): the first consult, 08:00 CST.
  visits.ana = await g.visit({ patient: await g.patient({ firstName: 'Ana', lastName: 'Fit' }), with: ortiz, on: '2026-12-01' });
  // Thursday 2026-12-03 at Austin Central, in a fluoroscopy suite.
  visits.ben = await g.visit({ patient: await g.patient({ firstName: 'Ben', lastName: 'Fit' }), with: 'Dr. Marcus Reed', on: '2026-12-03', visitType: 'epidural-steroid-injection' });
  // Mondays at Austin Central, 08:00 local, just after each daylight-saving change (booked within each date's horizon).
  t.clock.set('2027-03-01T12:00:00Z');
  visits.spring = await g.visit({ patient: await g.patient({ firstName: 'Sol', lastName: 'Fit' }), with: ortiz, on: '2027-03-15' });
  t.clock.set('2027-10-20T12:00:00Z');
  visits.fall = await g.visit({ patient: await g.patient({ firstName: 'Otto', lastName: 'Fit' }), with: ortiz, on: '2027-11-08' });
  // Before "now": already seen, never listed.
  t.clock.set('2026-11-20T12:00:00Z');
  visits.past = await g.visit({ patient: await g.patient({ firstName: 'Pat', lastName: 'Past' }), with: ortiz, on: '2026-11-24' });
  t.clock.set(TEST_NOW);
  visits.cancelled = await g.visit({ patient: await g.patient({ firstName: 'Cy', lastName: 'Gone' }), with: ortiz, on: '2026-12-08' });
  await t.app.services.scheduling.cancel(visits.cancelled.appointmentId, { staff: true }, 'Called to cancel', system);
});
afterAll(async () => t?.close());

describe('issue 11: the visit fit check', () => {
  it('lists nothing while the settings still allow every visit, across both daylight-saving changes', async () => {
    expect(visits.spring.start).toBe('2027-03-15T08:00:00-05:00');
    expect(visits.fall.start).toBe('2027-11-08T08:00:00-06:00');
    expect(await afterChange(async () => undefined)).toEqual(new Map());
  });

  it("outside_hours: the practitioner's hours that weekday no longer cover the visit", async () => {
    const ortiz = ids.practitioner('Dr. Elena Ortiz');
    const later = await afterChange(sql('UPDATE working_hours SET start_min = 540 WHERE practitioner_id = $1 AND location_id = $2 AND weekday = 2', ortiz, ids.location('round-rock')));
    expect(reasons(later)).toEqual({ [visits.ana.appointmentId]: 'outside_hours' });
    expect(later.get(visits.ana.appointmentId)).toEqual({
      appointmentId: visits.ana.appointmentId, start: '2026-12-01T08:00:00-06:00', timeZone: 'America/Chicago',
      patientName: 'Ana Fit', practitionerName: 'Dr. Elena Ortiz', locationName: 'Round Rock', visitTypeName: 'New patient consultation', reason: 'outside_hours',
    });
    // Moved to another weekday; or hours that end before the visit's day, or begin after it (a new schedule from a date).
    expect(reasons(await afterChange(sql('UPDATE working_hours SET weekday = 3 WHERE practitioner_id = $1 AND weekday = 2', ortiz)))).toEqual({ [visits.ana.appointmentId]: 'outside_hours' });
    expect(reasons(await afterChange(sql("UPDATE working_hours SET valid_to = '2026-11-30' WHERE practitioner_id = $1 AND weekday = 2", ortiz)))).toEqual({ [visits.ana.appointmentId]: 'outside_hours' });
    expect(reasons(await afterChange(sql("UPDATE working_hours SET valid_from = '2026-12-02' WHERE practitioner_id = $1 AND weekday = 2", ortiz)))).toEqual({ [visits.ana.appointmentId]: 'outside_hours' });
    // Bounds that still include the day change nothing.
    expect(await afterChange(sql("UPDATE working_hours SET valid_from = '2026-12-01', valid_to = '2026-12-01' WHERE practitioner_id = $1 AND weekday = 2", ortiz))).toEqual(new Map());
  });

  it('outside_hours on a daylight-saving Monday is read in the wall clock of the location', async () => {
    const ortiz = ids.practitioner('Dr. Elena Ortiz');
    // From 08:30 on Mondays: both 08:00 visits (13:00Z in CDT, 14:00Z in CST) fall outside; 07:30 keeps both.
    const later = await afterChange(sql('UPDATE working_hours SET start_min = 510 WHERE practitioner_id = $1 AND weekday = 1', ortiz));
    expect(reasons(later)).toEqual({ [visits.spring.appointmentId]: 'outside_hours', [visits.fall.appointmentId]: 'outside_hours' });
    expect(later.get(visits.spring.appointmentId)).toMatchObject({ start: '2027-03-15T08:00:00-05:00', timeZone: 'America/Chicago' });
    expect(await afterChange(sql('UPDATE working_hours SET start_min = 450 WHERE practitioner_id = $1 AND weekday = 1', ortiz))).toEqual(new Map());
    // Ending at 08:45 leaves the 60-minute visits running past the close.
    expect(reasons(await afterChange(sql('UPDATE working_hours SET end_min = 525 WHERE practitioner_id = $1 AND weekday = 1', ortiz)))).toEqual({
      [visits.spring.appointmentId]: 'outside_hours', [visits.fall.appointmentId]: 'outside_hours',
    });
  });

  it('location_closed: inactive, outside its opening hours, or a holiday of it or of every location', async () => {
    const roundRock = ids.location('round-rock');
    const closedAna = { [visits.ana.appointmentId]: 'location_closed' };
    expect(reasons(await afterChange(sql('UPDATE location SET active = false WHERE id = $1', roundRock)))).toEqual(closedAna);
    expect(reasons(await afterChange(sql('UPDATE location_hours SET opens_min = 540 WHERE location_id = $1 AND weekday = 2', roundRock)))).toEqual(closedAna);
    expect(reasons(await afterChange(sql('DELETE FROM location_hours WHERE location_id = $1 AND weekday = 2', roundRock)))).toEqual(closedAna);
    const holiday = (locationId: string | null) => sql("INSERT INTO holiday (organization_id, location_id, day, name) VALUES ($1, $2, '2026-12-01', 'Closed')", t.organizationId, locationId);
    expect(reasons(await afterChange(holiday(roundRock)))).toEqual(closedAna);
    expect(reasons(await afterChange(holiday(null)))).toEqual(closedAna);
    expect(await afterChange(holiday(ids.location('waco')))).toEqual(new Map());
  });

  it('room_unavailable: the room is inactive or no longer has the capability the visit needs', async () => {
    const room = sql('UPDATE room SET active = false WHERE id = (SELECT room_id FROM appointment WHERE id = $1)', visits.ben.appointmentId);
    expect(reasons(await afterChange(room))).toEqual({ [visits.ben.appointmentId]: 'room_unavailable' });
    const exam = sql("UPDATE room SET capabilities = '{exam}' WHERE id = (SELECT room_id FROM appointment WHERE id = $1)", visits.ben.appointmentId);
    expect(reasons(await afterChange(exam))).toEqual({ [visits.ben.appointmentId]: 'room_unavailable' });
  });

  it('visit_type_not_performed: the practitioner no longer does the visit type', async () => {
    const unlink = sql('DELETE FROM practitioner_visit_type WHERE practitioner_id = $1 AND visit_type_id = $2', ids.practitioner('Dr. Marcus Reed'), ids.visitType('epidural-steroid-injection'));
    expect(reasons(await afterChange(unlink))).toEqual({ [visits.ben.appointmentId]: 'visit_type_not_performed' });
  });

  it('practitioner_inactive comes first; visits already past or cancelled are never listed', async () => {
    const change = async (q: Queryable) => {
      await q.query('UPDATE practitioner SET active = false WHERE id = $1', [ids.practitioner('Dr. Elena Ortiz')]);
      await q.query('UPDATE location SET active = false WHERE id = $1', [ids.location('round-rock')]);
    };
    const later = await afterChange(change);
    expect(reasons(later)).toEqual({
      [visits.ana.appointmentId]: 'practitioner_inactive', [visits.spring.appointmentId]: 'practitioner_inactive', [visits.fall.appointmentId]: 'practitioner_inactive',
    });
    // In time order.
    expect([...later.keys()]).toEqual([visits.ana.appointmentId, visits.spring.appointmentId, visits.fall.appointmentId]);
    expect(later.has(visits.past.appointmentId) || later.has(visits.cancelled.appointmentId)).toBe(false);
  });

  it('answers for one organization only', async () => {
    const other = await t.db.one<{ id: string }>("INSERT INTO organization (slug, name) VALUES ('other-clinic', 'Other') RETURNING id");
    let listed: unknown[] = [1];
    await t.db.tx(async (q) => {
      await q.query('UPDATE practitioner SET active = false');
      listed = await t.app.services.scheduling.visitFitCheck(q, other!.id);
      throw new RolledBack();
    }).catch((e: unknown) => {
      if (!(e instanceof RolledBack)) throw e;
    });
    expect(listed).toEqual([]);
  });

  it("is the one a settings change answers with: the admin moves a practitioner's hours and is shown the visit", async () => {
    const signedIn = await createSignedIn(t, 'admin');
    const admin = as(t.app, signedIn);
    const settings: ClinicSettings = (await admin('GET', '/api/admin/clinic')).json();
    const { id, ...ortiz } = settings.practitioners.find((p) => p.name === 'Dr. Elena Ortiz')!;
    // Tuesdays at Round Rock from 09:00 instead of 08:00.
    const schedule = ortiz.schedule.map((e) => (e.weekday === 2 ? { ...e, start: '09:00' } : e));
    const res = await t.app.inject({ method: 'PUT', url: `/api/admin/clinic/practitioners/${id}`, payload: { ...ortiz, schedule }, headers: { cookie: signedIn.cookie, 'x-csrf-token': signedIn.csrf } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().affected).toEqual([{
      appointmentId: visits.ana.appointmentId, start: '2026-12-01T08:00:00-06:00', timeZone: 'America/Chicago',
      patientName: 'Ana Fit', practitionerName: 'Dr. Elena Ortiz', locationName: 'Round Rock', visitTypeName: 'New patient consultation', reason: 'outside_hours',
    }]);
    // Listed, never moved or cancelled.
    expect((await t.db.one<{ status: string; start: string }>("SELECT status, to_char(starts_at AT TIME ZONE 'UTC', 'HH24:MI') AS start FROM appointment WHERE id = $1", [visits.ana.appointmentId]))).toEqual({ status: 'booked', start: '14:00' });
  });
});
