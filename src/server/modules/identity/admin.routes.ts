import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InviteRequest, InviteResponse, StaffUser } from '../../../shared/contracts/identity.js';
import { Uuid } from '../../../shared/contracts/clinic.js';
import type { IdentityService } from './identity.service.js';

export const adminRoutes =
  (deps: { identity: IdentityService }): FastifyPluginAsyncZod =>
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
  };
