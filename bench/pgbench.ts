import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PGBENCH = '/usr/bin/pgbench';

export interface PgbenchRun {
  tps: number;
  transactions: number;
}

export interface PgbenchSettings {
  scale: number;
  clients: number;
  threads: number;
  seconds: number;
}

/** `pgbench -i -s scale` on a fresh database. */
export async function initPgbench(url: string, scale: number): Promise<void> {
  await run(PGBENCH, ['-i', '-q', '-s', String(scale), url], { maxBuffer: 16 << 20 });
}

/** One TPC-B run (pgbench's default script): `-c -j -T -M prepared`; TPS without connection time. */
export async function runPgbench(url: string, r: PgbenchSettings): Promise<PgbenchRun> {
  const { stdout } = await run(
    PGBENCH,
    ['-c', String(r.clients), '-j', String(r.threads), '-T', String(r.seconds), '-M', 'prepared', url],
    { maxBuffer: 16 << 20 },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  const done = /number of transactions actually processed: (\d+)/.exec(stdout);
  if (!tps) throw new Error(`could not read TPS from pgbench:\n${stdout}`);
  return { tps: Number(tps[1]), transactions: Number(done?.[1] ?? Number.NaN) };
}
