import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEvent, AuditQuery, BreakGlassEntry, InviteRequest, InviteResponse, StaffUser } from '../../../shared/contracts/identity.js';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { AppError } from '../../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditEventRow } from '../audit/audit.service.js';
import type { IdentityService } from './identity.service.js';

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

export const adminRoutes =
  (deps: { identity: IdentityService; audit: AuditService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/admin/users', { config: { policy: 'user.manage' }, schema: { tags: ['admin'], summary: 'Staff and outside-clinician accounts', response: { 200: z.object({ items: z.array(StaffUser) }) } } }, async () => ({
      items: (await deps.identity.listStaff()).map((u) => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role, status: u.status, totpEnabled: u.totpEnabled })),
    }));

    app.post('/api/admin/users/invite', { config: { policy: 'user.manage' }, schema: { tags: ['admin'], summary: 'Invite a staff member by email', body: InviteRequest, response: { 201: InviteResponse } } }, async (req, reply) =>
      reply.code(201).send(await deps.identity.inviteStaff(req.body, req.audit)),
    );

    const UserParam = z.strictObject({ id: Uuid });
    app.post('/api/admin/users/:id/approve', { config: { policy: 'user.manage' }, schema: { tags: ['admin'], summary: 'Approve a referring provider', params: UserParam } }, async (req, reply) => {
      await deps.identity.setAccountStatus(req.params.id, 'approve', req.audit);
      return reply.code(204).send();
    });
    app.post('/api/admin/users/:id/reinvite', { config: { policy: 'user.manage' }, schema: { tags: ['admin'], summary: 'A new invitation link for an account not yet set up (the old link stops working)', params: UserParam, response: { 200: InviteResponse } } }, async (req) =>
      deps.identity.reissueInvite(req.params.id, req.audit),
    );
    app.post('/api/admin/users/:id/disable', { config: { policy: 'user.manage' }, schema: { tags: ['admin'], summary: 'Disable an account and end its sessions', params: UserParam } }, async (req, reply) => {
      await deps.identity.setAccountStatus(req.params.id, 'disable', req.audit);
      return reply.code(204).send();
    });

    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    app.get('/api/admin/break-glass', { config: { policy: 'audit.read' }, schema: { tags: ['admin'], summary: 'Break-glass accesses (unreviewed first)', querystring: z.strictObject({ all: z.enum(['true', 'false']).default('false') }), response: { 200: z.object({ items: z.array(BreakGlassEntry) }) } } }, async (req) => ({
      items: (await deps.identity.listBreakGlass(req.query.all !== 'true', req.audit)).map((b) => ({ ...b, startedAt: iso(b.startedAt)!, expiresAt: iso(b.expiresAt)!, reviewedAt: iso(b.reviewedAt) })),
    }));
    app.post('/api/admin/break-glass/:id/review', { config: { policy: 'audit.read' }, schema: { tags: ['admin'], summary: 'Mark a break-glass access reviewed', params: UserParam } }, async (req, reply) => {
      if (!req.session) throw new AppError('UNAUTHENTICATED', 'Please sign in.', { reason: 'sign_in_required' });
      await deps.identity.reviewBreakGlass(req.session, req.params.id, req.audit);
      return reply.code(204).send();
    });

    const findEvents = async (q: z.infer<typeof AuditQuery>, ctx: Parameters<AuditService['record']>[0]) => {
      const rows = await deps.audit.find({ actorUserId: q.user, patientId: q.patient, action: q.action, from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined, limit: q.limit });
      // Reading the audit trail is itself audited.
      await deps.audit.record(ctx, { action: 'audit.read', resourceType: 'audit_event', patientId: q.patient ?? null, reason: `${rows.length} event${rows.length === 1 ? '' : 's'}` });
      return rows;
    };

    app.get('/api/admin/audit', { config: { policy: 'audit.read' }, schema: { tags: ['admin'], summary: 'Audit report', querystring: AuditQuery, response: { 200: z.object({ items: z.array(AuditEvent) }) } } }, async (req) => ({
      items: (await findEvents(req.query, req.audit)).map(toEvent),
    }));

    app.get('/api/admin/audit.csv', { config: { policy: 'audit.read' }, schema: { tags: ['admin'], summary: 'Audit report as CSV', querystring: AuditQuery } }, async (req, reply) => {
      const rows = (await findEvents(req.query, req.audit)).map(toEvent);
      const head = ['seq', 'at', 'actorName', 'actorUserId', 'actorRole', 'action', 'resourceType', 'resourceId', 'patientId', 'patientName', 'sourceIp', 'userAgent', 'outcome', 'reason'] as const;
      const csv = [head.join(','), ...rows.map((r) => head.map((k) => csvField(r[k])).join(','))].join('\r\n') + '\r\n';
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit.csv"').send(csv);
    });
  };
