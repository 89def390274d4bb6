import { z } from 'zod';
import { Uuid } from './clinic.js';
import { WallTime } from './clinic-settings.js';
import { CalendarDate } from './fields.js';

/** Issue 12: the earlier-visit waitlist and the private calendar feed. */

/** How a patient hears of an offer. SMS rides on the notices module's SMS port once it has one. */
export const WaitlistChannel = z.enum(['email', 'sms', 'both']);
export type WaitlistChannel = z.infer<typeof WaitlistChannel>;
/** Morning: a visit starting before noon (the location's time); afternoon: from noon. */
export const DayPart = z.enum(['morning', 'afternoon']);
export type DayPart = z.infer<typeof DayPart>;

export const TimeWindow = z.strictObject({ from: WallTime, to: WallTime }).refine((w) => w.from < w.to, { error: 'must end after it starts', path: ['to'] });

/** What a patient asks for: which weekdays (0 Sunday ... 6 Saturday), which times, and how to be told. */
export const WaitlistRequest = z
  .strictObject({
    weekdays: z.array(z.number().int().min(0, { error: 'must be a weekday 0 (Sunday) to 6 (Saturday)' }).max(6, { error: 'must be a weekday 0 (Sunday) to 6 (Saturday)' }))
      .min(1, { error: 'choose at least one day' }).max(7),
    parts: z.array(DayPart).max(2).default([]),
    windows: z.array(TimeWindow).max(4, { error: 'at most 4 time windows' }).default([]),
    channel: WaitlistChannel,
  })
  .refine((r) => r.parts.length + r.windows.length > 0, { error: 'choose morning, afternoon or a time window', path: ['parts'] });
export type WaitlistRequest = z.infer<typeof WaitlistRequest>;

export const WaitlistOfferStatus = z.enum(['sent', 'accepted', 'expired', 'taken', 'withdrawn']);

/** An offer as its patient sees it: when and where, nothing of the visit's kind. */
export const WaitlistOffer = z.object({
  id: Uuid,
  status: WaitlistOfferStatus,
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  locationName: z.string(),
  locationAddress: z.string(),
  expiresAt: z.string(),
});

export const WaitlistEntry = z.object({
  id: Uuid,
  appointmentId: Uuid,
  status: z.enum(['waiting', 'fulfilled', 'left', 'ended']),
  weekdays: z.array(z.number().int()),
  parts: z.array(DayPart),
  windows: z.array(z.object({ from: z.string(), to: z.string() })),
  channel: WaitlistChannel,
  createdAt: z.string(),
  offers: z.array(WaitlistOffer),
});
export type WaitlistEntry = z.infer<typeof WaitlistEntry>;

export const WaitlistEntryAnswer = z.object({ entry: WaitlistEntry.nullable() });

/** The public offer page (by its link's token), in the patient's language. */
export const PublicWaitlistOffer = WaitlistOffer.omit({ id: true }).extend({ language: z.enum(['en', 'es']), locationPhone: z.string() });

export const OfferTokenParam = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'is not an offer link' }) });

/** What accepting an offer answers: the new visit (the old one is cancelled in the same transaction). */
export const AcceptedOffer = z.object({ appointmentId: Uuid, start: z.string(), end: z.string(), timeZone: z.string(), locationName: z.string(), releasedAppointmentId: Uuid });

export const AcceptOfferRequest = z.strictObject({ offerId: Uuid });

export const StaffWaitlistQuery = z.strictObject({
  status: WaitlistOfferStatus.optional(),
  location: Uuid.optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
});

/** One offer on the front desk's waitlist page. */
export const StaffWaitlistOffer = z.object({
  id: Uuid,
  status: WaitlistOfferStatus,
  patient: z.object({ id: Uuid, firstName: z.string(), lastName: z.string() }),
  practitionerName: z.string(),
  locationName: z.string(),
  start: z.string(),
  timeZone: z.string(),
  bookedStart: z.string(),
  channel: WaitlistChannel,
  sentAt: z.string(),
  expiresAt: z.string(),
  decidedAt: z.string().nullable(),
});

/** The patient's calendar feed: whether there is one; its URL only in the answer that made it. */
export const CalendarFeedStatus = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
export const CalendarFeedCreated = z.object({ url: z.string(), createdAt: z.string() });
