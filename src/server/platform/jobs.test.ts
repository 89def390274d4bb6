import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { openTestDb } from '../testing/test-db.js';
import { bossDb, pgBossJobs, splitSqlStatements, type Jobs } from './jobs.js';

describe('splitSqlStatements', () => {
  const cases: [string, string, string[]][] = [
    ['plain statements, empty ones dropped', 'SELECT 1; ;\n SELECT 2;', ['SELECT 1', 'SELECT 2']],
    ['semicolons in strings and identifiers', `SELECT 'a;b', 'it''s; fine', "x;y" FROM t; SELECT 2`, [`SELECT 'a;b', 'it''s; fine', "x;y" FROM t`, 'SELECT 2']],
    ['an escape string', `SELECT E'\\';'; SELECT 2`, [`SELECT E'\\';'`, 'SELECT 2']],
    ['dollar-quoted bodies, tagged and not', 'CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql; DO $x$ BEGIN PERFORM $$;$$; END $x$',
      ['CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql', 'DO $x$ BEGIN PERFORM $$;$$; END $x$']],
    ['parameters are not dollar quotes', 'SELECT $1, $2; SELECT 3', ['SELECT $1, $2', 'SELECT 3']],
    ['comments, nested block comments', 'SELECT 1 -- no; split\n; /* a; /* b; */ c; */ SELECT 2; -- tail;', ['SELECT 1 -- no; split', '/* a; /* b; */ c; */ SELECT 2']],
  ];
  it.each(cases)('%s', (_name, sql, expected) => {
    expect(splitSqlStatements(sql)).toEqual(expected);
  });

  it("keeps pg-boss's own construction plan whole: BEGIN, lock, DDL with plpgsql bodies, COMMIT", () => {
    const parts = splitSqlStatements(PgBoss.getConstructionPlans('pgboss'));
    expect(parts[0]).toBe('BEGIN');
    expect(parts.at(-1)).toBe('COMMIT');
    expect(parts.some((p) => p.startsWith('SELECT pg_advisory_xact_lock('))).toBe(true);
    const fn = parts.find((p) => p.startsWith('CREATE FUNCTION pgboss.create_queue'))!;
    expect(fn).toMatch(/END;\s*\$\$\s*LANGUAGE plpgsql$/);
  });
});

// pg-boss over the Db port, on whichever database the suite runs (PGlite, or PostgreSQL with DATABASE_URL).
describe('pg-boss through the Db port', () => {
  let db: Db & { dispose(): Promise<void> };
  const log = { warn: () => undefined, error: (o: object) => errors.push(o) };
  const errors: object[] = [];
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => db?.dispose());

  it('installs its own schema next to our migrations and runs a job', async () => {
    const migrationsBefore = await db.query('SELECT version FROM schema_migrations ORDER BY version');
    const jobs = pgBossJobs(db, { log, pollingIntervalSeconds: 0.5 });
    await jobs.start();
    try {
      const seen: unknown[] = [];
      await jobs.work('probe', async (data) => void seen.push(data));
      await jobs.send('probe', { n: 1 });
      await until(() => seen.length === 1);
      expect(seen).toEqual([{ n: 1 }]);
    } finally {
      await jobs.stop();
    }
    expect(await db.one('SELECT version FROM pgboss.version')).toEqual({ version: 24 });
    expect(await db.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(migrationsBefore);
    expect(errors).toEqual([]);
  });

  it('starts again on an installed schema; a trigger queue collapses sends while one waits', async () => {
    const jobs = pgBossJobs(db, { log, pollingIntervalSeconds: 0.5 });
    await jobs.start();
    try {
      let runs = 0;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      await jobs.work('trigger', async () => {
        runs++;
        await gate;
      }, { collapse: true });
      await jobs.send('trigger');
      await until(() => runs === 1);
      // One run is active; of these three sends only one stays waiting.
      for (let i = 0; i < 3; i++) await jobs.send('trigger');
      expect(await db.query("SELECT state::text AS state FROM pgboss.job WHERE name = 'trigger' AND state = 'created'")).toHaveLength(1);
      release();
      await until(() => runs === 2);
    } finally {
      await jobs.stop();
    }
  });

  it('waits for a running handler on stop, then stops touching the database', async () => {
    const jobs: Jobs = pgBossJobs(db, { log, pollingIntervalSeconds: 0.5 });
    await jobs.start();
    let started = false;
    let finished = false;
    await jobs.work('slow', async () => {
      started = true;
      await new Promise((r) => setTimeout(r, 700));
      finished = true;
    });
    await jobs.send('slow');
    await until(() => started);
    await jobs.stop();
    expect(finished).toBe(true);
    await expect(jobs.send('slow')).rejects.toThrow(/cannot send when stopped/);
    await until(async () => (await db.query("SELECT 1 FROM pgboss.job WHERE name = 'slow' AND state = 'completed'")).length === 1);
  });

  it('runs pg-boss maintenance (its BEGIN ... COMMIT commands) inside the driver transaction', async () => {
    const adapter = bossDb(db);
    const boss = new PgBoss({ db: adapter as unknown as PgBoss.Db, supervise: false, schedule: false });
    boss.on('error', (err) => errors.push(err));
    await boss.start();
    await boss.createQueue('maint');
    await boss.send('maint', {}, { expireInSeconds: 1 });
    await boss.fetch('maint');
    await expect(boss.maintain()).resolves.toMatchObject({ ms: expect.any(Number) });
    await boss.stop({ graceful: false, close: false });
    await adapter.close();
    expect(await adapter.executeSql('SELECT 1')).toBeUndefined();
  });

  it('rolls a failing BEGIN ... COMMIT command back whole and leaves the session usable', async () => {
    const adapter = bossDb(db);
    await expect(adapter.executeSql('BEGIN; CREATE TABLE jobs_probe (x int); SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
    expect(await db.one("SELECT to_regclass('jobs_probe') AS t")).toEqual({ t: null });
    // pg-boss's create race: its construction plan a second time fails with "already exists".
    await expect(adapter.executeSql(PgBoss.getConstructionPlans('pgboss'))).rejects.toThrow(/already exists/);
    // Not "current transaction is aborted": the one PGlite connection (or the pooled one) is clean.
    expect(await db.one('SELECT 1 AS ok')).toEqual({ ok: 1 });
    await expect(adapter.executeSql('SELECT 1; ROLLBACK; SELECT 2')).rejects.toThrow(/transaction control/);
    await adapter.close();
  });
});

async function until(ok: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
