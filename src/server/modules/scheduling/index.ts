import fp from 'fastify-plugin';
import { defineModule, need, type LiveSocketSession } from '../../platform/module.js';
import type { AccessService, FactSource } from '../access/index.js';
import type { AuditService } from '../audit/index.js';
import type { ClinicService } from '../clinic/index.js';
import type { NoticesService } from '../notices/index.js';
import type { PatientsService } from '../patients/index.js';
import { deskScheduleTopic, DESK_SCHEDULE_TOPIC } from './desk-live.js';
import { deskRoutes } from './desk.routes.js';
import { createDeskService } from './desk.service.js';
import { CARE_TEAM_FACT } from './scheduling.repo.js';
import { schedulingRoutes } from './scheduling.routes.js';
import { waitlistRoutes } from './waitlist.routes.js';
import { createSchedulingService, type SchedulingService } from './scheduling.service.js';
import { selfServiceRoutes } from './self-service.routes.js';

export { MAX_SEARCH_DAYS } from '../../../shared/search-window.js';
export type { BookingInput, SchedulingService } from './scheduling.service.js';
export { nextVisitOf, type NextVisit } from './next-visit.repo.js';

/** "This clinician has a visit with the patient": the care relationship that opens a chart. */
const careTeam: FactSource = {
  fact: 'careTeam',
  needed: ({ role, permission }) => role === 'clinician' && permission === 'chart.read',
  sql: CARE_TEAM_FACT,
};

/** Slot search, booking and the staff schedule desk (live across open desks). */
export const schedulingModule = defineModule<SchedulingService, FactSource>({
  name: 'scheduling',
  needs: ['audit', 'notices', 'access', 'patients', 'clinic'],
  create(ctx) {
    const scheduling = createSchedulingService({
      // The clinic's name is read when used: an admin may rename the clinic while the server runs.
      db: ctx.db, clock: ctx.clock, organizationId: ctx.organization.id, clinicName: () => ctx.organization.name, publicUrl: ctx.config.publicUrl,
      notices: need<NoticesService>(ctx, 'notices'), patients: need<PatientsService>(ctx, 'patients'), log: ctx.log, audit: need<AuditService>(ctx, 'audit'),
    });
    // A settings change lists the booked visits it leaves outside the new hours, rooms or practitioners (issue 11).
    need<ClinicService>(ctx, 'clinic').registerVisitFitCheck(scheduling.visitFitCheck);
    return scheduling;
  },
  routes(scheduling, ctx) {
    const desk = createDeskService({ db: ctx.db, clock: ctx.clock, organizationId: ctx.organization.id, scheduling, audit: need<AuditService>(ctx, 'audit') });
    const live = ctx.live;
    if (!live) throw new Error('The schedule desk needs the realtime hub: start it before registering routes');
    return fp(async (app) => {
      await app.register(schedulingRoutes(scheduling));
      await app.register(selfServiceRoutes(scheduling));
      await app.register(deskRoutes(desk, live));
      await app.register(waitlistRoutes(scheduling));
    });
  },
  housekeeping: (scheduling) => scheduling.purgeIdempotencyKeys(),
  // The waitlist's offers job is started by main.ts, like the outbox's delivery; stopped with the app.
  stop: (scheduling) => scheduling.waitlistOffers.stop(),
  facts: [careTeam],
  liveTopics(_scheduling, ctx) {
    const access = need<AccessService>(ctx, 'access');
    return [{ name: DESK_SCHEDULE_TOPIC, spec: deskScheduleTopic<LiveSocketSession>((s) => access.allows(s, 'schedule.read')) }];
  },
});
