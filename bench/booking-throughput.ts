import type { Db } from '../src/server/db/db.js';
import { migrate } from '../src/server/db/migrate.js';
import { startCpuAccounting, type CpuSplit } from './cpu-usage.js';
import { fetchDistinctSlots, runBookingLoad, SlotQueue, type LoadResult } from './booking-load.js';
import { startServer } from './server-process.js';
import { buildSyntheticClinic, type ClinicShape } from './synthetic-clinic.js';

/** Practitioner-bound, not room-bound: every location has a room per practitioner working there. */
export const BOOKING_SHAPE: ClinicShape = {
  practitioners: 50, locations: 5, examRoomsPerLocation: 10, procedureRoomsPerLocation: 0, zone: 'America/Chicago',
};

export interface BookingResult extends LoadResult {
  warmup: { seconds: number; created: number; conflicts: number; errors: number };
  /** CPU ms per created booking during the measured run, by process (diagnostics). */
  cpuMsPerBooking: CpuSplit;
  /** What the server logged, when any request failed. */
  serverLogTail?: string;
}

export type BookingTarget = { url: string; database: string } | { dataDir: string };

/**
 * Bookings per second over HTTP against the real server in a child process.
 * `prepare` opens the fresh database in this process (to migrate and build the
 * clinic) and closes it again before the server takes it over.
 */
export async function runBookingThroughput(
  target: BookingTarget,
  prepare: () => Promise<Db>,
  r: { clients: number; seconds: number; warmupSeconds: number; server?: Parameters<typeof startServer>[1] },
): Promise<BookingResult> {
  const db = await prepare();
  let clinic;
  try {
    await migrate(db);
    clinic = await buildSyntheticClinic(db, BOOKING_SHAPE);
  } finally {
    await db.close();
  }
  const server = await startServer('url' in target ? { url: target.url } : target, r.server);
  try {
    const slots = await fetchDistinctSlots(server.baseUrl, {
      visitTypeId: clinic.consultVisitTypeId, zone: BOOKING_SHAPE.zone, roomsPerLocation: BOOKING_SHAPE.examRoomsPerLocation,
      want: 30_000, horizonDays: 90,
    });
    const queue = new SlotQueue(slots);
    const load = { visitTypeId: clinic.consultVisitTypeId, clients: r.clients };
    const warm = await runBookingLoad(server.baseUrl, queue, { ...load, seconds: r.warmupSeconds });
    if (warm.created === 0) throw new Error(`no booking succeeded in the warm-up: ${warm.errorSamples.join(' / ')}\n${server.outputTail()}`);
    const cpu = startCpuAccounting(server.pid, 'database' in target ? target.database : null);
    const measured = await runBookingLoad(server.baseUrl, queue, { ...load, seconds: r.seconds });
    return {
      ...measured,
      cpuMsPerBooking: cpu.stop(measured.created),
      ...(measured.errors + warm.errors > 0 ? { serverLogTail: server.outputTail().slice(-2000) } : {}),
      warmup: { seconds: r.warmupSeconds, created: warm.created, conflicts: warm.conflicts, errors: warm.errors },
    };
  } finally {
    await server.stop();
  }
}
