import { joinWrites, shiftParams, type WritePart } from '../../db/compose.js';
import type { Queryable, ReadQuery } from '../../db/db.js';
import type { OnlinePolicy } from './engine/online-policy.js';
import type { SlotSearchInput, VisitRules } from './engine/slots.js';

const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;

export interface VisitTypeRow extends VisitRules {
  id: string;
  code: string;
  /** Who may book it online (issue 11). */
  online: OnlinePolicy;
  /** A retired visit type is booked no more; its visits already booked may still move. */
  active: boolean;
  nameEn: string;
  nameEs: string;
}

export interface SearchData extends Omit<SlotSearchInput, 'visit' | 'from' | 'to' | 'now' | 'locations' | 'locationHours'> {
  visit: VisitTypeRow | null;
  /** Whether the clinic takes bookings on its website (organization.online_booking). */
  onlineBooking: boolean;
  locationHours: NonNullable<SlotSearchInput['locationHours']>;
  locations: SearchLocation[];
  /** The stored first answer to the request's Idempotency-Key, if the key was used before. */
  prior: IdempotencyRecord | null;
  /** What the `alongside` query answered (one value), or null. */
  alongside: unknown;
}

export interface IdempotencyRecord {
  requestHash: string;
  response: unknown;
}

export interface SearchScope {
  organizationId: string;
  visitTypeId: string;
  practitionerId?: string | undefined;
  locationId?: string | undefined;
  /** Instants bounding the busy data to load (generous: a day either side of the local range). */
  loadFrom: number;
  loadTo: number;
  /**
   * A search for one start only (a booking): the busy time and time off
   * loaded are just those overlapping the held range of a visit of this type
   * starting then, buffers included, instead of [loadFrom, loadTo).
   */
  heldAt?: number | undefined;
  fromDate: string;
  toDate: string;
  /** An appointment being rescheduled does not block itself. */
  excludeAppointmentId?: string | undefined;
  /** Reads the answer stored for an idempotency key in the same round trip (a booking's first step); the booking's write claims it. */
  idempotency?: { scope: string; key: string } | undefined;
  /**
   * A query of another module's, run in the same round trip: one row of one
   * column at most (a booking asks for the patient it names).
   */
  alongside?: ReadQuery<unknown> | undefined;
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
       FROM location WHERE organization_id = $2 AND active AND ($4::uuid IS NULL OR id = $4)
     ), rm AS (
       SELECT r.id, r.location_id, r.capabilities FROM room r
       WHERE r.location_id IN (SELECT id FROM loc) AND r.active
         AND (SELECT room_capability FROM vt) = ANY (r.capabilities)
     ), span AS (
       SELECT CASE WHEN $12::float8 IS NULL THEN tstzrange(to_timestamp($5 / 1000.0), to_timestamp($6 / 1000.0))
         ELSE tstzrange(to_timestamp($12 / 1000.0) - make_interval(mins => vt.buffer_before_min),
           to_timestamp($12 / 1000.0) + make_interval(mins => vt.duration_min + vt.buffer_after_min)) END AS r
       FROM (SELECT 1) AS one LEFT JOIN vt ON true)
     SELECT
       (SELECT json_build_object('id', id, 'code', code, 'nameEn', name_en, 'nameEs', name_es,
          'durationMin', duration_min, 'bufferBeforeMin', buffer_before_min, 'bufferAfterMin', buffer_after_min,
          'roomCapability', room_capability, 'slotStepMin', slot_step_min, 'minNoticeMin', min_notice_min,
          'horizonDays', horizon_days, 'online', online, 'active', active) FROM vt) AS visit,
       (SELECT online_booking FROM organization WHERE id = $2) AS online_booking,
       (SELECT json_build_object('requestHash', request_hash, 'response', response) FROM idempotency_key
        WHERE $11::text IS NOT NULL AND organization_id = $2 AND scope = $10 AND key = $11 AND response IS NOT NULL) AS prior,
       ${s.alongside ? `(${shiftParams(s.alongside.sql, 12)})` : 'NULL'} AS alongside,
       (SELECT coalesce(json_agg(json_build_object('id', id, 'timeZone', time_zone, 'name', name, 'address', address, 'phone', phone)), '[]') FROM loc) AS locations,
       (SELECT coalesce(json_agg(id), '[]') FROM pr) AS practitioner_ids,
       (SELECT coalesce(json_agg(json_build_object('locationId', location_id, 'weekday', weekday, 'startMin', opens_min, 'endMin', closes_min)), '[]')
        FROM location_hours WHERE location_id IN (SELECT id FROM loc)) AS location_hours,
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
      s.idempotency?.scope ?? null,
      s.idempotency?.key ?? null,
      s.heldAt ?? null,
      ...(s.alongside?.params ?? []),
    ],
  );
  const r = row ?? {};
  return {
    prior: (r.prior as IdempotencyRecord | null) ?? null,
    alongside: r.alongside ?? null,
    visit: (r.visit as VisitTypeRow | null) ?? null,
    onlineBooking: r.online_booking === true,
    locationHours: r.location_hours as SearchData['locationHours'],
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


export interface NewBooking extends NewAppointment {
  id: string;
  /** The answer the request's Idempotency-Key stores, and the key (claimed here: a second claim fails with idempotency_key_pkey). */
  idempotency: { scope: string; key: string; requestHash: string; now: number; response: unknown } | null;
}

/**
 * A booking's writes in one statement, so in one round trip and all or
 * nothing: the Idempotency-Key with its answer, the appointment, whatever
 * other modules write with it (a new patient, the notice, the audit event:
 * `with`). Open desks are told after it commits (desk.repo notifyMany). The exclusion constraints decide
 * races, and a key already claimed fails the statement on its primary key.
 */
export async function insertBooking(db: Queryable, b: NewBooking, withParts: readonly WritePart[]): Promise<void> {
  const parts: WritePart[] = [...withParts];
  if (b.idempotency) {
    const k = b.idempotency;
    parts.push({
      sql: `INSERT INTO idempotency_key (organization_id, scope, key, request_hash, created_at, status_code, response)
       VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0), 201, $6::jsonb)`,
      params: [b.organizationId, k.scope, k.key, k.requestHash, k.now, JSON.stringify(k.response)],
    });
  }
  parts.push({
    sql: `INSERT INTO appointment (id, organization_id, patient_id, practitioner_id, location_id, room_id, visit_type_id,
       starts_at, ends_at, blocked, reason, heard_about, referring_doctor, booked_via, confirmation_code_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, to_timestamp($8 / 1000.0), to_timestamp($9 / 1000.0),
       tstzrange(to_timestamp($10 / 1000.0), to_timestamp($11 / 1000.0)), $12, $13, $14, $15, $16)`,
    params: [
      b.id, b.organizationId, b.patientId, b.practitionerId, b.locationId, b.roomId, b.visitTypeId, b.start, b.end, b.heldStart, b.heldEnd,
      b.reason, b.heardAbout, b.referringDoctor, b.bookedVia, b.codeHash,
    ],
  });
  const statement = joinWrites(parts, { sql: 'SELECT 1 AS booked', params: [] });
  await db.query(statement.sql, statement.params);
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
  visitTypeOnline: OnlinePolicy;
  /** Online cancel and reschedule close this many minutes before the start. */
  cancelCutoffMin: number;
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
       vt.online AS "visitTypeOnline", vt.cancel_cutoff_min AS "cancelCutoffMin",
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

/** Whether the clinic takes bookings on its website now. */
export async function isOnlineBookingOpen(db: Queryable, organizationId: string): Promise<boolean> {
  const row = await db.one<{ open: boolean }>('SELECT online_booking AS open FROM organization WHERE id = $1', [organizationId]);
  return row?.open === true;
}

/** Idempotency records answer retries for a day; after that they (and the codes they hold) are dropped. */
export async function purgeIdempotencyKeys(db: Queryable, organizationId: string, now: number): Promise<number> {
  const rows = await db.query('DELETE FROM idempotency_key WHERE organization_id = $1 AND created_at < to_timestamp($2 / 1000.0) - interval \'1 day\' RETURNING 1', [organizationId, now]);
  return rows.length;
}
