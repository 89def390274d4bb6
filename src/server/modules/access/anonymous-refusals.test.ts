import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn } from '../../testing/test-users.js';

// Issue 9 (outside security test), anonymous audit flood: every request to a
// protected route without a session wrote an audit row, with no limit. They are
// still all recorded, but per address, route and reason each minute: the first
// as a row at once, the rest as one count.

const CHART = 'GET /api/patients/:patientId/chart';
const chartUrl = '/api/patients/00000000-0000-4000-8000-000000000000/chart';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

interface Row { actor_user_id: string | null; source_ip: string | null; user_agent: string | null; request_id: string | null; reason: string }

function rowsFrom(ip: string, resourceId = CHART): Promise<Row[]> {
  return t.db.query<Row>(
    `SELECT actor_user_id, source_ip, user_agent, request_id, reason FROM audit_event
     WHERE resource_id = $1 AND outcome = 'denied' AND source_ip = $2 ORDER BY seq`,
    [resourceId, ip],
  );
}

/** Refusals a row stands for: one, or one per the count in a summary's reason. */
function refusalsIn(rows: Row[]): number {
  return rows.reduce((n, r) => n + Number(/\((\d+) more from this address/.exec(r.reason)?.[1] ?? 1), 0);
}

async function untilRows(ip: string, n: number): Promise<Row[]> {
  // The sealing tick (every second) writes the summaries of ended minutes.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await rowsFrom(ip);
    if (rows.length >= n || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const anonymous = (ip: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url: chartUrl, remoteAddress: ip, headers: { 'user-agent': 'flood/1.0', ...headers } });

describe('issue 9 anonymous audit flood', () => {
  it('issue 9 anonymous audit flood: 200 anonymous requests from one address write at most 2 rows, and the counts add to 200', async () => {
    const ip = '198.51.100.1';
    const answers = await Promise.all(Array.from({ length: 200 }, () => anonymous(ip)));
    for (const a of answers) {
      expect(a.statusCode).toBe(401);
      expect(a.json().error.code).toBe('UNAUTHENTICATED');
    }
    // The first is written before its answer; the other 199 are counted.
    const first = await rowsFrom(ip);
    expect(first).toEqual([{ actor_user_id: null, source_ip: ip, user_agent: 'flood/1.0', request_id: expect.any(String), reason: 'not signed in' }]);
    t.clock.advance(60_000);
    const rows = await untilRows(ip, 2);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({
      actor_user_id: null, source_ip: ip, user_agent: null, request_id: null,
      reason: 'not signed in (199 more from this address between 2026-11-30T12:00:00.000Z and 2026-11-30T12:00:00.000Z)',
    });
    expect(refusalsIn(rows)).toBe(200);
    // Nothing more is written for that minute, and the chain holds.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await rowsFrom(ip)).toHaveLength(2);
    expect((await t.app.services.audit.verify()).breaks).toEqual([]);
  });

  it('issue 9 anonymous audit flood: requests from a second address get their own row', async () => {
    const [a, b] = ['198.51.100.2', '198.51.100.3'];
    for (let i = 0; i < 10; i++) {
      await anonymous(a);
      await anonymous(b);
    }
    expect((await rowsFrom(a)).map((r) => r.reason)).toEqual(['not signed in']);
    expect((await rowsFrom(b)).map((r) => r.reason)).toEqual(['not signed in']);
    t.clock.advance(60_000);
    expect(refusalsIn(await untilRows(a, 2))).toBe(10);
    expect(refusalsIn(await untilRows(b, 2))).toBe(10);
  });

  it("issue 9 anonymous audit flood: a stale cookie's refusal is written at once, apart from refusals without a cookie", async () => {
    const ip = '198.51.100.4';
    for (let i = 0; i < 5; i++) await anonymous(ip);
    const stale = await anonymous(ip, { cookie: 'relief_session=not-a-session-anyone-has' });
    expect(stale.statusCode).toBe(401);
    expect((await rowsFrom(ip)).map((r) => r.reason)).toEqual(['not signed in', 'session expired or revoked']);
    // A forged cookie costs a flooder nothing, so its repeats are tallied too, under their own reason.
    for (let i = 0; i < 4; i++) await anonymous(ip, { cookie: 'relief_session=another-forged-one' });
    t.clock.advance(60_000);
    const rows = await untilRows(ip, 4);
    expect(rows.map((r) => r.reason)).toEqual([
      'not signed in',
      'session expired or revoked',
      expect.stringMatching(/^not signed in \(4 more from this address /),
      expect.stringMatching(/^session expired or revoked \(4 more from this address /),
    ]);
  });

  it('issue 9 anonymous audit flood: refusals of a signed-in user are still written one per request', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    for (let i = 0; i < 3; i++) expect((await as(t.app, desk)('GET', '/api/admin/users')).statusCode).toBe(403);
    const rows = await t.db.query<Row>(
      `SELECT actor_user_id, source_ip, user_agent, request_id, reason FROM audit_event
       WHERE resource_id = 'GET /api/admin/users' AND outcome = 'denied' AND actor_user_id = $1 ORDER BY seq`, [desk.userId]);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(3);
  });

  it('issue 9 anonymous audit flood: counts still open when the server stops reach the trail', async () => {
    const ip = '198.51.100.5';
    await Promise.all(Array.from({ length: 50 }, () => anonymous(ip)));
    expect(await rowsFrom(ip)).toHaveLength(1);
    await t.app.close();
    const rows = await rowsFrom(ip);
    expect(rows).toHaveLength(2);
    expect(refusalsIn(rows)).toBe(50);
    // Written before the last seal: every event is in a block, and the chain holds.
    expect(await t.db.one(
      'SELECT count(*)::int AS n FROM audit_event e WHERE source_ip = $1 AND NOT EXISTS (SELECT 1 FROM audit_block b WHERE e.seq = ANY (b.seqs))', [ip])).toEqual({ n: 0 });
    expect((await t.app.services.audit.verify()).breaks).toEqual([]);
  });
});
