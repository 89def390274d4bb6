import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

/** Staff see the notices that failed or wait, and retry a failed one (issue 10, item 5). */
let t: TestApp;
let admin: SignedIn;
let desk: SignedIn;
let failedId: string;
let pendingId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await createSignedIn(t, 'admin');
  desk = await createSignedIn(t, 'front_desk');
  const notices = t.app.services.notices;
  [failedId, pendingId] = await t.db.tx(async (tx) => [
    await notices.enqueue(tx, { template: 'account.password_reset', language: 'es', to: 'lost@example.com', params: { token: 'secret-reset-token' }, subject: { type: 'user', id: admin.userId } }),
    await notices.enqueue(tx, { template: 'account.activation_code', language: 'en', to: 'waiting@example.com', params: { firstName: 'Ana', code: '123456' } }),
  ]);
  // As the dispatcher leaves a message whose tries ran out (notices.smtp.test.ts shows it does).
  await t.db.query(`UPDATE outbox SET status = 'failed', attempts = 8, last_error = '550 5.1.1 mailbox unknown' WHERE id = $1`, [failedId]);
  // ... and one waiting for its next try in an hour.
  await t.db.query(`UPDATE outbox SET attempts = 1, next_attempt_at = to_timestamp($2 / 1000.0 + 3600) WHERE id = $1`, [pendingId, t.clock.now()]);
});
afterAll(async () => t?.close());

describe('GET /api/admin/notices', () => {
  it('lists the failed notices (the default) with where they stand, never their body', async () => {
    const res = await as(t.app, admin)('GET', '/api/admin/notices');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: failedId, status: 'failed', template: 'account.password_reset', language: 'es', recipient: 'lost@example.com',
      attempts: 8, lastError: '550 5.1.1 mailbox unknown', subjectType: 'user', subjectId: admin.userId, channel: 'email',
    });
    expect(res.body).not.toContain('secret-reset-token');
    expect(res.body).not.toContain('contraseña');
  });

  it('lists the waiting ones with status=pending, and audits each reading', async () => {
    const res = await as(t.app, admin)('GET', '/api/admin/notices?status=pending');
    expect(res.json().items.map((n: { id: string }) => n.id)).toContain(pendingId);
    expect(res.body).not.toContain('123456');
    const read = await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'notices.read' AND actor_user_id = $1`, [admin.userId]);
    expect(read!.n).toBeGreaterThanOrEqual(2);
  });

  it('says whether this server sends at all: without SMTP_URL notices only wait', async () => {
    expect((await as(t.app, admin)('GET', '/api/admin/notices')).json().sending).toBe(true);
    const quiet = await startTestApp({ mailer: null });
    try {
      // Signing in writes no email, so the recording mailer the helper's type asks for is never used.
      const someone = await createSignedIn(quiet as unknown as TestApp, 'admin');
      expect((await as(quiet.app, someone)('GET', '/api/admin/notices')).json().sending).toBe(false);
    } finally {
      await quiet.close();
    }
  });

  it('names the field of a bad query', async () => {
    for (const url of ['/api/admin/notices?status=sent', '/api/admin/notices?limit=0', '/api/admin/notices?other=1']) {
      const res = await as(t.app, admin)('GET', url);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error.issues.length, url).toBeGreaterThan(0);
    }
    expect((await as(t.app, admin)('GET', '/api/admin/notices?status=sent')).json().error.issues[0].field).toBe('status');
  });

  it('is for admins only', async () => {
    expect((await as(t.app, desk)('GET', '/api/admin/notices')).statusCode).toBe(403);
    expect((await as(t.app, null)('GET', '/api/admin/notices')).statusCode).toBe(401);
  });
});

describe('POST /api/admin/notices/:id/retry', () => {
  it('gives a failed notice more tries, due now, and audits it', async () => {
    expect((await as(t.app, desk)('POST', `/api/admin/notices/${failedId}/retry`)).statusCode).toBe(403);
    const res = await as(t.app, admin)('POST', `/api/admin/notices/${failedId}/retry`);
    expect(res.statusCode).toBe(204);
    const row = await t.db.one<{ status: string; max_attempts: number; due: boolean }>(
      'SELECT status, max_attempts, next_attempt_at <= to_timestamp($2 / 1000.0) AS due FROM outbox WHERE id = $1', [failedId, t.clock.now()]);
    expect(row).toEqual({ status: 'pending', max_attempts: 11, due: true });
    const audited = await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'notice.retry' AND resource_id = $1 AND outcome = 'success'`, [failedId]);
    expect(audited!.n).toBe(1);
    // Delivered as stored: the Spanish text rendered at enqueue time, with its link under PUBLIC_URL.
    expect(await t.app.services.notices.deliverDue()).toBe(1);
    const sent = t.mailer.sent.find((m) => m.to === 'lost@example.com')!;
    expect(sent.subject).toContain('restablezca su contraseña');
    expect(sent.text).toContain(`${TEST_PUBLIC_URL}/reset-password/secret-reset-token`);
  });

  it('refuses a notice that is not failed with a stable reason, and an unknown one with 404', async () => {
    const sent = await as(t.app, admin)('POST', `/api/admin/notices/${failedId}/retry`);
    expect(sent.statusCode).toBe(409);
    expect(sent.json().error.reason).toBe('already_sent');
    const waiting = await as(t.app, admin)('POST', `/api/admin/notices/${pendingId}/retry`);
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error.reason).toBe('not_failed');
    const unknown = await as(t.app, admin)('POST', '/api/admin/notices/00000000-0000-4000-8000-000000000000/retry');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.reason).toBe('not_found');
    const bad = await as(t.app, admin)('POST', '/api/admin/notices/not-an-id/retry');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues[0].field).toBe('id');
  });
});
