import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { recordingMailer } from './mailer.js';
import { bookingBody, demoIds, startAnotherInstance, startTestApp, TEST_PUBLIC_URL, type TestApp } from '../testing/test-app.js';
import { RATE_LIMITS } from './rate-limits.plugin.js';

// The per-address limits of the public endpoints (issue 10), at their real
// budgets (rateLimitScale 1). The fixed clock starts at 12:00:00Z, the start of
// every window; windows end at multiples of their length.

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  t = await startTestApp({ rateLimitScale: 1 });
  ids = await demoIds(t.app);
});
afterAll(async () => t?.close());

const OTHER = '203.0.113.7';
const post = (url: string, payload: object, remoteAddress = '127.0.0.1', app = t.app) => app.inject({ method: 'POST', url, payload, remoteAddress });

/** The answer every rate-limited request gets, `retryAfterSec` the seconds left in the window. */
function expectRateLimited(res: Awaited<ReturnType<typeof post>>, retryAfterSec: number) {
  expect(res.statusCode).toBe(429);
  expect(res.headers['retry-after']).toBe(String(retryAfterSec));
  expect(res.json()).toEqual({ error: { code: 'TOO_MANY', message: expect.stringMatching(/too many requests/i), reason: 'rate_limited', retryAfterSec } });
  // An error answer like any other: request id and security headers.
  expect(res.headers['x-request-id']).toBeTruthy();
  expect(res.headers['cache-control']).toBe('no-store');
}

async function spend(times: number, send: () => Promise<{ statusCode: number }>) {
  for (let i = 0; i < times; i++) expect((await send()).statusCode).not.toBe(429);
}

describe('issue 10: per-address limits on the public endpoints', () => {
  it('issue 10: public booking answers 429 with Retry-After past its limit; another address is unaffected; the window resets', async () => {
    const { max, windowSec } = RATE_LIMITS.booking;
    t.clock.set('2026-11-30T12:01:30Z');
    const slots = (await t.app.inject({ url: '/api/availability', query: { visitType: ids.visitType('new-patient-consult'), from: '2026-12-01', to: '2026-12-04' } })).json().slots;
    const valid = () => bookingBody(slots[0], ids.visitType('new-patient-consult'));
    // A real booking counts, and so does every refused or malformed one.
    expect((await post('/api/appointments', valid())).statusCode).toBe(201);
    await spend(max - 1, () => post('/api/appointments', {}));
    const booked = await t.db.one('SELECT count(*)::int AS n FROM appointment');
    const refused = await post('/api/appointments', bookingBody(slots[1], ids.visitType('new-patient-consult')));
    expectRateLimited(refused, windowSec - 90);
    expect(refused.headers['x-ratelimit-limit']).toBe(String(max));
    // Refused before anything was written.
    expect(await t.db.one('SELECT count(*)::int AS n FROM appointment')).toEqual(booked);

    expect((await post('/api/appointments', bookingBody(slots[1], ids.visitType('new-patient-consult')), OTHER)).statusCode).toBe(201);

    t.clock.set('2026-11-30T12:09:59Z');
    expectRateLimited(await post('/api/appointments', {}), 1);
    t.clock.set('2026-11-30T12:10:00Z');
    expect((await post('/api/appointments', {})).statusCode).toBe(422);
  });

  it('issue 10: availability answers 429 with Retry-After past its limit', async () => {
    const { max, windowSec } = RATE_LIMITS.availability;
    t.clock.set('2026-11-30T12:20:15Z');
    const search = (remoteAddress = '127.0.0.1') => t.app.inject({ url: '/api/availability', query: { visitType: ids.visitType('new-patient-consult'), from: '2026-12-01', to: '2026-12-01' }, remoteAddress });
    expect((await search()).statusCode).toBe(200);
    // Malformed searches count too (the limit runs before validation).
    await spend(max - 1, () => t.app.inject({ url: '/api/availability?visitType=x' }));
    expectRateLimited(await search(), windowSec - 15);
    expect((await search(OTHER)).statusCode).toBe(200);
    t.clock.advance((windowSec - 15) * 1000);
    expect((await search()).statusCode).toBe(200);
  });

  it('issue 10: sign-in answers 429 with Retry-After past its limit, before any password is checked', async () => {
    const { max, windowSec } = RATE_LIMITS.signIn;
    t.clock.set('2026-11-30T12:30:00Z');
    await spend(max, () => post('/api/session', { email: 'nobody@example.com' }));
    const refused = await post('/api/session', { email: 'nobody@example.com', password: 'correct horse battery staple' });
    expectRateLimited(refused, windowSec);
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect((await post('/api/session', { email: 'nobody@example.com', password: 'correct horse battery staple' }, OTHER)).statusCode).toBe(401);
    t.clock.advance(windowSec * 1000);
    expect((await post('/api/session', { email: 'nobody@example.com' })).statusCode).toBe(422);
  });

  it('issue 10: activation answers 429 with Retry-After past its limit, one budget for its three endpoints', async () => {
    const { max, windowSec } = RATE_LIMITS.activation;
    t.clock.set('2026-11-30T12:40:00Z');
    const urls = ['/api/account/activate', '/api/account/activation-code', '/api/account/activate-with-code'];
    for (let i = 0; i < max; i++) expect((await post(urls[i % 3]!, {})).statusCode).toBe(422);
    for (const url of urls) expectRateLimited(await post(url, {}), windowSec);
    expect((await post(urls[2]!, {}, OTHER)).statusCode).toBe(422);
    t.clock.advance(windowSec * 1000);
    expect((await post(urls[0]!, {})).statusCode).toBe(422);
  });

  it('issue 10: the limit holds across two server processes on one database: requests split between them hit it at the same total', async () => {
    const { max, windowSec } = RATE_LIMITS.booking;
    t.clock.set('2026-11-30T13:00:00Z');
    // On PostgreSQL its own pool; on PGlite the same embedded database (one process can hold it).
    const second = await startAnotherInstance(t);
    try {
      const apps = [t.app, second.app];
      for (let i = 0; i < max; i++) expect((await post('/api/appointments', {}, '198.51.100.9', apps[i % 2])).statusCode).toBe(422);
      // Past the budget on both, whichever saw the last allowed request.
      expectRateLimited(await post('/api/appointments', {}, '198.51.100.9', second.app), windowSec);
      expectRateLimited(await post('/api/appointments', {}, '198.51.100.9', t.app), windowSec);
      expectRateLimited(await post('/api/appointments', {}, '198.51.100.9', second.app), windowSec);
      // Concurrent requests spread over both: still exactly `max` let through from a fresh address.
      const burst = await Promise.all(Array.from({ length: 3 * max }, (_, i) => post('/api/appointments', {}, '198.51.100.10', apps[i % 2])));
      expect(burst.filter((r) => r.statusCode !== 429)).toHaveLength(max);
      expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(2 * max);
      t.clock.advance(windowSec * 1000);
      expect((await post('/api/appointments', {}, '198.51.100.9', second.app)).statusCode).toBe(422);
      expect((await post('/api/appointments', {}, '198.51.100.9', t.app)).statusCode).toBe(422);
    } finally {
      await second.close();
    }
  });

  it('issue 10: an IPv6 client is its /64, and HEAD counts with GET once', async () => {
    const { max } = RATE_LIMITS.referrerSignup;
    t.clock.set('2026-11-30T14:00:00Z');
    for (let i = 0; i < max; i++) expect((await post('/api/referrers/signup', {}, `2001:db8:1:2::${i + 1}`)).statusCode).toBe(422);
    expect((await post('/api/referrers/signup', {}, '2001:db8:1:2:ffff::1')).statusCode).toBe(429);
    expect((await post('/api/referrers/signup', {}, '2001:db8:1:3::1')).statusCode).toBe(422);

    await t.app.inject({ method: 'HEAD', url: '/api/locations', remoteAddress: '192.0.2.55' });
    expect(await t.db.query("SELECT hits FROM rate_limit_hit WHERE key = 'reference:192.0.2.55'")).toEqual([{ hits: 1 }]);
  });

  it('issue 10: every public route but the health check has a limit', async () => {
    const publicRoutes = t.app.routePolicies.filter((r) => r.policy === 'public').map((r) => `${r.method} ${r.url}`);
    const limited = t.app.rateLimitedRoutes.map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.filter((r) => !limited.includes(r))).toEqual(['GET /api/health']);
    expect(limited.filter((r) => !publicRoutes.includes(r))).toEqual([]);
    t.clock.set('2026-11-30T15:00:00Z');
    for (let i = 0; i < 200; i++) expect((await t.app.inject('/api/health')).statusCode).toBe(200);
  });

  it('issue 10: an app built without RATE_LIMIT_SCALE has the limits as listed', async () => {
    const app = await buildApp({ config: { publicUrl: TEST_PUBLIC_URL, serveWeb: false, logLevel: 'silent' }, db: t.db, clock: t.clock, mailer: recordingMailer(), organization: { id: t.organizationId, name: 'Relief Pain Clinics' } });
    try {
      await app.ready();
      expect(app.rateLimitedRoutes.find((r) => r.method === 'POST' && r.url === '/api/appointments')).toMatchObject({ limit: 'booking', ...RATE_LIMITS.booking });
      for (const r of app.rateLimitedRoutes) expect(r).toMatchObject(RATE_LIMITS[r.limit]);
    } finally {
      await app.close();
    }
  });
});

describe('issue 10: behind a proxy (TRUST_PROXY)', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await startTestApp({ rateLimitScale: 1, trustProxy: '127.0.0.1' });
  });
  afterAll(async () => proxied?.close());

  it("counts each client by the address its trusted proxy forwards, not the proxy's", async () => {
    const { max, windowSec } = RATE_LIMITS.referrerSignup;
    const via = (client: string, remoteAddress = '127.0.0.1') => proxied.app.inject({ method: 'POST', url: '/api/referrers/signup', payload: {}, remoteAddress, headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < max; i++) expect((await via(`198.51.100.${i + 1}`)).statusCode).toBe(422);
    await spend(max - 1, () => via('198.51.100.77'));
    expect((await via('198.51.100.77')).statusCode).toBe(422);
    expectRateLimited(await via('198.51.100.77'), windowSec);
    // From an address that is not the proxy, the header names no one: that address is the client.
    await spend(max, () => via('198.51.100.200', '192.0.2.9'));
    expectRateLimited(await via('198.51.100.201', '192.0.2.9'), windowSec);
  });
});
