import type { Queryable } from '../../db/db.js';

const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;

export interface ChartRow {
  patient: { id: string; firstName: string; lastName: string; dateOfBirth: string; phone: string; email: string; preferredLanguage: 'en' | 'es' };
  visits: {
    id: string; status: 'booked' | 'cancelled' | 'checked_in' | 'completed' | 'no_show'; start: number; end: number; timeZone: string;
    visitTypeId: string; practitionerId: string; locationId: string; reason: string; referringDoctor: string | null; cancelReason: string | null;
  }[];
  sharing: { kind: 'caregiver' | 'referrer'; name: string; scope: 'full' | 'limited' }[];
}

/**
 * One patient's chart summary in one round trip: the patient, their visits
 * (newest first, at most 500), and the caregivers and referring providers
 * whose access is in force (the same grants the session loader honours, less
 * disabled accounts). Undefined for an unknown patient.
 */
export function chartOf(db: Queryable, organizationId: string, patientId: string): Promise<ChartRow | undefined> {
  return db.one<ChartRow>(
    `SELECT
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
    [organizationId, patientId],
  );
}
