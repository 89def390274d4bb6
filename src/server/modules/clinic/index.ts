import fp from 'fastify-plugin';
import type { Db, Queryable } from '../../db/db.js';
import { createDbFileStore } from '../../platform/files.js';
import { defineModule, need } from '../../platform/module.js';
import type { AuditService } from '../audit/index.js';
import { firstOrganization as first } from './clinic.repo.js';
import { clinicRoutes } from './clinic.routes.js';
import { createClinicService, type ClinicService } from './clinic.service.js';
import { CLINIC_CHANNEL, ensureOrganization, organizationName } from './clinic-settings.repo.js';
import { clinicSettingsRoutes } from './clinic-settings.routes.js';
import { seedDemoClinic } from './seed-demo.js';

export { seedDemoClinic } from './seed-demo.js';
export { createClinicService, type ClinicService } from './clinic.service.js';
export type { VisitFitCheck } from './clinic-settings.service.js';

/** The organization a process serves (the first one: one clinic per database today). */
export const firstOrganization = (db: Queryable) => first(db);

/**
 * The organization a server process (or a command) serves: the demo clinic,
 * seeded on its first start, or with RELIEF_SEED=none the database's own,
 * created unnamed on an empty database (issue 11: a first run without the
 * demo) in one statement that two processes starting at once may both run.
 */
export async function openOrganization(db: Db, seed: 'demo' | 'none'): Promise<{ id: string; name: string }> {
  if (seed === 'demo') {
    const { organizationId } = await seedDemoClinic(db);
    return { id: organizationId, name: (await organizationName(db, organizationId))! };
  }
  await ensureOrganization(db);
  const org = (await first(db))!;
  return { id: org.id, name: org.name };
}

/**
 * The clinic: its public reference data, and its settings as the admin
 * edits, exports and imports them (issue 11). It keeps the organization's
 * name in the module context current on every process: a change here sets
 * it, and a NOTIFY tells the other processes to read it again.
 */
export const clinicModule = defineModule<ClinicService>({
  name: 'clinic',
  needs: ['audit'],
  create: (ctx) => createClinicService({ db: ctx.db, organization: ctx.organization, audit: need<AuditService>(ctx, 'audit'), files: createDbFileStore() }),
  routes: (clinic, ctx) => fp(async (app) => {
    await app.register(clinicRoutes(clinic));
    await app.register(clinicSettingsRoutes(clinic, ctx.clock));
  }),
  async start(clinic, ctx) {
    const refresh = () => void clinic.refreshName().catch((err: unknown) => ctx.log.error({ err }, 'could not read the clinic name again; keeping the old one until the next change or hour'));
    const unlisten = await ctx.db.listen(CLINIC_CHANNEL, (organizationId) => {
      if (organizationId === ctx.organization.id) refresh();
    });
    return unlisten;
  },
  housekeeping: (clinic) => clinic.refreshName(),
});
