import type { Queryable } from '../db/db.js';
import type { PlanClinic } from './demo-plan.js';

/** SQL of the demo activity seed: what the plan reads of the clinic, and the rows it writes. */
const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;

/** Whether any of these emails is already a patient's (the demo's patients are seeded once). */
export async function anyPatientWithEmail(db: Queryable, organizationId: string, emails: readonly string[]): Promise<boolean> {
  const row = await db.one('SELECT 1 AS found FROM patient WHERE organization_id = $1 AND lower(email) = ANY($2::text[]) LIMIT 1', [organizationId, emails.map((e) => e.toLowerCase())]);
  return row !== undefined;
}

/** The clinic's active settings, and what is already busy between two instants (dates for holidays). */
export async function loadPlanClinic(db: Queryable, q: { organizationId: string; from: number; to: number; fromDate: string; toDate: string }): Promise<PlanClinic> {
  const org = q.organizationId;
  const regionIds = (await db.query<{ id: string }>('SELECT id FROM region WHERE organization_id = $1 ORDER BY sort, name', [org])).map((r) => r.id);
  const locations = await db.query<PlanClinic['locations'][number]>(
    `SELECT l.id, l.region_id AS "regionId", l.time_zone AS "timeZone",
       coalesce((SELECT json_agg(json_build_object('weekday', h.weekday, 'opensMin', h.opens_min, 'closesMin', h.closes_min))
                 FROM location_hours h WHERE h.location_id = l.id), '[]'::json) AS hours
     FROM location l WHERE l.organization_id = $1 AND l.active ORDER BY l.sort, l.name`,
    [org],
  );
  const rooms = await db.query<PlanClinic['rooms'][number]>(
    `SELECT id, location_id AS "locationId", capabilities FROM room WHERE organization_id = $1 AND active ORDER BY location_id, name`, [org]);
  const visitTypes = await db.query<PlanClinic['visitTypes'][number]>(
    `SELECT id, code, duration_min AS "durationMin", buffer_before_min AS "bufferBeforeMin", buffer_after_min AS "bufferAfterMin",
       room_capability AS "roomCapability", online = 'anyone' AS "bookableOnline"
     FROM visit_type WHERE organization_id = $1 AND active ORDER BY sort, code`, [org]);
  const practitioners = await db.query<PlanClinic['practitioners'][number]>(
    `SELECT p.id, coalesce(json_agg(pv.visit_type_id) FILTER (WHERE pv.visit_type_id IS NOT NULL), '[]'::json) AS "visitTypeIds"
     FROM practitioner p LEFT JOIN practitioner_visit_type pv ON pv.practitioner_id = p.id
     WHERE p.organization_id = $1 AND p.active GROUP BY p.id ORDER BY p.sort, p.name`, [org]);
  const workingHours = await db.query<PlanClinic['workingHours'][number]>(
    `SELECT practitioner_id AS "practitionerId", location_id AS "locationId", weekday::int AS weekday, start_min::int AS "startMin",
       end_min::int AS "endMin", valid_from::text AS "validFrom", valid_to::text AS "validTo"
     FROM working_hours WHERE organization_id = $1`, [org]);
  const holidays = await db.query<PlanClinic['holidays'][number]>(
    'SELECT location_id AS "locationId", day::text AS date FROM holiday WHERE organization_id = $1 AND day BETWEEN $2::date AND $3::date',
    [org, q.fromDate, q.toDate]);
  const busy = await db.query<PlanClinic['busy'][number]>(
    `SELECT practitioner_id AS "practitionerId", room_id AS "roomId", ${ms('lower(blocked)')} AS start, ${ms('upper(blocked)')} AS "end"
       FROM appointment
      WHERE organization_id = $1 AND status <> 'cancelled' AND blocked && tstzrange(to_timestamp($2 / 1000.0), to_timestamp($3 / 1000.0))
     UNION ALL
     SELECT practitioner_id, NULL, ${ms('lower(during)')}, ${ms('upper(during)')}
       FROM time_off WHERE organization_id = $1 AND during && tstzrange(to_timestamp($2 / 1000.0), to_timestamp($3 / 1000.0))`,
    [org, q.from, q.to]);
  return { regionIds, locations, rooms, visitTypes, practitioners, workingHours, holidays, busy };
}

export interface NewDemoPatient {
  id: string; firstName: string; lastName: string; dateOfBirth: string; phone: string; email: string; preferredLanguage: 'en' | 'es';
}

/** Every patient in one statement. */
export async function insertPatients(db: Queryable, organizationId: string, rows: readonly NewDemoPatient[]): Promise<void> {
  const col = <K extends keyof NewDemoPatient>(k: K) => rows.map((r) => r[k]);
  await db.query(
    `INSERT INTO patient (id, organization_id, first_name, last_name, date_of_birth, phone, email, preferred_language)
     SELECT id, $1, first_name, last_name, dob::date, phone, email, lang
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS x(id, first_name, last_name, dob, phone, email, lang)`,
    [organizationId, col('id'), col('firstName'), col('lastName'), col('dateOfBirth'), col('phone'), col('email'), col('preferredLanguage')],
  );
}

export interface NewDemoAppointment {
  id: string; patientId: string; practitionerId: string; locationId: string; roomId: string; visitTypeId: string;
  start: number; end: number; heldStart: number; heldEnd: number; status: string; reason: string; bookedVia: 'web' | 'staff';
  codeHash: string; cancelReason: string | null; cancelledAt: number | null; createdAt: number; updatedAt: number;
}

/** Every visit in one statement; the exclusion constraints still check each one. */
export async function insertAppointments(db: Queryable, organizationId: string, rows: readonly NewDemoAppointment[]): Promise<void> {
  const col = <K extends keyof NewDemoAppointment>(k: K) => rows.map((r) => r[k]);
  await db.query(
    `INSERT INTO appointment (id, organization_id, patient_id, practitioner_id, location_id, room_id, visit_type_id, starts_at, ends_at,
       blocked, status, reason, booked_via, confirmation_code_hash, cancel_reason, cancelled_at, created_at, updated_at)
     SELECT id, $1, patient_id, practitioner_id, location_id, room_id, visit_type_id, to_timestamp(s / 1000.0), to_timestamp(e / 1000.0),
       tstzrange(to_timestamp(hs / 1000.0), to_timestamp(he / 1000.0)), status, reason, via, code_hash, cancel_reason,
       to_timestamp(cancelled / 1000.0), to_timestamp(created / 1000.0), to_timestamp(updated / 1000.0)
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::float8[], $9::float8[], $10::float8[],
                   $11::float8[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::float8[], $18::float8[], $19::float8[])
         AS x(id, patient_id, practitioner_id, location_id, room_id, visit_type_id, s, e, hs, he, status, reason, via, code_hash,
              cancel_reason, cancelled, created, updated)`,
    [
      organizationId, col('id'), col('patientId'), col('practitionerId'), col('locationId'), col('roomId'), col('visitTypeId'),
      col('start'), col('end'), col('heldStart'), col('heldEnd'), col('status'), col('reason'), col('bookedVia'), col('codeHash'),
      col('cancelReason'), col('cancelledAt'), col('createdAt'), col('updatedAt'),
    ],
  );
}
