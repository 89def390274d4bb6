import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { BreakGlassEntry, BreakGlassRequest, CaregiverGrant, CaregiverInvite } from '../../../shared/contracts/identity.js';
import type { AccessService } from './access.service.js';
import type { Grant } from './authorize.js';

const PatientParam = z.strictObject({ patientId: Uuid });
const GrantParam = z.strictObject({ patientId: Uuid, id: Uuid });
const IdParam = z.strictObject({ id: Uuid });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The grant the access guard decided for this request; a route without a permission policy has none. */
export function granted(req: FastifyRequest): Grant {
  if (!req.grant) throw new Error(`${req.method} ${req.routeOptions.url} has no permission policy, so no grant`);
  return req.grant;
}

export const accessRoutes =
  (access: AccessService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/patients/:patientId/caregivers', { config: { policy: 'sharing.manage' }, schema: { tags: ['portal'], summary: 'Caregivers who can see the record', params: PatientParam, response: { 200: z.object({ items: z.array(CaregiverGrant) }) } } }, async (req) => ({
      items: (await access.listCaregivers(granted(req), req.params.patientId)).map((g) => ({ ...g, createdAt: new Date(g.createdAt).toISOString() })),
    }));
    app.post('/api/patients/:patientId/caregivers', { config: { policy: 'sharing.manage' }, schema: { tags: ['portal'], summary: 'Invite a caregiver (full or limited to appointments)', params: PatientParam, body: CaregiverInvite } }, async (req, reply) =>
      reply.code(201).send(await access.inviteCaregiver(granted(req), req.params.patientId, req.body, req.audit)),
    );
    app.delete('/api/patients/:patientId/caregivers/:id', { config: { policy: 'sharing.manage' }, schema: { tags: ['portal'], summary: "End a caregiver's access", params: GrantParam } }, async (req, reply) => {
      await access.revokeSharing(granted(req), req.params.patientId, { kind: 'caregiver', id: req.params.id }, req.audit);
      return reply.code(204).send();
    });
    app.post('/api/patients/:patientId/referrals/:id/revoke', { config: { policy: 'sharing.manage' }, schema: { tags: ['portal'], summary: "End a referring provider's access", params: GrantParam } }, async (req, reply) => {
      await access.revokeSharing(granted(req), req.params.patientId, { kind: 'referral', id: req.params.id }, req.audit);
      return reply.code(204).send();
    });
    app.post('/api/patients/:patientId/break-glass', { config: { policy: 'break_glass.start' }, schema: { tags: ['portal'], summary: "Emergency access to a chart outside one's care relationships (reasoned, time-limited, reviewed)", params: PatientParam, body: BreakGlassRequest } }, async (req, reply) =>
      reply.code(201).send(await access.startBreakGlass(granted(req), req.params.patientId, req.body.reason, req.audit)),
    );
    app.get('/api/patients/:patientId/disclosures', { config: { policy: 'disclosures.read' }, schema: { tags: ['portal'], summary: "Who accessed a patient's record (accounting of disclosures)", params: PatientParam } }, async (req) => ({
      items: await access.disclosures(granted(req), req.audit, req.params.patientId),
    }));

    app.get('/api/admin/break-glass', { config: { policy: 'audit.read' }, schema: { tags: ['admin'], summary: 'Break-glass accesses (unreviewed first)', querystring: z.strictObject({ all: z.enum(['true', 'false']).default('false') }), response: { 200: z.object({ items: z.array(BreakGlassEntry) }) } } }, async (req) => ({
      items: (await access.listBreakGlass(req.query.all !== 'true', req.audit)).map((b) => ({ ...b, startedAt: iso(b.startedAt)!, expiresAt: iso(b.expiresAt)!, reviewedAt: iso(b.reviewedAt) })),
    }));
    app.post('/api/admin/break-glass/:id/review', { config: { policy: 'audit.read' }, schema: { tags: ['admin'], summary: 'Mark a break-glass access reviewed', params: IdParam } }, async (req, reply) => {
      await access.reviewBreakGlass(granted(req), req.params.id, req.audit);
      return reply.code(204).send();
    });
  };
