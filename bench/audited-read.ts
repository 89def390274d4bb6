import pg from 'pg';
import { migrate } from '../src/server/db/migrate.js';
import { openPostgres } from '../src/server/db/postgres.js';
import { createAuditService } from '../src/server/modules/audit/index.js';
import { createIdentityService } from '../src/server/modules/identity/index.js';
import { systemClock } from '../src/server/platform/clock.js';
import { addDays, localDateOf, localToInstant, MINUTE_MS } from '../src/shared/time.js';
import { BOOKING_SHAPE } from './booking-throughput.js';
import { runAbba, runGetLoad, type SideFigures } from './abba.js';
import { keepAliveAgent, request } from './http-client.js';
import { startServer, type ServerProcess } from './server-process.js';
import { buildSyntheticClinic, type SyntheticClinic } from './synthetic-clinic.js';

/** The patient whose record is read: weekly visits from 8 weeks ago to 3 weeks ahead (one cancelled). */
const OWN_VISITS = 12;
/** Other patients' visits in the table: 49 practitioners x 100 (one patient each). */
const BACKGROUND_PER_PRACTITIONER = 100;
const PASSWORD = 'a long passphrase for the bench';
const EMAIL = 'bench.patient@example.com';

/** One side of a read workload over its measured segments (bench/abba.ts). */
export type ReadSide = SideFigures;

export interface ReadResult {
  clients: number;
  /** Measured segments in order, each `segmentSeconds` long: A = audited, B = bare. */
  order: string;
  segmentSeconds: number;
  warmupSeconds: number;
  patientAppointments: number;
  otherAppointments: number;
  responseBytes: number;
  audited: ReadSide;
  bare: ReadSide;
  segments: { side: 'audited' | 'bare'; requestsPerSec: number }[];
  /** 200s during each side's warm-up. */
  warmupRequests: { audited: number; bare: number };
  /** appointment.read audit events written by the server vs audited 200s it answered (warm-up and checks included). */
  auditEvents: { written: number; auditedAnswers: number };
  serverLogTail?: string;
}

interface Seeded {
  clinic: SyntheticClinic;
  patientId: string;
  otherAppointments: number;
}

/**
 * The clinic of the booking workload; practitioner i always uses exam room
 * floor(i / 5) of location i % 5, so no two visits ever share a room or a
 * practitioner's time. Inserted in SQL, as in synthetic-bookings.ts.
 */
async function seed(url: string): Promise<Seeded> {
  const db = openPostgres(url, { poolSize: 2, applicationName: 'relief-bench' });
  try {
    await migrate(db);
    const clinic = await buildSyntheticClinic(db, BOOKING_SHAPE);
    const zone = BOOKING_SHAPE.zone;
    const roomOf = (p: number) => {
      const loc = clinic.locations[p % clinic.locations.length]!;
      return { locationId: loc.id, roomId: loc.examRoomIds[Math.floor(p / clinic.locations.length)]! };
    };
    const today = localDateOf(Date.now(), zone);
    const visits: { patient: number; practitionerId: string; locationId: string; roomId: string; start: number; status: string }[] = [];
    for (let w = 0; w < OWN_VISITS; w++) {
      const start = localToInstant(addDays(today, (w - 8) * 7), '09:00', zone);
      const status = w === 9 ? 'cancelled' : start < Date.now() ? 'completed' : 'booked';
      visits.push({ patient: 0, practitionerId: clinic.practitionerIds[0]!, ...roomOf(0), start, status });
    }
    const base = localToInstant(addDays(today, -30), '08:00', zone);
    for (let p = 1; p < clinic.practitionerIds.length; p++) {
      for (let k = 0; k < BACKGROUND_PER_PRACTITIONER; k++) {
        visits.push({ patient: visits.length, practitionerId: clinic.practitionerIds[p]!, ...roomOf(p), start: base + k * 40 * MINUTE_MS, status: 'completed' });
      }
    }
    const patientCount = visits.length - OWN_VISITS + 1;
    const patients = await db.query<{ id: string }>(
      `INSERT INTO patient (organization_id, first_name, last_name, date_of_birth, phone, email)
       SELECT $1, 'Bench', 'Reader' || g, DATE '1970-01-01', '(312) 555-0100', 'reader' || g || '@example.com'
       FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
      [clinic.organizationId, patientCount],
    );
    const patientIdOf = (v: (typeof visits)[number]) => patients[v.patient === 0 ? 0 : v.patient - OWN_VISITS + 1]!.id;
    const rows = visits.map((v) => ({ ...v, patientId: patientIdOf(v), end: v.start + 30 * MINUTE_MS }));
    await db.query(
      `INSERT INTO appointment (organization_id, patient_id, practitioner_id, location_id, room_id, visit_type_id,
         starts_at, ends_at, blocked, status, cancelled_at, reason, booked_via, confirmation_code_hash)
       SELECT $1, x."patientId", x."practitionerId", x."locationId", x."roomId", $2,
         to_timestamp(x.start / 1000.0), to_timestamp(x."end" / 1000.0),
         tstzrange(to_timestamp(x.start / 1000.0), to_timestamp(x."end" / 1000.0 + 600)), x.status,
         CASE WHEN x.status = 'cancelled' THEN now() END, 'Follow-up', 'staff', md5(x."patientId"::text)
       FROM json_to_recordset($3::json) AS x("patientId" uuid, "practitionerId" uuid, "locationId" uuid, "roomId" uuid,
         start float8, "end" float8, status text)`,
      [clinic.organizationId, clinic.consultVisitTypeId, JSON.stringify(rows)],
    );
    await db.exec('ANALYZE');
    const patientId = patients[0]!.id;
    // A patient account for that record, created as admin-cli.ts creates accounts.
    const audit = createAuditService({ db, clock: systemClock, organizationId: clinic.organizationId });
    const identity = createIdentityService({
      db, clock: systemClock, organizationId: clinic.organizationId, clinicName: () => 'Bench Pain Clinics', publicUrl: 'http://localhost', audit,
      enqueueNotice: async () => undefined, afterCommit: () => undefined,
    });
    await identity.createUser({ email: EMAIL, displayName: 'Bench Reader', role: 'patient', password: PASSWORD, patientId });
    return { clinic, patientId, otherAppointments: rows.length - OWN_VISITS };
  } finally {
    await db.close();
  }
}

/** Signs the patient in over HTTP (patients have no second factor); returns the session cookie. */
async function signIn(server: ServerProcess): Promise<string> {
  const agent = keepAliveAgent(1);
  try {
    const res = await request(agent, `${server.baseUrl}/api/session`, { method: 'POST', body: { email: EMAIL, password: PASSWORD } });
    const body = res.status === 200 ? (JSON.parse(res.body) as { next?: string }) : {};
    if (res.status !== 200 || body.next !== 'done') throw new Error(`sign-in failed: ${res.status} ${res.body}`);
    const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('relief_session='));
    if (!cookie) throw new Error('sign-in answered no session cookie');
    return cookie.split(';')[0]!;
  } finally {
    agent.destroy();
  }
}

/**
 * A patient reads their own appointments, GET /api/patients/:id/appointments,
 * through the real server (session, policy, audit event per read), against the
 * same query answered by a bare Fastify route (bench/bare-read-server.ts) on
 * the same database. Both servers run as child processes for the whole run;
 * the measured segments go A B B A (A = audited), repeated, so drift in the
 * machine's load hits both sides alike. Each audited segment ends when its
 * events are sealed: its time includes its sealing, and none runs in a bare one.
 */
export async function runAuditedRead(
  target: { url: string; database: string },
  r: { clients: number; seconds: number; warmupSeconds: number; profileDir?: string },
): Promise<ReadResult> {
  const seeded = await seed(target.url);
  const profile = (name: string) => (r.profileDir ? { cpuProfileDir: `${r.profileDir}/${name}` } : {});
  const audited = await startServer({ url: target.url }, profile('read-audited'));
  const watcher = new pg.Client({ connectionString: target.url, application_name: 'relief-bench' });
  let bare: ServerProcess | undefined;
  try {
    bare = await startServer({ url: target.url }, { ...profile('read-bare'), entry: 'bench/bare-read-server.ts' });
    await watcher.connect();
    const cookie = await signIn(audited);
    const path = `/api/patients/${seeded.patientId}/appointments`;
    const sides = {
      audited: { url: `${audited.baseUrl}${path}`, headers: { cookie, 'user-agent': 'relief-bench' }, pid: audited.pid },
      bare: { url: `${bare.baseUrl}${path}`, headers: { 'user-agent': 'relief-bench' }, pid: bare.pid },
    };
    let auditedAnswers = 0;

    // Both must answer the same JSON before either is timed.
    const agent = keepAliveAgent(r.clients);
    const [a, b] = [await request(agent, sides.audited.url, { headers: sides.audited.headers }), await request(agent, sides.bare.url, { headers: sides.bare.headers })];
    if (a.status !== 200 || b.status !== 200) throw new Error(`a read failed: audited ${a.status} ${a.body.slice(0, 200)}; bare ${b.status} ${b.body.slice(0, 200)}`);
    auditedAnswers++;
    const items = (JSON.parse(a.body) as { items: unknown[] }).items;
    if (a.body !== b.body) throw new Error(`the audited and the bare read answer differently:\n${a.body.slice(0, 400)}\n${b.body.slice(0, 400)}`);
    if (items.length !== OWN_VISITS) throw new Error(`expected ${OWN_VISITS} appointments, got ${items.length}`);

    // Seals what the audited side left, as the server's own timer would: an
    // audited segment's clock (and CPU count) runs until its events are sealed,
    // so the audited side pays for all of its sealing and none runs in a bare one.
    const sealAll = async () => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { rows } = await watcher.query<{ n: number }>(
          'SELECT audit_seal($1) AS n',
          [seeded.clinic.organizationId],
        );
        if (rows[0]!.n === 0) return;
        if (Date.now() > deadline) throw new Error('the audit trail is still unsealed after 30 s');
      }
    };

    const warmupRequests = { audited: 0, bare: 0 };
    for (const side of ['audited', 'bare'] as const) {
      const warm = await runGetLoad(agent, () => sides[side].url, sides[side].headers, r.clients, r.warmupSeconds);
      warmupRequests[side] = warm.ok;
      if (side === 'audited') auditedAnswers += warm.ok;
      if (warm.ok === 0) throw new Error(`no ${side} read succeeded in the warm-up: ${warm.errorSamples.join(' / ')}\n${audited.outputTail()}`);
    }

    // A B B A, repeated (bench/abba.ts). Each audited segment ends when its events are sealed.
    await sealAll();
    const load = (side: 'audited' | 'bare') => (seconds: number) => runGetLoad(agent, () => sides[side].url, sides[side].headers, r.clients, seconds);
    const abba = await runAbba({
      a: { pid: sides.audited.pid, segment: load('audited'), finish: sealAll },
      b: { pid: sides.bare.pid, segment: load('bare') },
    }, r.seconds, target.database);
    auditedAnswers += abba.a.requests;
    agent.destroy();
    // Every audited answer must have left its audit event (allowing a server that writes them shortly after answering).
    let written = 0;
    for (const deadline = Date.now() + 10_000; ; await new Promise((res) => setTimeout(res, 100))) {
      const { rows } = await watcher.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'appointment.read' AND outcome = 'success'");
      written = rows[0]!.n;
      if (written >= auditedAnswers) break;
      if (Date.now() > deadline) throw new Error(`the audited read is not audited: ${auditedAnswers} answers, ${written} appointment.read events`);
    }

    const result: ReadResult = {
      clients: r.clients, order: abba.order, segmentSeconds: abba.segmentSeconds, warmupSeconds: r.warmupSeconds,
      patientAppointments: OWN_VISITS, otherAppointments: seeded.otherAppointments, responseBytes: a.body.length,
      audited: abba.a, bare: abba.b, segments: abba.segments.map((x) => ({ side: x.side === 'a' ? 'audited' : 'bare', requestsPerSec: x.requestsPerSec })), warmupRequests,
      auditEvents: { written, auditedAnswers },
    };
    if (result.audited.errors + result.bare.errors > 0) result.serverLogTail = audited.outputTail().slice(-2000) + bare.outputTail().slice(-1000);
    return result;
  } finally {
    await watcher.end().catch(() => undefined);
    await bare?.stop();
    await audited.stop();
  }
}
