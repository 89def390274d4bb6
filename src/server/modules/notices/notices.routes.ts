import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { DemoMailbox, NoticeList, NoticeListQuery, NoticePreferences, NoticePreferencesInput } from '../../../shared/contracts/notices.js';
import type { NoticesService } from './notices.service.js';

const iso = (ms: number) => new Date(ms).toISOString();
const PatientParam = z.strictObject({ patientId: Uuid });

/** Staff see the notices that failed or wait, and give a failed one more tries (issue 10, item 5). */
export const noticesRoutes =
  (notices: NoticesService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/admin/notices', { config: { policy: 'notices.manage' }, schema: { tags: ['admin'], summary: 'Notices that failed or wait to be sent, newest first', querystring: NoticeListQuery, response: { 200: NoticeList } } }, async (req) => ({
      sending: notices.sending,
      items: (await notices.listUnsent(req.query, req.audit)).map((n) => ({ ...n, createdAt: iso(n.createdAt), nextAttemptAt: iso(n.nextAttemptAt) })),
    }));

    app.get('/api/admin/demo-mailbox', { config: { policy: 'notices.manage' }, schema: { tags: ['admin'], summary: 'Demo mailbox: without an email server, the newest notices with their text (not sent); with one, delivery status only', response: { 200: DemoMailbox } } }, async (req) => {
      const box = await notices.mailbox(req.audit);
      return box.mode === 'demo'
        ? { mode: box.mode, items: box.items.map((n) => ({ ...n, createdAt: iso(n.createdAt) })) }
        : { mode: box.mode, items: box.items.map((n) => ({ ...n, createdAt: iso(n.createdAt), sentAt: n.sentAt === null ? null : iso(n.sentAt), nextAttemptAt: iso(n.nextAttemptAt) })) };
    });

    // Issue 12: the patient (or a caregiver with full access) chooses email, text or both per kind of notice, and quiet hours.
    app.get('/api/patients/:patientId/notice-preferences', { config: { policy: 'notice_preferences.manage' }, schema: { tags: ['portal'], summary: 'How the patient hears from the clinic: email, text or both per kind of notice, and quiet hours', params: PatientParam, response: { 200: NoticePreferences } } }, async (req) =>
      notices.preferences.get(req.grant, req.params.patientId, req.audit),
    );
    app.put('/api/patients/:patientId/notice-preferences', { config: { policy: 'notice_preferences.manage' }, schema: { tags: ['portal'], summary: 'Replace how the patient hears from the clinic', params: PatientParam, body: NoticePreferencesInput, response: { 200: NoticePreferences } } }, async (req) =>
      notices.preferences.put(req.grant, req.params.patientId, req.body, req.audit),
    );

    app.post('/api/admin/notices/:id/retry', { config: { policy: 'notices.manage' }, schema: { tags: ['admin'], summary: 'Give a failed notice more tries, starting now', params: z.strictObject({ id: Uuid }) } }, async (req, reply) => {
      await notices.retry(req.params.id, req.audit);
      return reply.code(204).send();
    });
  };
