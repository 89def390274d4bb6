import { z } from 'zod';
import { AvailabilityQuery, IsoInstant } from './booking.js';
import { LocalizedText, Uuid } from './clinic.js';
import { longText } from './fields.js';
import { PatientAppointment } from './portal.js';

/**
 * The patient's self-service (issue 12, items 1 and 2): the portal home, the
 * visit types a patient may book or request online, their own bookings, and
 * requests the desk turns into bookings.
 */

/** What a visit type is to this patient online: booked on their own, or asked for (the desk books it). */
export const SelfServiceOffer = z.enum(['book', 'request']);
export type SelfServiceOffer = z.infer<typeof SelfServiceOffer>;

/** GET /api/patients/:patientId/visit-types: the visit types offered to this patient; staff-only ones never are. */
export const SelfServiceOffers = z.object({
  /** The patient has had a visit (completed, or past and not cancelled): 'established' visit types are theirs to book. */
  established: z.boolean(),
  items: z.array(z.object({ visitTypeId: Uuid, offer: SelfServiceOffer })),
});
export type SelfServiceOffers = z.infer<typeof SelfServiceOffers>;

/** Open slots for the patient's own booking: the public search's query, gated by what this patient may book. */
export const PatientAvailabilityQuery = AvailabilityQuery;

/** POST /api/patients/:patientId/appointments: the patient books a visit type offered to them, for themselves. */
export const PatientBookingRequest = z.strictObject({
  visitTypeId: Uuid,
  practitionerId: Uuid,
  locationId: Uuid,
  start: IsoInstant,
  reason: longText(1000, 'reason for visit').optional(),
});
export type PatientBookingRequest = z.infer<typeof PatientBookingRequest>;

export const PreferredTime = z.enum(['morning', 'afternoon', 'evening']);
export type PreferredTime = z.infer<typeof PreferredTime>;
export const RequestStatus = z.enum(['open', 'booked', 'declined', 'withdrawn']);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** POST /api/patients/:patientId/appointment-requests: a request for a visit type the desk books. */
export const AppointmentRequestInput = z.strictObject({
  visitTypeId: Uuid,
  locationId: Uuid.optional(),
  /** ISO weekdays, 1 Monday to 7 Sunday. */
  preferredDays: z.array(z.number().int().min(1, { error: 'a weekday is 1 (Monday) to 7 (Sunday)' }).max(7, { error: 'a weekday is 1 (Monday) to 7 (Sunday)' })).max(7).default([]),
  preferredTimes: z.array(PreferredTime).max(3).default([]),
  note: longText(1000, 'note', 0).default(''),
});
export type AppointmentRequestInput = z.infer<typeof AppointmentRequestInput>;

/** A request as its patient sees it, with its status. */
export const AppointmentRequest = z.object({
  id: Uuid,
  patientId: Uuid,
  visitTypeId: Uuid,
  locationId: Uuid.nullable(),
  preferredDays: z.array(z.number().int()),
  preferredTimes: z.array(PreferredTime),
  note: z.string(),
  status: RequestStatus,
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  appointmentId: Uuid.nullable(),
});
export type AppointmentRequest = z.infer<typeof AppointmentRequest>;

/** A request as the desk sees it: who asked, and how to reach them. */
export const StaffAppointmentRequest = AppointmentRequest.extend({
  patientName: z.string(),
  patientFirstName: z.string(),
  patientLastName: z.string(),
  patientDateOfBirth: z.string(),
  patientPhone: z.string().nullable(),
  patientLanguage: z.enum(['en', 'es']),
});
export type StaffAppointmentRequest = z.infer<typeof StaffAppointmentRequest>;

export const DeclineRequest = z.strictObject({ reason: longText(500, 'reason') });

/** The desk books from a request: the slot it chose (the patient and visit type are the request's). */
export const BookFromRequest = z.strictObject({
  practitionerId: Uuid,
  locationId: Uuid,
  start: IsoInstant,
  reason: longText(1000, 'reason for visit').optional(),
});

/** One of the next visits on the home page, with what to do before it. */
export const HomeVisit = PatientAppointment.extend({
  locationName: z.string(),
  locationPhone: z.string(),
  practitionerName: z.string(),
  visitTypeName: LocalizedText,
  instructions: LocalizedText,
  /** Online changes close here (the visit type's cutoff); after it, the patient calls the location. */
  changeableUntil: z.string(),
});
export type HomeVisit = z.infer<typeof HomeVisit>;

/**
 * One thing the patient has to do or know. The list grows with later issues
 * (forms due, a balance, a care-plan step): a client shows the kinds it knows
 * and skips the rest.
 */
export const TodoItem = z.discriminatedUnion('kind', [
  /** A visit today: be there, with what its instructions ask. */
  z.object({ kind: z.literal('visit_today'), appointmentId: Uuid, start: z.string(), timeZone: z.string() }),
  /** A visit in the next days whose instructions need doing before it (a driver, a medicine to ask about). */
  z.object({ kind: z.literal('visit_prepare'), appointmentId: Uuid, start: z.string(), timeZone: z.string() }),
  /** A request the desk has not answered yet. */
  z.object({ kind: z.literal('request_pending'), requestId: Uuid, visitTypeId: Uuid, createdAt: z.string() }),
  /** A request the desk declined lately, with its reason. */
  z.object({ kind: z.literal('request_declined'), requestId: Uuid, visitTypeId: Uuid, reason: z.string() }),
]);
export type TodoItem = z.infer<typeof TodoItem>;

/** GET /api/patients/:patientId/home */
export const PatientHome = z.object({
  nextVisits: z.array(HomeVisit),
  todo: z.array(TodoItem),
});
export type PatientHome = z.infer<typeof PatientHome>;

