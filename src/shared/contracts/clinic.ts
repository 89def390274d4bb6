import { z } from 'zod';

/** Text shown to patients comes in both catalog languages. */
export const LocalizedText = z.object({ en: z.string(), es: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Uuid = z.uuid({ error: 'must be an id as returned by the API (a UUID)' });

export const OpeningHours = z.object({
  weekday: z.number().int().min(0).max(6).describe('0 = Sunday ... 6 = Saturday'),
  opens: z.string().describe("local wall-clock 'HH:MM'"),
  closes: z.string().describe("local wall-clock 'HH:MM'"),
});

export const Location = z.object({
  id: Uuid,
  slug: z.string(),
  name: z.string(),
  region: z.object({ id: Uuid, name: z.string() }),
  address: z.object({ line1: z.string(), line2: z.string().describe('suite, building; may be empty'), city: z.string(), state: z.string(), postalCode: z.string() }),
  phone: z.string().describe('front desk, for booking by phone'),
  fax: z.string().describe('for referrals and records; may be empty'),
  timeZone: z.string().describe('IANA zone, e.g. America/Chicago'),
  hours: z.array(OpeningHours),
});
export type Location = z.infer<typeof Location>;

export const Practitioner = z.object({
  id: Uuid,
  name: z.string(),
  credentials: z.string().describe('e.g. MD, DPT, PhD'),
  role: z.enum(['physician', 'nurse_practitioner', 'physician_assistant', 'physical_therapist', 'psychologist']),
  languages: z.array(z.string()).describe('languages spoken with patients (ISO 639-1), e.g. ["en", "es"]'),
  bio: LocalizedText,
  locationIds: z.array(Uuid),
  visitTypeIds: z.array(Uuid),
});
export type Practitioner = z.infer<typeof Practitioner>;

export const RoomCapability = z.enum(['exam', 'fluoroscopy', 'therapy_gym', 'consult']);
export type RoomCapability = z.infer<typeof RoomCapability>;

export const VisitType = z.object({
  id: Uuid,
  code: z.string().describe('stable key, e.g. new-patient-consult'),
  name: LocalizedText,
  description: LocalizedText,
  durationMin: z.number().int(),
  bufferBeforeMin: z.number().int(),
  bufferAfterMin: z.number().int(),
  roomCapability: RoomCapability.describe('the kind of room the visit needs'),
  bookableOnline: z.boolean().describe('new patients may book it on the website (online is anyone)'),
  online: z.enum(['anyone', 'established', 'request_only', 'staff_only']).describe('who may book it online: anyone; established patients; a request the desk turns into a booking; staff only'),
  cancelCutoffMin: z.number().int().describe('online cancel and reschedule allowed until this many minutes before the start'),
  instructions: LocalizedText.describe('what to bring, a driver after sedation, a blood-thinner hold to confirm with the clinician'),
  cptCodes: z.array(z.string()),
});
export type VisitType = z.infer<typeof VisitType>;

export const ListOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
