import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/db.js';
import { listMigrations, migrate } from '../db/migrate.js';
import { openPglite } from '../db/pglite.js';
import { openPostgres } from '../db/postgres.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a throwaway database on the PostgreSQL server named by DATABASE_URL
 * (CI runs every suite both ways). `migrations` applies only the first n
 * (a test of a later migration on data written under the earlier ones).
 */
export async function openTestDb(opts: { poolSize?: number; migrations?: number } = {}): Promise<Db & { dispose(): Promise<void>; url?: string }> {
  const wanted = listMigrations().slice(0, opts.migrations);
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openPglite(undefined);
    await migrate(db, wanted);
    return Object.assign(db, { dispose: () => db.close() });
  }
  const name = `relief_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openPostgres(target.toString(), { poolSize: opts.poolSize ?? 20, applicationName: 'relief-test' });
  await migrate(db, wanted);
  return Object.assign(db, {
    url: target.toString(),
    async dispose() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  });
}
