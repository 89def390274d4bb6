/**
 * The notices module's entry: templates in English and Spanish, the outbox,
 * delivery over SMTP, and the staff page of failed and waiting notices.
 * Other modules use only what this file exports.
 */
import fp from 'fastify-plugin';
import { defineModule, need } from '../../platform/module.js';
import type { AuditService } from '../audit/index.js';
import { noticesRoutes } from './notices.routes.js';
import { createNoticesService, type NoticesService } from './notices.service.js';

export { OUTBOX_QUEUE, retryDelayMs, type NoticeRequest, type NoticesService } from './notices.service.js';
export { TEMPLATE_NAMES, type TemplateName, type TemplateParams } from './engine/templates.js';
export type { Language } from './engine/notice-layout.js';
export type { VisitFacts } from './engine/visit-blocks.js';
export type { NoticeSubject } from './outbox.repo.js';
export type { KnownContact, PatientNotice } from './patient-notices.js';
export { NOTICE_KINDS, type NoticeKind } from './preferences.repo.js';
export { remindersAhead } from './engine/channels.js';

/** The outbox: written with the change it reports, delivered by a job (started by main.ts); admins see what failed or waits. */
export const noticesModule = defineModule<NoticesService>({
  name: 'notices',
  needs: ['audit'],
  create: (ctx) => createNoticesService({
    db: ctx.db, clock: ctx.clock, mailer: ctx.mailer, sms: ctx.sms, log: ctx.log, organizationId: ctx.organization.id,
    clinicName: () => ctx.organization.name, publicUrl: ctx.config.publicUrl, audit: need<AuditService>(ctx, 'audit'),
  }),
  routes: (notices) => fp(async (app) => app.register(noticesRoutes(notices))),
  stop: (notices) => notices.stop(),
});
