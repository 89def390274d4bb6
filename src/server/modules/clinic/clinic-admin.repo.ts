import type { Queryable } from '../../db/db.js';

/** Row-by-row writes of clinic data for the benchmarks' synthetic clinics (bench/); the demo and the console write through clinic-settings.repo.ts. */
const idOf = async (db: Queryable, sql: string, params: unknown[]): Promise<string> =>
  (await db.one<{ id: string }>(sql, params))!.id;

export const insertOrganization = (db: Queryable, o: { slug: string; name: string }) =>
  idOf(db, 'INSERT INTO organization (slug, name) VALUES ($1, $2) RETURNING id', [o.slug, o.name]);

export const insertRegion = (db: Queryable, r: { organizationId: string; name: string; sort: number }) =>
  idOf(db, 'INSERT INTO region (organization_id, name, sort) VALUES ($1, $2, $3) RETURNING id', [r.organizationId, r.name, r.sort]);

export const insertLocation = (
  db: Queryable,
  l: { organizationId: string; regionId: string; slug: string; name: string; line1: string; city: string; state: string; postalCode: string; phone: string; timeZone: string; sort: number },
) =>
  idOf(
    db,
    `INSERT INTO location (organization_id, region_id, slug, name, line1, city, state, postal_code, phone, time_zone, sort)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [l.organizationId, l.regionId, l.slug, l.name, l.line1, l.city, l.state, l.postalCode, l.phone, l.timeZone, l.sort],
  );

export const insertLocationHours = (db: Queryable, h: { locationId: string; weekday: number; opensMin: number; closesMin: number }) =>
  db.query('INSERT INTO location_hours (location_id, weekday, opens_min, closes_min) VALUES ($1, $2, $3, $4)', [
    h.locationId, h.weekday, h.opensMin, h.closesMin,
  ]);

export const insertRoom = (db: Queryable, r: { organizationId: string; locationId: string; name: string; capabilities: string[] }) =>
  idOf(db, 'INSERT INTO room (organization_id, location_id, name, capabilities) VALUES ($1, $2, $3, $4) RETURNING id', [
    r.organizationId, r.locationId, r.name, r.capabilities,
  ]);

export const insertPractitioner = (
  db: Queryable,
  p: { organizationId: string; name: string; credentials: string; role: string; bioEn: string; bioEs: string; sort: number },
) =>
  idOf(
    db,
    `INSERT INTO practitioner (organization_id, name, credentials, role, bio_en, bio_es, sort)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [p.organizationId, p.name, p.credentials, p.role, p.bioEn, p.bioEs, p.sort],
  );

export const insertVisitType = (
  db: Queryable,
  v: {
    organizationId: string; code: string; nameEn: string; nameEs: string; descriptionEn: string; descriptionEs: string;
    durationMin: number; bufferBeforeMin: number; bufferAfterMin: number; roomCapability: string; slotStepMin: number;
    minNoticeMin: number; horizonDays: number; online: 'anyone' | 'established' | 'request_only' | 'staff_only'; cptCodes: string[]; sort: number;
  },
) =>
  idOf(
    db,
    `INSERT INTO visit_type (organization_id, code, name_en, name_es, description_en, description_es, duration_min,
       buffer_before_min, buffer_after_min, room_capability, slot_step_min, min_notice_min, horizon_days, online, cpt_codes, sort)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      v.organizationId, v.code, v.nameEn, v.nameEs, v.descriptionEn, v.descriptionEs, v.durationMin, v.bufferBeforeMin,
      v.bufferAfterMin, v.roomCapability, v.slotStepMin, v.minNoticeMin, v.horizonDays, v.online, v.cptCodes, v.sort,
    ],
  );

export const linkPractitionerVisitType = (db: Queryable, practitionerId: string, visitTypeId: string) =>
  db.query('INSERT INTO practitioner_visit_type (practitioner_id, visit_type_id) VALUES ($1, $2)', [practitionerId, visitTypeId]);

export const insertWorkingHours = (
  db: Queryable,
  w: { organizationId: string; practitionerId: string; locationId: string; weekday: number; startMin: number; endMin: number },
) =>
  db.query(
    'INSERT INTO working_hours (organization_id, practitioner_id, location_id, weekday, start_min, end_min) VALUES ($1, $2, $3, $4, $5, $6)',
    [w.organizationId, w.practitionerId, w.locationId, w.weekday, w.startMin, w.endMin],
  );

export const insertTimeOff = (db: Queryable, t: { organizationId: string; practitionerId: string; start: number; end: number; reason: string }) =>
  db.query(
    `INSERT INTO time_off (organization_id, practitioner_id, during, reason)
     VALUES ($1, $2, tstzrange(to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0)), $5)`,
    [t.organizationId, t.practitionerId, t.start, t.end, t.reason],
  );

export const insertHoliday = (db: Queryable, h: { organizationId: string; locationId: string | null; date: string; name: string }) =>
  db.query('INSERT INTO holiday (organization_id, location_id, day, name) VALUES ($1, $2, $3, $4)', [
    h.organizationId, h.locationId, h.date, h.name,
  ]);
