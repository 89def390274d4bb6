import { defineModule } from '../../platform/module.js';
import { createNoticesService, type NoticesService } from './notices.service.js';

export type { NoticesService } from './notices.service.js';

/** The outbox of emails: written with the change they report, delivered by a job (started by main.ts). */
export const noticesModule = defineModule<NoticesService>({
  name: 'notices',
  create: (ctx) => createNoticesService({ db: ctx.db, clock: ctx.clock, mailer: ctx.mailer, log: ctx.log, organizationId: ctx.organization.id }),
  stop: (notices) => notices.stop(),
});
