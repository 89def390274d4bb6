import PgBoss from 'pg-boss';
import type { Db } from '../db/db.js';

/**
 * The jobs port: named queues with handlers, shared by every server process.
 * The real adapter is pg-boss 10, run over the Db port so that the same code
 * path serves PostgreSQL and the embedded PGlite (see bossDb below). pg-boss
 * keeps its tables in its own schema (`pgboss`), created by pg-boss itself,
 * outside our numbered migrations.
 */
export interface Jobs {
  start(): Promise<void>;
  /** Creates the queue if needed and runs `handler` for each of its jobs. */
  work(queue: string, handler: (data: unknown) => Promise<void>, opts?: QueueOptions): Promise<void>;
  /** Queues a job; a worker in this process is woken at once instead of at its next poll. */
  send(queue: string, data?: object): Promise<void>;
  /** Queues a job on `queue` on a cron schedule (UTC), once across all processes. */
  schedule(queue: string, cron: string): Promise<void>;
  /** Stops polling, waits for running handlers, and stops touching the database. */
  stop(): Promise<void>;
}

export interface QueueOptions {
  /**
   * A trigger queue holds at most one waiting job (pg-boss policy `short`):
   * a burst of sends collapses into one run of the handler.
   */
  collapse?: boolean;
  /** pg-boss retries a failing handler this many times (default 2). */
  retryLimit?: number;
  /** A handler running longer than this is failed by pg-boss (default 15 min). */
  expireInSeconds?: number;
}

/** The slice of a pino-style logger the jobs adapter uses. */
export interface JobsLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PgBossJobsOptions {
  log: JobsLog;
  /** How often an idle worker polls for jobs (pg-boss minimum 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How long stop() waits for running handlers. */
  stopTimeoutMs?: number;
}

type SqlResult = { rows: unknown[] };

/**
 * pg-boss's `db` option (`executeSql(text, values)`) over our Db port.
 *
 * What pg-boss 10 sends (node_modules/pg-boss/src/plans.js): single statements
 * with `$n` parameters for all queue work (fetch uses FOR UPDATE SKIP LOCKED);
 * and, for schema creation, migrations and maintenance (expire, archive,
 * drop), one parameterless string `BEGIN; SET LOCAL ...; SELECT
 * pg_advisory_xact_lock(...); <statements>; COMMIT;` (plans.locked). It uses no
 * LISTEN/NOTIFY: workers poll.
 *
 * That wrapped string cannot be passed through as is: on PGlite `query` speaks
 * the extended protocol (one statement only), and `exec` would put a manual
 * BEGIN on the one shared connection, where an error after BEGIN leaves the
 * session in an aborted transaction that every later query of the app would
 * hit (PostgreSQL docs, "Multiple Statements in a Simple Query"). The same
 * would poison a pooled pg connection. So a multi-statement string is split
 * into statements and run inside `db.tx`, the driver's transaction API, which
 * rolls back whole on error. The advisory transaction lock then works as
 * pg-boss intends on PostgreSQL and is trivially granted on single-connection
 * PGlite.
 *
 * After close() it answers `undefined`, as pg-boss's own Db does once closed,
 * so a late poll of a stopping worker never reaches a closed database.
 */
export function bossDb(db: Db): { executeSql(text: string, values?: unknown[]): Promise<SqlResult>; close(): Promise<void> } {
  const inflight = new Set<Promise<SqlResult>>();
  let closed = false;

  async function run(text: string, values: unknown[] | undefined): Promise<SqlResult> {
    if (values && values.length > 0) return { rows: await db.query(text, values) };
    let statements = splitSqlStatements(text);
    const wrapped = statements.length >= 2 && /^begin$/i.test(statements[0]!) && /^commit$/i.test(statements.at(-1)!);
    if (wrapped) statements = statements.slice(1, -1);
    const control = statements.find((s) => TX_CONTROL.test(s));
    if (control) throw new Error(`jobs: transaction control inside a pg-boss command is not supported: ${control.slice(0, 40)}`);
    if (!wrapped && statements.length === 1) return { rows: await db.query(statements[0]!) };
    return db.tx(async (t) => {
      let rows: unknown[] = [];
      for (const s of statements) rows = await t.query(s);
      return { rows };
    });
  }

  return {
    executeSql(text, values) {
      // pg-boss ignores an undefined result, like its own closed Db's.
      if (closed) return Promise.resolve(undefined as unknown as SqlResult);
      const p = run(text, values);
      inflight.add(p);
      const forget = () => inflight.delete(p);
      p.then(forget, forget);
      return p;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...inflight]);
    },
  };
}

const TX_CONTROL = /^(begin|start\s+transaction|commit|end|rollback|abort|savepoint|release|prepare\s+transaction)\b/i;

/**
 * Splits a SQL script at top-level semicolons, leaving quoted text, quoted
 * identifiers, dollar-quoted bodies ($$ ... $$, $tag$ ... $tag$) and comments
 * whole. Empty statements are dropped.
 */
export function splitSqlStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const s = sql.slice(start, end).trim();
    if (s && !/^(--[^\n]*\n?|\/\*[\s\S]*?\*\/|\s)*$/.test(s)) out.push(s);
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const escapes = c === "'" && /[eE]/.test(sql[i - 1] ?? '') && !/\w/.test(sql[i - 2] ?? '');
      i++;
      while (i < sql.length) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === c && sql[i + 1] === c) i += 2;
        else if (sql[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < sql.length && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag && !/\w/.test(sql[i - 1] ?? '')) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? sql.length : close + tag[0].length;
      } else i++;
    } else if (c === ';') {
      push(i);
      start = ++i;
    } else i++;
  }
  push(sql.length);
  return out;
}

/** pg-boss 10 on the app's database (PostgreSQL or PGlite) through the Db port. */
export function pgBossJobs(db: Db, opts: PgBossJobsOptions): Jobs {
  const adapter = bossDb(db);
  const boss = new PgBoss({
    db: adapter as unknown as PgBoss.Db,
    schema: 'pgboss',
    // Polling only finds jobs sent by other processes (a local send wakes its
    // worker at once). The embedded database has no other process, so it is
    // polled rarely; PostgreSQL at pg-boss's default of 2 s.
    pollingIntervalSeconds: opts.pollingIntervalSeconds ?? (db.kind === 'pglite' ? 10 : 2),
  });
  boss.on('error', (err: Error) => opts.log.error({ err }, 'jobs: pg-boss error'));
  const workers = new Map<string, string>();
  const running = new Set<Promise<void>>();
  let state: 'new' | 'started' | 'stopping' | 'stopped' = 'new';

  return {
    async start() {
      if (state !== 'new') throw new Error(`jobs: cannot start when ${state}`);
      await boss.start();
      state = 'started';
    },
    async work(queue, handler, q = {}) {
      await boss.createQueue(queue, {
        name: queue,
        policy: q.collapse ? 'short' : 'standard',
        ...(q.retryLimit !== undefined ? { retryLimit: q.retryLimit } : {}),
        ...(q.expireInSeconds !== undefined ? { expireInSeconds: q.expireInSeconds } : {}),
      });
      const id = await boss.work(queue, { batchSize: 1 }, async ([job]) => {
        // A job fetched while stopping completes without running: the
        // handler's own state (an outbox row, say) is the source of truth.
        if (state !== 'started' || !job) return;
        const p = handler(job.data);
        running.add(p);
        try {
          await p;
        } finally {
          running.delete(p);
        }
      });
      workers.set(queue, id);
    },
    async send(queue, data) {
      if (state !== 'started') throw new Error(`jobs: cannot send when ${state}`);
      await boss.send(queue, data ?? {});
      const worker = workers.get(queue);
      if (worker) boss.notifyWorker(worker);
    },
    async schedule(queue, cron) {
      await boss.schedule(queue, cron, undefined, { tz: 'UTC' });
    },
    async stop() {
      if (state !== 'started') {
        state = 'stopped';
        return;
      }
      state = 'stopping';
      try {
        await boss.stop({ graceful: true, wait: true, close: false, timeout: opts.stopTimeoutMs ?? 10_000 });
      } catch (err) {
        opts.log.warn({ err }, 'jobs: pg-boss did not stop cleanly');
      }
      await Promise.allSettled([...running]);
      await adapter.close();
      state = 'stopped';
    },
  };
}
