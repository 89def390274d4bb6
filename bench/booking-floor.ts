import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../src/server/db/db.js';
import { migrate } from '../src/server/db/migrate.js';
import { renderNotice } from '../src/server/modules/notices/engine/templates.js';
import { BOOKING_SHAPE } from './booking-throughput.js';
import { PGBENCH, type PgbenchRun, type PgbenchSettings } from './pgbench.js';
import { buildSyntheticClinic } from './synthetic-clinic.js';

const run = promisify(execFile);

/**
 * The booking's writes alone, as a pgbench custom script: what a booking
 * costs PostgreSQL with no HTTP, no application, no slot check and no audit
 * sealing. One transaction of five statements, like TPC-B, writing what a
 * booking writes: the patient, the appointment (three exclusion constraints),
 * the idempotency record with its stored answer, the outbox notices (the real
 * rendered confirmation and the two reminders, 48 h and 2 h before, that a
 * new patient's booking writes by email since issue 12) and the audit event. Each practitioner books into a room of
 * its own, and every appointment takes the next 40-minute step of one sequence
 * far in the future, and every patient the next number of another, so no two
 * transactions ever meet (a collision would abort a pgbench client: random
 * steps and random patient names each did, about one run in ten). It bounds the HTTP booking figure from above: the ratio
 * floor TPS / TPC-B TPS is the most the booking ratio could be.
 */
const SCRIPT = `\\set n random(0, ${BOOKING_SHAPE.practitioners - 1})
\\set s random(0, 99999999)
BEGIN;
INSERT INTO patient (organization_id, first_name, last_name, date_of_birth, phone, email, preferred_language)
  SELECT organization_id, 'Load', 'Floor' || p.k, '1968-04-12', '(512) 555-0101', 'floor' || p.k || '@example.com', 'en'
  FROM bench_floor_slot, (SELECT nextval('bench_floor_patient') AS k) p WHERE n = :n RETURNING id AS patient_id \\gset
INSERT INTO appointment (organization_id, patient_id, practitioner_id, location_id, room_id, visit_type_id, starts_at, ends_at, blocked,
    reason, booked_via, confirmation_code_hash)
  SELECT organization_id, :patient_id::uuid, practitioner_id, location_id, room_id, visit_type_id, t, t + interval '30 minutes',
    tstzrange(t, t + interval '40 minutes'), 'Low back pain after surgery', 'web', md5(:s::text || :client_id)
  FROM bench_floor_slot, (SELECT timestamptz '2040-01-01 00:00Z' + nextval('bench_floor_step') * interval '40 minutes' AS t) x WHERE n = :n
  RETURNING id AS appointment_id, organization_id \\gset
INSERT INTO idempotency_key (organization_id, scope, key, request_hash, status_code, response)
  SELECT :organization_id::uuid, 'POST /api/appointments', gen_random_uuid()::text, md5(:appointment_id::text), 201, response FROM bench_floor_answer;
INSERT INTO outbox (organization_id, channel, recipient, subject, body_text, body_html, attachments, template, language, subject_type, subject_id,
    appointment_id, next_attempt_at, kind, patient_id, expires_at)
  SELECT :organization_id::uuid, 'email', 'floor' || :s || '@example.com', subject, body_text, body_html, '[]', template, 'en', 'appointment',
    :appointment_id::uuid, :appointment_id::uuid, now() + due_in, kind, :patient_id::uuid, CASE WHEN kind = 'appointment_reminder' THEN now() + interval '30 days' END
  FROM bench_floor_notice;
INSERT INTO audit_event (organization_id, occurred_at, actor_user_id, actor_role, action, resource_type, resource_id, patient_id,
    source_ip, user_agent, outcome, reason, request_id)
  VALUES (:organization_id::uuid, now(), NULL, 'anonymous', 'appointment.create', 'appointment', :appointment_id::text, :patient_id::uuid,
    '127.0.0.1', NULL, 'success', NULL, 'req-' || :s);
END;
`;

/**
 * Prepares `db` (a fresh database) for the floor script: the migrations, the
 * booking workload's synthetic clinic, a practitioner-to-own-room map and one
 * rendered notice and stored answer to copy.
 */
export async function prepareBookingFloor(db: Db): Promise<void> {
  await migrate(db);
  const clinic = await buildSyntheticClinic(db, BOOKING_SHAPE);
  const where = {
    firstName: 'Load', start: Date.UTC(2040, 0, 2, 14), timeZone: BOOKING_SHAPE.zone, locationName: 'Bench 1',
    locationAddress: '100 Main Street, Chicago, IL 60601', locationPhone: '(312) 555-0100', appointmentId: '00000000-0000-4000-8000-000000000000',
  };
  const ctx = { clinicName: 'Bench Pain Clinics', publicUrl: 'http://127.0.0.1:3000' };
  // What a new patient's booking writes (scheduling/appointment-notice.ts): the confirmation now, a reminder 48 h and 2 h before.
  const notices = [
    { template: 'appointment.booked', kind: 'appointment_change', dueIn: '0', r: renderNotice('appointment.booked', { ...where, confirmationCode: 'J9X42AHG' }, 'en', ctx) },
    { template: 'appointment.reminder', kind: 'appointment_reminder', dueIn: '28 days', r: renderNotice('appointment.reminder', { ...where, hoursBefore: 48 }, 'en', ctx) },
    { template: 'appointment.reminder', kind: 'appointment_reminder', dueIn: '29 days', r: renderNotice('appointment.reminder', { ...where, hoursBefore: 2 }, 'en', ctx) },
  ];
  // The answer the booking stores for its Idempotency-Key, at its real size.
  const response = {
    appointment: {
      id: '00000000-0000-4000-8000-000000000000', status: 'booked', visitTypeId: clinic.consultVisitTypeId,
      practitionerId: clinic.practitionerIds[0], locationId: clinic.locations[0]!.id, roomId: clinic.locations[0]!.examRoomIds[0],
      start: '2040-01-02T08:00:00-06:00', end: '2040-01-02T08:30:00-06:00', timeZone: BOOKING_SHAPE.zone, patientFirstName: 'Load', cancelReason: null,
    },
    confirmationCode: 'J9X42AHG',
  };
  await db.exec(`CREATE SEQUENCE bench_floor_step;
    CREATE SEQUENCE bench_floor_patient;
    CREATE TABLE bench_floor_slot (n int PRIMARY KEY, organization_id uuid, practitioner_id uuid, location_id uuid, room_id uuid, visit_type_id uuid);
    CREATE TABLE bench_floor_notice (template text, kind text, due_in interval, subject text, body_text text, body_html text);
    CREATE TABLE bench_floor_answer (response jsonb)`);
  await db.tx(async (t) => {
    const perLocation = BOOKING_SHAPE.practitioners / BOOKING_SHAPE.locations;
    for (let n = 0; n < BOOKING_SHAPE.practitioners; n++) {
      const location = clinic.locations[n % BOOKING_SHAPE.locations]!;
      const room = location.examRoomIds[Math.floor(n / BOOKING_SHAPE.locations) % perLocation]!;
      await t.query('INSERT INTO bench_floor_slot VALUES ($1, $2, $3, $4, $5, $6)', [n, clinic.organizationId, clinic.practitionerIds[n], location.id, room, clinic.consultVisitTypeId]);
    }
    for (const n of notices) await t.query('INSERT INTO bench_floor_notice VALUES ($1, $2, $3::interval, $4, $5, $6)', [n.template, n.kind, n.dueIn, n.r.subject, n.r.text, n.r.html]);
    await t.query('INSERT INTO bench_floor_answer VALUES ($1)', [JSON.stringify(response)]);
  });
}

/** One timed run of the floor script: `-c -j -T -M prepared`, TPS without connection time. */
export async function runBookingFloor(url: string, r: PgbenchSettings): Promise<PgbenchRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relief-floor-'));
  const file = path.join(dir, 'booking-floor.sql');
  fs.writeFileSync(file, SCRIPT);
  try {
    const { stdout } = await run(
      PGBENCH,
      ['-n', '-f', file, '-c', String(r.clients), '-j', String(r.threads), '-T', String(r.seconds), '-M', 'prepared', url],
      { maxBuffer: 16 << 20 },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const done = /number of transactions actually processed: (\d+)/.exec(stdout);
    const failed = /number of failed transactions: (\d+)/.exec(stdout);
    if (!tps) throw new Error(`could not read TPS from pgbench:\n${stdout}`);
    if (failed && Number(failed[1]) > 0) throw new Error(`the booking floor script failed ${failed[1]} transactions:\n${stdout}`);
    return { tps: Number(tps[1]), transactions: Number(done?.[1] ?? Number.NaN) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
