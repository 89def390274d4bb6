import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { given, type GivenPatient, type GivenVisit } from '../../testing/given.js';
import { demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

/**
 * Issue 12, must show: the earlier-visit waitlist. Offers go out when time
 * opens, to those whose visit is later and whose days and times fit, in
 * waitlist order; two patients accepting the same time at once: one gets it,
 * the other hears it was just taken (never a double booking), and the
 * winner's old visit is offered on. Runs on PGlite and, with DATABASE_URL,
 * on PostgreSQL, where the two acceptances really run at once.
 */
let t: TestApp;
let g: ReturnType<typeof given>;
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
const anyTime = { weekdays: ALL_DAYS, parts: ['morning', 'afternoon'], channel: 'email' };
// TEST_NOW is Monday 2026-11-30. 2026-12-02 is a Wednesday (3), 2026-12-08 a Tuesday (2).
const EARLY = '2026-12-02';

type Who = { patient: GivenPatient; user: SignedIn; visit: GivenVisit };
async function waiting(on: string, prefs: object | null): Promise<Who> {
  const patient = await g.patient();
  const visit = await g.visit({ patient, at: 'round-rock', on });
  const user = await createSignedIn(t, 'patient', { patientId: patient.id });
  if (prefs) {
    const res = await as(t.app, user)('POST', `/api/patients/${patient.id}/appointments/${visit.appointmentId}/waitlist`, prefs);
    expect(res.statusCode, res.body).toBe(201);
  }
  return { patient, user, visit };
}

/** The offer links emailed to a patient, newest first. */
async function offerTokens(p: GivenPatient): Promise<string[]> {
  const rows = await t.db.query<{ body: string }>(`SELECT body_text AS body FROM outbox WHERE recipient = $1 AND template = 'waitlist.offer' ORDER BY created_at DESC, seq DESC`, [p.email]);
  return rows.map((r) => /\/waitlist\/offers\/([A-Za-z0-9_-]+)/.exec(r.body)![1]!);
}
const offersOf = (p: GivenPatient) => t.db.query<{ status: string; start: number; practitionerId: string }>(
  `SELECT status, (extract(epoch FROM starts_at) * 1000)::float8 AS start, practitioner_id AS "practitionerId" FROM waitlist_offer WHERE patient_id = $1 ORDER BY created_at`, [p.id]);

beforeAll(async () => {
  t = await startTestApp();
  g = given(t);
});
afterAll(async () => t?.close());

describe('the earlier-visit waitlist (issue 12)', () => {
  it('offers a released time in waitlist order to those it fits; two accept at once: one gets it, the other is told it was just taken, and the old visit is offered on', async () => {
    const holder = await waiting(EARLY, null);
    const first = await waiting('2026-12-08', anyTime);
    const second = await waiting('2026-12-08', anyTime);
    // Tuesdays only: not the Wednesday that opens first, but the winner's old Tuesday visit.
    const third = await waiting('2026-12-16', { ...anyTime, weekdays: [2] });
    // Mondays only: fits nothing that opens here.
    const unfit = await waiting('2026-12-17', { ...anyTime, weekdays: [1] });

    await t.app.services.scheduling.cancel(holder.visit.appointmentId, { staff: true }, 'Patient called: travelling', { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: null, requestId: 't' });
    expect(await t.app.services.scheduling.waitlistOffers.processOpenings()).toBeGreaterThanOrEqual(2);

    const [a] = await offerTokens(first.patient);
    const [b] = await offerTokens(second.patient);
    expect(a && b).toBeTruthy();
    expect(await offerTokens(third.patient)).toEqual([]);
    expect(await offerTokens(unfit.patient)).toEqual([]);
    const offered = (await offersOf(first.patient))[0]!;
    expect((await offersOf(second.patient))[0]).toMatchObject({ start: offered.start, practitionerId: offered.practitionerId });

    const page = await t.app.inject({ url: `/api/waitlist/offers/${a}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ status: 'sent', locationName: expect.any(String), language: 'en' });
    expect(page.body).not.toMatch(/consult|pain|reason/i);

    const [ra, rb] = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/waitlist/offers/${a}/accept` }),
      t.app.inject({ method: 'POST', url: `/api/waitlist/offers/${b}/accept` }),
    ]);
    const answers = [ra, rb].map((r) => r.statusCode).sort();
    expect(answers, `${ra.body} / ${rb.body}`).toEqual([200, 409]);
    const [winner, loserRes] = ra.statusCode === 200 ? [first, rb] : [second, ra];
    const loser = winner === first ? second : first;
    expect(loserRes.json().error.reason).toBe('waitlist_offer_taken');

    // Never a double booking: one live visit at the offered time, the winner's; the loser's visit stands.
    const atTime = await t.db.query<{ patient: string }>(
      `SELECT patient_id AS patient FROM appointment WHERE practitioner_id = $1 AND starts_at = to_timestamp($2 / 1000.0) AND status <> 'cancelled'`, [offered.practitionerId, offered.start]);
    expect(atTime).toEqual([{ patient: winner.patient.id }]);
    const status = async (id: string) => (await t.db.one<{ s: string }>('SELECT status AS s FROM appointment WHERE id = $1', [id]))!.s;
    expect(await status(winner.visit.appointmentId)).toBe('cancelled');
    expect(await status(loser.visit.appointmentId)).toBe('booked');
    // A second acceptance of the winning link is "just taken" too.
    const again = await t.app.inject({ method: 'POST', url: `/api/waitlist/offers/${winner === first ? a : b}/accept` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.reason).toBe('waitlist_offer_taken');

    // The winner's old (Tuesday) visit is offered on, to the Tuesday patient among others.
    await t.app.services.scheduling.waitlistOffers.processOpenings();
    const onward = await offersOf(third.patient);
    expect(onward).toHaveLength(1);
    expect(onward[0]).toMatchObject({ status: 'sent', start: Date.parse(winner.visit.start), practitionerId: winner.visit.practitionerId });
    expect(await offersOf(unfit.patient)).toEqual([]);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE patient_id = $1 AND action LIKE 'waitlist.%'`, [winner.patient.id]);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['waitlist.join', 'waitlist.offer', 'waitlist.accept']));
  });

  it('stops offers to a patient who left the list, and ends the entry of a cancelled visit', async () => {
    const holder = await waiting('2026-12-03', null);
    const leaver = await waiting('2026-12-10', anyTime);
    const canceller = await waiting('2026-12-11', anyTime);
    const base = (w: Who) => `/api/patients/${w.patient.id}/appointments/${w.visit.appointmentId}`;
    const left = await as(t.app, leaver.user)('DELETE', `${base(leaver)}/waitlist`);
    expect(left.statusCode).toBe(204);
    expect((await as(t.app, leaver.user)('GET', `${base(leaver)}/waitlist`)).json().entry).toMatchObject({ status: 'left' });

    const cancelled = await as(t.app, canceller.user)('POST', `${base(canceller)}/cancel`, { reason: 'Feeling better' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await as(t.app, canceller.user)('GET', `${base(canceller)}/waitlist`)).json().entry).toMatchObject({ status: 'ended' });

    await t.app.services.scheduling.cancel(holder.visit.appointmentId, { staff: true }, 'Patient called', { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: null, requestId: 't' });
    await t.app.services.scheduling.waitlistOffers.processOpenings();
    expect(await offersOf(leaver.patient)).toEqual([]);
    expect(await offersOf(canceller.patient)).toEqual([]);
  });

  it('refuses preferences without a time with a 422 naming the field, and an unknown offer link with a plain 404', async () => {
    const w = await waiting('2026-12-14', null);
    const res = await as(t.app, w.user)('POST', `/api/patients/${w.patient.id}/appointments/${w.visit.appointmentId}/waitlist`, { weekdays: [1], channel: 'email' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues[0].field).toBe('parts');
    const bad = await as(t.app, w.user)('POST', `/api/patients/${w.patient.id}/appointments/${w.visit.appointmentId}/waitlist`, { weekdays: [9], parts: ['morning'], channel: 'fax' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['channel', 'weekdays.0']);
    const unknown = await t.app.inject({ method: 'POST', url: `/api/waitlist/offers/${'x'.repeat(43)}/accept` });
    expect(unknown.statusCode).toBe(404);
  });

  it('an expired offer is refused with its own reason, and its time goes to the next in line', async () => {
    const holder = await waiting('2026-12-04', null);
    const slow = await waiting('2026-12-18', anyTime);
    await t.app.services.scheduling.cancel(holder.visit.appointmentId, { staff: true }, 'Patient called', { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: null, requestId: 't' });
    await t.app.services.scheduling.waitlistOffers.processOpenings();
    const [token] = await offerTokens(slow.patient);
    expect(token).toBeTruthy();
    t.clock.advance(3 * 60 * 60_000);
    const late = await t.app.inject({ method: 'POST', url: `/api/waitlist/offers/${token}/accept` });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.reason).toBe('waitlist_offer_expired');
    await t.app.services.scheduling.waitlistOffers.processOpenings();
    expect((await offersOf(slow.patient)).map((o) => o.status)).toContain('expired');
  });

  it('offers time the desk frees by removing a block', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    const patient = await g.patient();
    const later = await g.visit({ patient, at: 'waco', on: '2026-12-21' });
    const user = await createSignedIn(t, 'patient', { patientId: patient.id });
    const joined = await as(t.app, user)('POST', `/api/patients/${patient.id}/appointments/${later.appointmentId}/waitlist`, anyTime);
    expect(joined.statusCode, joined.body).toBe(201);
    const ids = await demoIds(t.app);
    const { slots } = await t.app.services.scheduling.availability({ visitType: ids.visitType('new-patient-consult'), from: '2026-12-07', to: '2026-12-07', location: ids.location('waco') });
    const open = slots[0]!;
    const block = await as(t.app, desk)('POST', '/api/staff/blocks', { practitionerId: open.practitionerId, start: open.start, end: open.end, reason: 'Meeting' });
    expect(block.statusCode, block.body).toBe(201);
    await t.app.services.scheduling.waitlistOffers.processOpenings();
    expect(await offersOf(patient)).toEqual([]);
    expect((await as(t.app, desk)('DELETE', `/api/staff/blocks/${block.json().id}`)).statusCode).toBe(204);
    await t.app.services.scheduling.waitlistOffers.processOpenings();
    expect(await offersOf(patient)).toEqual([{ status: 'sent', start: Date.parse(open.start), practitionerId: open.practitionerId }]);
  });

  it("accepts an offer from the patient's pages; another patient's pages cannot accept it", async () => {
    const holder = await g.visit({ patient: await g.patient(), at: 'killeen', on: '2026-12-02' });
    const patient = await g.patient();
    const visit = await g.visit({ patient, at: 'killeen', on: '2026-12-22' });
    const user = await createSignedIn(t, 'patient', { patientId: patient.id });
    const base = `/api/patients/${patient.id}/appointments/${visit.appointmentId}/waitlist`;
    expect((await as(t.app, user)('POST', base, anyTime)).statusCode).toBe(201);
    await t.app.services.scheduling.cancel(holder.appointmentId, { staff: true }, 'Patient called', { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: null, requestId: 't' });
    await t.app.services.scheduling.waitlistOffers.processOpenings();
    const mine = await as(t.app, user)('GET', `/api/patients/${patient.id}/waitlist`);
    const offerId = mine.json().items[0].offers[0].id as string;
    const stranger = await waiting('2026-12-23', null);
    const theirs = await as(t.app, stranger.user)('POST', `/api/patients/${stranger.patient.id}/appointments/${stranger.visit.appointmentId}/waitlist/accept`, { offerId });
    expect(theirs.statusCode).toBe(404);
    const accepted = await as(t.app, user)('POST', `${base}/accept`, { offerId });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ releasedAppointmentId: visit.appointmentId, start: holder.start });
    expect((await as(t.app, user)('GET', base)).json().entry).toMatchObject({ status: 'fulfilled' });
  });

  it('lets the desk see offers, with filters', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    const all = await as(t.app, desk)('GET', '/api/staff/waitlist');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().items.length).toBeGreaterThan(0);
    const accepted = await as(t.app, desk)('GET', '/api/staff/waitlist?status=accepted');
    const statuses = accepted.json().items.map((i: { status: string }) => i.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['accepted']));
  });
});
