import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { given } from '../../testing/given.js';
import { demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';
import type { Mailer } from '../../platform/mailer.js';
import type { Role } from '../access/index.js';

/**
 * Issue 11, part 4: the demo mailbox. Without an email server (SMTP_URL unset)
 * an administrator reads the notices waiting in the outbox, with their codes
 * and links, so a trial works without the database; with one, delivery status
 * only, never a subject or a body. Every read is audited.
 */
let quiet: TestApp<null>;
let sending: TestApp;
let quietAdmin: SignedIn;
let sendingAdmin: SignedIn;

async function enqueueAccountNotices(t: TestApp<Mailer | null>) {
  const notices = t.app.services.notices;
  await t.db.tx((tx) => notices.enqueue(tx, { template: 'account.activation_code', language: 'es', to: 'rosa.delgado@example.com', params: { firstName: 'Rosa', code: '482913' } }));
  await t.db.tx((tx) => notices.enqueue(tx, { template: 'account.password_reset', language: 'en', to: 'dana.whit@example.com', params: { token: 'tok-reset-secret' } }));
}

beforeAll(async () => {
  quiet = await startTestApp({ mailer: null });
  sending = await startTestApp();
  // Signing in writes no email, so the recording mailer the helper's type asks for is never used.
  quietAdmin = await createSignedIn(quiet as unknown as TestApp, 'admin');
  sendingAdmin = await createSignedIn(sending, 'admin');
  await enqueueAccountNotices(quiet);
  await enqueueAccountNotices(sending);
});
afterAll(async () => {
  await quiet?.close();
  await sending?.close();
});

const mailboxReads = (t: TestApp<Mailer | null>, userId: string) =>
  t.db.query<{ outcome: string; reason: string }>(`SELECT outcome, reason FROM audit_event WHERE action = 'demo_mailbox.read' AND actor_user_id = $1`, [userId]);

describe('GET /api/admin/demo-mailbox without an email server', () => {
  it('shows the waiting notices with their content, newest first, labelled as a demo mailbox', async () => {
    const res = await as(quiet.app, quietAdmin)('GET', '/api/admin/demo-mailbox');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.mode).toBe('demo');
    expect(body.items.map((n: { template: string }) => n.template)).toEqual(['account.password_reset', 'account.activation_code']);
    const code = body.items[1];
    expect(code).toMatchObject({ recipient: 'rosa.delgado@example.com', language: 'es', channel: 'email' });
    expect(code.subject).toContain('código');
    expect(code.bodyText).toContain('482913');
    expect(body.items[0].bodyText).toContain('/reset-password/tok-reset-secret');
    expect(Date.parse(body.items[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(body.items[1].createdAt));
  });

  it('audits every read, in the statement that reads', async () => {
    const before = (await mailboxReads(quiet, quietAdmin.userId)).length;
    await as(quiet.app, quietAdmin)('GET', '/api/admin/demo-mailbox');
    await as(quiet.app, quietAdmin)('GET', '/api/admin/demo-mailbox');
    const reads = await mailboxReads(quiet, quietAdmin.userId);
    expect(reads.length).toBe(before + 2);
    expect(reads.every((r) => r.outcome === 'success' && r.reason === 'content shown: no email server')).toBe(true);
  });

  it('shows the newest 100 at most', async () => {
    const notices = quiet.app.services.notices;
    for (let i = 0; i < 101; i++) {
      await quiet.db.tx((tx) => notices.enqueue(tx, { template: 'account.signup_existing', language: 'en', to: `n${i}@example.com`, params: {} }));
    }
    const items = (await as(quiet.app, quietAdmin)('GET', '/api/admin/demo-mailbox')).json().items as { recipient: string; createdAt: string }[];
    expect(items).toHaveLength(100);
    expect(items[0]!.recipient).toBe('n100@example.com');
    expect(items.map((n) => n.recipient)).not.toContain('rosa.delgado@example.com');
    for (let i = 1; i < items.length; i++) expect(Date.parse(items[i - 1]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(items[i]!.createdAt));
  });

  it('is for administrators only: every other role is refused, and so is no session', async () => {
    const g = given(quiet);
    const patient = await g.patient();
    const practitionerId = (await demoIds(quiet.app)).practitioner('Dr. Elena Ortiz');
    const signIn = (role: Role, opts: Parameters<typeof createSignedIn>[2] = {}) => createSignedIn(quiet as unknown as TestApp, role, opts);
    const others = [
      await signIn('front_desk'), await signIn('nurse'), await signIn('clinician', { practitionerId }), await signIn('billing'),
      await signIn('referrer', { npi: '1234567893' }), await signIn('patient', { patientId: patient.id }), await signIn('caregiver'),
    ];
    for (const u of others) {
      const res = await as(quiet.app, u)('GET', '/api/admin/demo-mailbox');
      expect(res.statusCode, u.role).toBe(403);
      expect(res.body, u.role).not.toContain('482913');
    }
    const anonymous = await as(quiet.app, null)('GET', '/api/admin/demo-mailbox');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toContain('482913');
  });
});

describe('GET /api/admin/demo-mailbox with an email server', () => {
  it('shows delivery status only: the recipient masked, never a subject, a body, a code or a link', async () => {
    expect(await sending.app.services.notices.deliverDue()).toBe(2);
    const res = await as(sending.app, sendingAdmin)('GET', '/api/admin/demo-mailbox');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.mode).toBe('smtp');
    expect(body.items).toHaveLength(2);
    for (const n of body.items) {
      expect(n).not.toHaveProperty('subject');
      expect(n).not.toHaveProperty('bodyText');
      expect(n.status).toBe('sent');
      expect(n.sentAt).not.toBeNull();
    }
    expect(body.items.map((n: { recipient: string }) => n.recipient).sort()).toEqual(['d•••@example.com', 'r•••@example.com']);
    for (const secret of ['482913', 'tok-reset-secret', 'rosa.delgado', 'dana.whit', 'código', 'reset your password']) expect(res.body).not.toContain(secret);
    const reads = await mailboxReads(sending, sendingAdmin.userId);
    expect(reads).toEqual([{ outcome: 'success', reason: 'delivery status only' }]);
  });

  it('refuses other roles here too', async () => {
    const desk = await createSignedIn(sending, 'front_desk');
    expect((await as(sending.app, desk)('GET', '/api/admin/demo-mailbox')).statusCode).toBe(403);
  });
});
