import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The server the bench may create and drop databases on (trust auth on loopback). */
export const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const cleanups: (() => Promise<void>)[] = [];

/** Registers something to undo at exit (or on Ctrl-C) if the run does not undo it first. */
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

/** Runs every registered cleanup once, newest first; never throws. */
export async function cleanUpScratch(): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    await fn().catch((err) => console.error(`cleanup failed: ${(err as Error).message}`));
  }
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL, application_name: 'relief-bench' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database `relief_bench_<random>`, dropped by `drop()` or at exit. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `relief_bench_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const target = new URL(ADMIN_URL);
  target.pathname = `/${name}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  cleanups.push(drop);
  return { name, url: target.toString(), drop };
}

/** A temporary folder (a PGlite data directory), removed by `remove()` or at exit. */
export function createScratchDir(prefix: string): { dir: string; remove(): Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  let removed = false;
  const remove = async () => {
    if (removed) return;
    removed = true;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  cleanups.push(remove);
  return { dir, remove };
}

export async function serverVersion(): Promise<string> {
  return admin(async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version);
}
