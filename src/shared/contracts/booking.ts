import { z } from 'zod';
import { Uuid } from './clinic.js';
import { PHONE_EXAMPLE, PHONE_PATTERN } from '../phone.js';
import { BirthDate, CalendarDate, IsoInstant, lineText, longText, personName } from './fields.js';

export { IsoInstant };
/** A local date in a query: a real calendar date (issue 9, defect 3). */
export const LocalDateParam = CalendarDate;

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

export const PatientDetails = z.strictObject({
  firstName: personName(80, 'first name'),
  lastName: personName(80, 'last name'),
  dateOfBirth: BirthDate,
  phone: z
    .string()
    .trim()
    .regex(PHONE_PATTERN, { error: `must be a phone number, e.g. ${PHONE_EXAMPLE}` }),
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
  reason: longText(1000, 'reason for visit'),
  heardAbout: HeardAbout.optional(),
  referringDoctor: lineText(120, 'referring doctor', 0).optional(),
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
  reason: longText(500, 'cancellation reason'),
});

export const RescheduleRequest = z.strictObject({
  code: ConfirmationCode,
  start: IsoInstant,
  practitionerId: Uuid.optional(),
  locationId: Uuid.optional(),
});

export const IdParam = z.strictObject({ id: Uuid });
