import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/db.js';
import { openTestDb } from '../testing/test-db.js';
import { fixedClock } from './clock.js';
import { createRateCounter, type RateCounter } from './rate-limit-store.js';
import { rateLimitsPlugin } from './rate-limits.plugin.js';

// The shared counter under the public endpoints' limits (issue 10), on
// whichever database the suite runs (PGlite, or PostgreSQL with DATABASE_URL).

let db: Db & { dispose(): Promise<void> };
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => db?.dispose());

const MINUTE = 60_000;

describe('issue 10: the shared rate counter', () => {
  it('counts a key in fixed windows aligned to the epoch, with the time left in each', async () => {
    const clock = fixedClock('2026-11-30T12:00:45Z');
    const counter = createRateCounter({ db, clock });
    expect(await counter.hit('a', MINUTE, 2)).toEqual({ current: 1, ttlMs: 15_000, remembered: false });
    expect(await counter.hit('a', MINUTE, 2)).toEqual({ current: 2, ttlMs: 15_000, remembered: false });
    expect(await counter.hit('b', MINUTE, 2)).toMatchObject({ current: 1 });
    clock.set('2026-11-30T12:00:59.999Z');
    expect(await counter.hit('a', MINUTE, 2)).toEqual({ current: 3, ttlMs: 1, remembered: false });
    clock.set('2026-11-30T12:01:00Z');
    expect(await counter.hit('a', MINUTE, 2)).toEqual({ current: 1, ttlMs: MINUTE, remembered: false });
  });

  it('two counters on one database (two server processes) share each count; one that saw a key over its budget refuses it from memory until the window ends', async () => {
    const clock = fixedClock('2026-11-30T13:00:00Z');
    const one = createRateCounter({ db, clock });
    const two = createRateCounter({ db, clock });
    const spy = vi.spyOn(db.relaxed, 'query');
    try {
      expect((await one.hit('k', MINUTE, 3)).current).toBe(1);
      expect((await two.hit('k', MINUTE, 3)).current).toBe(2);
      expect((await one.hit('k', MINUTE, 3)).current).toBe(3);
      expect(await two.hit('k', MINUTE, 3)).toMatchObject({ current: 4, remembered: false });
      expect(await one.hit('k', MINUTE, 3)).toMatchObject({ current: 5, remembered: false });
      expect(spy).toHaveBeenCalledTimes(5);
      // Both know now: no more database round trips for this key in this window.
      for (const c of [one, two, one, two]) expect(await c.hit('k', MINUTE, 3)).toEqual({ current: 4, ttlMs: MINUTE, remembered: true });
      expect(spy).toHaveBeenCalledTimes(5);
      clock.advance(MINUTE);
      expect(await two.hit('k', MINUTE, 3)).toMatchObject({ current: 1, remembered: false });
      expect(spy).toHaveBeenCalledTimes(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('counts hits that arrive together in one statement, each request with its own count', async () => {
    const clock = fixedClock('2026-11-30T13:30:00Z');
    const counter = createRateCounter({ db, clock });
    const spy = vi.spyOn(db.relaxed, 'query');
    try {
      const hits = await Promise.all([
        ...Array.from({ length: 12 }, () => counter.hit('together', MINUTE, 10)),
        ...Array.from({ length: 3 }, (_, i) => counter.hit(`alone-${i}`, MINUTE, 10)),
      ]);
      expect(hits.slice(0, 12).map((h) => h.current).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(hits.slice(12).map((h) => h.current)).toEqual([1, 1, 1]);
      expect(spy).toHaveBeenCalledTimes(1);
      // Over the budget from the batch on: remembered without asking again.
      expect(await counter.hit('together', MINUTE, 10)).toMatchObject({ current: 11, remembered: true });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('forgets the oldest blocked keys past its memory bound (they ask the database again, which still refuses them)', async () => {
    const clock = fixedClock('2026-11-30T14:00:00Z');
    const counter = createRateCounter({ db, clock, maxBlocked: 2 });
    for (const k of ['x', 'y', 'z']) {
      await counter.hit(k, MINUTE, 0);
    }
    expect(await counter.hit('z', MINUTE, 0)).toMatchObject({ remembered: true });
    expect(await counter.hit('x', MINUTE, 0)).toMatchObject({ current: 2, remembered: false });
  });

  it('housekeeping deletes the windows that ended (a minute of grace for a clock behind), and keeps the open ones', async () => {
    const clock = fixedClock('2026-11-30T15:00:00Z');
    const counter = createRateCounter({ db, clock });
    await counter.hit('old', MINUTE, 10);
    await counter.hit('long', 60 * MINUTE, 10);
    clock.set('2026-11-30T15:01:30Z');
    await counter.hit('new', MINUTE, 10);
    const keys = () => db.query("SELECT key FROM rate_limit_hit WHERE key IN ('old', 'long', 'new') ORDER BY key");
    await counter.purgeEnded();
    expect(await keys()).toEqual([{ key: 'long' }, { key: 'new' }, { key: 'old' }]);
    clock.set('2026-11-30T15:02:00.001Z');
    expect(await counter.purgeEnded()).toBeGreaterThanOrEqual(1);
    expect(await keys()).toEqual([{ key: 'long' }, { key: 'new' }]);
  });
});

describe('issue 10: when the count cannot be had', () => {
  it('lets the request through and logs once, rather than answering a 500', async () => {
    const failing: RateCounter = { hit: () => Promise.reject(new Error('connection refused')), purgeEnded: async () => 0 };
    const log = { warn: vi.fn(), error: vi.fn() };
    const app = Fastify();
    await app.register(rateLimitsPlugin, { counter: failing, scale: 1, log });
    app.post('/api/session', { config: { policy: 'public' } }, async () => ({ ok: true }));
    try {
      for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'POST', url: '/api/session' })).statusCode).toBe(200);
      expect(log.error).toHaveBeenCalledTimes(1);
    } finally {
      await app.close();
    }
  });
});
