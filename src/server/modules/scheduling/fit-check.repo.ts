import type { Queryable } from '../../db/db.js';

const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;

/** Why a booked visit no longer fits the clinic's settings, in the order they are asked: the first that applies is given. */
export const FIT_REASONS = ['practitioner_inactive', 'location_closed', 'visit_type_not_performed', 'room_unavailable', 'outside_hours'] as const;
export type FitReason = (typeof FIT_REASONS)[number];

export interface UnfitVisitRow {
  appointmentId: string;
  start: number;
  timeZone: string;
  patientName: string;
  practitionerName: string;
  locationName: string;
  visitTypeName: string;
  reason: FitReason;
}

/**
 * The organization's visits still to come (starting after `now`, not
 * cancelled) that the settings no longer allow, each with the first reason
 * that applies, in one statement whatever their number:
 *
 * - practitioner_inactive: the practitioner was deactivated;
 * - location_closed: the location is inactive, the visit is not inside one of
 *   its opening hours that weekday, or its local date is a holiday of that
 *   location or of every location;
 * - visit_type_not_performed: the practitioner no longer does the visit type;
 * - room_unavailable: the room is inactive or lacks the capability the visit type needs;
 * - outside_hours: the visit is not inside one of the practitioner's working
 *   hours at that location for that weekday, in force on that date.
 *
 * Wall-clock rules are read in the location's zone (the visit's local date,
 * weekday and minutes since local midnight, as the slot engine reads them),
 * so a daylight-saving change moves nothing. A visit must lie inside the
 * hours, as a slot must; its buffers need not. Time off is not a setting: the
 * desk's block already lists the visits it covers.
 */
export async function unfitVisits(db: Queryable, organizationId: string, now: number): Promise<UnfitVisitRow[]> {
  return db.query<UnfitVisitRow>(
    `WITH v AS (
       SELECT a.id, a.starts_at, a.practitioner_id, a.location_id, a.room_id, a.visit_type_id,
         l.time_zone, l.active AS location_active, l.name AS location_name,
         pr.name AS practitioner_name, pr.active AS practitioner_active,
         vt.name_en AS visit_type_name, vt.room_capability,
         p.first_name || ' ' || p.last_name AS patient_name,
         (a.starts_at AT TIME ZONE l.time_zone) AS local_start,
         (a.ends_at AT TIME ZONE l.time_zone) AS local_end
       FROM appointment a
       JOIN location l ON l.id = a.location_id
       JOIN practitioner pr ON pr.id = a.practitioner_id
       JOIN visit_type vt ON vt.id = a.visit_type_id
       JOIN patient p ON p.id = a.patient_id
       WHERE a.organization_id = $1 AND a.status <> 'cancelled' AND a.starts_at > to_timestamp($2 / 1000.0)
     ), w AS (
       SELECT v.*, v.local_start::date AS day, extract(dow FROM v.local_start)::int AS weekday,
         extract(epoch FROM v.local_start - v.local_start::date::timestamp) / 60 AS start_min,
         extract(epoch FROM v.local_end - v.local_start::date::timestamp) / 60 AS end_min
       FROM v
     ), judged AS (
       SELECT w.*, CASE
         WHEN NOT w.practitioner_active THEN 'practitioner_inactive'
         WHEN NOT w.location_active
           OR EXISTS (SELECT 1 FROM holiday h WHERE h.organization_id = $1 AND h.day = w.day AND (h.location_id IS NULL OR h.location_id = w.location_id))
           OR NOT EXISTS (SELECT 1 FROM location_hours lh WHERE lh.location_id = w.location_id AND lh.weekday = w.weekday
             AND lh.opens_min <= w.start_min AND w.end_min <= lh.closes_min)
           THEN 'location_closed'
         WHEN NOT EXISTS (SELECT 1 FROM practitioner_visit_type pvt WHERE pvt.practitioner_id = w.practitioner_id AND pvt.visit_type_id = w.visit_type_id)
           THEN 'visit_type_not_performed'
         WHEN NOT EXISTS (SELECT 1 FROM room r WHERE r.id = w.room_id AND r.active AND w.room_capability = ANY (r.capabilities))
           THEN 'room_unavailable'
         WHEN NOT EXISTS (SELECT 1 FROM working_hours wh WHERE wh.practitioner_id = w.practitioner_id AND wh.location_id = w.location_id
             AND wh.weekday = w.weekday AND (wh.valid_from IS NULL OR wh.valid_from <= w.day) AND (wh.valid_to IS NULL OR wh.valid_to >= w.day)
             AND wh.start_min <= w.start_min AND w.end_min <= wh.end_min)
           THEN 'outside_hours'
       END AS reason
       FROM w
     )
     SELECT id AS "appointmentId", ${ms('starts_at')} AS start, time_zone AS "timeZone", patient_name AS "patientName",
       practitioner_name AS "practitionerName", location_name AS "locationName", visit_type_name AS "visitTypeName", reason
     FROM judged WHERE reason IS NOT NULL
     ORDER BY starts_at, id`,
    [organizationId, now],
  );
}
