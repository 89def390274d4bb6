import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { NoticeList, NoticeListQuery } from '../../../shared/contracts/notices.js';
import type { NoticesService } from './notices.service.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Staff see the notices that failed or wait, and give a failed one more tries (issue 10, item 5). */
export const noticesRoutes =
  (notices: NoticesService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/admin/notices', { config: { policy: 'notices.manage' }, schema: { tags: ['admin'], summary: 'Notices that failed or wait to be sent, newest first', querystring: NoticeListQuery, response: { 200: NoticeList } } }, async (req) => ({
      sending: notices.sending,
      items: (await notices.listUnsent(req.query, req.audit)).map((n) => ({ ...n, createdAt: iso(n.createdAt), nextAttemptAt: iso(n.nextAttemptAt) })),
    }));

    app.post('/api/admin/notices/:id/retry', { config: { policy: 'notices.manage' }, schema: { tags: ['admin'], summary: 'Give a failed notice more tries, starting now', params: z.strictObject({ id: Uuid }) } }, async (req, reply) => {
      await notices.retry(req.params.id, req.audit);
      return reply.code(204).send();
    });
  };
