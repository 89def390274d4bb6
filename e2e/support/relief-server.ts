import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Relief server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok && ((await res.json()) as { status?: string }).status === 'ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Relief server did not become healthy in ${timeoutMs} ms:\n${output()}`);
}

export interface ServerOptions {
  /**
   * Runs before the server starts, with the environment it will get (its data
   * folder), e.g. to create the first administrator with the admin CLI, which
   * needs the folder while no server holds its lock.
   */
  beforeStart?: (env: NodeJS.ProcessEnv) => Promise<void>;
  /** More environment for the server, e.g. SMTP_URL of a local mail sink to read the emailed links. */
  env?: Record<string, string>;
}

/**
 * Starts the real server (built web client in dist/web) on a free port with a
 * fresh data folder, and waits for /api/health. E2E_BASE_URL reuses a running one.
 */
export async function startReliefServer(options: ServerOptions = {}): Promise<RunningServer> {
  const external = process.env.E2E_BASE_URL;
  if (external && (options.beforeStart || options.env)) throw new Error('This journey prepares its own server: unset E2E_BASE_URL.');
  if (external) return { baseUrl: external.replace(/\/$/, ''), output: () => '', stop: async () => {} };

  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    throw new Error('dist/web is missing: run `npm run build:web` first (npm run test:e2e does).');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relief-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  // Links in emails (invitations, resets) point at this server.
  const env = { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1', RELIEF_DATA_DIR: dataDir, LOG_LEVEL: 'warn', PUBLIC_URL: baseUrl };
  if (options.beforeStart) {
    try {
      await options.beforeStart(env);
    } catch (e) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw e;
    }
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const output = () => log;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, output);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, output, stop };
}
