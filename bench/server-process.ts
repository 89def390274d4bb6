import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './scratch.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** The last few KB the server wrote (warnings and errors at LOG_LEVEL=warn). */
  outputTail(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function isHealthy(baseUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${baseUrl}/api/health`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

/**
 * The real server, `node --import tsx src/server/main.ts`, in its own process
 * (so the load generator does not share its event loop), on 127.0.0.1.
 * `db` is a PostgreSQL URL or a PGlite data folder; the database must already
 * hold one organization (RELIEF_SEED=none). `cpuProfileDir` adds --cpu-prof.
 * `entry` runs another script (relative to the repository) the same way, with
 * `env` added: the bench's own baseline servers, which answer GET /api/health too.
 */
export async function startServer(
  db: { url: string } | { dataDir: string },
  opts: { cpuProfileDir?: string; entry?: string; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RELIEF_SEED: 'none', RELIEF_SERVE_WEB: 'false',
    // The load comes from one address, far past its per-address limits: they still count every request (their
    // cost is in the figures) but refuse none.
    RATE_LIMIT_SCALE: '100000',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  if ('url' in db) env.DATABASE_URL = db.url;
  else env.RELIEF_DATA_DIR = db.dataDir;
  const profile = opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`] : [];
  const entry = opts.entry ?? 'src/server/main.ts';
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', entry], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => {
    running = false;
  });
  onCleanup(async () => {
    if (running) child.kill('SIGKILL');
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await isHealthy(baseUrl))) {
    if (!running || Date.now() > deadline) {
      if (running) child.kill('SIGKILL');
      throw new Error(`${entry} did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    pid: child.pid!,
    outputTail: () => output,
    async stop() {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
