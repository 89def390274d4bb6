import { buildApp } from '../src/server/app.js';
import type { Db } from '../src/server/db/db.js';
import { migrate } from '../src/server/db/migrate.js';
import { fixedClock } from '../src/server/platform/clock.js';
import { DAY_MS, MINUTE_MS } from '../src/shared/time.js';
import { naiveOpenSlots, type NaiveSlot } from './naive-slots.js';
import { msSince, summarize, type Summary } from './stats.js';
import { bookPractitionerTime, type BookedLoad } from './synthetic-bookings.js';
import { buildSyntheticClinic, CONSULT, type ClinicShape } from './synthetic-clinic.js';

export const SEARCH_SHAPE: ClinicShape = {
  practitioners: 50, locations: 5, examRoomsPerLocation: 4, procedureRoomsPerLocation: 4, zone: 'America/Chicago',
};
/** 14 local days, Monday to Sunday week two; Chicago springs forward on Sunday 2027-03-14. */
const FROM = '2027-03-08';
const TO = '2027-03-21';
const NOW = Date.parse('2027-03-05T18:00:00Z');
const MIN_NOTICE_MIN = 120;
const HORIZON_DAYS = 90;

export interface SearchResult {
  clinic: ClinicShape & { days: number; from: string; to: string } & BookedLoad;
  slots: number;
  candidates: number;
  iterations: number;
  engineMs: Summary;
  /** Absent when only the set-equality check ran (PGlite). */
  naiveMs: Summary | null;
}

const key = (s: { start: number; practitionerId: string; locationId: string; roomId: string }) =>
  `${s.start}|${s.practitionerId}|${s.locationId}|${s.roomId}`;

/** Fails loudly unless both searches offer exactly the same (start, practitioner, location, room) set. */
function assertSameSlots(engine: NaiveSlot[], naive: NaiveSlot[]): void {
  const a = new Set(engine.map(key));
  const b = new Set(naive.map(key));
  const onlyEngine = [...a].filter((k) => !b.has(k));
  const onlyNaive = [...b].filter((k) => !a.has(k));
  if (a.size !== engine.length || b.size !== naive.length || onlyEngine.length > 0 || onlyNaive.length > 0) {
    throw new Error(
      `slot sets differ: engine ${engine.length} (${a.size} distinct), naive ${naive.length} (${b.size} distinct); ` +
        `only engine e.g. ${onlyEngine.slice(0, 3).join(', ')}; only naive e.g. ${onlyNaive.slice(0, 3).join(', ')}`,
    );
  }
}

/**
 * Slot search over 14 days, all practitioners, 60% of practitioner time booked:
 * the scheduling service's `availability` against the naive SQL baseline, on
 * the given (fresh) database, interleaved over the same number of iterations.
 */
export async function runSlotSearch(db: Db, opts: { iterations: number; warmup: number; timeBaseline: boolean }): Promise<SearchResult> {
  await migrate(db);
  const clinic = await buildSyntheticClinic(db, SEARCH_SHAPE);
  const load = await bookPractitionerTime(db, clinic, { from: FROM, to: TO, fraction: 0.6, seed: 42 });
  await db.exec('ANALYZE');
  const app = await buildApp({
    config: { publicUrl: 'http://relief.bench', serveWeb: false, logLevel: 'silent' },
    db, clock: fixedClock(NOW), mailer: null, organization: { id: clinic.organizationId, name: 'Bench Pain Clinics' },
  });
  await app.ready();
  try {
    const query = { visitType: clinic.consultVisitTypeId, from: FROM, to: TO };
    const engineSearch = async () => (await app.services.scheduling.availability(query)).slots;
    const naive = { organizationId: clinic.organizationId, visitTypeId: clinic.consultVisitTypeId, from: FROM, to: TO,
      earliest: NOW + MIN_NOTICE_MIN * MINUTE_MS, latest: NOW + HORIZON_DAYS * DAY_MS };
    const naiveSearch = () => naiveOpenSlots(db, naive);

    const engineSlots = (await engineSearch()).map((s) => ({ ...s, start: Date.parse(s.start) }));
    assertSameSlots(engineSlots, await naiveSearch());
    const candidates = await countCandidates(db);

    const engineMs: number[] = [];
    const naiveMs: number[] = [];
    const runs: [() => Promise<unknown>, number[]][] = [[engineSearch, engineMs]];
    if (opts.timeBaseline) runs.push([naiveSearch, naiveMs]);
    for (let i = 0; i < opts.warmup; i++) {
      for (const [fn] of runs) await fn();
    }
    for (let i = 0; i < opts.iterations; i++) {
      // Interleaved, alternating which goes first: drift in the machine hits both alike.
      runs.reverse();
      for (const [fn, sample] of runs) {
        const t0 = process.hrtime.bigint();
        await fn();
        sample.push(msSince(t0));
      }
    }
    return {
      clinic: { ...SEARCH_SHAPE, days: 14, from: FROM, to: TO, ...load },
      slots: engineSlots.length, candidates, iterations: opts.iterations,
      engineMs: summarize(engineMs), naiveMs: opts.timeBaseline ? summarize(naiveMs) : null,
    };
  } finally {
    await app.close();
  }
}

/** Grid starts before any busy filtering: the size of the problem. */
async function countCandidates(db: Db): Promise<number> {
  const row = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM working_hours w, generate_series($1::date, $2::date, interval '1 day') d
     CROSS JOIN LATERAL generate_series(0, (w.end_min - w.start_min - $3) / $4) k
     WHERE extract(dow FROM d) = w.weekday`,
    [FROM, TO, CONSULT.durationMin, CONSULT.slotStepMin],
  );
  return row!.n;
}
