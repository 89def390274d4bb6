import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../db/db.js';
import { listMigrations, migrate } from '../db/migrate.js';
import { openPglite } from '../db/pglite.js';
import { openPostgres } from '../db/postgres.js';
import { seedDemoClinic } from '../modules/clinic/index.js';
import { databaseUrl, ensureTemplate } from './test-template.js';

export type TestDb = Db & { dispose(): Promise<void>; url?: string };

/**
 * A throwaway database on the PostgreSQL server named by DATABASE_URL,
 * dropped on dispose; empty, or a copy of `template`.
 */
async function throwawayPostgres(url: string, opts: { poolSize?: number; template?: string }): Promise<TestDb> {
  const name = `relief_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${opts.template ? ` TEMPLATE ${opts.template}` : ''}`);
  } finally {
    await admin.end();
  }
  const target = databaseUrl(url, name);
  const db = openPostgres(target, { poolSize: opts.poolSize ?? 20, applicationName: 'relief-test' });
  return Object.assign(db, {
    url: target,
    async dispose() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  });
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a throwaway database on the PostgreSQL server named by DATABASE_URL
 * (CI runs every suite both ways). `migrations` applies only the first n
 * (a test of a later migration on data written under the earlier ones).
 */
export async function openTestDb(opts: { poolSize?: number; migrations?: number } = {}): Promise<TestDb> {
  const wanted = listMigrations().slice(0, opts.migrations);
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openPglite(undefined);
    await migrate(db, wanted);
    return Object.assign(db, { dispose: () => db.close() });
  }
  const db = await throwawayPostgres(url, opts);
  await migrate(db, wanted);
  return db;
}

/**
 * A database holding the demo clinic, copied from the run's migrated and
 * seeded template (see test-template.ts) rather than migrated and seeded anew:
 * the same clinic, in a fraction of the time. Outside a vitest run with the
 * template's globalSetup it falls back to migrating and seeding.
 */
export async function openDemoTestDb(opts: { poolSize?: number } = {}): Promise<{ db: TestDb; organizationId: string }> {
  const place = inject('reliefTemplate');
  const url = process.env.DATABASE_URL;
  let db: TestDb;
  if (!place) {
    db = await openTestDb(opts);
  } else if (place.kind === 'postgres') {
    const template = await ensureTemplate(place, url);
    db = await throwawayPostgres(url!, { ...opts, template });
  } else {
    const dump = await ensureTemplate(place, url);
    const pglite = await openPglite(undefined, { from: new Blob([fs.readFileSync(dump)]) });
    db = Object.assign(pglite, { dispose: () => pglite.close() });
  }
  // On a copy this only finds the clinic the template holds.
  const { organizationId } = await seedDemoClinic(db);
  return { db, organizationId };
}
