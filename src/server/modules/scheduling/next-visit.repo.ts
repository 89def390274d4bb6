import type { Queryable } from '../../db/db.js';

/** A patient's next booked visit, as another module shows it beside their messages (issue 12). */
export interface NextVisit {
  id: string;
  /** The start, an instant (ms). */
  start: number;
  timeZone: string;
  visitTypeName: string;
  locationName: string;
}

/** The patient's next visit that is booked or checked in and not over, or null. */
export async function nextVisitOf(q: Queryable, organizationId: string, patientId: string, now: number): Promise<NextVisit | null> {
  const r = await q.one<NextVisit>(
    `SELECT a.id, (extract(epoch FROM a.starts_at) * 1000)::float8 AS start, l.time_zone AS "timeZone", vt.name_en AS "visitTypeName", l.name AS "locationName"
       FROM appointment a JOIN location l ON l.id = a.location_id JOIN visit_type vt ON vt.id = a.visit_type_id
      WHERE a.organization_id = $1 AND a.patient_id = $2 AND a.status IN ('booked', 'checked_in') AND a.ends_at > to_timestamp($3::float8 / 1000.0)
      ORDER BY a.starts_at LIMIT 1`,
    [organizationId, patientId, now],
  );
  return r ? { ...r, start: Number(r.start) } : null;
}
