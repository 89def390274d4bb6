import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEvent, AuditQuery } from '../../../shared/contracts/identity.js';
import type { AuditEventRow, AuditService } from './audit.service.js';

const toEvent = (e: AuditEventRow) => ({
  id: e.id, seq: e.chainPos, at: new Date(e.occurredAt).toISOString(), actorUserId: e.actorUserId, actorName: e.actorName,
  actorRole: e.actorRole, action: e.action, resourceType: e.resourceType, resourceId: e.resourceId, patientId: e.patientId,
  patientName: e.patientName, sourceIp: e.sourceIp, userAgent: e.userAgent, outcome: e.outcome, reason: e.reason,
});

/** RFC 4180 field, with a leading quote on values a spreadsheet would run as a formula (OWASP CSV injection). */
function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const filterOf = (q: z.infer<typeof AuditQuery>) => ({
  actorUserId: q.user, patientId: q.patient, action: q.action, from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined, limit: q.limit,
});

/** The administrator's audit report, as JSON and as CSV. */
export const auditRoutes =
  (audit: AuditService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/admin/audit', { config: { policy: 'audit.read' }, schema: { tags: ['admin'], summary: 'Audit report', querystring: AuditQuery, response: { 200: z.object({ items: z.array(AuditEvent) }) } } }, async (req) => ({
      items: (await audit.report(filterOf(req.query), req.audit)).map(toEvent),
    }));

    app.get('/api/admin/audit.csv', { config: { policy: 'audit.read' }, schema: { tags: ['admin'], summary: 'Audit report as CSV', querystring: AuditQuery } }, async (req, reply) => {
      const rows = (await audit.report(filterOf(req.query), req.audit)).map(toEvent);
      const head = ['seq', 'at', 'actorName', 'actorUserId', 'actorRole', 'action', 'resourceType', 'resourceId', 'patientId', 'patientName', 'sourceIp', 'userAgent', 'outcome', 'reason'] as const;
      const csv = [head.join(','), ...rows.map((r) => head.map((k) => csvField(r[k])).join(','))].join('\r\n') + '\r\n';
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit.csv"').send(csv);
    });
  };
