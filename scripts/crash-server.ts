/**
 * What the crash tests share (scripts/crash-test.ts, scripts/crash-test-messages.ts):
 * a seeded PRNG, a free loopback port, and the real server as a child process
 * that a SIGKILL hits directly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HOST = '127.0.0.1';

/** Small seeded PRNG (mulberry32) so a failing run can be repeated with --seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}


export class Server {
  child: ChildProcess | null = null;
  port = 0;
  output = '';
  exited: Promise<number | null> = Promise.resolve(null);
  private exitCode: number | null | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get base() {
    return `http://${HOST}:${this.port}`;
  }

  /** Starts `node --import tsx src/server/main.ts` (node itself, so a SIGKILL hits the server) and waits for /api/health. */
  async start(timeoutMs = Number(process.env.CRASH_START_TIMEOUT_MS ?? 60_000)): Promise<void> {
    this.port = await freePort();
    this.output = '';
    this.exitCode = undefined;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      // Bookings stream from one address far past its limit: the limits still count them, but refuse none.
      env: { ...this.env, PORT: String(this.port), HOST, LOG_LEVEL: 'warn', RELIEF_SERVE_WEB: 'false', RATE_LIMIT_SCALE: '100000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (d: Buffer) => {
      this.output = (this.output + d.toString()).slice(-8000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? -1 : null);
      resolve(code);
    }));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined) throw new Error(`server exited (code ${this.exitCode}) before it was healthy:\n${this.output.trim()}`);
      try {
        const res = await fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    await this.kill();
    throw new Error(`server not healthy within ${timeoutMs} ms:\n${this.output.trim()}`);
  }

  async kill(): Promise<void> {
    if (!this.child || this.exitCode !== undefined) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Graceful stop; SIGKILL if it does not exit in time. */
  async stop(timeoutMs = 20_000): Promise<number | null> {
    if (!this.child || this.exitCode !== undefined) return this.exitCode ?? null;
    this.child.kill('SIGTERM');
    const t = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(t);
    return code;
  }
}

export type CrashDb = 'pglite' | 'postgres';

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface CrashTarget {
  /** The server's environment: a fresh PGlite folder or a fresh PostgreSQL database. */
  env: NodeJS.ProcessEnv;
  /** Set by the test that uses the target (the record its stream writes to). */
  patientId: string;
  /** Runs `fn` with SQL on the database; on PGlite the server must be stopped (the folder has one owner). */
  withQuery<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  /** Drops the database; a PGlite folder is kept for inspection unless `clean`. */
  close(clean: boolean): Promise<void>;
}

/** A fresh database for one crash test: a PGlite folder under the temp dir, or a new database on a loopback PostgreSQL. */
export async function openCrashTarget(o: { db: CrashDb; databaseUrl: string | undefined; runId: string; poolSize: number; log: (l: string) => void }): Promise<CrashTarget> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.RELIEF_DATA_DIR;
  delete env.PORT;
  if (o.db === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relief-crash-'));
    env.RELIEF_DATA_DIR = dataDir;
    o.log(`[pglite] data dir ${dataDir}`);
    return {
      env, patientId: '',
      async withQuery(fn) {
        const { openPglite } = await import(pathToFileURL(path.join(ROOT, 'src/server/db/pglite.ts')).href);
        const db = await openPglite(dataDir);
        try {
          return await fn((s, p) => db.query(s, p ?? []));
        } finally {
          await db.close();
        }
      },
      async close(clean) {
        if (clean) fs.rmSync(dataDir, { recursive: true, force: true });
        else o.log(`[pglite] data dir kept for inspection: ${dataDir}`);
      },
    };
  }
  if (!o.databaseUrl) throw new Error('db=postgres needs DATABASE_URL');
  const adminUrl = o.databaseUrl;
  const host = new URL(adminUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`crash-test runs on loopback only; DATABASE_URL host is ${host}`);
  const dbName = `relief_crash_${o.runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  // Logged because a durability test on a server without fsync proves nothing.
  const settings = await admin.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  env.DATABASE_URL = u.toString();
  env.DATABASE_POOL_SIZE = String(Math.max(4, o.poolSize));
  o.log(`[postgres] database ${dbName} (${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')})`);
  return {
    env, patientId: '',
    async withQuery(fn) {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        return await fn(async (s, p) => (await client.query(s, p)).rows);
      } finally {
        await client.end();
      }
    },
    async close() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await a.end();
    },
  };
}
