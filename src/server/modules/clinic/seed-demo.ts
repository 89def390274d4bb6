import type { Db } from '../../db/db.js';
import { addDays, localToInstant, wallTimeToMinutes } from '../../../shared/time.js';
import * as admin from './clinic-admin.repo.js';
import { findOrganizationBySlug } from './clinic.repo.js';
import { DEMO_ORG, HOLIDAYS, LOCATIONS, OPENING, PRACTITIONERS, VISIT_TYPES, ZONE } from './demo-clinic.js';

/** Seeds the demo clinic once, in one transaction; returns its organization id. */
export async function seedDemoClinic(db: Db): Promise<{ organizationId: string; created: boolean }> {
  const existing = await findOrganizationBySlug(db, DEMO_ORG.slug);
  if (existing) return { organizationId: existing.id, created: false };
  const organizationId = await db.tx(async (t) => {
    const orgId = await admin.insertOrganization(t, DEMO_ORG);
    const regionIds = new Map<string, string>();
    const locationIds = new Map<string, string>();
    for (const [i, l] of LOCATIONS.entries()) {
      if (!regionIds.has(l.region)) {
        regionIds.set(l.region, await admin.insertRegion(t, { organizationId: orgId, name: l.region, sort: regionIds.size }));
      }
      const id = await admin.insertLocation(t, {
        organizationId: orgId, regionId: regionIds.get(l.region)!, slug: l.slug, name: l.name, line1: l.line1,
        city: l.city, state: 'TX', postalCode: l.postalCode, phone: l.phone, timeZone: ZONE, sort: i,
      });
      locationIds.set(l.slug, id);
      for (const weekday of OPENING.weekdays) {
        await admin.insertLocationHours(t, {
          locationId: id, weekday, opensMin: wallTimeToMinutes(OPENING.opens), closesMin: wallTimeToMinutes(OPENING.closes),
        });
      }
      for (const r of l.rooms) await admin.insertRoom(t, { organizationId: orgId, locationId: id, ...r });
    }
    const visitTypeIds = new Map<string, string>();
    for (const [i, v] of VISIT_TYPES.entries()) {
      visitTypeIds.set(v.code, await admin.insertVisitType(t, { organizationId: orgId, ...v, sort: i }));
    }
    for (const [i, p] of PRACTITIONERS.entries()) {
      const pid = await admin.insertPractitioner(t, {
        organizationId: orgId, name: p.name, credentials: p.credentials, role: p.role, bioEn: p.bioEn, bioEs: p.bioEs, sort: i,
      });
      for (const code of p.visitTypes) await admin.linkPractitionerVisitType(t, pid, visitTypeIds.get(code)!);
      for (const s of p.schedule) {
        const [start, end] = s.hours.split('-') as [string, string];
        for (const weekday of s.weekdays) {
          await admin.insertWorkingHours(t, {
            organizationId: orgId, practitionerId: pid, locationId: locationIds.get(s.location)!, weekday,
            startMin: wallTimeToMinutes(start), endMin: wallTimeToMinutes(end),
          });
        }
      }
      for (const off of p.timeOff ?? []) {
        await admin.insertTimeOff(t, {
          organizationId: orgId, practitionerId: pid, reason: off.reason,
          start: localToInstant(off.from, '00:00', ZONE), end: localToInstant(addDays(off.to, 1), '00:00', ZONE),
        });
      }
    }
    for (const h of HOLIDAYS) await admin.insertHoliday(t, { organizationId: orgId, locationId: null, ...h });
    return orgId;
  });
  return { organizationId, created: true };
}
