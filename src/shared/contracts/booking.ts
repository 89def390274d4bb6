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

/** Whether the website takes bookings: a clinic opens online booking once it is set up (issue 11). */
export const OnlineBookingStatus = z.object({ open: z.boolean() });
export type OnlineBookingStatus = z.infer<typeof OnlineBookingStatus>;

/**
 * An appointment as its patient manages it online (with the confirmation
 * code, or signed in): who it is with, whom to call, and until when the
 * website takes a change (issue 11).
 */
export const ManagedAppointment = Appointment.extend({
  practitionerName: z.string(),
  locationName: z.string(),
  locationPhone: z.string().describe('whom to call once online changes have closed'),
  changeableUntil: z.string().describe("ISO 8601 instant: online cancel and reschedule close then (the visit type's cutoff)"),
  practitionerChangeAllowed: z.boolean().describe('whether it may move online to another practitioner (not a staff-only visit type)'),
});
export type ManagedAppointment = z.infer<typeof ManagedAppointment>;

const AnyPractitioner = z.enum(['true', 'false']).default('false').describe("'true': openings with every practitioner who does the visit at its location, not only its own");

/** Openings one appointment may move to, read with its confirmation code: same location, its practitioner unless the patient asks for any. */
export const RescheduleOptionsQuery = z.strictObject({ code: ConfirmationCode, from: LocalDateParam, to: LocalDateParam, anyPractitioner: AnyPractitioner });

/** A patient's own appointment, signed in (the patient or a caregiver with access): no confirmation code. */
export const PatientAppointmentParams = z.strictObject({ patientId: Uuid, id: Uuid });
export const PatientRescheduleOptionsQuery = z.strictObject({ from: LocalDateParam, to: LocalDateParam, anyPractitioner: AnyPractitioner });
export const PatientCancelRequest = z.strictObject({ reason: longText(500, 'cancellation reason') });
export const PatientRescheduleRequest = z.strictObject({ start: IsoInstant, practitionerId: Uuid.optional(), locationId: Uuid.optional() });
