import { z } from 'zod';
import { AppointmentStatus } from './booking.js';
import { Uuid } from './clinic.js';
import { DeskPatient } from './staff.js';

/** Why the reader may open this chart: the policy's basis, and until when for emergency access. */
export const ChartAccess = z.object({
  basis: z.enum(['own', 'caregiver', 'referral', 'care_team', 'role', 'break_glass']),
  expiresAt: z.string().nullable(),
});

/** One of a patient's appointments in their account (GET /api/patients/:patientId/appointments). */
export const PatientAppointment = z.object({
  id: Uuid,
  status: z.string(),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  visitTypeId: Uuid,
  practitionerId: Uuid,
  locationId: Uuid,
});

/** A visit on the staff chart: the same appointment, with its known status and what staff read of it. */
export const ChartVisit = PatientAppointment.extend({
  status: AppointmentStatus,
  reason: z.string(),
  referringDoctor: z.string().nullable(),
  cancelReason: z.string().nullable(),
});

/** People outside the clinic who can also see this record, and how far. */
export const ChartSharing = z.object({
  kind: z.enum(['caregiver', 'referrer']),
  name: z.string(),
  scope: z.enum(['full', 'limited']),
});

/** One patient's chart summary: who they are, their visits, and who else sees the record. */
export const PatientChart = z.object({
  patient: DeskPatient.extend({ preferredLanguage: z.enum(['en', 'es']) }),
  visits: z.array(ChartVisit),
  sharing: z.array(ChartSharing),
  access: ChartAccess,
});
export type PatientChart = z.infer<typeof PatientChart>;
