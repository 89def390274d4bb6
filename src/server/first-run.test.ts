import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClinicDocument } from '../shared/contracts/clinic-settings.js';
import { openPostgres } from './db/postgres.js';
import { DEMO_DOCUMENT } from './modules/clinic/demo-clinic.js';
import { openOrganization } from './modules/clinic/index.js';
import { openTestDb } from './testing/test-db.js';

/**
 * Issue 11, part 2: a first run without the demo, as an operator runs it:
 * `RELIEF_SEED=none npm start` on an empty database, `npm run admin --
 * create-admin [--clinic]`, and `npm run clinic -- export / import`. On
 * PostgreSQL when DATABASE_URL is set (an empty throwaway database), else on
 * an embedded database in an empty folder.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'relief-first-run-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** An empty database: its environment for the processes. */
async function emptyDatabase(name: string): Promise<Record<string, string>> {
  if (!process.env.DATABASE_URL) return { DATABASE_URL: '', RELIEF_DATA_DIR: path.join(tmp, name) };
  const db = await openTestDb({ migrations: 0 });
  cleanups.push(() => db.dispose());
  return { DATABASE_URL: db.url! };
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs a server command to its end (a minute at most) with RELIEF_SEED=none. */
function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, ...env, RELIEF_SEED: 'none', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the server, waits until it answers, calls `use`, then stops it with SIGTERM and answers its log. */
async function withServer(env: Record<string, string>, use: (base: string) => Promise<void>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, ...env, RELIEF_SEED: 'none', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', RELIEF_SERVE_WEB: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let gone = false;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => ((gone = true), resolve(code))));
  const base = `http://127.0.0.1:${port}`;
  try {
    // A cold start (tsx, PGlite, migrations) takes up to 20 s on a loaded two-core machine.
    const deadline = Date.now() + 120_000;
    while (!gone && !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error(`the server did not start within 2 minutes:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    if (gone) throw new Error(`the server exited instead of starting:\n${log}`);
    await use(base);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return log;
}

describe('issue 11: a first run without the demo', () => {
  it('issue 11: the server starts on an empty database with RELIEF_SEED=none (it used to exit: no organization), and create-admin --clinic names the clinic', async () => {
    const env = await emptyDatabase('started-first');
    const log = await withServer(env, async (base) => {
      expect((await (await fetch(`${base}/api/locations`)).json()).items).toEqual([]);
      expect((await (await fetch(`${base}/api/visit-types`)).json()).items).toEqual([]);
    });
    expect(log).toContain('Relief is serving a new clinic (sign in to the console to finish its set-up checklist)');
    const created = await run('src/server/admin-cli.ts', ['create-admin', '--email', 'owner@hill.example', '--name', 'Olivia Owner', '--password', 'a long passphrase for the owner', '--clinic', 'Hill Country Pain'], env);
    expect(created, created.err).toMatchObject({ code: 0 });
    expect(created.out).toContain('The clinic is named Hill Country Pain.');
    const exported = await run('src/server/clinic-cli.ts', ['export'], env);
    expect(exported.code, exported.err).toBe(0);
    const doc: ClinicDocument = JSON.parse(exported.out);
    expect(doc.organization).toMatchObject({ name: 'Hill Country Pain', onlineBooking: false });
  }, 400_000);

  it('issue 11: create-admin works on an empty database; the clinic command refuses a bad document line by line and imports a good one', async () => {
    const env = await emptyDatabase('admin-first');
    const created = await run('src/server/admin-cli.ts', ['create-admin', '--email', 'admin@clinic.example', '--name', 'Ada Admin', '--password', 'a long passphrase for the admin'], env);
    expect(created.code, created.err).toBe(0);
    expect(created.out).not.toContain('The clinic is named');

    const bad = structuredClone(DEMO_DOCUMENT);
    bad.locations[0]!.timeZone = 'Central Time';
    bad.practitioners[1]!.name = bad.practitioners[0]!.name;
    const badFile = path.join(tmp, 'bad.json');
    fs.writeFileSync(badFile, JSON.stringify(bad));
    const refused = await run('src/server/clinic-cli.ts', ['import', badFile], env);
    expect(refused.code).toBe(1);
    expect(refused.err.split('\n').filter((l) => /^(locations|practitioners)\[/.test(l)).sort()).toEqual([
      'locations[0].timeZone: "Central Time" is not a known IANA time zone, e.g. America/Chicago',
      'practitioners[0].name: "Dr. Elena Ortiz" is already the name of practitioners[1]',
      'practitioners[1].name: "Dr. Elena Ortiz" is already the name of practitioners[0]',
    ]);

    const goodFile = path.join(tmp, 'demo.json');
    fs.writeFileSync(goodFile, JSON.stringify(DEMO_DOCUMENT));
    const imported = await run('src/server/clinic-cli.ts', ['import', goodFile], env);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/^Imported .*demo\.json: \d+ created, 1 updated\.$/m);
    const out = path.join(tmp, 'exported.json');
    const exported = await run('src/server/clinic-cli.ts', ['export', '--out', out], env);
    expect(exported.code, exported.err).toBe(0);
    const doc: ClinicDocument = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(doc.organization.name).toBe('Relief Pain Clinics');
    expect(doc.locations.map((l) => l.slug)).toEqual(DEMO_DOCUMENT.locations.map((l) => l.slug));
    expect(doc.practitioners.map((p) => p.name)).toEqual(DEMO_DOCUMENT.practitioners.map((p) => p.name));
  }, 400_000);

  it('creates the organization once when two server processes start on an empty database at the same moment', async () => {
    const first = await openTestDb();
    cleanups.push(() => first.dispose());
    // On PostgreSQL a second pool, as a second process has; PGlite is one process's database.
    const second = first.url ? openPostgres(first.url, { poolSize: 2 }) : first;
    if (second !== first) cleanups.unshift(() => second.close());
    const [a, b] = await Promise.all([openOrganization(first, 'none'), openOrganization(second, 'none')]);
    expect(a.id).toBe(b.id);
    expect(await first.query('SELECT slug, name FROM organization')).toEqual([{ slug: 'clinic', name: '' }]);
  });
});
