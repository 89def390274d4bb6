import type { Queryable } from '../../db/db.js';
import type { ClinicSettings } from '../../../shared/contracts/clinic-settings.js';
import { minutesToWallTime, wallTimeToMinutes } from '../../../shared/time.js';

/**
 * The clinic's settings as rows (issue 11): read whole, and written as the
 * difference between the settings before a change and after it, so a
 * console change and an import go through the same writes.
 */
type Settings = ClinicSettings;
type Location = Settings['locations'][number];
type Practitioner = Settings['practitioners'][number];
type VisitType = Settings['visitTypes'][number];

/** Code-point order: the same on every database, whatever its collation. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySortThenName = <T extends { sort: number }>(key: (t: T) => string) => (a: T, b: T) => a.sort - b.sort || byText(key(a), key(b));
const strip = <T extends { sort: number }>({ sort: _sort, ...rest }: T): Omit<T, 'sort'> => rest;

/**
 * Serialises settings changes of one organization: each is checked against
 * the settings as the previous one left them. An export takes it shared, so
 * it reads the settings between changes, never halfway through one. Neither
 * is FOR UPDATE, which would also hold up every insert of a row that refers
 * to the organization (a booking, an audit event) until the change commits.
 */
export async function lockOrganization(db: Queryable, organizationId: string, mode: 'update' | 'share' = 'update'): Promise<void> {
  await db.query(`SELECT id FROM organization WHERE id = $1 FOR ${mode === 'share' ? 'SHARE' : 'NO KEY UPDATE'}`, [organizationId]);
}

export async function organizationName(db: Queryable, organizationId: string): Promise<string | undefined> {
  return (await db.one<{ name: string }>('SELECT name FROM organization WHERE id = $1', [organizationId]))?.name;
}

interface LocationRow extends Omit<Location, 'address' | 'hours' | 'rooms'> {
  sort: number;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
  hours: { weekday: number; opensMin: number; closesMin: number }[];
  rooms: Location['rooms'];
}

interface PractitionerRow extends Omit<Practitioner, 'bio' | 'schedule'> {
  sort: number;
  bioEn: string;
  bioEs: string;
  schedule: { locationId: string; weekday: number; startMin: number; endMin: number; validFrom: string | null; validTo: string | null }[];
}

interface VisitTypeRow extends Omit<VisitType, 'name' | 'description' | 'instructions'> {
  sort: number;
  nameEn: string;
  nameEs: string;
  descriptionEn: string;
  descriptionEs: string;
  instructionsEn: string;
  instructionsEs: string;
}

/** Every setting of the organization, each list in its display order. */
export async function loadSettings(db: Queryable, organizationId: string): Promise<Settings> {
  const organization = await db.one<Settings['organization']>(
    `SELECT id, name, main_phone AS "mainPhone", billing_phone AS "billingPhone", website_url AS "websiteUrl",
       logo_file_id IS NOT NULL AS "hasLogo", online_booking AS "onlineBooking", message_reply_business_days AS "replyBusinessDays",
       json_build_object('start', sms_quiet_start, 'end', sms_quiet_end) AS "smsQuietHours"
     FROM organization WHERE id = $1`,
    [organizationId],
  );
  if (!organization) throw new Error(`organization ${organizationId} is not in the database`);
  const regions = await db.query<{ id: string; name: string; sort: number }>('SELECT id, name, sort FROM region WHERE organization_id = $1', [organizationId]);
  const locations = await db.query<LocationRow>(
    `SELECT l.id, l.slug, l.name, l.region_id AS "regionId", l.line1, l.line2, l.city, l.state, l.postal_code AS "postalCode",
       l.phone, l.fax, l.time_zone AS "timeZone", l.active, l.sort,
       coalesce((SELECT json_agg(json_build_object('weekday', h.weekday, 'opensMin', h.opens_min, 'closesMin', h.closes_min)
                 ORDER BY h.weekday, h.opens_min) FROM location_hours h WHERE h.location_id = l.id), '[]') AS hours,
       coalesce((SELECT json_agg(json_build_object('id', r.id, 'name', r.name, 'capabilities', r.capabilities, 'active', r.active))
                 FROM room r WHERE r.location_id = l.id), '[]') AS rooms
     FROM location l WHERE l.organization_id = $1`,
    [organizationId],
  );
  const holidays = await db.query<Settings['holidays'][number]>(
    `SELECT id, to_char(day, 'YYYY-MM-DD') AS date, name, location_id AS "locationId" FROM holiday WHERE organization_id = $1`,
    [organizationId],
  );
  const visitTypes = await db.query<VisitTypeRow>(
    `SELECT id, code, name_en AS "nameEn", name_es AS "nameEs", description_en AS "descriptionEn", description_es AS "descriptionEs",
       instructions_en AS "instructionsEn", instructions_es AS "instructionsEs", duration_min AS "durationMin",
       buffer_before_min AS "bufferBeforeMin", buffer_after_min AS "bufferAfterMin", room_capability AS "roomCapability",
       slot_step_min AS "slotStepMin", online, cancel_cutoff_min AS "cancelCutoffMin", min_notice_min AS "minNoticeMin",
       horizon_days AS "horizonDays", cpt_codes AS "cptCodes", active, sort
     FROM visit_type WHERE organization_id = $1`,
    [organizationId],
  );
  const practitioners = await db.query<PractitionerRow>(
    `SELECT p.id, p.name, p.credentials, p.role, p.languages, p.bio_en AS "bioEn", p.bio_es AS "bioEs", p.active, p.sort,
       coalesce((SELECT array_agg(pvt.visit_type_id) FROM practitioner_visit_type pvt WHERE pvt.practitioner_id = p.id), '{}') AS "visitTypeIds",
       coalesce((SELECT json_agg(json_build_object('locationId', w.location_id, 'weekday', w.weekday, 'startMin', w.start_min,
                   'endMin', w.end_min, 'validFrom', to_char(w.valid_from, 'YYYY-MM-DD'), 'validTo', to_char(w.valid_to, 'YYYY-MM-DD')))
                 FROM working_hours w WHERE w.practitioner_id = p.id), '[]') AS schedule
     FROM practitioner p WHERE p.organization_id = $1`,
    [organizationId],
  );
  return orderSettings({
    organization,
    regions: regions.sort(bySortThenName((r) => r.name)).map(strip),
    locations: locations.sort(bySortThenName((l) => l.name)).map(({ line1, line2, city, state, postalCode, hours, sort: _sort, ...l }) => ({
      ...l,
      address: { line1, line2, city, state, postalCode },
      hours: hours.map((h) => ({ weekday: h.weekday, opens: minutesToWallTime(h.opensMin), closes: minutesToWallTime(h.closesMin) })),
    })),
    holidays,
    visitTypes: visitTypes.sort(bySortThenName((v) => v.code)).map(({ nameEn, nameEs, descriptionEn, descriptionEs, instructionsEn, instructionsEs, sort: _sort, ...v }) => ({
      ...v,
      name: { en: nameEn, es: nameEs },
      description: { en: descriptionEn, es: descriptionEs },
      instructions: { en: instructionsEn, es: instructionsEs },
    })),
    practitioners: practitioners.sort(bySortThenName((p) => p.name)).map(({ bioEn, bioEs, schedule, sort: _sort, ...p }) => ({
      ...p,
      bio: { en: bioEn, es: bioEs },
      schedule: schedule.map((w) => ({ locationId: w.locationId, weekday: w.weekday, start: minutesToWallTime(w.startMin), end: minutesToWallTime(w.endMin), validFrom: w.validFrom, validTo: w.validTo })),
    })),
  });
}

/**
 * The one order of everything inside the lists: hours by weekday and time,
 * rooms by name, closures by day then location, a practitioner's visit types as the visit types are
 * listed and their hours by location, weekday and time.
 */
export function orderSettings(s: Settings): Settings {
  const locationIndex = new Map(s.locations.map((l, i) => [l.id, i]));
  const visitTypeIndex = new Map(s.visitTypes.map((v, i) => [v.id, i]));
  const at = (m: Map<string, number>, id: string | null) => (id === null ? -1 : (m.get(id) ?? m.size));
  return {
    ...s,
    locations: s.locations.map((l) => ({
      ...l,
      hours: [...l.hours].sort((a, b) => a.weekday - b.weekday || byText(a.opens, b.opens)),
      rooms: [...l.rooms].sort((a, b) => byText(a.name, b.name)),
    })),
    holidays: [...s.holidays].sort((a, b) => byText(a.date, b.date) || at(locationIndex, a.locationId) - at(locationIndex, b.locationId)),
    practitioners: s.practitioners.map((p) => ({
      ...p,
      visitTypeIds: [...p.visitTypeIds].sort((a, b) => at(visitTypeIndex, a) - at(visitTypeIndex, b) || byText(a, b)),
      schedule: [...p.schedule].sort((a, b) =>
        at(locationIndex, a.locationId) - at(locationIndex, b.locationId) || a.weekday - b.weekday || byText(a.start, b.start) ||
        byText(a.end, b.end) || byText(a.validFrom ?? '', b.validFrom ?? '') || byText(a.validTo ?? '~', b.validTo ?? '~')),
    })),
  };
}

// ---------------------------------------------------------------- writes

/** JSON with object keys in order: rows read from the database and rows built from a request compare by content. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical)
    : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => byText(a, b)).map(([k, x]) => [k, canonical(x)]))
      : v;
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

export interface WriteCounts {
  created: number;
  updated: number;
}

/**
 * Writes what differs between `before` and `after` (rows matched by id; a
 * row only in `after` is new, a holiday only in `before` is gone). Lists are
 * stored in the order of `after` (`sort`). Other rows are never deleted:
 * they are deactivated by the change itself.
 */
export async function writeSettings(db: Queryable, organizationId: string, before: Settings, after: Settings): Promise<WriteCounts> {
  const counts: WriteCounts = { created: 0, updated: 0 };
  const count = (created: boolean, changed: boolean) => {
    if (created) counts.created++;
    else if (changed) counts.updated++;
  };
  await writeOrganization(db, before.organization, after.organization, count);
  await writeList(before.regions, after.regions, (r, sort, old) =>
    old
      ? db.query('UPDATE region SET name = $2, sort = $3 WHERE id = $1', [r.id, r.name, sort])
      : db.query('INSERT INTO region (id, organization_id, name, sort) VALUES ($1, $2, $3, $4)', [r.id, organizationId, r.name, sort]), count);
  await writeList(before.locations, after.locations, async (l, sort, old) => {
    await writeLocation(db, organizationId, l, sort, old);
    if (!old || !same(old.hours, l.hours)) await replaceHours(db, l);
  }, count, true, (l) => ({ ...l, rooms: [] }));
  const roomsBefore = new Map(before.locations.map((l) => [l.id, l.rooms]));
  for (const l of after.locations) {
    await writeList(roomsBefore.get(l.id) ?? [], l.rooms, (r, _sort, old) =>
      old
        ? db.query('UPDATE room SET name = $2, capabilities = $3, active = $4 WHERE id = $1', [r.id, r.name, r.capabilities, r.active])
        : db.query('INSERT INTO room (id, organization_id, location_id, name, capabilities, active) VALUES ($1, $2, $3, $4, $5, $6)', [r.id, organizationId, l.id, r.name, r.capabilities, r.active]), count, false);
  }
  await writeList(before.visitTypes, after.visitTypes, (v, sort, old) => writeVisitType(db, organizationId, v, sort, old), count);
  await writeList(before.practitioners, after.practitioners, async (p, sort, old) => {
    await writePractitioner(db, organizationId, p, sort, old);
    if (!old || !same([...old.visitTypeIds].sort(), [...p.visitTypeIds].sort())) {
      await db.query('DELETE FROM practitioner_visit_type WHERE practitioner_id = $1', [p.id]);
      await db.query('INSERT INTO practitioner_visit_type (practitioner_id, visit_type_id) SELECT DISTINCT $1::uuid, unnest($2::uuid[])', [p.id, p.visitTypeIds]);
    }
    if (!old || !same(old.schedule, p.schedule)) await replaceSchedule(db, organizationId, p);
  }, count);
  await writeHolidays(db, organizationId, before.holidays, after.holidays, count);
  return counts;
}

/**
 * Inserts the rows of `after` not in `before` and updates those that changed
 * or moved. `compared` leaves out what is written separately (a location's
 * rooms) when deciding whether a row changed.
 */
async function writeList<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  write: (row: T, sort: number, old: T | undefined) => Promise<unknown>,
  count: (created: boolean, changed: boolean) => void,
  sorted = true,
  compared: (row: T) => unknown = (row) => row,
): Promise<void> {
  const old = new Map(before.map((row, i) => [row.id, { row, sort: i }]));
  for (const [sort, row] of after.entries()) {
    const prior = old.get(row.id);
    const changed = !prior || !same(compared(prior.row), compared(row));
    if (changed || (sorted && prior.sort !== sort)) await write(row, sort, prior?.row);
    count(!prior, changed);
  }
}

async function writeOrganization(db: Queryable, before: Settings['organization'], after: Settings['organization'], count: (created: boolean, changed: boolean) => void) {
  const { hasLogo: _a, ...was } = before;
  const { hasLogo: _b, ...now } = after;
  if (same(was, now)) return;
  await db.query(
    `UPDATE organization SET name = $2, main_phone = $3, billing_phone = $4, website_url = $5, online_booking = $6, message_reply_business_days = $7,
       sms_quiet_start = $8, sms_quiet_end = $9 WHERE id = $1`,
    [now.id, now.name, now.mainPhone, now.billingPhone, now.websiteUrl, now.onlineBooking, now.replyBusinessDays, now.smsQuietHours.start, now.smsQuietHours.end],
  );
  count(false, true);
}

async function writeLocation(db: Queryable, organizationId: string, l: Location, sort: number, old: Location | undefined) {
  const a = l.address;
  const values = [l.id, l.regionId, l.slug, l.name, a.line1, a.line2, a.city, a.state, a.postalCode, l.phone, l.fax, l.timeZone, l.active, sort];
  if (old) {
    await db.query(
      `UPDATE location SET region_id = $2, slug = $3, name = $4, line1 = $5, line2 = $6, city = $7, state = $8, postal_code = $9,
         phone = $10, fax = $11, time_zone = $12, active = $13, sort = $14 WHERE id = $1`,
      values,
    );
  } else {
    await db.query(
      `INSERT INTO location (id, region_id, slug, name, line1, line2, city, state, postal_code, phone, fax, time_zone, active, sort, organization_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [...values, organizationId],
    );
  }
}

async function replaceHours(db: Queryable, l: Location) {
  await db.query('DELETE FROM location_hours WHERE location_id = $1', [l.id]);
  if (l.hours.length === 0) return;
  await db.query(
    'INSERT INTO location_hours (location_id, weekday, opens_min, closes_min) SELECT $1, * FROM unnest($2::smallint[], $3::smallint[], $4::smallint[])',
    [l.id, l.hours.map((h) => h.weekday), l.hours.map((h) => wallTimeToMinutes(h.opens)), l.hours.map((h) => wallTimeToMinutes(h.closes))],
  );
}

async function writeVisitType(db: Queryable, organizationId: string, v: VisitType, sort: number, old: VisitType | undefined) {
  const values = [
    v.id, v.code, v.name.en, v.name.es, v.description.en, v.description.es, v.instructions.en, v.instructions.es, v.durationMin,
    v.bufferBeforeMin, v.bufferAfterMin, v.roomCapability, v.slotStepMin, v.online, v.cancelCutoffMin, v.minNoticeMin, v.horizonDays,
    v.cptCodes, v.active, sort,
  ];
  if (old) {
    await db.query(
      `UPDATE visit_type SET code = $2, name_en = $3, name_es = $4, description_en = $5, description_es = $6, instructions_en = $7,
         instructions_es = $8, duration_min = $9, buffer_before_min = $10, buffer_after_min = $11, room_capability = $12,
         slot_step_min = $13, online = $14, cancel_cutoff_min = $15, min_notice_min = $16, horizon_days = $17, cpt_codes = $18,
         active = $19, sort = $20 WHERE id = $1`,
      values,
    );
  } else {
    await db.query(
      `INSERT INTO visit_type (id, code, name_en, name_es, description_en, description_es, instructions_en, instructions_es, duration_min,
         buffer_before_min, buffer_after_min, room_capability, slot_step_min, online, cancel_cutoff_min, min_notice_min, horizon_days,
         cpt_codes, active, sort, organization_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
      [...values, organizationId],
    );
  }
}

async function writePractitioner(db: Queryable, organizationId: string, p: Practitioner, sort: number, old: Practitioner | undefined) {
  const values = [p.id, p.name, p.credentials, p.role, p.languages, p.bio.en, p.bio.es, p.active, sort];
  if (old) {
    await db.query(
      'UPDATE practitioner SET name = $2, credentials = $3, role = $4, languages = $5, bio_en = $6, bio_es = $7, active = $8, sort = $9 WHERE id = $1',
      values,
    );
  } else {
    await db.query(
      `INSERT INTO practitioner (id, name, credentials, role, languages, bio_en, bio_es, active, sort, organization_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [...values, organizationId],
    );
  }
}

async function replaceSchedule(db: Queryable, organizationId: string, p: Practitioner) {
  await db.query('DELETE FROM working_hours WHERE practitioner_id = $1', [p.id]);
  if (p.schedule.length === 0) return;
  const s = p.schedule;
  await db.query(
    `INSERT INTO working_hours (organization_id, practitioner_id, location_id, weekday, start_min, end_min, valid_from, valid_to)
     SELECT $1, $2, * FROM unnest($3::uuid[], $4::smallint[], $5::smallint[], $6::smallint[], $7::date[], $8::date[])`,
    [
      organizationId, p.id, s.map((e) => e.locationId), s.map((e) => e.weekday), s.map((e) => wallTimeToMinutes(e.start)),
      s.map((e) => wallTimeToMinutes(e.end)), s.map((e) => e.validFrom), s.map((e) => e.validTo),
    ],
  );
}

async function writeHolidays(
  db: Queryable, organizationId: string, before: Settings['holidays'], after: Settings['holidays'], count: (created: boolean, changed: boolean) => void,
) {
  const kept = new Set(after.map((h) => h.id));
  const gone = before.filter((h) => !kept.has(h.id)).map((h) => h.id);
  if (gone.length) await db.query('DELETE FROM holiday WHERE organization_id = $1 AND id = ANY($2::uuid[])', [organizationId, gone]);
  await writeList(before, after, (h, _sort, old) =>
    old
      ? db.query('UPDATE holiday SET day = $2, name = $3, location_id = $4 WHERE id = $1', [h.id, h.date, h.name, h.locationId])
      : db.query('INSERT INTO holiday (id, organization_id, day, name, location_id) VALUES ($1, $2, $3, $4, $5)', [h.id, organizationId, h.date, h.name, h.locationId]), count, false);
}

// ---------------------------------------------------------------- the organization row and its logo

/**
 * The organization of a first run without the demo (issue 11): created when
 * the database has none, in one statement. Two processes starting at once
 * both try; the unique slug lets one insert and the other do nothing.
 */
export async function ensureOrganization(db: Queryable): Promise<void> {
  await db.query(
    `INSERT INTO organization (slug, name, online_booking)
     SELECT 'clinic', '', false WHERE NOT EXISTS (SELECT 1 FROM organization)
     ON CONFLICT (slug) DO NOTHING`,
  );
}

export async function insertOrganization(db: Queryable, o: { slug: string; name: string }): Promise<string> {
  return (await db.one<{ id: string }>('INSERT INTO organization (slug, name) VALUES ($1, $2) RETURNING id', [o.slug, o.name]))!.id;
}

export async function setOrganizationName(db: Queryable, organizationId: string, name: string): Promise<void> {
  await db.query('UPDATE organization SET name = $2 WHERE id = $1', [organizationId, name]);
}

export async function setOnlineBooking(db: Queryable, organizationId: string, open: boolean): Promise<void> {
  await db.query('UPDATE organization SET online_booking = $2 WHERE id = $1', [organizationId, open]);
}

export async function setLogo(db: Queryable, organizationId: string, fileId: string | null): Promise<void> {
  await db.query('UPDATE organization SET logo_file_id = $2 WHERE id = $1', [organizationId, fileId]);
}

export async function logoFileId(db: Queryable, organizationId: string): Promise<string | null> {
  return (await db.one<{ id: string | null }>('SELECT logo_file_id AS id FROM organization WHERE id = $1', [organizationId]))?.id ?? null;
}

/** The NOTIFY channel of settings changes: every server process reloads what it keeps of the organization (its name). */
export const CLINIC_CHANNEL = 'relief_clinic';

/** Sent in the transaction of the change, so it is heard only once the change is committed. */
export async function notifyChanged(db: Queryable, organizationId: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CLINIC_CHANNEL, organizationId]);
}

export async function insertTimeOff(db: Queryable, t: { organizationId: string; practitionerId: string; start: number; end: number; reason: string }) {
  await db.query(
    `INSERT INTO time_off (organization_id, practitioner_id, during, reason)
     VALUES ($1, $2, tstzrange(to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0)), $5)`,
    [t.organizationId, t.practitionerId, t.start, t.end, t.reason],
  );
}

export async function practitionerIdByName(db: Queryable, organizationId: string, name: string): Promise<string | undefined> {
  return (await db.one<{ id: string }>('SELECT id FROM practitioner WHERE organization_id = $1 AND name = $2', [organizationId, name]))?.id;
}
