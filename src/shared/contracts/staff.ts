import { z } from 'zod';
import { Appointment, AppointmentStatus, HeardAbout, IsoInstant, LocalDateParam, PatientDetails } from './booking.js';
import { Uuid } from './clinic.js';
import { lineText, longText } from './fields.js';

export const ScheduleQuery = z.strictObject({
  location: Uuid,
  from: LocalDateParam,
  to: LocalDateParam.describe('inclusive; at most 7 days after from'),
});

export const DeskPatient = z.object({
  id: Uuid,
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  phone: z.string(),
  email: z.string(),
});
export type DeskPatient = z.infer<typeof DeskPatient>;

export const DeskAppointment = z.object({
  id: Uuid,
  status: AppointmentStatus,
  start: z.string(),
  end: z.string(),
  practitionerId: Uuid,
  locationId: Uuid,
  roomId: Uuid,
  visitTypeId: Uuid,
  reason: z.string(),
  bookedVia: z.enum(['web', 'staff']),
  /** What the patient said when booking online, for the desk's first call. */
  heardAbout: HeardAbout.nullable(),
  referringDoctor: z.string().nullable(),
  cancelReason: z.string().nullable(),
  patient: DeskPatient,
});
export type DeskAppointment = z.infer<typeof DeskAppointment>;

export const DeskBlock = z.object({ id: Uuid, practitionerId: Uuid, start: z.string(), end: z.string(), reason: z.string() });

export const ScheduleResponse = z.object({
  locationId: Uuid,
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  practitioners: z.array(z.object({ id: Uuid, name: z.string(), credentials: z.string(), hours: z.array(z.object({ start: z.string(), end: z.string() })) })),
  rooms: z.array(z.object({ id: Uuid, name: z.string(), capabilities: z.array(z.string()) })),
  appointments: z.array(DeskAppointment),
  blocks: z.array(DeskBlock),
});
export type ScheduleResponse = z.infer<typeof ScheduleResponse>;

export const PatientSearchQuery = z.strictObject({
  q: lineText(80, 'search', 2),
});

/**
 * A new patient on the phone: a caller may have no email address (issue 11);
 * the phone number is then how the clinic reaches them, and the desk reads
 * the confirmation code out instead of emailing it.
 */
export const DeskPatientDetails = PatientDetails.extend({
  email: PatientDetails.shape.email.optional().describe('leave out when the caller has none'),
});
export type DeskPatientDetails = z.infer<typeof DeskPatientDetails>;

export const DeskBookingRequest = z
  .strictObject({
    visitTypeId: Uuid,
    practitionerId: Uuid,
    locationId: Uuid,
    start: IsoInstant,
    patientId: Uuid.optional(),
    patient: DeskPatientDetails.optional(),
    reason: longText(1000, 'reason for visit'),
  })
  .refine((b) => !!b.patientId !== !!b.patient, { error: 'give either patientId (an existing patient) or patient (a new one)', path: ['patientId'] });

/** The desk's booking: the appointment, and its confirmation code when no email carries it (read it out to the caller). */
export const DeskBookingResponse = Appointment.extend({
  confirmationCode: z.string().nullable().describe('set only when the patient has no email address: read it out to the caller'),
});
export type DeskBookingResponse = z.infer<typeof DeskBookingResponse>;

export const StatusChange = z.strictObject({ status: z.enum(['booked', 'checked_in', 'completed', 'no_show']) });
export const DeskCancel = z.strictObject({ reason: longText(500, 'cancellation reason') });
export const DeskReschedule = z.strictObject({ start: IsoInstant, practitionerId: Uuid.optional(), locationId: Uuid.optional() });
export const BlockRequest = z.strictObject({
  practitionerId: Uuid,
  start: IsoInstant,
  end: IsoInstant,
  reason: lineText(200, 'reason'),
});
/** The block, and the visits still booked inside it: the desk must move or cancel them (the block does not). */
export const BlockResponse = DeskBlock.extend({
  bookedInside: z.array(z.object({ id: Uuid, start: z.string() })),
});
export type BlockResponse = z.infer<typeof BlockResponse>;

/** Sent on the desk's live socket when a location's schedule changes; the desk refetches. */
export const LiveScheduleEvent = z.object({ type: z.literal('schedule.changed'), locationId: Uuid, dates: z.array(z.string()) });
export type LiveScheduleEvent = z.infer<typeof LiveScheduleEvent>;
/**
 * The close code of a live socket whose session ended (signed out, revoked,
 * expired): the desk then asks for its session again instead of only
 * reconnecting. Codes 4000-4999 are the application's (RFC 6455, 7.4.2).
 */
export const LIVE_SESSION_ENDED_CODE = 4001;
