import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { SharedRecord } from '../../../shared/contracts/identity.js';
import { PatientChart } from '../../../shared/contracts/portal.js';
import { DeskPatient, PatientSearchQuery } from '../../../shared/contracts/staff.js';
import { granted } from '../access/index.js';
import type { PatientsService } from './patients.service.js';

const PatientParam = z.strictObject({ patientId: Uuid });

export const patientsRoutes =
  (patients: PatientsService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/staff/patients', { config: { policy: 'patient.search' }, schema: { tags: ['desk'], summary: 'Find a patient by name, birth date (YYYY-MM-DD) or phone', querystring: PatientSearchQuery, response: { 200: z.object({ items: z.array(DeskPatient) }) } } }, async (req) => ({
      items: await patients.search(req.audit, req.query.q),
    }));
    app.get('/api/patients/:patientId/chart', { config: { policy: 'chart.read' }, schema: { tags: ['portal'], summary: "A patient's chart summary: details, visits, who else can see it, and the basis of this access", params: PatientParam, response: { 200: PatientChart } } }, async (req) =>
      patients.chart(granted(req), req.audit, req.params.patientId),
    );
    app.get('/api/caregiver/patients', { config: { policy: 'shared_records.read' }, schema: { tags: ['portal'], summary: 'The patients who share their record with me (a caregiver), by name and scope', response: { 200: z.object({ items: z.array(SharedRecord) }) } } }, async (req) => ({
      items: await patients.sharedWithMe(granted(req), req.audit),
    }));
  };
