import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { BreakGlassRequest } from '../../../shared/contracts/identity.js';
import type { PortalService } from './portal.service.js';

const PatientParam = z.strictObject({ patientId: Uuid });

export const portalRoutes =
  (portal: PortalService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/patients/:patientId/break-glass', { config: { policy: 'break_glass.start' }, schema: { tags: ['portal'], summary: "Emergency access to a chart outside one's care relationships (reasoned, time-limited, reviewed)", params: PatientParam, body: BreakGlassRequest } }, async (req, reply) => {
      return reply.code(201).send(await portal.breakGlass(req.session, req.audit, req.params.patientId, req.body.reason));
    });
    app.get('/api/patients/:patientId/appointments', { config: { policy: 'appointment.read' }, schema: { tags: ['portal'], summary: "A patient's appointments", params: PatientParam } }, async (req) => ({
      items: await portal.appointments(req.session, req.audit, req.params.patientId),
    }));
    app.get('/api/patients/:patientId/disclosures', { config: { policy: 'disclosures.read' }, schema: { tags: ['portal'], summary: "Who accessed a patient's record (accounting of disclosures)", params: PatientParam } }, async (req) => ({
      items: await portal.disclosures(req.session, req.audit, req.params.patientId),
    }));
  };
