import type { Db } from '../db/db.js';
import type { Clock } from './clock.js';

/**
 * Request counts per key in fixed windows, kept in the database so that every
 * server process on it counts against the same budget (rate_limit_hit,
 * migration 0010). Windows are aligned to the epoch (a 10-minute window ends
 * at :00, :10, :20 ...), so every process agrees which window a request is in
 * without asking anyone; the window ends by the Clock port, so tests move it.
 *
 * A request costs one upsert that answers the new count, written through
 * `db.relaxed` to an UNLOGGED table: no WAL flush waits on it. Requests that
 * arrive while an upsert is in flight share the next one (one statement for
 * all their keys, in key order so that two processes never deadlock), so a
 * busy server does not pay one round trip per request, and an idle one waits
 * for nothing.
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

/** Adds n hits to each (key, window end): one statement for a batch; answers each row's new total. */
const HIT_SQL = `INSERT INTO rate_limit_hit AS r (key, window_end, hits)
  SELECT k, to_timestamp(e / 1000.0), n FROM unnest($1::text[], $2::float8[], $3::int[]) AS t (k, e, n)
  ON CONFLICT (key, window_end) DO UPDATE SET hits = r.hits + EXCLUDED.hits
  RETURNING r.key, (extract(epoch FROM r.window_end) * 1000)::float8 AS end_ms, r.hits`;

/** Largest batch in one statement. */
const MAX_BATCH = 500;

interface Waiting {
  key: string;
  windowEnd: number;
  /** One per request, in arrival order: each learns the count as of its own hit. */
  waiters: { resolve: (current: number) => void; reject: (err: unknown) => void }[];
}

export function createRateCounter(opts: RateCounterOptions): RateCounter {
  const { db, clock } = opts;
  const maxBlocked = opts.maxBlocked ?? 10_000;
  /** Key -> end (ms) of the window in which it went over its budget. */
  const blocked = new Map<string, number>();

  const queue = new Map<string, Waiting>();
  let flushing = false;

  /** Upserts the queued hits, batch after batch, until none wait. */
  async function flush(): Promise<void> {
    try {
      // Hits of the rest of this turn join the first batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (queue.size > 0) {
        const batch = [...queue.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.windowEnd - b.windowEnd)).slice(0, MAX_BATCH);
        for (const w of batch) queue.delete(`${w.windowEnd} ${w.key}`);
        try {
          const rows = await db.relaxed.query<{ key: string; end_ms: number; hits: number }>(HIT_SQL, [
            batch.map((w) => w.key), batch.map((w) => w.windowEnd), batch.map((w) => w.waiters.length),
          ]);
          const totals = new Map(rows.map((r) => [`${r.end_ms} ${r.key}`, r.hits]));
          for (const w of batch) {
            const total = totals.get(`${w.windowEnd} ${w.key}`);
            if (total === undefined) for (const x of w.waiters) x.reject(new Error('the rate count of a key did not come back'));
            else w.waiters.forEach((x, i) => x.resolve(total - w.waiters.length + 1 + i));
          }
        } catch (err) {
          for (const w of batch) for (const x of w.waiters) x.reject(err);
        }
      }
    } finally {
      // Cleared in the same turn as the last empty check, so a hit queued after it starts a new flush.
      flushing = false;
    }
  }

  function count(key: string, windowEnd: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const id = `${windowEnd} ${key}`;
      let w = queue.get(id);
      if (!w) queue.set(id, (w = { key, windowEnd, waiters: [] }));
      w.waiters.push({ resolve, reject });
      if (flushing) return;
      flushing = true;
      void flush();
    });
  }

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
      const current = await count(key, windowEnd);
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
