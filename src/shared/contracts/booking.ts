import { z } from 'zod';
import { isLocalDate } from '../time.js';
import { Uuid } from './clinic.js';

export const LocalDateParam = z
  .string()
  .refine(isLocalDate, { error: 'must be a calendar date YYYY-MM-DD' });

/** An instant with an explicit offset or Z, as the API returns it. */
export const IsoInstant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset, e.g. 2026-12-01T09:00:00-06:00' });

export const AvailabilityQuery = z.strictObject({
  visitType: Uuid,
  from: LocalDateParam,
  to: LocalDateParam,
  location: Uuid.optional(),
  practitioner: Uuid.optional(),
});
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>;

export const Slot = z.object({
  start: z.string().describe('ISO 8601 with the location offset'),
  end: z.string(),
  practitionerId: Uuid,
  locationId: Uuid,
  roomId: Uuid,
});
export type Slot = z.infer<typeof Slot>;

export const AvailabilityResponse = z.object({
  visitTypeId: Uuid,
  from: z.string(),
  to: z.string(),
  slots: z.array(Slot),
  firstAvailable: Slot.nullable().describe('earliest slot across every practitioner and location searched'),
});
export type AvailabilityResponse = z.infer<typeof AvailabilityResponse>;

const text = (max: number, what: string) =>
  z.string().trim().min(1, { error: `${what} is required` }).max(max, { error: `${what} must be at most ${max} characters` });

export const PatientDetails = z.strictObject({
  firstName: text(80, 'first name'),
  lastName: text(80, 'last name'),
  dateOfBirth: LocalDateParam,
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{7,20}$/, { error: 'must be a phone number, e.g. (512) 555-0100' }),
  email: z.email({ error: 'must be an email address' }).max(254),
  preferredLanguage: z.enum(['en', 'es']).default('en'),
});
export type PatientDetails = z.infer<typeof PatientDetails>;

export const HeardAbout = z.enum(['doctor_referral', 'search', 'friend_family', 'insurance', 'social_media', 'other']);

export const BookingRequest = z.strictObject({
  visitTypeId: Uuid,
  practitionerId: Uuid,
  locationId: Uuid,
  start: IsoInstant,
  patient: PatientDetails,
  reason: text(1000, 'reason for visit'),
  heardAbout: HeardAbout.optional(),
  referringDoctor: z.string().trim().max(120, { error: 'referring doctor must be at most 120 characters' }).optional(),
});
export type BookingRequest = z.infer<typeof BookingRequest>;

export const AppointmentStatus = z.enum(['booked', 'cancelled', 'checked_in', 'completed', 'no_show']);

export const Appointment = z.object({
  id: Uuid,
  status: AppointmentStatus,
  visitTypeId: Uuid,
  practitionerId: Uuid,
  locationId: Uuid,
  roomId: Uuid,
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  patientFirstName: z.string(),
  cancelReason: z.string().nullable(),
});
export type Appointment = z.infer<typeof Appointment>;

/** What the booker gets back once: the appointment and the code that manages it. */
export const BookingResponse = z.object({
  appointment: Appointment,
  confirmationCode: z.string().describe('needed to view, cancel or reschedule until accounts arrive'),
});
export type BookingResponse = z.infer<typeof BookingResponse>;

export const ConfirmationCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{8}$/, { error: 'must be the 8-character confirmation code' });

export const CodeQuery = z.strictObject({ code: ConfirmationCode });

export const CancelRequest = z.strictObject({
  code: ConfirmationCode,
  reason: text(500, 'cancellation reason'),
});

export const RescheduleRequest = z.strictObject({
  code: ConfirmationCode,
  start: IsoInstant,
  practitionerId: Uuid.optional(),
  locationId: Uuid.optional(),
});

export const IdParam = z.strictObject({ id: Uuid });
