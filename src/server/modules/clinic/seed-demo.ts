import type { Db } from '../../db/db.js';
import { addDays, localToInstant } from '../../../shared/time.js';
import { createDbFileStore } from '../../platform/files.js';
import { findOrganizationBySlug } from './clinic.repo.js';
import { insertOrganization, insertTimeOff, practitionerIdByName } from './clinic-settings.repo.js';
import { applyDocument } from './clinic-transfer.service.js';
import { DEMO_DOCUMENT, DEMO_ORG, DEMO_TIME_OFF, ZONE } from './demo-clinic.js';

/**
 * Seeds the demo clinic once, in one transaction: a new organization, the
 * demo's settings document imported into it (as `npm run clinic -- import`
 * would), and the demo's time off. Returns its organization id.
 */
export async function seedDemoClinic(db: Db): Promise<{ organizationId: string; created: boolean }> {
  const existing = await findOrganizationBySlug(db, DEMO_ORG.slug);
  if (existing) return { organizationId: existing.id, created: false };
  const organizationId = await db.tx(async (t) => {
    const id = await insertOrganization(t, DEMO_ORG);
    const applied = await applyDocument(t, id, DEMO_DOCUMENT, createDbFileStore());
    if ('problems' in applied) throw new Error(`The demo clinic's document has problems:\n${applied.problems.map((p) => `${p.field}: ${p.message}`).join('\n')}`);
    for (const off of DEMO_TIME_OFF) {
      const practitionerId = await practitionerIdByName(t, id, off.practitioner);
      if (!practitionerId) throw new Error(`The demo's time off names ${off.practitioner}, who is not in its document`);
      await insertTimeOff(t, {
        organizationId: id, practitionerId, reason: off.reason,
        start: localToInstant(off.from, '00:00', ZONE), end: localToInstant(addDays(off.to, 1), '00:00', ZONE),
      });
    }
    return id;
  });
  return { organizationId, created: true };
}
