import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, cookieOf, createSignedIn } from '../../testing/test-users.js';

// A patient shares their record with a caregiver: the invitation, the caregiver's
// own list of shared records (patient names are health information: only that
// caregiver gets them), and revocation that takes effect on the next request.

type Who = Parameters<typeof as>[1];
interface Patient {
  who: Who;
  patientId: string;
  appointmentId: string;
}

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let luisa: Patient;
let tomas: Patient;
let ana: Patient;
let mateo: Who;
let mateoId: string;

/** Books a visit on its own day (no clash between patients) and creates the patient's account. */
async function patientWithAccount(date: string, who: { firstName: string; lastName: string; email: string; password: string }): Promise<Patient> {
  const { firstName, lastName, email, password } = who;
  const consult = ids.visitType('new-patient-consult');
  const [slot] = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: date, to: date, location: ids.location('waco') } })).json().slots;
  const booked = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slot, consult, { firstName, lastName, email }) });
  expect(booked.statusCode).toBe(201);
  const { appointment, confirmationCode } = booked.json();
  const activated = await t.app.inject({ method: 'POST', url: '/api/account/activate', payload: { appointmentId: appointment.id, code: confirmationCode, email, password } });
  expect(activated.statusCode).toBe(200);
  return { who: { cookie: cookieOf(activated), csrf: activated.json().csrfToken } as Who, patientId: activated.json().user.patientId, appointmentId: appointment.id };
}

/** The link of the last caregiver invitation emailed to someone, as its token. */
async function invitationToken(recipient: string): Promise<string | undefined> {
  const mail = await t.db.one<{ body_text: string }>(
    "SELECT body_text FROM outbox WHERE recipient = $1 AND template = 'account.caregiver_invitation' ORDER BY created_at DESC LIMIT 1",
    [recipient],
  );
  return /\/caregiver-invite\/([\w-]+)/.exec(mail?.body_text ?? '')?.[1];
}

const sharedWith = (who: Who) => as(t.app, who)('GET', '/api/caregiver/patients');
const counts = () =>
  t.db.one<{ u: number; g: number; o: number; k: number }>(
    `SELECT (SELECT count(*) FROM app_user)::int AS u, (SELECT count(*) FROM caregiver_grant)::int AS g,
            (SELECT count(*) FROM outbox)::int AS o, (SELECT count(*) FROM one_time_token)::int AS k`,
  );

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
  luisa = await patientWithAccount('2026-12-02', { firstName: 'Luisa', lastName: 'Vega', email: 'luisa@example.com', password: 'my grandson helps me book' });
  tomas = await patientWithAccount('2026-12-03', { firstName: 'Tomás', lastName: 'Vega', email: 'tomas@example.com', password: 'my grandson books for me too' });
  ana = await patientWithAccount('2026-12-04', { firstName: 'Ana', lastName: 'Quintero', email: 'ana.q@example.com', password: 'nobody else sees my visits' });
});
afterAll(async () => t?.close());

describe('a caregiver sees the records shared with them', () => {
  it('accepts the invitation without a second factor and lists each shared patient by name and scope, and no one else', async () => {
    const invited = await as(t.app, luisa.who)('POST', `/api/patients/${luisa.patientId}/caregivers`, { email: 'mateo@example.com', displayName: 'Mateo Vega', scope: 'limited' });
    expect(invited.statusCode).toBe(201);
    const token = (await invitationToken('mateo@example.com'))!;
    expect((await t.app.inject({ url: `/api/invites/${token}` })).json()).toEqual({ email: 'mateo@example.com', displayName: 'Mateo Vega', role: 'caregiver' });
    const accepted = await t.app.inject({ method: 'POST', url: `/api/invites/${token}`, payload: { password: 'helping grandma with visits' } });
    expect(accepted.json()).toMatchObject({ next: 'done', user: { role: 'caregiver', patientId: null } });
    mateo = { cookie: cookieOf(accepted), csrf: accepted.json().csrfToken } as Who;
    mateoId = accepted.json().user.id;

    // A second patient shares with the same person: no new account, and the open session sees it at once.
    expect((await as(t.app, tomas.who)('POST', `/api/patients/${tomas.patientId}/caregivers`, { email: 'MATEO@example.com', displayName: 'Mateo', scope: 'full' })).statusCode).toBe(201);
    expect(await invitationToken('MATEO@example.com')).toBeUndefined();

    const res = await sharedWith(mateo);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        { patientId: luisa.patientId, patientName: 'Luisa Vega', scope: 'limited' },
        { patientId: tomas.patientId, patientName: 'Tomás Vega', scope: 'full' },
      ],
    });
    expect(res.body).not.toContain('Quintero');
    expect(res.body).not.toContain(ana.patientId);
    expect((await as(t.app, mateo)('GET', `/api/patients/${luisa.patientId}/appointments`)).json().items.map((a: { id: string }) => a.id)).toEqual([luisa.appointmentId]);
  });

  it("records each name shown in that patient's accounting of disclosures", async () => {
    const events = await t.db.query<{ patient_id: string }>(
      "SELECT patient_id FROM audit_event WHERE action = 'shared_records.read' AND actor_user_id = $1 AND outcome = 'success' ORDER BY patient_id",
      [mateoId],
    );
    expect(new Set(events.map((e) => e.patient_id))).toEqual(new Set([luisa.patientId, tomas.patientId]));
    const who = (await as(t.app, luisa.who)('GET', `/api/patients/${luisa.patientId}/disclosures`)).json().items;
    expect(who).toContainEqual(expect.objectContaining({ who: 'Mateo Vega', role: 'caregiver', action: 'shared_records.read', outcome: 'success' }));
    expect(who).toContainEqual(expect.objectContaining({ role: 'patient', action: 'sharing.caregiver_grant' }));
  });

  it('gives no names to a patient, a staff user, a caregiver without grants or no one signed in', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    const admin = await createSignedIn(t, 'admin');
    const lonely = await createSignedIn(t, 'caregiver');
    for (const who of [luisa.who, desk, admin] as Who[]) {
      const res = await sharedWith(who);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toMatch(/Vega|Quintero/);
    }
    expect((await sharedWith(null)).statusCode).toBe(401);
    const none = await sharedWith(lonely);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ items: [] });
    const recorded = await t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'shared_records.read' AND actor_user_id = $1 AND outcome = 'success'", [lonely.userId]);
    expect(recorded!.n).toBe(0);
  });
});

describe('ending access', () => {
  it("takes effect at once: the grant is gone, the name leaves the caregiver's list and the next read is refused", async () => {
    const list = await as(t.app, luisa.who)('GET', `/api/patients/${luisa.patientId}/caregivers`);
    expect(list.json().items).toEqual([
      { id: expect.any(String), caregiverUserId: mateoId, name: 'Mateo Vega', email: 'mateo@example.com', status: 'active', scope: 'limited', createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    ]);
    const grantId = list.json().items[0].id as string;
    // The caregiver's session is resolved (and kept for a moment) right before the revocation.
    expect((await as(t.app, mateo)('GET', `/api/patients/${luisa.patientId}/appointments`)).statusCode).toBe(200);

    expect((await as(t.app, luisa.who)('DELETE', `/api/patients/${luisa.patientId}/caregivers/${grantId}`)).statusCode).toBe(204);

    expect((await as(t.app, luisa.who)('GET', `/api/patients/${luisa.patientId}/caregivers`)).json().items).toEqual([]);
    expect((await t.db.one<{ revoked: boolean }>('SELECT revoked_at IS NOT NULL AS revoked FROM caregiver_grant WHERE id = $1', [grantId]))!.revoked).toBe(true);
    const refused = await as(t.app, mateo)('GET', `/api/patients/${luisa.patientId}/appointments`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain(luisa.appointmentId);
    expect((await sharedWith(mateo)).json().items).toEqual([{ patientId: tomas.patientId, patientName: 'Tomás Vega', scope: 'full' }]);
    // Another patient's grant to the same person is untouched.
    expect((await as(t.app, mateo)('GET', `/api/patients/${tomas.patientId}/appointments`)).statusCode).toBe(200);
    expect((await as(t.app, luisa.who)('DELETE', `/api/patients/${luisa.patientId}/caregivers/${grantId}`)).statusCode).toBe(404);
    const denied = await t.db.one<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'appointment.read' AND actor_user_id = $1 AND patient_id = $2 AND outcome = 'denied'",
      [mateoId, luisa.patientId],
    );
    expect(denied!.n).toBeGreaterThan(0);
  });
});

describe('a bad invitation', () => {
  const good = { email: 'helper@example.com', displayName: 'Helper', scope: 'limited' };
  const cases: [string, Record<string, unknown>, string][] = [
    ['an unknown field', { ...good, role: 'admin' }, 'role'],
    ['a bad email', { ...good, email: 'helper at example' }, 'email'],
    ['a bad scope', { ...good, scope: 'everything' }, 'scope'],
    ['no scope', { email: good.email, displayName: good.displayName }, 'scope'],
    ['an empty name', { ...good, displayName: '   ' }, 'displayName'],
  ];
  for (const [what, body, field] of cases) {
    it(`is refused for ${what}, naming the field ${field}, and writes nothing`, async () => {
      const before = await counts();
      const res = await as(t.app, ana.who)('POST', `/api/patients/${ana.patientId}/caregivers`, body);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('INVALID');
      expect(res.json().error.issues.map((i: { field: string }) => i.field)).toContain(field);
      expect(await counts()).toEqual(before);
    });
  }

  it('says what is expected, in words a person can act on', async () => {
    const res = await as(t.app, ana.who)('POST', `/api/patients/${ana.patientId}/caregivers`, { email: 'nope', displayName: '', scope: 'all' });
    expect(res.json().error.issues).toEqual([
      { field: 'email', message: 'must be an email address' },
      { field: 'displayName', message: 'is required' },
      { field: 'scope', message: 'must be full (the whole record) or limited (appointments only)' },
    ]);
  });

  it("answers an email of another kind of account as any other, and is refused for another patient's record, writing nothing (issue 9 defect 8)", async () => {
    const taken = await as(t.app, ana.who)('POST', `/api/patients/${ana.patientId}/caregivers`, { ...good, email: 'luisa@example.com' });
    const fresh = await as(t.app, ana.who)('POST', `/api/patients/${ana.patientId}/caregivers`, { ...good, email: 'nobody.yet@example.com' });
    expect(taken.statusCode).toBe(201);
    expect(fresh.statusCode).toBe(201);
    expect(Object.keys(taken.json())).toEqual(Object.keys(fresh.json()));
    // The patient learns later, in the portal, that the first one cannot be used; it grants nothing.
    const list = (await as(t.app, ana.who)('GET', `/api/patients/${ana.patientId}/caregivers`)).json().items;
    expect(list).toContainEqual(expect.objectContaining({ email: 'luisa@example.com', status: 'unusable', caregiverUserId: null }));
    expect(list).toContainEqual(expect.objectContaining({ email: 'nobody.yet@example.com', status: 'invited' }));
    expect((await as(t.app, luisa.who)('GET', `/api/patients/${ana.patientId}/appointments`)).statusCode).toBe(404);
    for (const g of list) expect((await as(t.app, ana.who)('DELETE', `/api/patients/${ana.patientId}/caregivers/${g.id}`)).statusCode).toBe(204);
    const before = await counts();
    const theirs = await as(t.app, ana.who)('POST', `/api/patients/${luisa.patientId}/caregivers`, good);
    expect(theirs.statusCode).toBe(404);
    const noCsrf = await t.app.inject({ method: 'POST', url: `/api/patients/${ana.patientId}/caregivers`, payload: good, headers: { cookie: ana.who!.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
