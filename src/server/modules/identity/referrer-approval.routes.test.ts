import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, PASSWORD, type SignedIn } from '../../testing/test-users.js';

/**
 * Issue 11, fixes from the walk-through: the admin's approval list shows the
 * referrer's NPI and practice, a referrer is told by email when approved, and
 * referrers are told apart from staff.
 */
let t: TestApp;
let admin: SignedIn;
let desk: SignedIn;

async function signUp(body: { npi: string; displayName: string; email: string; practice?: string }) {
  const res = await t.app.inject({ method: 'POST', url: '/api/referrers/signup', payload: { ...body, password: PASSWORD } });
  expect(res.statusCode).toBe(202);
  return (await t.db.one<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [body.email]))!.id;
}

const approvalNotices = (userId: string) =>
  t.db.query<{ template: string; recipient: string; language: string; subject: string; body_text: string }>(
    `SELECT template, recipient, language, subject, body_text FROM outbox WHERE subject_type = 'user' AND subject_id = $1 AND template = 'referrer.approved'`, [userId]);

let park: string;
let ruiz: string;
let lee: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await createSignedIn(t, 'admin');
  desk = await createSignedIn(t, 'front_desk');
  park = await signUp({ npi: '1234567893', displayName: 'Dr. Lena Park', practice: 'Austin Spine Associates', email: 'lena.park@spine.example' });
  ruiz = await signUp({ npi: '1987654328', displayName: 'Dra. Ana Ruiz', practice: 'Clínica del Valle', email: 'ana.ruiz@valle.example' });
  lee = await signUp({ npi: '1112223338', displayName: 'Dr. Sam Lee', email: 'sam.lee@clinic.example' });
  // Dr. Ruiz reads Spanish (an account's own language, as the account pages set it).
  await t.db.query(`UPDATE app_user SET preferred_language = 'es' WHERE id = $1`, [ruiz]);
});
afterAll(async () => t?.close());

describe('GET /api/admin/users (issue 11: the approval list shows NPI and practice)', () => {
  it('gives a referrer\'s NPI and practice apart from the name, and none for staff', async () => {
    const res = await as(t.app, admin)('GET', '/api/admin/users');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; role: string; displayName: string; npi: string | null; practice: string | null; status: string }[];
    expect(items.find((u) => u.id === park)).toMatchObject({ role: 'referrer', status: 'pending_approval', displayName: 'Dr. Lena Park', npi: '1234567893', practice: 'Austin Spine Associates' });
    expect(items.find((u) => u.id === lee)).toMatchObject({ displayName: 'Dr. Sam Lee', npi: '1112223338', practice: null });
    const staff = items.filter((u) => u.role !== 'referrer');
    expect(staff.length).toBeGreaterThanOrEqual(2);
    for (const u of staff) expect([u.npi, u.practice]).toEqual([null, null]);
  });

  it('is refused to other roles', async () => {
    expect((await as(t.app, desk)('GET', '/api/admin/users')).statusCode).toBe(403);
  });
});

describe('POST /api/admin/users/:id/approve (issue 11: a referrer is told by email when approved)', () => {
  it('refuses anyone but an admin, and then nothing is changed or sent', async () => {
    const res = await as(t.app, desk)('POST', `/api/admin/users/${park}/approve`);
    expect(res.statusCode).toBe(403);
    expect(await approvalNotices(park)).toEqual([]);
    expect(await t.db.one('SELECT status FROM app_user WHERE id = $1', [park])).toEqual({ status: 'pending_approval' });
  });

  it('writes the approval email with the approval, in the referrer\'s language, with a sign-in link and no health details', async () => {
    expect((await as(t.app, admin)('POST', `/api/admin/users/${park}/approve`)).statusCode).toBe(204);
    expect((await as(t.app, admin)('POST', `/api/admin/users/${ruiz}/approve`)).statusCode).toBe(204);
    const [en] = await approvalNotices(park);
    expect(en).toMatchObject({ recipient: 'lena.park@spine.example', language: 'en' });
    expect(en!.subject).toBe('Relief Pain Clinics: your referring-provider account is approved');
    expect(en!.body_text).toContain(`${TEST_PUBLIC_URL}/console/sign-in`);
    const [es] = await approvalNotices(ruiz);
    expect(es).toMatchObject({ recipient: 'ana.ruiz@valle.example', language: 'es' });
    expect(es!.subject).toContain('aprobada');
    for (const n of [en!, es!]) expect(n.body_text.replaceAll('Relief Pain Clinics', '')).not.toMatch(/patient|paciente|pain|dolor/i);
    expect(await t.app.services.notices.deliverDue()).toBeGreaterThanOrEqual(2);
    expect(t.mailer.sent.map((m) => m.to)).toEqual(expect.arrayContaining(['lena.park@spine.example', 'ana.ruiz@valle.example']));
  });

  it('sends nothing more for a second approval (refused) or for disabling', async () => {
    const again = await as(t.app, admin)('POST', `/api/admin/users/${park}/approve`);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.reason).toBe('not_pending_approval');
    expect((await as(t.app, admin)('POST', `/api/admin/users/${lee}/disable`)).statusCode).toBe(204);
    expect(await approvalNotices(park)).toHaveLength(1);
    expect(await approvalNotices(lee)).toEqual([]);
  });

  it('lets the approved referrer sign in', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'lena.park@spine.example', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
  });
});
