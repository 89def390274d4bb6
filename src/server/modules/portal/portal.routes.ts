import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { BreakGlassRequest, CaregiverGrant, CaregiverInvite, SharedRecord } from '../../../shared/contracts/identity.js';
import { PatientChart } from '../../../shared/contracts/portal.js';
import type { PortalService } from './portal.service.js';

const PatientParam = z.strictObject({ patientId: Uuid });

export const portalRoutes =
  (portal: PortalService): FastifyPluginAsyncZod =>
  async (app) => {
    const GrantParam = z.strictObject({ patientId: Uuid, id: Uuid });
    app.get('/api/patients/:patientId/caregivers', { config: { policy: 'sharing.manage' }, schema: { tags: ['portal'], summary: 'Caregivers who can see the record', params: PatientParam, response: { 200: z.object({ items: z.array(CaregiverGrant) }) } } }, async (req) => ({
      items: (await portal.listCaregivers(req.session, req.params.patientId, req.audit)).map((g) => ({ ...g, createdAt: new Date(g.createdAt).toISOString() })),
    }));
    app.post('/api/patients/:patientId/caregivers', { config: { policy: 'sharing.manage' }, schema: { tags: ['portal'], summary: 'Invite a caregiver (full or limited to appointments)', params: PatientParam, body: CaregiverInvite } }, async (req, reply) =>
      reply.code(201).send(await portal.inviteCaregiver(req.session, req.params.patientId, req.body, req.audit)),
    );
    app.delete('/api/patients/:patientId/caregivers/:id', { config: { policy: 'sharing.manage' }, schema: { tags: ['portal'], summary: "End a caregiver's access", params: GrantParam } }, async (req, reply) => {
      await portal.revokeSharing(req.session, req.params.patientId, { kind: 'caregiver', id: req.params.id }, req.audit);
      return reply.code(204).send();
    });
    app.post('/api/patients/:patientId/referrals/:id/revoke', { config: { policy: 'sharing.manage' }, schema: { tags: ['portal'], summary: "End a referring provider's access", params: GrantParam } }, async (req, reply) => {
      await portal.revokeSharing(req.session, req.params.patientId, { kind: 'referral', id: req.params.id }, req.audit);
      return reply.code(204).send();
    });
    app.post('/api/patients/:patientId/break-glass', { config: { policy: 'break_glass.start' }, schema: { tags: ['portal'], summary: "Emergency access to a chart outside one's care relationships (reasoned, time-limited, reviewed)", params: PatientParam, body: BreakGlassRequest } }, async (req, reply) => {
      return reply.code(201).send(await portal.breakGlass(req.session, req.audit, req.params.patientId, req.body.reason));
    });
    app.get('/api/caregiver/patients', { config: { policy: 'shared_records.read' }, schema: { tags: ['portal'], summary: 'The patients who share their record with me (a caregiver), by name and scope', response: { 200: z.object({ items: z.array(SharedRecord) }) } } }, async (req) => ({
      items: await portal.sharedWithMe(req.session, req.audit),
    }));
    app.get('/api/patients/:patientId/appointments', { config: { policy: 'appointment.read' }, schema: { tags: ['portal'], summary: "A patient's appointments", params: PatientParam } }, async (req) => ({
      items: await portal.appointments(req.session, req.audit, req.params.patientId),
    }));
    app.get('/api/patients/:patientId/chart', { config: { policy: 'chart.read' }, schema: { tags: ['portal'], summary: "A patient's chart summary: details, visits, who else can see it, and the basis of this access", params: PatientParam, response: { 200: PatientChart } } }, async (req) =>
      portal.chart(req.session, req.audit, req.params.patientId),
    );
    app.get('/api/patients/:patientId/disclosures', { config: { policy: 'disclosures.read' }, schema: { tags: ['portal'], summary: "Who accessed a patient's record (accounting of disclosures)", params: PatientParam } }, async (req) => ({
      items: await portal.disclosures(req.session, req.audit, req.params.patientId),
    }));
  };
