import type { WritePart } from '../../db/compose.js';
import type { Queryable, ReadQuery } from '../../db/db.js';

const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;

/** The access fact "this patient exists in the organization" (see access's FactSource). */
export const PATIENT_EXISTS_FACT = 'EXISTS (SELECT 1 FROM patient WHERE organization_id = :organization AND id = :patient)';

/** Patients matching a name and birth date, whatever the case and accents: how a patient claims their record. */
export async function matchPatients(db: Queryable, organizationId: string, m: { firstName: string; lastName: string; dateOfBirth: string }) {
  return db.query<{ id: string; email: string; firstName: string; language: 'en' | 'es' }>(
    `SELECT id, email, first_name AS "firstName", preferred_language AS language FROM patient
     WHERE organization_id = $1 AND relief_fold(first_name) = relief_fold($2) AND relief_fold(last_name) = relief_fold($3) AND date_of_birth = $4
     LIMIT 2`,
    [organizationId, m.firstName.trim(), m.lastName.trim(), m.dateOfBirth],
  );
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

/** A patient as a booking needs them: whom the notice goes to, in which language. */
export interface BookingPatient {
  id: string;
  firstName: string;
  email: string;
  /** For the text messages the patient may have chosen (issue 12). */
  phone: string;
  language: 'en' | 'es';
}

/**
 * The patient a booking names: by id (the desk), or the record matching new
 * details (name and birth date as typed, any case, and email), as the
 * patient_match index decides. One JSON value, for a search's `alongside`.
 */
export function bookingPatientQuery(organizationId: string, by: { id: string } | { details: NewPatient }): ReadQuery<BookingPatient> {
  const select = `SELECT json_build_object('id', id, 'firstName', first_name, 'email', email, 'phone', phone, 'language', preferred_language) FROM patient`;
  if ('id' in by) return { sql: `${select} WHERE organization_id = $1 AND id = $2`, params: [organizationId, by.id] };
  const d = by.details;
  return {
    sql: `${select} WHERE organization_id = $1 AND date_of_birth = $2 AND relief_fold(last_name) = relief_fold($3) AND relief_fold(first_name) = relief_fold($4) AND lower(email) = lower($5)`,
    params: [organizationId, d.dateOfBirth, d.lastName, d.firstName, d.email],
  };
}

/** A new patient, as a write for the caller's statement (a booking's); a record created since the caller's search fails it on patient_match. */
export function insertPatientPart(p: NewPatient & { id: string }): WritePart {
  return {
    sql: `INSERT INTO patient (id, organization_id, first_name, last_name, date_of_birth, phone, email, preferred_language)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    params: [p.id, p.organizationId, p.firstName, p.lastName, p.dateOfBirth, p.phone, p.email, p.preferredLanguage],
  };
}

/** The names of some patients, by id (unknown ids are left out). */
export function patientNames(db: Queryable, organizationId: string, ids: readonly string[]) {
  return db.query<{ id: string; firstName: string; lastName: string }>(
    `SELECT id, first_name AS "firstName", last_name AS "lastName" FROM patient WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
    [organizationId, ids],
  );
}

/** A desk search, already split by the service into what it can be: a birth date, phone digits, name words. */
export interface PatientSearchTerms {
  date: string | null;
  digits: string;
  words: string;
}

export async function searchPatients(db: Queryable, organizationId: string, q: PatientSearchTerms, limit = 25) {
  return db.query<{ id: string; firstName: string; lastName: string; dateOfBirth: string; phone: string; email: string }>(
    `SELECT id, first_name AS "firstName", last_name AS "lastName", date_of_birth::text AS "dateOfBirth", phone, email
     FROM patient
     WHERE organization_id = $1 AND (
       ($2::date IS NOT NULL AND date_of_birth = $2::date)
       OR ($3 <> '' AND length($3) >= 4 AND regexp_replace(phone, '\\D', '', 'g') LIKE '%' || $3 || '%')
       OR (relief_fold(first_name || ' ' || last_name) LIKE '%' || relief_fold($4) || '%')
       OR (relief_fold(last_name || ', ' || first_name) LIKE '%' || relief_fold($4) || '%'))
     ORDER BY last_name, first_name LIMIT $5`,
    [organizationId, q.date, q.digits, q.words, limit],
  );
}

export interface ChartRow {
  patient: { id: string; firstName: string; lastName: string; dateOfBirth: string; phone: string; email: string; preferredLanguage: 'en' | 'es' };
  visits: {
    id: string; status: 'booked' | 'cancelled' | 'checked_in' | 'completed' | 'no_show'; start: number; end: number; timeZone: string;
    visitTypeId: string; practitionerId: string; locationId: string; reason: string; referringDoctor: string | null; cancelReason: string | null;
  }[];
  sharing: { kind: 'caregiver' | 'referrer'; name: string; scope: 'full' | 'limited' }[];
}

/**
 * One patient's chart summary as one SELECT, to run as an audited read: the
 * patient, their visits (newest first, at most 500), and the caregivers and
 * referring providers whose access is in force (the same grants the policy's
 * facts honour, less disabled accounts). No row for an unknown patient. It
 * reads other modules' tables on purpose: the summary is one round trip.
 */
export function chartQuery(organizationId: string, patientId: string): ReadQuery<ChartRow> {
  return {
    sql: `SELECT
       json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name, 'dateOfBirth', to_char(p.date_of_birth, 'YYYY-MM-DD'),
         'phone', p.phone, 'email', p.email, 'preferredLanguage', p.preferred_language) AS patient,
       coalesce((SELECT json_agg(v ORDER BY v.start DESC) FROM (
         SELECT a.id, a.status, ${ms('a.starts_at')} AS start, ${ms('a.ends_at')} AS "end", l.time_zone AS "timeZone",
           a.visit_type_id AS "visitTypeId", a.practitioner_id AS "practitionerId", a.location_id AS "locationId",
           a.reason, a.referring_doctor AS "referringDoctor", a.cancel_reason AS "cancelReason"
         FROM appointment a JOIN location l ON l.id = a.location_id
         WHERE a.organization_id = p.organization_id AND a.patient_id = p.id
         ORDER BY a.starts_at DESC LIMIT 500) v), '[]') AS visits,
       coalesce((SELECT json_agg(s ORDER BY s.kind, s.name) FROM (
         SELECT 'caregiver' AS kind, u.display_name AS name, g.scope
         FROM caregiver_grant g JOIN app_user u ON u.id = g.caregiver_user_id
         WHERE g.organization_id = p.organization_id AND g.patient_id = p.id AND g.revoked_at IS NULL AND u.status <> 'disabled'
         UNION ALL
         SELECT * FROM (
           SELECT DISTINCT ON (u.id) 'referrer', u.display_name, 'full'
           FROM referral r JOIN app_user u ON u.id = r.referrer_user_id
           WHERE r.organization_id = p.organization_id AND r.patient_id = p.id AND r.status IN ('accepted', 'active')
             AND r.revoked_by_patient_at IS NULL AND u.status <> 'disabled') r) s), '[]') AS sharing
     FROM patient p
     WHERE p.organization_id = $1 AND p.id = $2`,
    params: [organizationId, patientId],
  };
}
