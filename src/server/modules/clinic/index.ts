import type { Queryable } from '../../db/db.js';
import { defineModule } from '../../platform/module.js';
import { firstOrganization as first } from './clinic.repo.js';
import { clinicRoutes } from './clinic.routes.js';
import { createClinicService, type ClinicService } from './clinic.service.js';

export { seedDemoClinic } from './seed-demo.js';
export type { ClinicService } from './clinic.service.js';

/** The organization a process serves (the first one: one clinic per database today). */
export const firstOrganization = (db: Queryable) => first(db);

/** The clinic's public reference data: locations, practitioners, visit types. */
export const clinicModule = defineModule<ClinicService>({
  name: 'clinic',
  create: (ctx) => createClinicService({ db: ctx.db, organizationId: ctx.organization.id }),
  routes: (clinic) => clinicRoutes(clinic),
});
