/**
 * A windowed tally of repeated events: the first event of a key in a window is
 * written at once; the rest of that window are only counted, and one summary
 * stands for them when the window ends. So a key writes at most two rows a
 * window however often it repeats, and nothing is dropped: every event is
 * either a row or counted in one.
 *
 * Memory is bounded: once `maxKeys` keys are open, a new key is counted under
 * its pool key instead (the caller's coarser key, e.g. the same route from any
 * address), and the pool keys must themselves be few. The counts live in this
 * process until written: a process killed outright loses at most the counts of
 * the windows still open (one window's worth).
 */
export interface WindowTallyOptions<T> {
  now: () => number;
  /** Writes one event, a first one or a summary. */
  write: (event: T) => Promise<void>;
  /** The event that stands for `more` events counted after `first`, between `from` and `to`; `pooled` if they came under the pool key. */
  summarize: (s: { first: T; more: number; from: number; to: number; pooled: boolean }) => T;
  windowMs?: number;
  maxKeys?: number;
}

export interface WindowTally<T> {
  /** Writes `event` if it is the first of its key in the window (and resolves once written); otherwise counts it and resolves at once. */
  add(key: string, poolKey: string, event: T): Promise<void>;
  /** Writes the summaries of the windows that have ended. */
  flushDue(): Promise<void>;
  /** Ends every window and writes every summary: at shutdown. */
  flushAll(): Promise<void>;
  /** Events counted but not yet written in a summary. */
  pending(): number;
}

interface Window<T> {
  first: T;
  from: number;
  to: number;
  more: number;
  poolKey: string;
  pooled: boolean;
}

export function createWindowTally<T>(opts: WindowTallyOptions<T>): WindowTally<T> {
  const windowMs = opts.windowMs ?? 60_000;
  const maxKeys = opts.maxKeys ?? 1000;
  const open = new Map<string, Window<T>>();
  // Ended windows whose summary is not written yet (a failed write stays here
  // and is retried). Held by key, so retries merge rather than pile up.
  const ended = new Map<string, Window<T>>();

  /** Queues an ended window's summary, merged into one already queued under the same key. */
  function keep(key: string, w: Window<T>): void {
    const target = ended.has(key) || ended.size < maxKeys ? key : w.poolKey;
    const earlier = ended.get(target);
    if (!earlier) ended.set(target, target === key ? w : { ...w, pooled: true });
    else Object.assign(earlier, { more: earlier.more + w.more, from: Math.min(earlier.from, w.from), to: Math.max(earlier.to, w.to), pooled: earlier.pooled || w.pooled || target !== key });
  }

  function end(key: string, w: Window<T>): void {
    open.delete(key);
    if (w.more > 0) keep(key, w);
  }

  /** Writes the queued summaries one by one; one that fails goes back in the queue and the error is thrown. */
  async function writeQueued(): Promise<void> {
    for (let next = ended.entries().next(); !next.done; next = ended.entries().next()) {
      const [key, w] = next.value;
      // Out of the queue while written, so counts merged meanwhile are not deleted with it.
      ended.delete(key);
      try {
        await opts.write(opts.summarize({ first: w.first, more: w.more, from: w.from, to: w.to, pooled: w.pooled }));
      } catch (err) {
        keep(key, w);
        throw err;
      }
    }
  }

  // Passes run one after another. A call while a pass waits to start shares it
  // (it reads the queue when it starts); a call while one runs gets the next,
  // so whatever was queued before a call is written by the pass it awaits.
  let tail: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | undefined;
  function drain(): Promise<void> {
    waiting ??= tail.then(() => {
      waiting = undefined;
      return writeQueued();
    });
    const pass = waiting;
    tail = pass.catch(() => undefined);
    return pass;
  }

  return {
    async add(key, poolKey, event) {
      const now = opts.now();
      const k = open.has(key) || open.size < maxKeys ? key : poolKey;
      const w = open.get(k);
      // A window ends after windowMs, or at once if the clock went back.
      if (w && (now - w.from >= windowMs || now < w.from)) end(k, w);
      else if (w) {
        w.more++;
        w.to = now;
        return;
      }
      const fresh: Window<T> = { first: event, from: now, to: now, more: 0, poolKey, pooled: k === poolKey };
      open.set(k, fresh);
      try {
        await opts.write(event);
      } catch (err) {
        // Not written: counted instead, so a summary carries it (the window may have ended meanwhile, at shutdown).
        if (open.get(k) === fresh) fresh.more++;
        else keep(k, { ...fresh, more: 1 });
        throw err;
      }
    },
    async flushDue() {
      const now = opts.now();
      for (const [key, w] of open) if (now - w.from >= windowMs || now < w.from) end(key, w);
      await drain();
    },
    async flushAll() {
      for (const [key, w] of open) end(key, w);
      await drain();
    },
    pending() {
      let n = 0;
      for (const w of open.values()) n += w.more;
      for (const w of ended.values()) n += w.more;
      return n;
    },
  };
}
