import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'relief-pglite-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function runServer(dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, RELIEF_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', LOG_LEVEL: 'warn', RELIEF_SERVE_WEB: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('embedded database folder', () => {
  it('keeps data across a close and reopen, and migrations run once', async () => {
    const dir = tempDir();
    const db = await openPglite(dir);
    expect((await migrate(db)).length).toBeGreaterThan(0);
    await db.query("INSERT INTO organization (slug, name) VALUES ('kept', 'Kept Clinic')");
    await db.close();
    const again = await openPglite(dir);
    expect(await migrate(again)).toEqual([]);
    expect(await again.one("SELECT name FROM organization WHERE slug = 'kept'")).toEqual({ name: 'Kept Clinic' });
    await again.close();
  });

  it('refuses a second opener in this process, and a second server process, with a clear message', async () => {
    const dir = tempDir();
    const db = await openPglite(dir);
    try {
      await expect(openPglite(dir)).rejects.toThrow(/in use by another Relief server/);
      const second = await runServer(dir);
      expect(second.code).toBe(1);
      expect(second.output).toMatch(new RegExp(`data folder .* is in use by another Relief server \\(pid ${process.pid}\\)`));
    } finally {
      await db.close();
    }
    expect(fs.existsSync(path.join(dir, 'relief.lock'))).toBe(false);
  }, 60_000);

  it('takes over a lock left by a process that died', async () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(dead.stdout.toString());
    fs.writeFileSync(path.join(dir, 'relief.lock'), `${deadPid}\n`);
    const db = await openPglite(dir);
    expect(fs.readFileSync(path.join(dir, 'relief.lock'), 'utf8').trim()).toBe(String(process.pid));
    await db.close();
  });

  it('rolls a failed transaction back whole', async () => {
    const db = await openPglite(undefined);
    await migrate(db);
    await expect(
      db.tx(async (t) => {
        await t.query("INSERT INTO organization (slug, name) VALUES ('half', 'Half Written')");
        await t.query("INSERT INTO organization (slug, name) VALUES ('half', 'Duplicate')");
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.one("SELECT count(*)::int AS n FROM organization WHERE slug = 'half'")).toEqual({ n: 0 });
    await db.close();
  });
});

describe('durability of the embedded database', () => {
  // Regression: WalSyncer once synced the highest-named WAL files, which after a
  // checkpoint are recycled, empty segments renamed ahead; the live one went unsynced.
  it('fdatasyncs the WAL segment holding the commit, even after segments are recycled', async () => {
    const dir = tempDir();
    const db = await openPglite(dir);
    await migrate(db);
    for (let i = 0; i < 4; i++) {
      await db.query("INSERT INTO organization (slug, name) VALUES ('s' || $1, 'S')", [String(i)]);
      await db.query('SELECT pg_switch_wal()');
    }
    await db.query('CHECKPOINT');
    await db.query("INSERT INTO organization (slug, name) VALUES ('after', 'After')");
    const walDir = path.join(dir, 'pgdata', 'pg_wal');
    const names = fs.readdirSync(walDir).filter((n) => /^[0-9A-F]{24}$/.test(n)).sort();
    const synced: string[] = [];
    const real = fs.fdatasync;
    const spy = vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
      synced.push(path.basename(fs.readlinkSync(`/proc/self/fd/${fd}`)));
      return real(fd, cb);
    }) as typeof fs.fdatasync);
    try {
      await db.tx(async (t) => t.query("INSERT INTO organization (slug, name) VALUES ('durable', 'Durable')"));
      const current = (await db.one<{ f: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS f'))!.f;
      expect(names.at(-1)).not.toBe(current); // recycled segments do sit ahead of the live one
      expect(synced).toContain(current);
    } finally {
      spy.mockRestore();
      await db.close();
    }
  });
});
