import type { Queryable, ReadQuery } from '../../db/db.js';
import type { OnlinePolicy } from './engine/online-policy.js';

const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;
const at = (n: number) => `to_timestamp($${n} / 1000.0)`;

export type EntryStatus = 'waiting' | 'fulfilled' | 'left' | 'ended';
export type OfferStatus = 'sent' | 'accepted' | 'expired' | 'taken' | 'withdrawn';
export type Channel = 'email' | 'sms' | 'both';

/** Time that may have opened, written in the transaction of the change (a cancellation, a block removed, new hours). */
export interface NewOpening {
  organizationId: string;
  locationId: string | null;
  practitionerId: string | null;
  from: number | null;
  to: number | null;
  cause: 'cancellation' | 'reschedule' | 'unblock' | 'settings' | 'offer_expired';
}

export async function insertOpening(q: Queryable, o: NewOpening): Promise<void> {
  await q.query(
    `INSERT INTO waitlist_opening (organization_id, location_id, practitioner_id, from_at, to_at, cause)
     VALUES ($1, $2, $3, ${at(4)}, ${at(5)}, $6) ON CONFLICT DO NOTHING`,
    [o.organizationId, o.locationId, o.practitionerId, o.from, o.to, o.cause],
  );
}

export interface OpeningRow { id: string; locationId: string | null; practitionerId: string | null; from: number | null; to: number | null }

/** The oldest opening not yet handled, marked handled in the caller's transaction (a crash rolls the mark back). */
export async function claimOpening(q: Queryable, organizationId: string): Promise<OpeningRow | undefined> {
  return q.one<OpeningRow>(
    `UPDATE waitlist_opening SET processed_at = now()
     WHERE id = (SELECT id FROM waitlist_opening WHERE organization_id = $1 AND processed_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id::text AS id, location_id AS "locationId", practitioner_id AS "practitionerId",
       ${ms('from_at')} AS "from", ${ms('to_at')} AS "to"`,
    [organizationId],
  );
}

export interface EntryRow {
  id: string;
  appointmentId: string;
  patientId: string;
  status: EntryStatus;
  weekdays: number[];
  parts: ('morning' | 'afternoon')[];
  windows: { from: string; to: string }[];
  channel: Channel;
  createdAt: number;
}

const ENTRY_COLUMNS = `e.id, e.appointment_id AS "appointmentId", e.patient_id AS "patientId", e.status, e.weekdays::int[] AS weekdays,
  e.parts, e.windows, e.channel, ${ms('e.created_at')} AS "createdAt"`;

/** Joins the list, or changes what a waiting entry asks for; one waiting entry per visit (its unique index decides a race). */
export async function upsertEntry(q: Queryable, e: { organizationId: string; patientId: string; appointmentId: string; weekdays: number[]; parts: string[]; windows: unknown[]; channel: Channel }): Promise<EntryRow & { created: boolean }> {
  const row = await q.one<EntryRow & { created: boolean }>(
    `WITH upd AS (
       UPDATE waitlist_entry SET weekdays = $4::smallint[], parts = $5::text[], windows = $6::jsonb, channel = $7
       WHERE appointment_id = $3 AND organization_id = $1 AND status = 'waiting' RETURNING *
     ), ins AS (
       INSERT INTO waitlist_entry (organization_id, patient_id, appointment_id, weekdays, parts, windows, channel)
       SELECT $1, $2, $3, $4::smallint[], $5::text[], $6::jsonb, $7 WHERE NOT EXISTS (SELECT 1 FROM upd) RETURNING *
     )
     SELECT ${ENTRY_COLUMNS}, false AS created FROM upd e UNION ALL SELECT ${ENTRY_COLUMNS}, true AS created FROM ins e`,
    [e.organizationId, e.patientId, e.appointmentId, e.weekdays, e.parts, JSON.stringify(e.windows), e.channel],
  );
  return row!;
}

/** A visit's entry: the waiting one, else the latest. */
export async function entryOfAppointment(q: Queryable, organizationId: string, appointmentId: string): Promise<EntryRow | undefined> {
  return q.one<EntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM waitlist_entry e WHERE e.organization_id = $1 AND e.appointment_id = $2
     ORDER BY (e.status = 'waiting') DESC, e.created_at DESC LIMIT 1`,
    [organizationId, appointmentId],
  );
}

/** A patient's entries, newest first, with their offers, as a query to run with its audit event. */
export function entriesOfPatientQuery(organizationId: string, patientId: string): ReadQuery<EntryRow & { offers: OfferView[] }> {
  return {
    sql: `SELECT ${ENTRY_COLUMNS},
       (SELECT coalesce(json_agg(${OFFER_VIEW} ORDER BY o.created_at DESC), '[]') FROM waitlist_offer o JOIN location l ON l.id = o.location_id WHERE o.entry_id = e.id) AS offers
     FROM waitlist_entry e WHERE e.organization_id = $1 AND e.patient_id = $2 ORDER BY e.created_at DESC LIMIT 100`,
    params: [organizationId, patientId],
  };
}

/** Ends a visit's waiting entry ('left': the patient left the list; 'ended': the visit was cancelled) and withdraws its undecided offers. */
export async function endEntry(q: Queryable, organizationId: string, appointmentId: string, status: 'left' | 'ended' | 'fulfilled'): Promise<string | undefined> {
  const row = await q.one<{ id: string }>(
    `WITH ended AS (
       UPDATE waitlist_entry SET status = $3, ended_at = now() WHERE organization_id = $1 AND appointment_id = $2 AND status = 'waiting' RETURNING id
     ), withdrawn AS (
       UPDATE waitlist_offer SET status = 'withdrawn', decided_at = now() WHERE entry_id IN (SELECT id FROM ended) AND status = 'sent' RETURNING 1
     )
     SELECT id, (SELECT count(*) FROM withdrawn) AS n FROM ended`,
    [organizationId, appointmentId, status],
  );
  return row?.id;
}

export interface CandidateRow {
  entryId: string;
  patientId: string;
  appointmentId: string;
  visitTypeId: string;
  visitTypeOnline: OnlinePolicy;
  locationId: string;
  practitionerId: string;
  timeZone: string;
  bookedStart: number;
  weekdays: number[];
  parts: ('morning' | 'afternoon')[];
  windows: { from: string; to: string }[];
  channel: Channel;
  firstName: string;
  email: string;
  language: 'en' | 'es';
  hasLiveOffer: boolean;
  offered: string[];
}

/** Waiting entries in waitlist order whose visit is still booked and to come, at one location (or all), with what they were offered. */
export async function loadCandidates(q: Queryable, s: { organizationId: string; locationId: string | null; now: number }): Promise<CandidateRow[]> {
  return q.query<CandidateRow>(
    `SELECT e.id AS "entryId", e.patient_id AS "patientId", e.appointment_id AS "appointmentId", a.visit_type_id AS "visitTypeId",
       vt.online AS "visitTypeOnline", a.location_id AS "locationId", a.practitioner_id AS "practitionerId", l.time_zone AS "timeZone",
       ${ms('a.starts_at')} AS "bookedStart", e.weekdays::int[] AS weekdays, e.parts, e.windows, e.channel,
       p.first_name AS "firstName", p.email, p.preferred_language AS language,
       EXISTS (SELECT 1 FROM waitlist_offer o WHERE o.entry_id = e.id AND o.status = 'sent' AND o.expires_at > ${at(3)}) AS "hasLiveOffer",
       ARRAY(SELECT o.practitioner_id::text || '@' || ${ms('o.starts_at')}::bigint::text FROM waitlist_offer o WHERE o.entry_id = e.id) AS offered
     FROM waitlist_entry e
     JOIN appointment a ON a.id = e.appointment_id
     JOIN visit_type vt ON vt.id = a.visit_type_id
     JOIN location l ON l.id = a.location_id
     JOIN patient p ON p.id = e.patient_id
     WHERE e.organization_id = $1 AND e.status = 'waiting' AND a.status = 'booked' AND a.starts_at > ${at(3)}
       AND ($2::uuid IS NULL OR a.location_id = $2)
     ORDER BY e.position`,
    [s.organizationId, s.locationId, s.now],
  );
}

/** Undecided offers still in time, counted per slot ('practitioner@startMs'). */
export async function liveOffersBySlot(q: Queryable, organizationId: string, now: number): Promise<Map<string, number>> {
  const rows = await q.query<{ key: string; n: number }>(
    `SELECT practitioner_id::text || '@' || ${ms('starts_at')}::bigint::text AS key, count(*)::int AS n
     FROM waitlist_offer WHERE organization_id = $1 AND status = 'sent' AND expires_at > ${at(2)} GROUP BY 1`,
    [organizationId, now],
  );
  return new Map(rows.map((r) => [r.key, r.n]));
}

export async function insertOffer(q: Queryable, o: {
  organizationId: string; entryId: string; patientId: string; appointmentId: string; visitTypeId: string; practitionerId: string; locationId: string;
  start: number; end: number; tokenHash: string; channel: Channel; expiresAt: number; now: number;
}): Promise<string> {
  const row = await q.one<{ id: string }>(
    `INSERT INTO waitlist_offer (organization_id, entry_id, patient_id, appointment_id, visit_type_id, practitioner_id, location_id, starts_at, ends_at, token_hash, channel, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, ${at(8)}, ${at(9)}, $10, $11, ${at(12)}, ${at(13)}) RETURNING id`,
    [o.organizationId, o.entryId, o.patientId, o.appointmentId, o.visitTypeId, o.practitionerId, o.locationId, o.start, o.end, o.tokenHash, o.channel, o.expiresAt, o.now],
  );
  return row!.id;
}

export interface OfferRow {
  id: string;
  entryId: string;
  patientId: string;
  appointmentId: string;
  visitTypeId: string;
  practitionerId: string;
  locationId: string;
  locationName: string;
  locationAddress: string;
  locationPhone: string;
  timeZone: string;
  language: 'en' | 'es';
  start: number;
  end: number;
  status: OfferStatus;
  expiresAt: number;
}

const OFFER_COLUMNS = `o.id, o.entry_id AS "entryId", o.patient_id AS "patientId", o.appointment_id AS "appointmentId", o.visit_type_id AS "visitTypeId",
  o.practitioner_id AS "practitionerId", o.location_id AS "locationId", l.name AS "locationName",
  l.line1 || ', ' || l.city || ', ' || l.state || ' ' || l.postal_code AS "locationAddress", l.phone AS "locationPhone", l.time_zone AS "timeZone",
  p.preferred_language AS language, ${ms('o.starts_at')} AS start, ${ms('o.ends_at')} AS "end", o.status, ${ms('o.expires_at')} AS "expiresAt"`;

/** An offer by its link's token hash, or by id; `forUpdate` locks it. */
export async function findOffer(q: Queryable, organizationId: string, by: { tokenHash: string } | { id: string }): Promise<OfferRow | undefined> {
  const where = 'tokenHash' in by ? 'o.token_hash = $2' : 'o.id = $2';
  return q.one<OfferRow>(
    `SELECT ${OFFER_COLUMNS} FROM waitlist_offer o JOIN location l ON l.id = o.location_id JOIN patient p ON p.id = o.patient_id
     WHERE o.organization_id = $1 AND ${where}`,
    [organizationId, 'tokenHash' in by ? by.tokenHash : by.id],
  );
}

/**
 * Locks every offer of one slot, in id order, and answers their statuses as
 * they are once the lock is held: acceptances of one slot run one at a time,
 * and the second sees what the first decided.
 */
export async function lockSlotOffers(q: Queryable, o: { organizationId: string; practitionerId: string; start: number }): Promise<{ id: string; status: OfferStatus }[]> {
  return q.query<{ id: string; status: OfferStatus }>(
    `SELECT id, status FROM waitlist_offer WHERE organization_id = $1 AND practitioner_id = $2 AND starts_at = ${at(3)} ORDER BY id FOR UPDATE`,
    [o.organizationId, o.practitionerId, o.start],
  );
}

/** The accepted offer, its entry fulfilled, and the slot's other undecided offers taken, in one statement. */
export async function recordAcceptance(q: Queryable, a: { organizationId: string; offerId: string; entryId: string; practitionerId: string; start: number; newAppointmentId: string }): Promise<void> {
  await q.query(
    `WITH accepted AS (
       UPDATE waitlist_offer SET status = 'accepted', decided_at = now(), new_appointment_id = $5 WHERE id = $2 RETURNING id
     ), others AS (
       UPDATE waitlist_offer SET status = 'taken', decided_at = now()
       WHERE organization_id = $1 AND practitioner_id = $3 AND starts_at = ${at(4)} AND status = 'sent' AND id <> $2 RETURNING id
     ), own AS (
       UPDATE waitlist_offer SET status = 'withdrawn', decided_at = now() WHERE entry_id = $6 AND status = 'sent' AND id <> $2 RETURNING id
     )
     -- Data-modifying CTEs run to completion whether or not the main statement reads them (PostgreSQL docs, 7.8.4).
     UPDATE waitlist_entry SET status = 'fulfilled', ended_at = now() WHERE id = $6 AND status = 'waiting'`,
    [a.organizationId, a.offerId, a.practitionerId, a.start, a.newAppointmentId, a.entryId],
  );
}

/** An undecided offer whose slot someone else took (a booking at the desk, say). */
export async function markTaken(q: Queryable, offerId: string): Promise<void> {
  await q.query(`UPDATE waitlist_offer SET status = 'taken', decided_at = now() WHERE id = $1 AND status = 'sent'`, [offerId]);
}

/** Offers past their time become 'expired'; each answers the slot it held, to be offered onward. */
export async function expireDue(q: Queryable, organizationId: string, now: number): Promise<{ id: string; patientId: string; locationId: string; practitionerId: string; start: number; end: number }[]> {
  return q.query(
    `UPDATE waitlist_offer SET status = 'expired', decided_at = now()
     WHERE organization_id = $1 AND status = 'sent' AND expires_at <= ${at(2)}
     RETURNING id, patient_id AS "patientId", location_id AS "locationId", practitioner_id AS "practitionerId", ${ms('starts_at')} AS start, ${ms('ends_at')} AS "end"`,
    [organizationId, now],
  );
}

export interface OfferView { id: string; status: OfferStatus; start: number; end: number; timeZone: string; locationName: string; locationAddress: string; expiresAt: number }
const OFFER_VIEW = `json_build_object('id', o.id, 'status', o.status, 'start', ${ms('o.starts_at')}, 'end', ${ms('o.ends_at')}, 'timeZone', l.time_zone,
  'locationName', l.name, 'locationAddress', l.line1 || ', ' || l.city || ', ' || l.state || ' ' || l.postal_code, 'expiresAt', ${ms('o.expires_at')})`;

export interface StaffOfferRow {
  id: string; status: OfferStatus; patient: { id: string; firstName: string; lastName: string }; practitionerName: string; locationName: string;
  start: number; timeZone: string; bookedStart: number; channel: Channel; sentAt: number; expiresAt: number; decidedAt: number | null;
}

/** The front desk's list of offers, newest first, filtered; at most 200. */
export async function staffOffers(q: Queryable, organizationId: string, f: { status?: string | undefined; locationId?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<StaffOfferRow[]> {
  return q.query<StaffOfferRow>(
    `SELECT o.id, o.status, json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name) AS patient,
       pr.name AS "practitionerName", l.name AS "locationName", ${ms('o.starts_at')} AS start, l.time_zone AS "timeZone",
       ${ms('a.starts_at')} AS "bookedStart", o.channel, ${ms('o.created_at')} AS "sentAt", ${ms('o.expires_at')} AS "expiresAt", ${ms('o.decided_at')} AS "decidedAt"
     FROM waitlist_offer o
     JOIN patient p ON p.id = o.patient_id JOIN practitioner pr ON pr.id = o.practitioner_id JOIN location l ON l.id = o.location_id
     JOIN appointment a ON a.id = o.appointment_id
     WHERE o.organization_id = $1 AND ($2::text IS NULL OR o.status = $2) AND ($3::uuid IS NULL OR o.location_id = $3)
       AND ($4::date IS NULL OR (o.created_at AT TIME ZONE l.time_zone)::date >= $4::date)
       AND ($5::date IS NULL OR (o.created_at AT TIME ZONE l.time_zone)::date <= $5::date)
     ORDER BY o.created_at DESC, o.id LIMIT 200`,
    [organizationId, f.status ?? null, f.locationId ?? null, f.from ?? null, f.to ?? null],
  );
}

/**
 * The visit an accepted offer books: a copy of the released visit (its reason,
 * how it was booked and who referred) at the offered time, with a new code.
 * The exclusion constraints decide a race for the time, as for any booking.
 */
export async function insertMovedCopy(q: Queryable, c: {
  fromId: string; id: string; practitionerId: string; locationId: string; roomId: string; start: number; end: number; heldStart: number; heldEnd: number; codeHash: string;
}): Promise<void> {
  await q.query(
    `INSERT INTO appointment (id, organization_id, patient_id, practitioner_id, location_id, room_id, visit_type_id,
       starts_at, ends_at, blocked, reason, heard_about, referring_doctor, booked_via, confirmation_code_hash)
     SELECT $2, organization_id, patient_id, $3, $4, $5, visit_type_id, ${at(6)}, ${at(7)}, tstzrange(${at(8)}, ${at(9)}),
       reason, heard_about, referring_doctor, booked_via, $10
     FROM appointment WHERE id = $1`,
    [c.fromId, c.id, c.practitionerId, c.locationId, c.roomId, c.start, c.end, c.heldStart, c.heldEnd, c.codeHash],
  );
}

/** Where offered visits take place, as a notice names them. */
export async function locationsByIds(q: Queryable, ids: string[]): Promise<Map<string, { locationName: string; locationAddress: string; locationPhone: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ id: string; locationName: string; locationAddress: string; locationPhone: string }>(
    `SELECT id, name AS "locationName", line1 || ', ' || city || ', ' || state || ' ' || postal_code AS "locationAddress", phone AS "locationPhone"
     FROM location WHERE id = ANY ($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}
