/**
 * Crash test: "nothing acknowledged is lost" (DESIGN.md invariant "Nothing
 * confirmed is lost") and "no double booking", on PGlite and/or PostgreSQL.
 *
 * Each round starts the real server as a child node process, streams online
 * bookings (some deliberately colliding on one slot) from concurrent loops,
 * SIGKILLs the server at a random moment, restarts it and checks that every
 * booking answered 201 is still there, booked, through the API; at the end
 * (and every round on PostgreSQL) it checks the same through SQL, plus that no
 * two live appointments overlap for a practitioner, a room or a patient.
 *
 *   npm run crash-test -- [--db pglite|postgres|both] [--rounds N] [--concurrency C] [--seed S] [--message-rounds M]
 *
 * Then the same for secure messages with attachments (scripts/crash-test-messages.ts), M rounds.
 *
 * Loopback only. Exits non-zero if anything acknowledged was lost or overlaps.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { CrashHarness, crashDbs, crashSeed, emptyTally, type CrashOptions, type CrashTally } from './crash-harness.js';
import { openCrashTarget, ROOT, Server, sleep } from './crash-server.js';
import { formatMessagesSummary, type MessagesCrashResult, runMessagesCrashTest } from './crash-test-messages.js';

export type { CrashDb } from './crash-server.js';

export interface CrashTestResult extends CrashTally {
  acknowledged: number;
  missing: number;
  /** Acknowledged but changed: status not booked, or start/practitioner/room differ. */
  altered: number;
  overlaps: number;
  /** Requests answered 409 (deliberate collisions and natural overlaps). */
  conflicts409: number;
  /** Deliberate same-slot collisions sent (pairs of requests for one slot). */
  collisionsSent: number;
  /** Appointments in the database that no 201 accounts for (every in-flight request is retried with its key, so: 0). */
  unacknowledgedRows: number;
  /** Audit events sealed and verified after the last kill; breaks found, and bookings in the table without their appointment.create event. */
  auditEvents: number;
  auditBreaks: number;
  unauditedBookings: number;
  ok: boolean;
}

interface SlotT {
  start: string;
  end: string;
  practitionerId: string;
  locationId: string;
  roomId: string;
}

interface Booked {
  id: string;
  code: string;
  start: string;
  practitionerId: string;
  roomId: string;
  key: string;
  body: BookingBody;
  round: number;
}

interface BookingBody {
  visitTypeId: string;
  practitionerId: string;
  locationId: string;
  start: string;
  patient: { firstName: string; lastName: string; dateOfBirth: string; phone: string; email: string; preferredLanguage: 'en' | 'es' };
  reason: string;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET ${url.replace(/code=[^&]+/, 'code=…')} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** All open consult slots over the next ~60 days, in ranges of at most 31 days. */
async function fetchSlots(base: string, visitTypeId: string): Promise<SlotT[]> {
  const day = 86_400_000;
  const now = Date.now();
  const out: SlotT[] = [];
  for (const [a, b] of [[2, 31], [32, 61]] as const) {
    const r = await getJson<{ slots: SlotT[] }>(`${base}/api/availability?visitType=${visitTypeId}&from=${isoDate(now + a * day)}&to=${isoDate(now + b * day)}`);
    out.push(...r.slots);
  }
  return out;
}

/** Non-cancelled pairs that overlap for the same practitioner, room or patient, computed without the exclusion indexes. */
const OVERLAP_SQL = `
  SELECT count(*)::int AS n FROM appointment a JOIN appointment b ON a.id < b.id
  WHERE a.status <> 'cancelled' AND b.status <> 'cancelled' AND (
    (a.practitioner_id = b.practitioner_id AND a.blocked && b.blocked) OR
    (a.room_id = b.room_id AND a.blocked && b.blocked) OR
    (a.patient_id = b.patient_id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)))`;

const ACKED_SQL = `SELECT id::text AS id, status, practitioner_id::text AS practitioner_id, room_id::text AS room_id, starts_at FROM appointment WHERE id = ANY($1::uuid[])`;

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** SQL verification: every acknowledged id present and booked with the same start/practitioner/room; no overlaps. */
async function verifySql(query: Query, acked: Booked[]): Promise<{ missing: Booked[]; altered: Booked[]; overlaps: number; total: number }> {
  const rows = await query<{ id: string; status: string; practitioner_id: string; room_id: string; starts_at: Date | string }>(ACKED_SQL, [acked.map((b) => b.id)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing: Booked[] = [];
  const altered: Booked[] = [];
  for (const b of acked) {
    const r = byId.get(b.id);
    if (!r) missing.push(b);
    else if (r.status !== 'booked' || r.practitioner_id !== b.practitionerId || r.room_id !== b.roomId || new Date(r.starts_at).getTime() !== Date.parse(b.start)) altered.push(b);
  }
  const overlaps = (await query<{ n: number }>(OVERLAP_SQL))[0]!.n;
  // The rows this test's own patients hold (the demo seed adds visits of its own patients around today).
  const total = (await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appointment a JOIN patient p ON p.id = a.patient_id WHERE p.email LIKE 'crash-%'`,
  ))[0]!.n;
  return { missing, altered, overlaps, total };
}

/**
 * The audit trail after the kills: every event sealed and every block and
 * digest recomputed (the audit module's own verification), and every booking
 * in the table with the appointment.create event its transaction wrote.
 */
async function verifyAuditTrail(query: Query): Promise<{ events: number; breaks: string[]; unaudited: number }> {
  const repo = (await import(pathToFileURL(path.join(ROOT, 'src/server/modules/audit/audit.repo.ts')).href)) as typeof import('../src/server/modules/audit/audit.repo.js');
  const engine = (await import(pathToFileURL(path.join(ROOT, 'src/server/modules/audit/engine/verify-chain.ts')).href)) as typeof import('../src/server/modules/audit/engine/verify-chain.js');
  const q = { query: <T>(sql: string, params?: readonly unknown[]) => query<T>(sql, params ? [...params] : []), one: async <T>(sql: string, params?: readonly unknown[]) => (await query<T>(sql, params ? [...params] : []))[0] };
  let events = 0;
  const breaks: string[] = [];
  for (const { id } of await query<{ id: string }>('SELECT id FROM organization')) {
    await repo.seal(q, id); // one call seals everything whose transaction has ended, in as many blocks as it takes
    const blocks = await repo.readBlocks(q, id);
    events += blocks.reduce((n, b) => n + b.events, 0);
    breaks.push(...engine.verifyChain(blocks, await repo.findEventFaults(q, id)).map((b) => b.message));
  }
  const unaudited = (await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appointment a WHERE NOT EXISTS
       (SELECT 1 FROM audit_event e WHERE e.action = 'appointment.create' AND e.resource_id = a.id::text AND e.outcome = 'success')`,
  ))[0]!.n;
  return { events, breaks, unaudited };
}

/** API verification: GET /api/appointments/:id?code= must answer 200, booked, same slot. */
async function verifyApi(base: string, acked: Booked[], parallel = 8): Promise<{ missing: Booked[]; altered: Booked[]; errors: string[] }> {
  const missing: Booked[] = [];
  const altered: Booked[] = [];
  const errors: string[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (i < acked.length) {
        const b = acked[i++]!;
        const res = await fetch(`${base}/api/appointments/${b.id}?code=${b.code}`, { signal: AbortSignal.timeout(10_000) });
        if (res.status === 404) {
          missing.push(b);
          continue;
        }
        if (res.status !== 200) {
          // Cannot verify through the API; the final SQL check still covers it.
          errors.push(`GET /api/appointments/${b.id} → ${res.status}: ${(await res.text()).slice(0, 200)}`);
          continue;
        }
        const a = (await res.json()) as { status: string; start: string; practitionerId: string; roomId: string };
        if (a.status !== 'booked' || a.practitionerId !== b.practitionerId || a.roomId !== b.roomId || Date.parse(a.start) !== Date.parse(b.start)) altered.push(b);
      }
    }),
  );
  return { missing, altered, errors };
}

export async function runCrashTest(opts: CrashOptions): Promise<CrashTestResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const { seed, rand, runId } = crashSeed(opts.seed);
  const killMax = opts.killMaxMs ?? 1500;
  const result: CrashTestResult = {
    ...emptyTally(opts.db), acknowledged: 0, missing: 0, altered: 0, overlaps: 0, conflicts409: 0, collisionsSent: 0,
    unacknowledgedRows: 0, auditEvents: 0, auditBreaks: 0, unauditedBookings: 0, ok: false,
  };
  const target = await openCrashTarget({ db: opts.db, databaseUrl: opts.databaseUrl, runId, poolSize: opts.concurrency + 2, log: (l) => log(`${l}, seed ${seed}`) });
  const server = new Server(target.env);
  const acked: Booked[] = [];
  let seq = 0;

  const post = async (base: string, key: string, body: BookingBody, signal?: AbortSignal) =>
    fetch(`${base}/api/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });

  const record = (res: { appointment: { id: string; start: string; practitionerId: string; roomId: string; status: string }; confirmationCode: string }, key: string, body: BookingBody, round: number) => {
    const a = res.appointment;
    if (a.status !== 'booked' || Date.parse(a.start) !== Date.parse(body.start) || a.practitionerId !== body.practitionerId) {
      problem(`201 for ${key} does not match its request: ${JSON.stringify(a)}`);
    }
    acked.push({ id: a.id, code: res.confirmationCode, start: a.start, practitionerId: a.practitionerId, roomId: a.roomId, key, body, round });
  };
  const h = new CrashHarness<{ key: string; body: BookingBody }>(result, {
    send: (r) => post(server.base, r.key, r.body),
    acknowledged: (r, body, round) => record(body as Parameters<typeof record>[0], r.key, r.body, round),
    refused: (status, text, what) => {
      if (status === 409) result.conflicts409++;
      else h.unexpected(status, text, what);
    },
  }, log);
  const problem = (p: string) => h.problem(p);

  const reportApiErrors = (label: string, errors: string[]) => {
    if (errors.length === 0) return;
    result.serverErrors += errors.length;
    problem(`${label}: ${errors.length} appointment(s) could not be read through the API, e.g. ${errors[0]}`);
  };
  const lostIds = new Set<string>();
  const alteredIds = new Set<string>();
  const verifyAll = async (label: string, list: Booked[], viaSql: boolean) => {
    const api = await verifyApi(server.base, list);
    reportApiErrors(label, api.errors);
    let sqlMissing: Booked[] = [];
    let sqlAltered: Booked[] = [];
    let overlaps = 0;
    if (viaSql) {
      const s = await target.withQuery((q) => verifySql(q, acked));
      sqlMissing = s.missing;
      sqlAltered = s.altered;
      overlaps = s.overlaps;
    }
    const missing = new Set([...api.missing, ...sqlMissing].map((b) => b.id));
    const altered = new Set([...api.altered, ...sqlAltered].map((b) => b.id));
    for (const b of acked.filter((x) => missing.has(x.id))) problem(`${label}: acknowledged booking ${b.id} (${b.start}, round ${b.round}, key ${b.key}) is missing`);
    for (const b of acked.filter((x) => altered.has(x.id))) problem(`${label}: acknowledged booking ${b.id} (${b.start}, round ${b.round}) changed`);
    if (overlaps > 0) problem(`${label}: ${overlaps} overlapping pairs of live appointments`);
    for (const id of missing) lostIds.add(id);
    for (const id of altered) alteredIds.add(id);
    return { missing: missing.size, altered: altered.size, overlaps, checked: list.length };
  };
  let checked = { missing: 0, altered: 0, overlaps: 0, checked: 0 };

  await h.run({
    server, target, rand, rounds: opts.rounds, concurrency: opts.concurrency, killMinMs: opts.killMinMs ?? 50, killMaxMs: killMax,

    async afterStart(round) {
      // What the previous kill put at risk (PostgreSQL: everything, also via SQL).
      const prev = round === 1 ? [] : acked.filter((b) => b.round === round - 1);
      checked = await verifyAll(`after kill ${round - 1}`, opts.db === 'postgres' ? acked : prev, opts.db === 'postgres');
      // Re-post a few acknowledged bookings with their key: the stored answer must come back.
      for (const b of prev.slice(0, 3)) await h.checkReplay(b, b.id, (body) => (body as { appointment?: { id: string } } | null)?.appointment?.id);
      await h.retryPending(round);
    },

    async stream(round) {
      // Every round: if a kill lost the seeded clinic itself, the ids change (and the checks above say so).
      const vt = await getJson<{ items: { id: string; code: string; bookableOnline: boolean }[] }>(`${server.base}/api/visit-types`);
      const consult = vt.items.find((x) => x.bookableOnline);
      if (!consult) throw new Error('no visit type is bookable online');
      const consultId = consult.id;
      const slots = await fetchSlots(server.base, consultId);
      // Shuffle, so the loops spread over practitioners and days.
      for (let i = slots.length - 1; i > 0; i--) {
        const j = rand.int(0, i);
        [slots[i], slots[j]] = [slots[j]!, slots[i]!];
      }

      let acks = 0;
      let c409 = 0;
      const makeBody = (slot: SlotT): BookingBody => {
        seq++;
        return {
          visitTypeId: consultId,
          practitionerId: slot.practitionerId,
          locationId: slot.locationId,
          start: slot.start,
          patient: {
            firstName: 'Crash',
            lastName: `Test${runId}x${seq}`,
            dateOfBirth: '1970-01-15',
            phone: '(512) 555-0100',
            email: `crash-${runId}-${seq}@example.com`,
            preferredLanguage: 'en',
          },
          reason: 'Crash test booking',
        };
      };
      const attempt = async (slot: SlotT): Promise<void> => {
        const status = await h.attempt({ key: `crash-${runId}-${randomUUID()}`, body: makeBody(slot) }, `POST /api/appointments ${slot.start}`, round);
        if (status === 201) acks++;
        else if (status === 409) c409++;
      };
      // Pace the loops so the ~60 days of open slots last every round: about `budget`
      // slots per round, spread over the longest kill delay (no pacing when slots abound).
      const budget = Math.min(slots.length, Math.max(2 * opts.concurrency, Math.floor((slots.length * 0.9) / (opts.rounds - round + 1))));
      const interval = (opts.concurrency * killMax) / budget;
      let next = 0;
      let collisions = 0;
      return {
        async loop(killed) {
          while (!killed() && next < budget) {
            const slot = slots[next++]!;
            const t = Date.now();
            if (rand.next() < 0.2) {
              // A deliberate collision: two patients race for the same slot; exactly one may win.
              collisions++;
              result.collisionsSent++;
              await Promise.all([attempt(slot), attempt(slot)]);
            } else {
              await attempt(slot);
            }
            const wait = (interval - (Date.now() - t)) * (0.5 + rand.next());
            if (wait > 1 && !killed()) await sleep(wait);
          }
        },
        describe(inFlight) {
          if (next >= slots.length) log(`  note: round ${round} ran out of open slots (${slots.length})`);
          return `201 ${acks}, 409 ${c409}, collisions ${collisions}, in flight ${inFlight}; ` +
            `checked ${checked.checked} acknowledged${opts.db === 'postgres' ? ' (API+SQL)' : ' of the previous round (API)'}: missing ${checked.missing}, changed ${checked.altered}, overlaps ${checked.overlaps}`;
        },
      };
    },

    async final(round) {
      await h.retryPending(round);
      const api = await verifyApi(server.base, acked);
      reportApiErrors('final API check', api.errors);
      for (const b of api.missing) if (!lostIds.has(b.id)) problem(`final API check: acknowledged booking ${b.id} (${b.start}, round ${b.round}) is missing`);
      for (const b of api.altered) if (!alteredIds.has(b.id)) problem(`final API check: acknowledged booking ${b.id} (${b.start}, round ${b.round}) changed`);
      for (const b of api.missing) lostIds.add(b.id);
      for (const b of api.altered) alteredIds.add(b.id);
    },

    async checkSql(query) {
      const sql = await verifySql(query, acked);
      const trail = await verifyAuditTrail(query);
      for (const b of trail.breaks) problem(`audit trail: ${b}`);
      if (trail.unaudited > 0) problem(`audit trail: ${trail.unaudited} appointments have no appointment.create event`);
      result.auditEvents = trail.events;
      result.auditBreaks = trail.breaks.length;
      result.unauditedBookings = trail.unaudited;
      log(`[${opts.db}] audit trail: ${trail.events} events sealed and verified, ${trail.breaks.length} breaks, ${trail.unaudited} bookings without their event`);
      for (const b of sql.missing) {
        if (!lostIds.has(b.id)) problem(`final SQL check: acknowledged booking ${b.id} (${b.start}, round ${b.round}) is missing`);
        lostIds.add(b.id);
      }
      for (const b of sql.altered) {
        if (!alteredIds.has(b.id)) problem(`final SQL check: acknowledged booking ${b.id} (${b.start}, round ${b.round}) changed`);
        alteredIds.add(b.id);
      }
      if (sql.overlaps > 0) problem(`final SQL check: ${sql.overlaps} overlapping pairs of live appointments`);
      // Every unknown-outcome request was retried with its key, so each row must belong to an acknowledged booking.
      result.unacknowledgedRows = sql.total - (acked.length - sql.missing.length);
      if (result.unacknowledgedRows !== 0) problem(`final SQL check: ${result.unacknowledgedRows} appointments in the database were never acknowledged, although every in-flight request was retried with its Idempotency-Key`);
      result.overlaps = sql.overlaps;
      log(`[${opts.db}] final SQL check: ${sql.total} appointments in the database, ${acked.length} acknowledged, missing ${sql.missing.length}, changed ${sql.altered.length}, overlaps ${sql.overlaps}`);
    },
  });
  result.acknowledged = acked.length;
  result.missing = lostIds.size;
  result.altered = alteredIds.size;
  result.ok =
    result.problems.length === 0 && result.missing === 0 && result.altered === 0 && result.overlaps === 0 && result.startFailures === 0 && result.rounds === opts.rounds &&
    result.auditBreaks === 0 && result.unauditedBookings === 0;
  return result;
}

export function formatSummary(r: CrashTestResult): string {
  return (
    `[${r.db}] ${r.ok ? 'PASS' : 'FAIL'}: rounds ${r.rounds}, acknowledged ${r.acknowledged}, missing ${r.missing}, changed ${r.altered}, overlaps ${r.overlaps}, ` +
    `409s ${r.conflicts409} (deliberate collisions ${r.collisionsSent}), in flight at kill ${r.inFlight} (retries replayed ${r.retriedReplayed}), ` +
    `replay mismatches ${r.replayMismatches}, unacknowledged rows ${r.unacknowledgedRows}, audit events verified ${r.auditEvents} (breaks ${r.auditBreaks}, bookings without event ${r.unauditedBookings}), 5xx ${r.serverErrors}, other 4xx ${r.otherErrors}, failed restarts ${r.startFailures}`
  );
}

async function cli(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      rounds: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '8' },
      seed: { type: 'string' },
      // The secure-messages rounds (scripts/crash-test-messages.ts) that follow the booking rounds; 0 skips them.
      'message-rounds': { type: 'string', default: '4' },
    },
    strict: true,
  });
  const url = process.env.DATABASE_URL;
  const dbs = crashDbs(values.db, url);
  const rounds = Number.parseInt(values.rounds, 10);
  const concurrency = Number.parseInt(values.concurrency, 10);
  if (!(rounds >= 1) || !(concurrency >= 1)) throw new Error('--rounds and --concurrency must be positive integers');
  const results: CrashTestResult[] = [];
  for (const db of dbs) {
    results.push(await runCrashTest({ db, rounds, concurrency, databaseUrl: url, ...(values.seed ? { seed: Number(values.seed) } : {}) }));
  }
  const messageRounds = Number.parseInt(values['message-rounds'], 10);
  const messages: MessagesCrashResult[] = [];
  for (const db of messageRounds > 0 ? dbs : []) {
    messages.push(await runMessagesCrashTest({ db, rounds: messageRounds, concurrency: 4, databaseUrl: url, ...(values.seed ? { seed: Number(values.seed) } : {}) }));
  }
  console.log('\nSummary');
  for (const r of results) console.log(formatSummary(r));
  for (const r of messages) console.log(formatMessagesSummary(r));
  process.exitCode = results.every((r) => r.ok) && messages.every((r) => r.ok) ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch((err) => {
    console.error((err as Error).message);
    process.exitCode = 2;
  });
}
