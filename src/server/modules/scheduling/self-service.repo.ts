import { joinWrites, type WritePart } from '../../db/compose.js';
import type { Queryable, ReadQuery } from '../../db/db.js';
import type { OnlinePolicy } from './engine/online-policy.js';

/** SQL of the patient's self-service (issue 12): what they may book, their home, and requests the desk books. */

const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;

export interface SelfServiceFacts {
  visits: { status: string; end: number }[];
  visitTypes: { id: string; online: OnlinePolicy }[];
  patient: { firstName: string; email: string; language: 'en' | 'es' } | null;
}

/** The patient's visits (status and end, to tell an established patient) and the active visit types, in one round trip. */
export async function loadSelfServiceFacts(db: Queryable, organizationId: string, patientId: string): Promise<SelfServiceFacts> {
  const row = await db.one<{ visits: SelfServiceFacts['visits'] | null; visit_types: SelfServiceFacts['visitTypes'] | null; patient: SelfServiceFacts['patient'] }>(
    `SELECT
       (SELECT json_agg(json_build_object('status', a.status, 'end', ${ms('a.ends_at')}))
          FROM appointment a WHERE a.organization_id = $1 AND a.patient_id = $2 AND a.status <> 'cancelled') AS visits,
       (SELECT json_agg(json_build_object('id', v.id, 'online', v.online) ORDER BY v.name_en)
          FROM visit_type v WHERE v.organization_id = $1 AND v.active) AS visit_types,
       (SELECT json_build_object('firstName', p.first_name, 'email', p.email, 'language', p.preferred_language)
          FROM patient p WHERE p.organization_id = $1 AND p.id = $2) AS patient`,
    [organizationId, patientId],
  );
  return { visits: row?.visits ?? [], visitTypes: row?.visit_types ?? [], patient: row?.patient ?? null };
}

export interface HomeVisitRow {
  id: string;
  status: string;
  start: number;
  end: number;
  timeZone: string;
  visitTypeId: string;
  practitionerId: string;
  locationId: string;
  locationName: string;
  locationPhone: string;
  practitionerName: string;
  visitTypeNameEn: string;
  visitTypeNameEs: string;
  instructionsEn: string;
  instructionsEs: string;
  cancelCutoffMin: number;
}

/** The patient's visits not yet over, soonest first, with what the home shows of each (read through audit.readAudited). */
export function homeVisitsQuery(organizationId: string, patientId: string, now: number): ReadQuery<HomeVisitRow> {
  return {
    sql: `SELECT a.id, a.status, ${ms('a.starts_at')} AS start, ${ms('a.ends_at')} AS "end", l.time_zone AS "timeZone",
       a.visit_type_id AS "visitTypeId", a.practitioner_id AS "practitionerId", a.location_id AS "locationId",
       l.name AS "locationName", l.phone AS "locationPhone", pr.name AS "practitionerName",
       vt.name_en AS "visitTypeNameEn", vt.name_es AS "visitTypeNameEs", vt.instructions_en AS "instructionsEn", vt.instructions_es AS "instructionsEs",
       vt.cancel_cutoff_min AS "cancelCutoffMin"
     FROM appointment a
     JOIN location l ON l.id = a.location_id
     JOIN practitioner pr ON pr.id = a.practitioner_id
     JOIN visit_type vt ON vt.id = a.visit_type_id
     WHERE a.organization_id = $1 AND a.patient_id = $2 AND a.status IN ('booked', 'checked_in') AND a.ends_at > to_timestamp($3 / 1000.0)
     ORDER BY a.starts_at LIMIT 20`,
    params: [organizationId, patientId, now],
  };
}

export interface RequestRow {
  id: string;
  patientId: string;
  visitTypeId: string;
  locationId: string | null;
  preferredDays: number[];
  preferredTimes: ('morning' | 'afternoon' | 'evening')[];
  note: string;
  status: 'open' | 'booked' | 'declined' | 'withdrawn';
  createdAt: number;
  decidedAt: number | null;
  declineReason: string | null;
  appointmentId: string | null;
}

export interface StaffRequestRow extends RequestRow {
  patientName: string;
  patientFirstName: string;
  patientLastName: string;
  patientDateOfBirth: string;
  patientPhone: string | null;
  patientLanguage: 'en' | 'es';
}

const REQUEST_COLUMNS = `r.id, r.patient_id AS "patientId", r.visit_type_id AS "visitTypeId", r.location_id AS "locationId",
  r.preferred_days AS "preferredDays", r.preferred_times AS "preferredTimes", r.note, r.status,
  ${ms('r.created_at')} AS "createdAt", ${ms('r.decided_at')} AS "decidedAt", r.decline_reason AS "declineReason", r.appointment_id AS "appointmentId"`;

// PGlite answers a smallint[] as numbers, node-postgres too; both answer text[] as strings.
const toRequest = <R extends RequestRow>(r: R): R => ({ ...r, preferredDays: r.preferredDays.map(Number) });

/** One patient's requests, newest first (the last 50). */
export function requestsOfPatientQuery(organizationId: string, patientId: string): ReadQuery<RequestRow> {
  return {
    sql: `SELECT ${REQUEST_COLUMNS} FROM appointment_request r
     WHERE r.organization_id = $1 AND r.patient_id = $2 ORDER BY r.created_at DESC LIMIT 50`,
    params: [organizationId, patientId],
  };
}

/** The same list, read for the home (whose read event the visits' statement already wrote). */
export async function requestsOfPatient(db: Queryable, organizationId: string, patientId: string): Promise<RequestRow[]> {
  const q = requestsOfPatientQuery(organizationId, patientId);
  return db.query<RequestRow>(q.sql, q.params);
}

export const mapRequests = <R extends RequestRow>(rows: R[]): R[] => rows.map(toRequest);

export interface NewRequest {
  id: string;
  organizationId: string;
  patientId: string;
  visitTypeId: string;
  locationId: string | null;
  preferredDays: number[];
  preferredTimes: string[];
  note: string;
  requestedBy: string | null;
  now: number;
}

/** A new request, with whatever other modules write with it (the notice, the audit event), in one statement. */
export async function insertRequest(db: Queryable, r: NewRequest, withParts: readonly WritePart[]): Promise<RequestRow> {
  const insert = {
    sql: `INSERT INTO appointment_request (id, organization_id, patient_id, visit_type_id, location_id, preferred_days, preferred_times, note, requested_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::smallint[], $7::text[], $8, $9, to_timestamp($10 / 1000.0))`,
    params: [r.id, r.organizationId, r.patientId, r.visitTypeId, r.locationId, r.preferredDays, r.preferredTimes, r.note, r.requestedBy, r.now],
  };
  const statement = joinWrites([...withParts, insert], { sql: 'SELECT 1 AS requested', params: [] });
  await db.query(statement.sql, statement.params);
  return {
    id: r.id, patientId: r.patientId, visitTypeId: r.visitTypeId, locationId: r.locationId, preferredDays: r.preferredDays,
    preferredTimes: r.preferredTimes as RequestRow['preferredTimes'], note: r.note, status: 'open', createdAt: r.now, decidedAt: null, declineReason: null, appointmentId: null,
  };
}

const STAFF_COLUMNS = `${REQUEST_COLUMNS}, p.first_name || ' ' || p.last_name AS "patientName", p.first_name AS "patientFirstName", p.last_name AS "patientLastName", to_char(p.date_of_birth, 'YYYY-MM-DD') AS "patientDateOfBirth",
  NULLIF(p.phone, '') AS "patientPhone", p.preferred_language AS "patientLanguage"`;

/** The desk's list: open requests, oldest first (at most 200). */
export async function openRequests(db: Queryable, organizationId: string): Promise<StaffRequestRow[]> {
  const rows = await db.query<StaffRequestRow>(
    `SELECT ${STAFF_COLUMNS} FROM appointment_request r JOIN patient p ON p.id = r.patient_id
     WHERE r.organization_id = $1 AND r.status = 'open' ORDER BY r.created_at LIMIT 200`,
    [organizationId],
  );
  return rows.map(toRequest);
}

export async function findRequest(db: Queryable, organizationId: string, id: string, forUpdate = false): Promise<StaffRequestRow | undefined> {
  const row = await db.one<StaffRequestRow>(
    `SELECT ${STAFF_COLUMNS} FROM appointment_request r JOIN patient p ON p.id = r.patient_id
     WHERE r.organization_id = $1 AND r.id = $2 ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
    [organizationId, id],
  );
  return row && toRequest(row);
}

/** Declines an open request; false when it was not open any more (booked or declined meanwhile). */
export async function declineRequest(db: Queryable, r: { id: string; reason: string; by: string | null; now: number }): Promise<boolean> {
  const rows = await db.query(
    `UPDATE appointment_request SET status = 'declined', decline_reason = $2, decided_by = $3, decided_at = to_timestamp($4 / 1000.0)
     WHERE id = $1 AND status = 'open' RETURNING id`,
    [r.id, r.reason, r.by, r.now],
  );
  return rows.length === 1;
}

/**
 * The request booked, as a part of the booking's own statement: written with
 * the appointment or not at all. The booking's Idempotency-Key (one per
 * request) makes a second booking from the same request replay the first.
 */
export function requestBookedPart(r: { id: string; appointmentId: string; by: string | null; now: number }): WritePart {
  return {
    sql: `UPDATE appointment_request SET status = 'booked', appointment_id = $2, decline_reason = NULL, decided_by = $3, decided_at = to_timestamp($4 / 1000.0)
     WHERE id = $1`,
    params: [r.id, r.appointmentId, r.by, r.now],
  };
}
