/**
 * `npm run bench`: every figure is a ratio against a baseline measured in the
 * same run on the same machine (see bench/README.md). Loopback only; about
 * four minutes on two cores. Options: --seconds=15 --iterations=60 --profile --only=booking|messages
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../src/server/db/pglite.js';
import { openPostgres } from '../src/server/db/postgres.js';
import { runAuditedRead, type ReadResult } from './audited-read.js';
import { prepareBookingFloor, runBookingFloor } from './booking-floor.js';
import { runBookingThroughput, type BookingResult } from './booking-throughput.js';
import { runMessagesBench, type MessagesBenchResult } from './messages.js';
import { initPgbench, PGBENCH, runPgbench, type PgbenchRun, type PgbenchSettings } from './pgbench.js';
import { formatTable, verdict, writeResults, type Figure } from './report.js';
import { ADMIN_URL, cleanUpScratch, createScratchDatabase, createScratchDir, serverVersion } from './scratch.js';
import { runSlotSearch, type SearchResult } from './slot-search.js';
import { round } from './stats.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const SECONDS = arg('seconds', 15);
const ITERATIONS = arg('iterations', 60);
const CLIENTS = 16;
const PROFILE_DIR = process.argv.includes('--profile') ? path.join(BENCH_DIR, 'tmp', 'profiles') : undefined;
/** `--only=booking`: the booking over HTTP between two runs of its writes alone, and nothing else (a quick check while working on the booking path). */
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];

const log = (msg: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/**
 * The TPC-B baseline runs just before and just after the booking run, and the
 * baseline is their mean: drift in a shared machine's load then hits both sides.
 */
async function bracketWithPgbench<T>(measure: () => Promise<T>): Promise<{ settings: PgbenchSettings; runs: PgbenchRun[]; tps: number; bracketed: T }> {
  const settings: PgbenchSettings = { scale: 10, clients: CLIENTS, threads: 2, seconds: SECONDS };
  const scratch = await createScratchDatabase();
  try {
    log(`pgbench -i -s ${settings.scale}`);
    await initPgbench(scratch.url, settings.scale);
    log(`pgbench TPC-B baseline, before (-c ${CLIENTS} -j 2 -T ${SECONDS} -M prepared)`);
    const before = await runPgbench(scratch.url, settings);
    const bracketed = await measure();
    log('pgbench TPC-B baseline, after');
    const after = await runPgbench(scratch.url, settings);
    return { settings, runs: [before, after], tps: (before.tps + after.tps) / 2, bracketed };
  } finally {
    await scratch.drop();
  }
}

/** The booking's writes alone as a pgbench script (bench/booking-floor.ts), on its own scratch database. */
async function bookingFloorOnPostgres(): Promise<PgbenchRun> {
  const scratch = await createScratchDatabase();
  try {
    const db = openPostgres(scratch.url, { poolSize: 2, applicationName: 'relief-bench' });
    try {
      await prepareBookingFloor(db);
    } finally {
      await db.close();
    }
    return await runBookingFloor(scratch.url, { scale: 1, clients: CLIENTS, threads: 2, seconds: SECONDS });
  } finally {
    await scratch.drop();
  }
}

async function bookingOnPostgres(): Promise<BookingResult> {
  const scratch = await createScratchDatabase();
  try {
    return await runBookingThroughput({ url: scratch.url, database: scratch.name }, async () => openPostgres(scratch.url, { poolSize: 2 }), {
      clients: CLIENTS, seconds: SECONDS, warmupSeconds: 2, server: PROFILE_DIR ? { cpuProfileDir: path.join(PROFILE_DIR, 'postgres') } : {},
    });
  } finally {
    await scratch.drop();
  }
}

async function auditedReadOnPostgres(): Promise<ReadResult> {
  const scratch = await createScratchDatabase();
  try {
    return await runAuditedRead({ url: scratch.url, database: scratch.name }, {
      clients: CLIENTS, seconds: SECONDS, warmupSeconds: 2, ...(PROFILE_DIR ? { profileDir: PROFILE_DIR } : {}),
    });
  } finally {
    await scratch.drop();
  }
}

async function messagesOnPostgres(): Promise<MessagesBenchResult> {
  const scratch = await createScratchDatabase();
  try {
    return await runMessagesBench({ url: scratch.url, database: scratch.name }, { clients: CLIENTS, seconds: SECONDS, warmupSeconds: 2 });
  } finally {
    await scratch.drop();
  }
}

/** The two secure-messages figures (issue 12). */
function messageFigures(m: MessagesBenchResult): Figure[] {
  const lat = (l: { p50: number; p99: number }) => `p50/p99 ${l.p50.toFixed(1)}/${l.p99.toFixed(1)} ms`;
  return [
    {
      workload: `Message inbox + thread reads (${m.threads} threads, ${m.messages} msgs), PostgreSQL (${m.clients} clients)`,
      measured: `${m.read.a.requestsPerSec.toFixed(1)} reads/s, ${lat(m.read.a.latencyMs)}`,
      baseline: `${m.read.b.requestsPerSec.toFixed(1)} reads/s, ${lat(m.read.b.latencyMs)} (bare route)`,
      ratio: m.read.a.requestsPerSec / m.read.b.requestsPerSec, target: { atLeast: 0.6 },
    },
    {
      workload: '5 MB attachment upload + download (throughput), PostgreSQL',
      measured: `${m.attachment.a.requestsPerSec.toFixed(2)} round trips/s, ${lat(m.attachment.a.latencyMs)}`,
      baseline: `${m.attachment.b.requestsPerSec.toFixed(2)}/s, ${lat(m.attachment.b.latencyMs)} (bare pg INSERT + SELECT)`,
      ratio: m.attachment.a.requestsPerSec / m.attachment.b.requestsPerSec, target: { atLeast: 0.5 },
    },
  ];
}

async function messagesOnly(): Promise<void> {
  log(`secure messages on PostgreSQL: reads vs bare route, 5 MB attachment vs bare driver (${SECONDS} s each side, A B B A)`);
  const m = await messagesOnPostgres();
  console.log(`\n${formatTable(messageFigures(m))}\n`);
  console.log(`read segments ${m.read.order}; errors audited ${m.read.a.errors}, bare ${m.read.b.errors}; attachment errors ${m.attachment.a.errors}/${m.attachment.b.errors} ${[...m.read.a.errorSamples, ...m.attachment.a.errorSamples, ...m.attachment.b.errorSamples].slice(0, 2).join(' / ')}`);
}

async function bookingOnPglite(): Promise<BookingResult> {
  const scratch = createScratchDir('relief-bench-pglite');
  try {
    return await runBookingThroughput({ dataDir: scratch.dir }, () => openPglite(scratch.dir), {
      clients: CLIENTS, seconds: SECONDS, warmupSeconds: 2, server: PROFILE_DIR ? { cpuProfileDir: path.join(PROFILE_DIR, 'pglite') } : {},
    });
  } finally {
    await scratch.remove();
  }
}

async function searchOnPostgres(): Promise<SearchResult> {
  const scratch = await createScratchDatabase();
  const db = openPostgres(scratch.url, { poolSize: 4, applicationName: 'relief-bench' });
  try {
    return await runSlotSearch(db, { iterations: ITERATIONS, warmup: 5, timeBaseline: true });
  } finally {
    await db.close();
    await scratch.drop();
  }
}

async function searchOnPglite(): Promise<SearchResult> {
  const scratch = createScratchDir('relief-bench-pglite');
  const db = await openPglite(scratch.dir);
  try {
    // The naive SQL runs once here, for the set-equality check; its timing is the PostgreSQL run's business.
    return await runSlotSearch(db, { iterations: ITERATIONS, warmup: 5, timeBaseline: false });
  } finally {
    await db.close();
    await scratch.remove();
  }
}

function figuresOf(r: { pgbench: { tps: number }; bookingFloor: PgbenchRun; bookingPg: BookingResult; readPg: ReadResult; bookingLite: BookingResult; searchPg: SearchResult; searchLite: SearchResult }): Figure[] {
  const perSec = (x: number, unit: string) => `${x.toFixed(1)} ${unit}`;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return [
    {
      workload: 'Booking over HTTP, PostgreSQL (16 clients)', measured: perSec(r.bookingPg.bookingsPerSec, 'bookings/s'),
      baseline: perSec(r.pgbench.tps, 'TPC-B tps (pgbench, mean)'), ratio: r.bookingPg.bookingsPerSec / r.pgbench.tps, target: null,
    },
    {
      workload: "Booking's writes alone (pgbench script), PostgreSQL", measured: perSec(r.bookingFloor.tps, 'tps'),
      baseline: perSec(r.pgbench.tps, 'TPC-B tps (pgbench, mean)'), ratio: r.bookingFloor.tps / r.pgbench.tps, target: null,
    },
    {
      workload: "Booking over HTTP vs the booking's writes alone", measured: perSec(r.bookingPg.bookingsPerSec, 'bookings/s'),
      baseline: perSec(r.bookingFloor.tps, 'tps (writes alone, mean)'), ratio: r.bookingPg.bookingsPerSec / r.bookingFloor.tps, target: { atLeast: 0.4 },
    },
    {
      workload: 'Audited appointment read, PostgreSQL (16 clients)',
      measured: `${perSec(r.readPg.audited.requestsPerSec, 'reads/s')}, p50/p95 ${r.readPg.audited.latencyMs.p50.toFixed(1)}/${r.readPg.audited.latencyMs.p95.toFixed(1)} ms`,
      baseline: `${perSec(r.readPg.bare.requestsPerSec, 'reads/s')}, p50/p95 ${r.readPg.bare.latencyMs.p50.toFixed(1)}/${r.readPg.bare.latencyMs.p95.toFixed(1)} ms (bare route)`,
      ratio: r.readPg.audited.requestsPerSec / r.readPg.bare.requestsPerSec, target: { atLeast: 0.6 },
    },
    {
      workload: 'Slot search 14 d x 50 pract., PostgreSQL', measured: `engine p95 ${ms(r.searchPg.engineMs.p95)}`,
      baseline: `naive SQL p95 ${ms(r.searchPg.naiveMs!.p95)}`, ratio: r.searchPg.engineMs.p95 / r.searchPg.naiveMs!.p95, target: { atMost: 0.5 },
    },
    {
      workload: 'Booking over HTTP, PGlite vs PostgreSQL', measured: perSec(r.bookingLite.bookingsPerSec, 'bookings/s'),
      baseline: perSec(r.bookingPg.bookingsPerSec, 'bookings/s (PG)'), ratio: r.bookingLite.bookingsPerSec / r.bookingPg.bookingsPerSec, target: null,
    },
    {
      workload: 'Slot search, PGlite vs PostgreSQL', measured: `engine p95 ${ms(r.searchLite.engineMs.p95)}`,
      baseline: `engine p95 ${ms(r.searchPg.engineMs.p95)} (PG)`, ratio: r.searchLite.engineMs.p95 / r.searchPg.engineMs.p95, target: null,
    },
  ];
}

/** Booking over HTTP bracketed by its writes alone: the ratio the booking path is judged by, quickly. */
async function bookingOnly(): Promise<void> {
  log(`the booking's writes alone, before (${SECONDS} s)`);
  const before = await bookingFloorOnPostgres();
  log(`booking over HTTP on PostgreSQL (${SECONDS} s)`);
  const http = await bookingOnPostgres();
  log(`the booking's writes alone, after (${SECONDS} s)`);
  const after = await bookingFloorOnPostgres();
  const floor = (before.tps + after.tps) / 2;
  console.log(`booking over HTTP ${http.bookingsPerSec.toFixed(1)}/s (${http.conflicts} 409s, ${http.errors} errors; CPU ms per booking ${JSON.stringify(http.cpuMsPerBooking)}); writes alone ${before.tps.toFixed(1)} and ${after.tps.toFixed(1)} tps; ratio ${(http.bookingsPerSec / floor).toFixed(3)}`);
}

async function main(): Promise<void> {
  if (ONLY === 'booking') return bookingOnly();
  if (ONLY === 'messages') return messagesOnly();
  if (ONLY !== undefined) throw new Error(`--only=${ONLY}: the parts that run alone are 'booking' and 'messages'`);
  const started = Date.now();
  const postgresVersion = await serverVersion();
  log(`PostgreSQL ${postgresVersion} at ${new URL(ADMIN_URL).host}; ${os.cpus().length} CPUs; node ${process.version}`);
  const pgbench = await bracketWithPgbench(async () => {
    // The writes alone run just before and just after the booking, and their mean is its baseline, as TPC-B brackets both.
    log(`the booking's writes alone, as a pgbench script, before (${SECONDS} s)`);
    const before = await bookingFloorOnPostgres();
    log(`booking over HTTP on PostgreSQL (${SECONDS} s)`);
    const http = await bookingOnPostgres();
    log(`the booking's writes alone, after (${SECONDS} s)`);
    const after = await bookingFloorOnPostgres();
    return { http, floor: { tps: (before.tps + after.tps) / 2, transactions: before.transactions + after.transactions, runs: [before, after] } };
  });
  const { http: bookingPg, floor: bookingFloor } = pgbench.bracketed;
  log(`audited appointment read vs bare route on PostgreSQL (${SECONDS} s each, A B B A)`);
  const readPg = await auditedReadOnPostgres();
  log(`secure messages on PostgreSQL: reads vs bare route, 5 MB attachment vs bare driver (${SECONDS} s each side, A B B A)`);
  const messagesPg = await messagesOnPostgres();
  log(`booking over HTTP on PGlite (${SECONDS} s)`);
  const bookingLite = await bookingOnPglite();
  log(`slot search on PostgreSQL (${ITERATIONS} iterations each, engine and naive SQL)`);
  const searchPg = await searchOnPostgres();
  log(`slot search on PGlite (${ITERATIONS} iterations)`);
  const searchLite = await searchOnPglite();

  for (const [name, b] of [['PostgreSQL', bookingPg], ['PGlite', bookingLite]] as const) {
    if (b.errors > 0 || b.conflicts > 0) log(`warning: booking on ${name} had ${b.conflicts} 409s and ${b.errors} other failures, e.g. ${b.errorSamples[0]}`);
    if (b.exhausted) log(`warning: booking on ${name} ran out of distinct slots after ${b.elapsedS.toFixed(1)} s`);
  }
  if (readPg.audited.errors + readPg.bare.errors > 0) {
    log(`warning: the read workload had ${readPg.audited.errors} audited and ${readPg.bare.errors} bare failures, e.g. ${[...readPg.audited.errorSamples, ...readPg.bare.errorSamples][0]}`);
  }
  const figures = [...figuresOf({ pgbench, bookingFloor, bookingPg, readPg, bookingLite, searchPg, searchLite }), ...messageFigures(messagesPg)];
  console.log(`\n${formatTable(figures)}\n`);
  const cpus = os.cpus();
  writeResults(path.join(BENCH_DIR, 'results.json'), {
    date: new Date().toISOString(),
    durationS: round((Date.now() - started) / 1000, 1),
    machine: {
      cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', memoryMiB: Math.round(os.totalmem() / 2 ** 20), loadAverage: os.loadavg().map((x) => round(x, 2)),
      platform: `${os.platform()} ${os.release()}`, node: process.version, postgres: postgresVersion, pgbench: PGBENCH,
    },
    settings: { seconds: SECONDS, clients: CLIENTS, searchIterations: ITERATIONS },
    figures: figures.map((f) => ({ ...f, ratio: round(f.ratio, 4), result: verdict(f) })),
    raw: { pgbench: { settings: pgbench.settings, runs: pgbench.runs, meanTps: pgbench.tps }, bookingWritesAlone: bookingFloor, bookingPostgres: bookingPg, auditedReadPostgres: readPg, messagesPostgres: messagesPg, bookingPglite: bookingLite, searchPostgres: searchPg, searchPglite: searchLite },
  });
  log(`wrote bench/results.json in ${Math.round((Date.now() - started) / 1000)} s`);
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) return;
  interrupted = true;
  log('interrupted: dropping scratch databases');
  void cleanUpScratch().finally(() => process.exit(130));
});

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await cleanUpScratch();
}
