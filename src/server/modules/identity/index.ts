import fp from 'fastify-plugin';
import { defineModule, need } from '../../platform/module.js';
import type { AuditService } from '../audit/index.js';
import type { NoticesService } from '../notices/index.js';
import type { PatientsService } from '../patients/index.js';
import type { SchedulingService } from '../scheduling/index.js';
import { adminRoutes } from './admin.routes.js';
import { identityRoutes } from './identity.routes.js';
import { createIdentityService, type IdentityService } from './identity.service.js';

export { createIdentityService, type IdentityService } from './identity.service.js';

/** Signing people in: sessions, the second factor, accounts and staff invitations. */
export const identityModule = defineModule<IdentityService>({
  name: 'identity',
  needs: ['audit', 'notices', 'patients', 'scheduling'],
  create(ctx) {
    const notices = need<NoticesService>(ctx, 'notices');
    const patients = need<PatientsService>(ctx, 'patients');
    const scheduling = need<SchedulingService>(ctx, 'scheduling');
    return createIdentityService({
      db: ctx.db, clock: ctx.clock, organizationId: ctx.organization.id, clinicName: () => ctx.organization.name, publicUrl: ctx.config.publicUrl,
      audit: need<AuditService>(ctx, 'audit'),
      enqueueNotice: (t, notice) => notices.enqueue(t, notice),
      afterCommit: () => notices.kick(),
      patients: { match: (m) => patients.match(m), byCode: (id, code) => scheduling.patientByCode(id, code) },
    });
  },
  routes: (identity, ctx) => fp(async (app) => {
    await app.register(identityRoutes(identity, { secureCookies: ctx.config.secureCookies, clock: ctx.clock }));
    await app.register(adminRoutes({ identity }));
  }),
  housekeeping: (identity) => identity.purgeExpired(),
});
