import type { Db } from '../db/db.js';
import type { Clock } from './clock.js';

/**
 * Request counts per key in fixed windows, kept in the database so that every
 * server process on it counts against the same budget (rate_limit_hit,
 * migration 0010). Windows are aligned to the epoch (a 10-minute window ends
 * at :00, :10, :20 ...), so every process agrees which window a request is in
 * without asking anyone; the window ends by the Clock port, so tests move it.
 *
 * A request costs one statement (an upsert that answers the new count),
 * written through `db.relaxed` to an UNLOGGED table: no WAL flush waits on it.
 *
 * A key over its budget stays over it until its window ends: counts only grow
 * within a window, in every process alike. So once a process has seen a key
 * over its budget it refuses that key by itself until the window ends, and a
 * flood from one address costs the database nothing more. This is the only
 * thing kept in memory, and it is exact across processes: it never refuses a
 * request that the database would have let through.
 */
export interface RateCount {
  /** Requests of the key in its window so far, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
  /** Answered from memory: the key was already over its budget in this window (`current` is then max + 1). */
  remembered: boolean;
}

export interface RateCounter {
  /** Counts one request of `key` in its `windowMs` window, unless the key is already known to be over `max` there. */
  hit(key: string, windowMs: number, max: number): Promise<RateCount>;
  /** Deletes the counts of ended windows (hourly housekeeping); resolves to how many. */
  purgeEnded(): Promise<number>;
}

export interface RateCounterOptions {
  db: Db;
  clock: Clock;
  /** Keys remembered as over budget at most (oldest forgotten first: they then ask the database again). */
  maxBlocked?: number;
}

/** Rows kept this long past their window's end, for a process whose clock is behind. */
const PURGE_MARGIN_MS = 60_000;

const HIT_SQL = `INSERT INTO rate_limit_hit (key, window_end) VALUES ($1, to_timestamp($2 / 1000.0))
  ON CONFLICT (key, window_end) DO UPDATE SET hits = rate_limit_hit.hits + 1
  RETURNING hits`;

export function createRateCounter(opts: RateCounterOptions): RateCounter {
  const { db, clock } = opts;
  const maxBlocked = opts.maxBlocked ?? 10_000;
  /** Key -> end (ms) of the window in which it went over its budget. */
  const blocked = new Map<string, number>();

  function block(key: string, windowEnd: number, now: number): void {
    if (blocked.size >= maxBlocked) {
      for (const [k, end] of blocked) if (end <= now) blocked.delete(k);
      // Still full: forget the oldest (Map keeps insertion order).
      for (const k of blocked.keys()) {
        if (blocked.size < maxBlocked) break;
        blocked.delete(k);
      }
    }
    blocked.delete(key);
    blocked.set(key, windowEnd);
  }

  return {
    async hit(key, windowMs, max) {
      const now = clock.now();
      const windowEnd = (Math.floor(now / windowMs) + 1) * windowMs;
      const ttlMs = windowEnd - now;
      const until = blocked.get(key);
      if (until === windowEnd) return { current: max + 1, ttlMs, remembered: true };
      if (until !== undefined) blocked.delete(key);
      const row = await db.relaxed.one<{ hits: number }>(HIT_SQL, [key, windowEnd]);
      const current = row!.hits;
      if (current > max) block(key, windowEnd, now);
      return { current, ttlMs, remembered: false };
    },
    async purgeEnded() {
      const row = await db.one<{ n: number }>(
        'WITH gone AS (DELETE FROM rate_limit_hit WHERE window_end < to_timestamp($1 / 1000.0) RETURNING 1) SELECT count(*)::int AS n FROM gone',
        [clock.now() - PURGE_MARGIN_MS],
      );
      return row!.n;
    },
  };
}
