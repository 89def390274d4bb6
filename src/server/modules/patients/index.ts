import { defineModule, need } from '../../platform/module.js';
import type { AccessService, FactSource } from '../access/index.js';
import type { AuditService } from '../audit/index.js';
import { PATIENT_EXISTS_FACT } from './patients.repo.js';
import { patientsRoutes } from './patients.routes.js';
import { createPatientsService, type PatientsService } from './patients.service.js';

export type { PatientsService } from './patients.service.js';
export type { BookingPatient, NewPatient } from './patients.repo.js';

/** Whether the patient exists: a chart read and emergency access tell an unknown id from one outside one's care. */
const patientExists: FactSource = {
  fact: 'patientExists',
  needed: ({ permission }) => permission === 'chart.read' || permission === 'break_glass.start',
  sql: PATIENT_EXISTS_FACT,
};

/** The patient record: matching, the desk's search, the chart summary, a caregiver's shared records. */
export const patientsModule = defineModule<PatientsService, FactSource>({
  name: 'patients',
  needs: ['audit', 'access'],
  create: (ctx) => createPatientsService({ db: ctx.db, organizationId: ctx.organization.id, audit: need<AuditService>(ctx, 'audit'), access: need<AccessService>(ctx, 'access') }),
  routes: (patients) => patientsRoutes(patients),
  facts: [patientExists],
});
