import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The process as an operator runs it: start, serve, SIGTERM, restart.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relief-main-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  exited: Promise<number | null>;
  logs: () => string;
  /** Resolves when the server has logged a line that `match` accepts; rejects if it exits first. */
  logged: (match: (line: Record<string, unknown>) => boolean) => Promise<void>;
}

async function start(port: number): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', RELIEF_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', RELIEF_SERVE_WEB: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  let gone = false;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => ((gone = true), resolve(code))));
  const logged = (match: (line: Record<string, unknown>) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const seen = () => out.split('\n').some((l) => {
        try {
          return match(JSON.parse(l));
        } catch {
          return false; // not a JSON line, or one not yet complete
        }
      });
      const check = () => {
        if (!seen()) return;
        child.stdout!.off('data', check);
        resolve();
      };
      child.stdout!.on('data', check);
      void exited.then(() => reject(new Error(`server exited before logging the line waited for:\n${out}`)));
      check();
    });
  // A cold start (tsx, the PGlite WebAssembly, migrations, the demo seed) took
  // up to 20 s on a loaded two-core CI machine: wait up to 2 minutes, or until the process dies.
  const deadline = Date.now() + 120_000;
  while (!gone && Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { child, exited, logs: () => out, logged };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start${gone ? ' (it exited)' : ' within 2 minutes'}:\n${out}`);
}

describe('the server process', () => {
  it('finishes an in-flight booking on SIGTERM, exits 0, releases the folder, and the booking survives a restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = await start(port);
    const visitTypes = (await (await fetch(`${base}/api/visit-types`)).json()).items;
    const consult = visitTypes.find((v: { bookableOnline: boolean }) => v.bookableOnline);
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const { firstAvailable: slot } = await (await fetch(`${base}/api/availability?visitType=${consult.id}&from=${from}&to=${to}`)).json();
    const booking = fetch(`${base}/api/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'sigterm-test' },
      body: JSON.stringify({
        visitTypeId: consult.id, practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start,
        patient: { firstName: 'Ines', lastName: 'Salas', dateOfBirth: '1975-01-31', phone: '512-555-0177', email: 'ines@example.com', preferredLanguage: 'es' },
        reason: 'Dolor de espalda',
      }),
    });
    // Ask it to stop once the booking is in flight: the server has logged its arrival.
    await server.logged(({ msg, req }) => {
      const { method, path: url } = (req ?? {}) as { method?: string; path?: string };
      return msg === 'incoming request' && method === 'POST' && url === '/api/appointments';
    });
    server.child.kill('SIGTERM');
    const res = await booking;
    expect(res.status).toBe(201);
    const { appointment, confirmationCode } = await res.json();
    expect(await server.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'relief.lock'))).toBe(false);
    // Logs are structured, carry request ids, and leak neither codes nor patient details.
    expect(server.logs()).toMatch(/"reqId":"[0-9a-f-]{36}"/);
    expect(server.logs()).not.toMatch(/Salas|ines@example|Dolor|1975-01-31/);
    expect(server.logs()).not.toContain(confirmationCode);

    const again = await start(port);
    try {
      const seen = await fetch(`${base}/api/appointments/${appointment.id}?code=${confirmationCode}`);
      expect(seen.status).toBe(200);
      expect((await seen.json()).start).toBe(slot.start);
      expect(again.logs()).not.toContain(confirmationCode);
    } finally {
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
  }, 300_000);
});
