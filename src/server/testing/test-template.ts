import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Db } from '../db/db.js';
import { listMigrations, migrate } from '../db/migrate.js';
import { openPglite } from '../db/pglite.js';
import { openPostgres } from '../db/postgres.js';
import { seedDemoClinic } from '../modules/clinic/index.js';

/**
 * The demo clinic, migrated and seeded once per test run, which each test file
 * copies instead of migrating and seeding its own: a PostgreSQL database named
 * as TEMPLATE, or a PGlite dump on disk. The first test file that wants it
 * builds it, under a lock, so a run of engine tests alone never pays for it;
 * vitest's globalSetup only says where it lives and removes it at the end.
 */
export type TemplatePlace = { kind: 'postgres'; database: string } | { kind: 'pglite'; dir: string };

declare module 'vitest' {
  export interface ProvidedContext {
    reliefTemplate: TemplatePlace;
  }
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.resolve(HERE, '../..');

/** What the template is made of besides the migrations: the seed, its data, and this builder. */
function templateSources(): string[] {
  const clinic = path.join(SRC, 'server/modules/clinic');
  const code = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort().map((f) => path.join(dir, f));
  return [
    // The seed imports the demo document through the settings engine, so both are part of what the template is.
    ...code(clinic),
    ...code(path.join(clinic, 'engine')),
    path.join(SRC, 'shared/contracts/clinic-settings.ts'),
    path.join(SRC, 'shared/time.ts'),
    fileURLToPath(import.meta.url),
  ];
}

/** A changed migration or seed is another template: runs of other code on the same server leave this one alone. */
export function templateHash(): string {
  const h = createHash('sha256');
  for (const m of listMigrations()) h.update(m.name).update('\0').update(m.sql).update('\0');
  for (const f of templateSources()) h.update(path.relative(SRC, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

async function migrateAndSeed(db: Db): Promise<void> {
  await migrate(db);
  await seedDemoClinic(db);
}

// --- PostgreSQL ---------------------------------------------------------------

// Runs that share one server (two worktrees, two terminals) coordinate through
// advisory locks, taken in the DATABASE_URL database, keyed by the hash's
// first 32 bits: a run holds USING shared from start to end, and a template
// nobody holds is fair to drop; a builder holds BUILDING, so two test files
// (or two runs) never build the same template at once.
const USING = 0x52454c46; // "RELF"
const BUILDING = USING + 1;
const TEMPLATE_RE = /^relief_tpl_([0-9a-f]{16})(_new)?$/;
const lockKey = (hash: string) => parseInt(hash.slice(0, 8), 16) | 0;
const templateName = (hash: string) => `relief_tpl_${hash}`;

export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function connectAdmin(url: string): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: url, application_name: 'relief-test-template' });
  // A connection lost while it idles (the run's hold) must not crash vitest; the next query says so.
  admin.on('error', () => undefined);
  await admin.connect();
  return admin;
}

/** Drops the templates of other code (older migrations, crashed runs) that no running suite holds. */
async function dropStaleTemplates(admin: pg.Client, keep: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'relief\\_tpl\\_%'");
  for (const { datname } of rows) {
    const hash = TEMPLATE_RE.exec(datname)?.[1];
    if (!hash || hash === keep) continue;
    const key = [USING, lockKey(hash)];
    const { rows: [got] } = await admin.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', key);
    if (!got?.ok) continue;
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1, $2)', key);
    }
  }
}

/** Drops stale templates and holds this one for the run; the returned function ends the hold and drops it if no other run holds it. */
async function holdPostgresTemplate(url: string): Promise<{ place: TemplatePlace; release(): Promise<void> }> {
  const hash = templateHash();
  const key = [USING, lockKey(hash)];
  const admin = await connectAdmin(url);
  try {
    await dropStaleTemplates(admin, hash);
    await admin.query('SELECT pg_advisory_lock_shared($1, $2)', key);
  } catch (err) {
    await admin.end();
    throw err;
  }
  return {
    place: { kind: 'postgres', database: templateName(hash) },
    async release() {
      try {
        await admin.query('SELECT pg_advisory_unlock_shared($1, $2)', key);
        const { rows: [got] } = await admin.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', key);
        if (got?.ok) {
          await admin.query(`DROP DATABASE IF EXISTS ${templateName(hash)}`);
          await admin.query(`DROP DATABASE IF EXISTS ${templateName(hash)}_new WITH (FORCE)`);
        }
      } finally {
        await admin.end(); // ends every lock this session still holds
      }
    },
  };
}

/**
 * Built under another name and renamed when done, so a build cut short never
 * leaves a half-made template under the real name.
 */
async function buildPostgresTemplate(admin: pg.Client, url: string, name: string): Promise<void> {
  const building = `${name}_new`;
  await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${building}`);
  try {
    const db = openPostgres(databaseUrl(url, building), { poolSize: 2, applicationName: 'relief-test-template' });
    try {
      await migrateAndSeed(db);
    } finally {
      await db.close();
    }
    // PostgreSQL refuses to copy a database while another session is connected
    // to it. The builder's pool is closed (RENAME waits up to 5 s for its
    // backends to exit), and from now on no one may connect.
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  } catch (err) {
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`).catch(() => undefined);
    throw err;
  }
}

async function ensurePostgresTemplate(url: string, name: string): Promise<void> {
  const hash = TEMPLATE_RE.exec(name)![1]!;
  const key = [BUILDING, lockKey(hash)];
  const admin = await connectAdmin(url);
  try {
    await admin.query('SELECT pg_advisory_lock($1, $2)', key);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await buildPostgresTemplate(admin, url, name);
  } finally {
    await admin.end(); // and with it the lock
  }
}

// --- PGlite -------------------------------------------------------------------

const PGLITE_PREFIX = 'relief-tpl-';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Removes the dump folders of earlier runs whose process is gone (killed before its teardown). */
function removeOrphanDumps(): void {
  for (const entry of fs.readdirSync(os.tmpdir())) {
    const pid = Number(new RegExp(`^${PGLITE_PREFIX}(\\d+)-`).exec(entry)?.[1]);
    if (pid && !isAlive(pid)) fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
  }
}

async function holdPgliteTemplate(): Promise<{ place: TemplatePlace; release(): Promise<void> }> {
  removeOrphanDumps();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${PGLITE_PREFIX}${process.pid}-`));
  return {
    place: { kind: 'pglite', dir },
    release: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function buildPgliteDump(file: string): Promise<void> {
  const db = await openPglite(undefined);
  try {
    await migrateAndSeed(db);
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, Buffer.from(await (await db.dump()).arrayBuffer()));
    fs.renameSync(partial, file);
  } finally {
    await db.close();
  }
}

/** A lock file whose writer died before it removed it. */
function isAbandoned(lock: string): boolean {
  let holder: number;
  try {
    holder = Number(fs.readFileSync(lock, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  // Empty while its writer is between creating it and writing the pid.
  return holder > 0 && !isAlive(holder);
}

/**
 * The run's dump, built by the first worker to take the lock file; the other
 * waits for it, or takes over if the builder's process died.
 */
async function ensurePgliteDump(dir: string): Promise<string> {
  const file = path.join(dir, `demo-${templateHash()}.tar`);
  const lock = path.join(dir, 'building.lock');
  for (;;) {
    if (fs.existsSync(file)) return file;
    let fd: number | undefined;
    try {
      fd = fs.openSync(lock, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (fd !== undefined) {
      try {
        fs.writeSync(fd, String(process.pid));
        fs.closeSync(fd);
        if (!fs.existsSync(file)) await buildPgliteDump(file);
        return file;
      } finally {
        fs.rmSync(lock, { force: true });
      }
    }
    if (isAbandoned(lock)) fs.rmSync(lock, { force: true });
    await new Promise((r) => setTimeout(r, 100));
  }
}

// --- both ---------------------------------------------------------------------

/** For vitest's globalSetup: where this run's template lives, and how to remove it at the end. */
export async function holdTemplate(databaseUrlEnv: string | undefined): Promise<{ place: TemplatePlace; release(): Promise<void> }> {
  return databaseUrlEnv ? holdPostgresTemplate(databaseUrlEnv) : holdPgliteTemplate();
}

let ensured: Promise<string> | undefined;
/**
 * Builds the template if no test file of this run has yet: on PostgreSQL
 * resolves to the template database's name, on PGlite to the dump's path.
 */
export function ensureTemplate(place: TemplatePlace, url: string | undefined): Promise<string> {
  if (!ensured) {
    ensured = (async () => {
      if (place.kind === 'pglite') return ensurePgliteDump(place.dir);
      if (!url) throw new Error('a PostgreSQL template needs DATABASE_URL');
      await ensurePostgresTemplate(url, place.database);
      return place.database;
    })();
    // A failed build is tried again by the next caller, not remembered.
    ensured.catch(() => (ensured = undefined));
  }
  return ensured;
}
