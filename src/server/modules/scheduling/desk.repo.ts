import type { Queryable } from '../../db/db.js';

const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;
export const SCHEDULE_CHANNEL = 'relief_schedule';

export interface DeskAppointmentRow {
  id: string;
  status: 'booked' | 'checked_in' | 'completed' | 'no_show' | 'cancelled';
  start: number;
  end: number;
  practitionerId: string;
  locationId: string;
  roomId: string;
  visitTypeId: string;
  reason: string;
  bookedVia: 'web' | 'staff';
  heardAbout: 'doctor_referral' | 'search' | 'friend_family' | 'insurance' | 'social_media' | 'other' | null;
  referringDoctor: string | null;
  cancelReason: string | null;
  patient: { id: string; firstName: string; lastName: string; dateOfBirth: string; phone: string; email: string };
}

/** One location's schedule over an instant range, in one round trip. */
export async function loadDeskSchedule(db: Queryable, s: { organizationId: string; locationId: string; fromMs: number; toMs: number; fromDate: string; toDate: string }) {
  const row = await db.one<{
    location: { id: string; timeZone: string } | null;
    practitioners: { id: string; name: string; credentials: string; hours: { weekday: number; startMin: number; endMin: number; validFrom: string | null; validTo: string | null }[] }[];
    rooms: { id: string; name: string; capabilities: string[] }[];
    appointments: DeskAppointmentRow[];
    blocks: { id: string; practitionerId: string; start: number; end: number; reason: string }[];
    holidays: { locationId: string | null; date: string }[];
  }>(
    `WITH span AS (SELECT tstzrange(to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0)) AS r)
     SELECT
       (SELECT json_build_object('id', id, 'timeZone', time_zone) FROM location WHERE id = $2 AND organization_id = $1) AS location,
       coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'credentials', p.credentials, 'hours',
           (SELECT json_agg(json_build_object('weekday', w.weekday, 'startMin', w.start_min, 'endMin', w.end_min,
              'validFrom', w.valid_from, 'validTo', w.valid_to)) FROM working_hours w WHERE w.practitioner_id = p.id AND w.location_id = $2))
           ORDER BY p.sort, p.name)
         FROM practitioner p WHERE p.organization_id = $1 AND p.active
           AND EXISTS (SELECT 1 FROM working_hours w WHERE w.practitioner_id = p.id AND w.location_id = $2)), '[]') AS practitioners,
       coalesce((SELECT json_agg(json_build_object('id', id, 'name', name, 'capabilities', capabilities) ORDER BY name)
         FROM room WHERE location_id = $2 AND active), '[]') AS rooms,
       coalesce((SELECT json_agg(json_build_object('id', a.id, 'status', a.status, 'start', ${ms('a.starts_at')}, 'end', ${ms('a.ends_at')},
           'practitionerId', a.practitioner_id, 'locationId', a.location_id, 'roomId', a.room_id, 'visitTypeId', a.visit_type_id,
           'reason', a.reason, 'bookedVia', a.booked_via, 'heardAbout', a.heard_about, 'referringDoctor', a.referring_doctor,
           'cancelReason', a.cancel_reason,
           'patient', json_build_object('id', pt.id, 'firstName', pt.first_name, 'lastName', pt.last_name,
             'dateOfBirth', pt.date_of_birth, 'phone', pt.phone, 'email', pt.email)) ORDER BY a.starts_at)
         FROM appointment a JOIN patient pt ON pt.id = a.patient_id
         WHERE a.location_id = $2 AND tstzrange(a.starts_at, a.ends_at) && (SELECT r FROM span)), '[]') AS appointments,
       coalesce((SELECT json_agg(json_build_object('id', t.id, 'practitionerId', t.practitioner_id,
           'start', ${ms('lower(t.during)')}, 'end', ${ms('upper(t.during)')}, 'reason', t.reason) ORDER BY lower(t.during))
         FROM time_off t
         WHERE t.organization_id = $1 AND t.during && (SELECT r FROM span)
           AND t.practitioner_id IN (SELECT practitioner_id FROM working_hours WHERE location_id = $2)), '[]') AS blocks,
       coalesce((SELECT json_agg(json_build_object('locationId', location_id, 'date', day))
         FROM holiday WHERE organization_id = $1 AND (location_id IS NULL OR location_id = $2) AND day BETWEEN $5::date AND $6::date), '[]') AS holidays`,
    [s.organizationId, s.locationId, s.fromMs, s.toMs, s.fromDate, s.toDate],
  );
  return row!;
}

export async function setStatus(db: Queryable, id: string, status: string): Promise<void> {
  await db.query('UPDATE appointment SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
}

export async function insertBlock(db: Queryable, b: { organizationId: string; practitionerId: string; start: number; end: number; reason: string }): Promise<string> {
  const row = await db.one<{ id: string }>(
    `INSERT INTO time_off (organization_id, practitioner_id, during, reason)
     VALUES ($1, $2, tstzrange(to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0)), $5) RETURNING id`,
    [b.organizationId, b.practitionerId, b.start, b.end, b.reason],
  );
  return row!.id;
}

/** A practitioner's visits still to be seen that overlap a span (a new block), in time order. */
export async function visitsDuring(db: Queryable, b: { organizationId: string; practitionerId: string; start: number; end: number }): Promise<{ id: string; start: number }[]> {
  return db.query<{ id: string; start: number }>(
    `SELECT id, ${ms('starts_at')} AS start FROM appointment
     WHERE organization_id = $1 AND practitioner_id = $2 AND status IN ('booked', 'checked_in')
       AND starts_at < to_timestamp($4 / 1000.0) AND ends_at > to_timestamp($3 / 1000.0)
     ORDER BY starts_at LIMIT 200`,
    [b.organizationId, b.practitionerId, b.start, b.end],
  );
}

export async function deleteBlock(db: Queryable, organizationId: string, id: string) {
  return db.one<{ practitionerId: string; start: number; end: number }>(
    `DELETE FROM time_off WHERE organization_id = $1 AND id = $2
     RETURNING practitioner_id AS "practitionerId", ${ms('lower(during)')} AS start, ${ms('upper(during)')} AS "end"`,
    [organizationId, id],
  );
}

/** Locations where a practitioner works: the desks that must hear about their blocks. */
export async function locationsOfPractitioner(db: Queryable, practitionerId: string) {
  return db.query<{ locationId: string; timeZone: string }>(
    `SELECT DISTINCT l.id AS "locationId", l.time_zone AS "timeZone" FROM working_hours w JOIN location l ON l.id = w.location_id WHERE w.practitioner_id = $1`,
    [practitionerId],
  );
}

/**
 * After a commit, several changes in one statement. A NOTIFY inside a
 * transaction takes PostgreSQL's global notify lock at commit and holds it
 * through the WAL flush, so bookings that each notified committed one at a
 * time; this statement runs after theirs, on the relaxed pool, for many at once.
 */
export async function notifyMany(db: Queryable, changes: readonly { locationId: string; dates: string[] }[]): Promise<void> {
  await db.query(`SELECT pg_notify('${SCHEDULE_CHANNEL}', p) FROM unnest($1::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n`, [
    changes.map((c) => JSON.stringify({ type: 'schedule.changed', locationId: c.locationId, dates: c.dates })),
  ]);
}

/** Committed with the transaction: open desks hear of the change only if it happened. */
export async function notifyScheduleChanged(db: Queryable, locationId: string, dates: string[]): Promise<void> {
  await db.query(`SELECT pg_notify('${SCHEDULE_CHANNEL}', $1)`, [JSON.stringify({ type: 'schedule.changed', locationId, dates })]);
}
