import type { Queryable, ReadQuery } from '../../db/db.js';
import { SCHEDULE_CHANNEL } from './desk.repo.js';
import type { SlotSearchInput, VisitRules } from './engine/slots.js';

const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;

export interface VisitTypeRow extends VisitRules {
  id: string;
  code: string;
  bookableOnline: boolean;
  nameEn: string;
  nameEs: string;
}

export interface SearchData extends Omit<SlotSearchInput, 'visit' | 'from' | 'to' | 'now' | 'locations'> {
  visit: VisitTypeRow | null;
  locations: SearchLocation[];
  /** With a claim: whether this request now owns the key. */
  claimed: boolean;
}

export interface SearchScope {
  organizationId: string;
  visitTypeId: string;
  practitionerId?: string | undefined;
  locationId?: string | undefined;
  /** Instants bounding the busy data to load (generous: a day either side of the local range). */
  loadFrom: number;
  loadTo: number;
  fromDate: string;
  toDate: string;
  /** An appointment being rescheduled does not block itself. */
  excludeAppointmentId?: string | undefined;
  /** Claims an idempotency key in the same round trip (a booking's first step), stamped with the app's clock. */
  claim?: { scope: string; key: string; requestHash: string; now: number } | undefined;
}

export interface SearchLocation {
  id: string;
  timeZone: string;
  name: string;
  address: string;
  phone: string;
}

/**
 * Everything a slot search needs, in one round trip: the visit type, candidate
 * locations, practitioners and capable rooms, hours, time off, holidays and
 * held ranges. Never one query per practitioner or per day.
 */
export async function loadSearchData(db: Queryable, s: SearchScope): Promise<SearchData> {
  const row = await db.one<Record<string, unknown>>(
    `WITH vt AS (
       SELECT * FROM visit_type WHERE id = $1 AND organization_id = $2
     ), pr AS (
       SELECT p.id FROM practitioner p
       JOIN practitioner_visit_type pvt ON pvt.practitioner_id = p.id AND pvt.visit_type_id = $1
       WHERE p.organization_id = $2 AND p.active AND ($3::uuid IS NULL OR p.id = $3)
     ), loc AS (
       SELECT id, time_zone, name, line1 || ', ' || city || ', ' || state || ' ' || postal_code AS address, phone
       FROM location WHERE organization_id = $2 AND ($4::uuid IS NULL OR id = $4)
     ), claim AS (
       INSERT INTO idempotency_key (organization_id, scope, key, request_hash, created_at)
       SELECT $2, $10, $11, $12, to_timestamp($13 / 1000.0) WHERE $11::text IS NOT NULL
       ON CONFLICT DO NOTHING RETURNING 1
     ), rm AS (
       SELECT r.id, r.location_id, r.capabilities FROM room r
       WHERE r.location_id IN (SELECT id FROM loc) AND r.active
         AND (SELECT room_capability FROM vt) = ANY (r.capabilities)
     ), span AS (SELECT tstzrange(to_timestamp($5 / 1000.0), to_timestamp($6 / 1000.0)) AS r)
     SELECT
       (SELECT json_build_object('id', id, 'code', code, 'nameEn', name_en, 'nameEs', name_es,
          'durationMin', duration_min, 'bufferBeforeMin', buffer_before_min, 'bufferAfterMin', buffer_after_min,
          'roomCapability', room_capability, 'slotStepMin', slot_step_min, 'minNoticeMin', min_notice_min,
          'horizonDays', horizon_days, 'bookableOnline', bookable_online) FROM vt) AS visit,
       (SELECT count(*) FROM claim)::int AS claimed,
       (SELECT coalesce(json_agg(json_build_object('id', id, 'timeZone', time_zone, 'name', name, 'address', address, 'phone', phone)), '[]') FROM loc) AS locations,
       (SELECT coalesce(json_agg(id), '[]') FROM pr) AS practitioner_ids,
       (SELECT coalesce(json_agg(json_build_object('id', id, 'locationId', location_id, 'capabilities', capabilities)), '[]') FROM rm) AS rooms,
       (SELECT coalesce(json_agg(json_build_object('practitionerId', practitioner_id, 'locationId', location_id,
          'weekday', weekday, 'startMin', start_min, 'endMin', end_min, 'validFrom', valid_from, 'validTo', valid_to)), '[]')
        FROM working_hours
        WHERE practitioner_id IN (SELECT id FROM pr) AND location_id IN (SELECT id FROM loc)
          AND (valid_from IS NULL OR valid_from <= $8::date) AND (valid_to IS NULL OR valid_to >= $7::date)) AS hours,
       (SELECT coalesce(json_agg(json_build_object('practitionerId', practitioner_id,
          'start', ${ms('lower(during)')}, 'end', ${ms('upper(during)')})), '[]')
        FROM time_off WHERE practitioner_id IN (SELECT id FROM pr) AND during && (SELECT r FROM span)) AS time_off,
       (SELECT coalesce(json_agg(json_build_object('locationId', location_id, 'date', day)), '[]')
        FROM holiday WHERE organization_id = $2 AND day BETWEEN $7::date AND $8::date) AS holidays,
       (SELECT coalesce(json_agg(json_build_object('practitionerId', practitioner_id,
          'start', ${ms('lower(blocked)')}, 'end', ${ms('upper(blocked)')})), '[]')
        FROM appointment
        WHERE practitioner_id IN (SELECT id FROM pr) AND status <> 'cancelled'
          AND blocked && (SELECT r FROM span) AND ($9::uuid IS NULL OR id <> $9)) AS practitioner_busy,
       (SELECT coalesce(json_agg(json_build_object('roomId', room_id,
          'start', ${ms('lower(blocked)')}, 'end', ${ms('upper(blocked)')})), '[]')
        FROM appointment
        WHERE room_id IN (SELECT id FROM rm) AND status <> 'cancelled'
          AND blocked && (SELECT r FROM span) AND ($9::uuid IS NULL OR id <> $9)) AS room_busy`,
    [
      s.visitTypeId,
      s.organizationId,
      s.practitionerId ?? null,
      s.locationId ?? null,
      s.loadFrom,
      s.loadTo,
      s.fromDate,
      s.toDate,
      s.excludeAppointmentId ?? null,
      s.claim?.scope ?? null,
      s.claim?.key ?? null,
      s.claim?.requestHash ?? null,
      s.claim?.now ?? null,
    ],
  );
  const r = row ?? {};
  return {
    claimed: r.claimed === 1,
    visit: (r.visit as VisitTypeRow | null) ?? null,
    locations: r.locations as SearchData['locations'],
    practitionerIds: r.practitioner_ids as string[],
    rooms: r.rooms as SearchData['rooms'],
    workingHours: r.hours as SearchData['workingHours'],
    timeOff: r.time_off as SearchData['timeOff'],
    holidays: r.holidays as SearchData['holidays'],
    practitionerBusy: r.practitioner_busy as SearchData['practitionerBusy'],
    roomBusy: r.room_busy as SearchData['roomBusy'],
  };
}

export interface NewPatient {
  organizationId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  preferredLanguage: 'en' | 'es';
}

export interface NewBooking extends Omit<NewAppointment, 'patientId'> {
  id: string;
  /** A new patient (matched on name, birth date and email), or an existing one by id. */
  patient: { details: NewPatient } | { id: string };
  idempotency: { scope: string; key: string; response: unknown } | null;
  notifyPayload: string;
}

/**
 * A booking's writes in one round trip: the patient (matched or created), the
 * appointment, the idempotent answer and the open desks' notification. Returns
 * nothing when an existing patient id is unknown.
 */
export async function insertBooking(db: Queryable, b: NewBooking): Promise<{ patientId: string; firstName: string; email: string; language: 'en' | 'es' } | undefined> {
  const d = 'details' in b.patient ? b.patient.details : null;
  return db.one(
    `WITH created AS (
       INSERT INTO patient (organization_id, first_name, last_name, date_of_birth, phone, email, preferred_language)
       SELECT $1, $2, $3, $4, $5, $6, $7 WHERE $8::uuid IS NULL
       ON CONFLICT (organization_id, date_of_birth, lower(last_name), lower(first_name), lower(email))
       DO UPDATE SET first_name = patient.first_name
       RETURNING id, first_name, email, preferred_language
     ), pt AS (
       SELECT * FROM created
       UNION ALL
       SELECT id, first_name, email, preferred_language FROM patient WHERE id = $8 AND organization_id = $1
     ), a AS (
       INSERT INTO appointment (id, organization_id, patient_id, practitioner_id, location_id, room_id, visit_type_id,
         starts_at, ends_at, blocked, reason, heard_about, referring_doctor, booked_via, confirmation_code_hash)
       SELECT $9, $1, pt.id, $10, $11, $12, $13, to_timestamp($14 / 1000.0), to_timestamp($15 / 1000.0),
         tstzrange(to_timestamp($16 / 1000.0), to_timestamp($17 / 1000.0)), $18, $19, $20, $21, $22
       FROM pt
       RETURNING id
     ), k AS (
       UPDATE idempotency_key SET status_code = 201, response = $25::jsonb
       WHERE $24::text IS NOT NULL AND organization_id = $1 AND scope = $23 AND key = $24 AND EXISTS (SELECT 1 FROM a)
     )
     SELECT pt.id AS "patientId", pt.first_name AS "firstName", pt.email, pt.preferred_language AS language,
       pg_notify('${SCHEDULE_CHANNEL}', $26)
     FROM pt, a`,
    [
      b.organizationId, d?.firstName ?? null, d?.lastName ?? null, d?.dateOfBirth ?? null, d?.phone ?? null, d?.email ?? null,
      d?.preferredLanguage ?? null, 'id' in b.patient ? b.patient.id : null,
      b.id, b.practitionerId, b.locationId, b.roomId, b.visitTypeId, b.start, b.end, b.heldStart, b.heldEnd,
      b.reason, b.heardAbout, b.referringDoctor, b.bookedVia, b.codeHash,
      b.idempotency?.scope ?? null, b.idempotency?.key ?? null, b.idempotency ? JSON.stringify(b.idempotency.response) : null,
      b.notifyPayload,
    ],
  );
}

export interface NewAppointment {
  organizationId: string;
  patientId: string;
  practitionerId: string;
  locationId: string;
  roomId: string;
  visitTypeId: string;
  start: number;
  end: number;
  heldStart: number;
  heldEnd: number;
  reason: string;
  heardAbout: string | null;
  referringDoctor: string | null;
  bookedVia: 'web' | 'staff';
  codeHash: string;
}

export interface AppointmentRow {
  id: string;
  organizationId: string;
  status: 'booked' | 'cancelled' | 'checked_in' | 'completed' | 'no_show';
  patientId: string;
  practitionerId: string;
  practitionerName: string;
  locationId: string;
  locationName: string;
  locationAddress: string;
  locationPhone: string;
  roomId: string;
  visitTypeId: string;
  visitTypeCode: string;
  timeZone: string;
  start: number;
  end: number;
  codeHash: string;
  cancelReason: string | null;
  patientFirstName: string;
  patientEmail: string;
  patientLanguage: 'en' | 'es';
}

export async function findAppointment(db: Queryable, organizationId: string, id: string, forUpdate = false): Promise<AppointmentRow | undefined> {
  return db.one<AppointmentRow>(
    `SELECT a.id, a.organization_id AS "organizationId", a.status, a.patient_id AS "patientId",
       a.practitioner_id AS "practitionerId", pr.name AS "practitionerName",
       a.location_id AS "locationId", l.name AS "locationName",
       l.line1 || ', ' || l.city || ', ' || l.state || ' ' || l.postal_code AS "locationAddress",
       l.phone AS "locationPhone", a.room_id AS "roomId", a.visit_type_id AS "visitTypeId", vt.code AS "visitTypeCode",
       l.time_zone AS "timeZone", ${ms('a.starts_at')} AS start, ${ms('a.ends_at')} AS "end",
       a.confirmation_code_hash AS "codeHash", a.cancel_reason AS "cancelReason",
       p.first_name AS "patientFirstName", p.email AS "patientEmail", p.preferred_language AS "patientLanguage"
     FROM appointment a
     JOIN location l ON l.id = a.location_id
     JOIN practitioner pr ON pr.id = a.practitioner_id
     JOIN visit_type vt ON vt.id = a.visit_type_id
     JOIN patient p ON p.id = a.patient_id
     WHERE a.id = $1 AND a.organization_id = $2
     ${forUpdate ? 'FOR UPDATE OF a' : ''}`,
    [id, organizationId],
  );
}

export async function cancelAppointment(db: Queryable, id: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE appointment SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), updated_at = now()
     WHERE id = $1`,
    [id, reason],
  );
}

export async function moveAppointment(
  db: Queryable,
  m: { id: string; practitionerId: string; locationId: string; roomId: string; start: number; end: number; heldStart: number; heldEnd: number },
): Promise<void> {
  await db.query(
    `UPDATE appointment SET practitioner_id = $2, location_id = $3, room_id = $4,
       starts_at = to_timestamp($5 / 1000.0), ends_at = to_timestamp($6 / 1000.0),
       blocked = tstzrange(to_timestamp($7 / 1000.0), to_timestamp($8 / 1000.0)), updated_at = now()
     WHERE id = $1`,
    [m.id, m.practitionerId, m.locationId, m.roomId, m.start, m.end, m.heldStart, m.heldEnd],
  );
}

/** The record of an idempotency key already used. */
export async function findIdempotencyRecord(db: Queryable, k: { organizationId: string; scope: string; key: string }) {
  return db.one<{ requestHash: string; statusCode: number | null; response: unknown }>(
    `SELECT request_hash AS "requestHash", status_code AS "statusCode", response
     FROM idempotency_key WHERE organization_id = $1 AND scope = $2 AND key = $3`,
    [k.organizationId, k.scope, k.key],
  );
}

export interface PatientAppointmentRow {
  id: string;
  status: string;
  start: number;
  end: number;
  timeZone: string;
  visitTypeId: string;
  practitionerId: string;
  locationId: string;
  roomId: string;
}

/** A patient's appointments, newest first, as a query to run (possibly with its audit event). */
export function appointmentsOfPatientQuery(organizationId: string, patientId: string): ReadQuery<PatientAppointmentRow> {
  return {
    sql: `SELECT a.id, a.status, ${ms('a.starts_at')} AS start, ${ms('a.ends_at')} AS "end", l.time_zone AS "timeZone",
       a.visit_type_id AS "visitTypeId", a.practitioner_id AS "practitionerId", a.location_id AS "locationId", a.room_id AS "roomId"
     FROM appointment a JOIN location l ON l.id = a.location_id
     WHERE a.organization_id = $1 AND a.patient_id = $2 ORDER BY a.starts_at DESC LIMIT 200`,
    params: [organizationId, patientId],
  };
}

/**
 * The care relationship the policy reads, as an access fact (see access's
 * FactSource): the practitioner has a visit with the patient that the clinic
 * put on the schedule (booked by staff) or that took place (checked in or
 * completed), and not cancelled. An online booking alone does not count:
 * anyone can book online under a patient's name, birth date and email, and a
 * clinician could otherwise book themselves into any chart without the
 * reason, time limit and review of emergency access.
 */
export const CARE_TEAM_FACT = `EXISTS (SELECT 1 FROM appointment
  WHERE organization_id = :organization AND practitioner_id = :practitioner AND patient_id = :patient
    AND status <> 'cancelled' AND (booked_via = 'staff' OR status IN ('checked_in', 'completed')))`;

/** Idempotency records answer retries for a day; after that they (and the codes they hold) are dropped. */
export async function purgeIdempotencyKeys(db: Queryable, organizationId: string, now: number): Promise<number> {
  const rows = await db.query('DELETE FROM idempotency_key WHERE organization_id = $1 AND created_at < to_timestamp($2 / 1000.0) - interval \'1 day\' RETURNING 1', [organizationId, now]);
  return rows.length;
}
