import type { Queryable } from '../../db/db.js';
import type { Location, Practitioner, VisitType } from '../../../shared/contracts/clinic.js';
import { minutesToWallTime } from '../../../shared/time.js';

export async function findOrganizationBySlug(db: Queryable, slug: string): Promise<{ id: string; name: string } | undefined> {
  return db.one('SELECT id, name FROM organization WHERE slug = $1', [slug]);
}

export async function firstOrganization(db: Queryable): Promise<{ id: string; name: string; slug: string } | undefined> {
  return db.one('SELECT id, name, slug FROM organization ORDER BY created_at, slug LIMIT 1');
}

// The public site's answers (issue 11): what is inactive is not shown.

interface LocationRow {
  id: string;
  slug: string;
  name: string;
  regionId: string;
  regionName: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
  phone: string;
  fax: string;
  timeZone: string;
  hours: { weekday: number; opensMin: number; closesMin: number }[];
}

export async function listLocations(db: Queryable, organizationId: string): Promise<Location[]> {
  const rows = await db.query<LocationRow>(
    `SELECT l.id, l.slug, l.name, r.id AS "regionId", r.name AS "regionName", l.line1, l.line2, l.city, l.state,
       l.postal_code AS "postalCode", l.phone, l.fax, l.time_zone AS "timeZone",
       coalesce((SELECT json_agg(json_build_object('weekday', h.weekday, 'opensMin', h.opens_min, 'closesMin', h.closes_min)
                 ORDER BY h.weekday, h.opens_min) FROM location_hours h WHERE h.location_id = l.id), '[]') AS hours
     FROM location l JOIN region r ON r.id = l.region_id
     WHERE l.organization_id = $1 AND l.active
     ORDER BY r.sort, l.sort, l.name`,
    [organizationId],
  );
  return rows.map((l) => ({
    id: l.id,
    slug: l.slug,
    name: l.name,
    region: { id: l.regionId, name: l.regionName },
    address: { line1: l.line1, line2: l.line2, city: l.city, state: l.state, postalCode: l.postalCode },
    phone: l.phone,
    fax: l.fax,
    timeZone: l.timeZone,
    hours: l.hours.map((h) => ({ weekday: h.weekday, opens: minutesToWallTime(h.opensMin), closes: minutesToWallTime(h.closesMin) })),
  }));
}

interface PractitionerRow {
  id: string;
  name: string;
  credentials: string;
  role: Practitioner['role'];
  languages: string[];
  bioEn: string;
  bioEs: string;
  locationIds: string[];
  visitTypeIds: string[];
}

export async function listPractitioners(db: Queryable, organizationId: string): Promise<Practitioner[]> {
  const rows = await db.query<PractitionerRow>(
    `SELECT p.id, p.name, p.credentials, p.role, p.languages, p.bio_en AS "bioEn", p.bio_es AS "bioEs",
       coalesce((SELECT array_agg(DISTINCT w.location_id) FROM working_hours w JOIN location l ON l.id = w.location_id
                 WHERE w.practitioner_id = p.id AND l.active), '{}') AS "locationIds",
       coalesce((SELECT array_agg(pvt.visit_type_id) FROM practitioner_visit_type pvt JOIN visit_type vt ON vt.id = pvt.visit_type_id
                 WHERE pvt.practitioner_id = p.id AND vt.active), '{}') AS "visitTypeIds"
     FROM practitioner p
     WHERE p.organization_id = $1 AND p.active
     ORDER BY p.sort, p.name`,
    [organizationId],
  );
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    credentials: p.credentials,
    role: p.role,
    languages: p.languages,
    bio: { en: p.bioEn, es: p.bioEs },
    locationIds: p.locationIds,
    visitTypeIds: p.visitTypeIds,
  }));
}

interface VisitTypeRow {
  id: string;
  code: string;
  nameEn: string;
  nameEs: string;
  descriptionEn: string;
  descriptionEs: string;
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  roomCapability: VisitType['roomCapability'];
  bookableOnline: boolean;
  online: VisitType['online'];
  cancelCutoffMin: number;
  instructionsEn: string;
  instructionsEs: string;
  cptCodes: string[];
}

export async function listVisitTypes(db: Queryable, organizationId: string): Promise<VisitType[]> {
  const rows = await db.query<VisitTypeRow>(
    `SELECT id, code, name_en AS "nameEn", name_es AS "nameEs", description_en AS "descriptionEn",
       description_es AS "descriptionEs", duration_min AS "durationMin", buffer_before_min AS "bufferBeforeMin",
       buffer_after_min AS "bufferAfterMin", room_capability AS "roomCapability", online = 'anyone' AS "bookableOnline",
       online, cancel_cutoff_min AS "cancelCutoffMin", instructions_en AS "instructionsEn", instructions_es AS "instructionsEs",
       cpt_codes AS "cptCodes"
     FROM visit_type WHERE organization_id = $1 AND active ORDER BY sort, code`,
    [organizationId],
  );
  return rows.map((v) => ({
    id: v.id,
    code: v.code,
    name: { en: v.nameEn, es: v.nameEs },
    description: { en: v.descriptionEn, es: v.descriptionEs },
    durationMin: v.durationMin,
    bufferBeforeMin: v.bufferBeforeMin,
    bufferAfterMin: v.bufferAfterMin,
    roomCapability: v.roomCapability,
    bookableOnline: v.bookableOnline,
    online: v.online,
    cancelCutoffMin: v.cancelCutoffMin,
    instructions: { en: v.instructionsEn, es: v.instructionsEs },
    cptCodes: v.cptCodes,
  }));
}
