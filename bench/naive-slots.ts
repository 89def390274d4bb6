import type { Queryable } from '../src/server/db/db.js';
import type { LocalDate } from '../src/shared/time.js';

/**
 * The baseline: the slot search written the obvious way in one SQL statement.
 * A generate_series grid of candidate starts per practitioner working window
 * per local day, minus starts whose held range (visit plus buffers) overlaps a
 * live appointment or time off of the practitioner, or that leave no capable
 * room free (the first free room by id is offered, as the engine does). Same
 * rules as the engine: holidays, valid_from/valid_to, minimum notice, horizon.
 */
const NAIVE_SQL = `
WITH vt AS (
  SELECT * FROM visit_type WHERE id = $1 AND organization_id = $2
), days AS (
  SELECT d::date AS day FROM generate_series($3::date, $4::date, interval '1 day') d
), windows AS (
  SELECT w.practitioner_id, w.location_id,
    (days.day + make_interval(mins => w.start_min)) AT TIME ZONE l.time_zone AS opens,
    (days.day + make_interval(mins => w.end_min)) AT TIME ZONE l.time_zone AS closes
  FROM working_hours w
  JOIN practitioner p ON p.id = w.practitioner_id AND p.active AND p.organization_id = $2
  JOIN practitioner_visit_type pvt ON pvt.practitioner_id = p.id AND pvt.visit_type_id = $1
  JOIN location l ON l.id = w.location_id AND l.organization_id = $2
  JOIN days ON extract(dow FROM days.day) = w.weekday
  WHERE (w.valid_from IS NULL OR w.valid_from <= days.day) AND (w.valid_to IS NULL OR w.valid_to >= days.day)
    AND NOT EXISTS (SELECT 1 FROM holiday h WHERE h.organization_id = $2 AND h.day = days.day
                      AND (h.location_id IS NULL OR h.location_id = w.location_id))
), candidates AS (
  SELECT DISTINCT w.practitioner_id, w.location_id, s AS starts_at,
    tstzrange(s - make_interval(mins => vt.buffer_before_min), s + make_interval(mins => vt.duration_min + vt.buffer_after_min)) AS held
  FROM windows w CROSS JOIN vt
  CROSS JOIN generate_series(w.opens, w.closes - make_interval(mins => vt.duration_min), make_interval(mins => vt.slot_step_min)) s
  WHERE s >= to_timestamp($5 / 1000.0) AND s < to_timestamp($6 / 1000.0)
)
SELECT (extract(epoch FROM c.starts_at) * 1000)::float8 AS start, c.practitioner_id AS "practitionerId",
  c.location_id AS "locationId", free.id AS "roomId"
FROM candidates c
CROSS JOIN LATERAL (
  SELECT r.id FROM room r
  WHERE r.location_id = c.location_id AND r.active AND (SELECT room_capability FROM vt) = ANY (r.capabilities)
    AND NOT EXISTS (SELECT 1 FROM appointment a WHERE a.room_id = r.id AND a.status <> 'cancelled' AND a.blocked && c.held)
  ORDER BY r.id LIMIT 1
) free
WHERE NOT EXISTS (SELECT 1 FROM appointment a WHERE a.practitioner_id = c.practitioner_id AND a.status <> 'cancelled' AND a.blocked && c.held)
  AND NOT EXISTS (SELECT 1 FROM time_off t WHERE t.practitioner_id = c.practitioner_id AND t.during && c.held)
ORDER BY c.starts_at, c.practitioner_id, c.location_id`;

export interface NaiveSlot {
  start: number;
  practitionerId: string;
  locationId: string;
  roomId: string;
}

export interface NaiveSearch {
  organizationId: string;
  visitTypeId: string;
  from: LocalDate;
  to: LocalDate;
  /** now + minimum notice, and now + horizon: the engine's bounds. */
  earliest: number;
  latest: number;
}

export function naiveOpenSlots(db: Queryable, s: NaiveSearch): Promise<NaiveSlot[]> {
  return db.query<NaiveSlot>(NAIVE_SQL, [s.visitTypeId, s.organizationId, s.from, s.to, s.earliest, s.latest]);
}
