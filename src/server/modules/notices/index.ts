/**
 * The notices module's entry: templates in English and Spanish, the outbox,
 * delivery over SMTP, and the staff page of failed and waiting notices.
 * Other modules use only what this file exports.
 */
export { createNoticesService, OUTBOX_QUEUE, retryDelayMs, type NoticeRequest, type NoticesService } from './notices.service.js';
export { noticesRoutes } from './notices.routes.js';
export { TEMPLATE_NAMES, type TemplateName, type TemplateParams } from './engine/templates.js';
export type { Language } from './engine/notice-layout.js';
export type { NoticeSubject } from './outbox.repo.js';
