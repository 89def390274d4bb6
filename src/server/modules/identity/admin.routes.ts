import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InviteRequest, InviteResponse, StaffUser } from '../../../shared/contracts/identity.js';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { referrerNameParts } from './engine/referrer-practice.js';
import type { IdentityService } from './identity.service.js';

type ListedUser = Awaited<ReturnType<IdentityService['listStaff']>>[number];

/** An account as the admin's list shows it; a referring provider's name, practice and NPI apart (issue 11). */
function staffUserOf(u: ListedUser) {
  const referrer = u.role === 'referrer' ? referrerNameParts(u.displayName) : null;
  return {
    id: u.id, email: u.email, displayName: referrer?.name ?? u.displayName, role: u.role, status: u.status, totpEnabled: u.totpEnabled,
    npi: u.role === 'referrer' ? u.npi : null, practice: referrer?.practice ?? null,
  };
}

export const adminRoutes =
  (deps: { identity: IdentityService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/admin/users', { config: { policy: 'user.manage' }, schema: { tags: ['admin'], summary: 'Staff and outside-clinician accounts', response: { 200: z.object({ items: z.array(StaffUser) }) } } }, async () => ({
      items: (await deps.identity.listStaff()).map(staffUserOf),
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
