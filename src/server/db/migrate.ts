import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const FILE_RE = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => FILE_RE.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 4), name: f, sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

async function appliedVersions(db: Db): Promise<Set<string>> {
  const rows = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => r.version));
}

/**
 * Applies pending forward-only migrations, each with its bookkeeping row in one
 * implicit transaction (one multi-statement exec). Runs the same on PGlite and
 * PostgreSQL. If another process applied a migration first, its failure here is
 * recognised and skipped.
 */
export async function migrate(db: Db, migrations = listMigrations()): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  let applied = await appliedVersions(db);
  const done: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    try {
      await db.exec(
        `${m.sql}\n;INSERT INTO schema_migrations (version, name) VALUES ('${m.version}', '${m.name.replace(/'/g, "''")}');`,
      );
      done.push(m.name);
    } catch (err) {
      applied = await appliedVersions(db);
      if (!applied.has(m.version)) throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  return done;
}
