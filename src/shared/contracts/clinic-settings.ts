import { z } from 'zod';
import { PHONE_EXAMPLE, PHONE_PATTERN } from '../phone.js';
import { RoomCapability, Uuid } from './clinic.js';
import { textIssue, textProblem } from './fields.js';
import { QuietHours } from './notices.js';

/**
 * A clinic's own settings (issue 11): what the console's settings pages edit,
 * and the versioned document `npm run clinic -- export / import` moves between
 * servers. The console API works by id; the document works by natural keys
 * (a location's slug, a room's name within its location, a visit type's code,
 * a practitioner's name), so it carries no database ids and reads the same on
 * every server. Rules that look at more than one field (overlapping hours, a
 * visit type that needs a capability no room has, duplicate names, an unknown
 * time zone) live in the clinic module's pure settings engine, which both the
 * console and the import run.
 */

/** Text the database takes as given: no control characters (PostgreSQL refuses NUL), no lone surrogates; one line unless `multiline`, names free of invisible and bidi characters (shared/contracts/fields.ts). */
const text = (max: number, multiline = false) => z.string().trim().max(max, { error: `must be at most ${max} characters` }).superRefine((s, ctx) => {
  const problem = textProblem(s, { multiline, name: !multiline });
  if (problem) ctx.addIssue(textIssue(problem));
});
const required = (max: number) => text(max).min(1, { error: 'is required' });

/** 'HH:MM' on a 24-hour clock; '24:00' ends a day. */
export const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: "must be a time 'HH:MM' (24-hour clock)" });
/** A calendar date 'YYYY-MM-DD'. */
export const LocalDateString = z.iso.date({ error: "must be a date 'YYYY-MM-DD'" });
const Phone = z.string().trim().regex(PHONE_PATTERN, { error: `must be a phone number such as ${PHONE_EXAMPLE}` });
const OptionalPhone = z.union([z.literal(''), Phone]);
/** A slug: lower-case letters, digits and hyphens (used in web addresses). */
export const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be lower-case letters, digits and hyphens, e.g. round-rock' }).max(60);
const Bilingual = (max: number) => z.object({ en: text(max, true), es: text(max, true) });
const BilingualRequired = (max: number) => z.object({ en: required(max), es: required(max) });

/** Who may book a visit type online (issue 11, 12): anyone; established patients; a request the desk turns into a booking; staff only. */
export const OnlineBooking = z.enum(['anyone', 'established', 'request_only', 'staff_only']);
export type OnlineBooking = z.infer<typeof OnlineBooking>;

export const PractitionerRole = z.enum(['physician', 'nurse_practitioner', 'physician_assistant', 'physical_therapist', 'psychologist']);
export type PractitionerRole = z.infer<typeof PractitionerRole>;

/** Languages a practitioner speaks with patients (ISO 639-1). */
export const SpokenLanguage = z.enum(['en', 'es', 'vi', 'zh', 'ar', 'fr', 'de', 'hi', 'ko', 'pt', 'ru', 'tl']);

export const WeeklyHours = z.object({
  weekday: z.number().int().min(0).max(6).describe('0 = Sunday ... 6 = Saturday'),
  opens: WallTime,
  closes: WallTime,
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const Address = z.object({
  line1: required(120),
  line2: text(120).default(''),
  city: required(80),
  state: z.string().trim().regex(/^[A-Z]{2}$/, { error: 'must be a two-letter state code, e.g. TX' }),
  postalCode: z.string().trim().regex(/^\d{5}(-\d{4})?$/, { error: 'must be a ZIP code such as 78756' }),
});

// ---------------------------------------------------------------- console API (by id)

/** The reply time every compose screen of secure messages promises (issue 12), in business days. */
export const ReplyBusinessDays = z.number({ error: 'must be a whole number of business days from 1 to 10' })
  .int({ error: 'must be a whole number of business days from 1 to 10' })
  .min(1, { error: 'must be at least 1 business day' })
  .max(10, { error: 'must be at most 10 business days' });

export const OrganizationInput = z.strictObject({
  name: required(120),
  mainPhone: OptionalPhone,
  billingPhone: OptionalPhone,
  websiteUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be a web address starting with https://' })]),
  /** Absent: left as it is (the set-up checklist names the clinic without it; a document from before issue 12 has none). */
  replyBusinessDays: ReplyBusinessDays.optional(),
  /** When no text message goes out to a patient who chose no quiet hours of their own (issue 12); absent: left as it is. */
  smsQuietHours: QuietHours.optional(),
});
export type OrganizationInput = z.infer<typeof OrganizationInput>;

export const RegionInput = z.strictObject({ name: required(80) });

export const LocationInput = z.strictObject({
  slug: Slug,
  name: required(80),
  regionId: Uuid,
  address: Address,
  phone: Phone,
  fax: OptionalPhone,
  timeZone: required(64).describe('IANA zone, e.g. America/Chicago'),
  hours: z.array(WeeklyHours).max(28),
  active: z.boolean().default(true),
});
export type LocationInput = z.infer<typeof LocationInput>;

export const RoomInput = z.strictObject({
  name: required(60),
  capabilities: z.array(RoomCapability).min(1, { error: 'choose at least one capability' }),
  active: z.boolean().default(true),
});
export type RoomInput = z.infer<typeof RoomInput>;

export const HolidayInput = z.strictObject({
  date: LocalDateString,
  /** A closure of several days: the last day, inclusive (one row per day is stored). */
  through: LocalDateString.optional(),
  name: required(80),
  locationId: Uuid.nullable().describe('null closes every location'),
});
export type HolidayInput = z.infer<typeof HolidayInput>;

/** One weekly block of a practitioner's hours at a location, from a day and/or until a day. */
export const ScheduleEntry = z.object({
  locationId: Uuid,
  weekday: z.number().int().min(0).max(6),
  start: WallTime,
  end: WallTime,
  validFrom: LocalDateString.nullable().default(null),
  validTo: LocalDateString.nullable().default(null),
});
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

export const PractitionerInput = z.strictObject({
  name: required(120),
  credentials: text(40),
  role: PractitionerRole,
  languages: z.array(SpokenLanguage).min(1, { error: 'choose at least one language' }),
  bio: Bilingual(2000),
  visitTypeIds: z.array(Uuid),
  schedule: z.array(ScheduleEntry).max(200),
  active: z.boolean().default(true),
});
export type PractitionerInput = z.infer<typeof PractitionerInput>;

export const VisitTypeInput = z.strictObject({
  code: Slug,
  name: BilingualRequired(120),
  description: Bilingual(1000),
  instructions: Bilingual(2000).describe('what to bring, driver after sedation, blood-thinner hold to confirm with the clinician'),
  durationMin: z.number().int().min(5).max(480),
  bufferBeforeMin: z.number().int().min(0).max(240),
  bufferAfterMin: z.number().int().min(0).max(240),
  roomCapability: RoomCapability,
  slotStepMin: z.number().int().min(5).max(240),
  online: OnlineBooking,
  cancelCutoffMin: z.number().int().min(0).max(43_200).describe('online cancel/reschedule allowed until this many minutes before the start'),
  minNoticeMin: z.number().int().min(0).max(43_200),
  horizonDays: z.number().int().min(1).max(730),
  cptCodes: z.array(z.string().regex(/^[0-9A-Z]{5}$/, { error: 'must be a 5-character CPT/HCPCS code' })).max(20),
  active: z.boolean().default(true),
});
export type VisitTypeInput = z.infer<typeof VisitTypeInput>;

/** The settings as the console sees them: every row with its id. */
export const ClinicSettings = z.object({
  // The name is empty on a first run until the admin gives it (the checklist's first step).
  organization: OrganizationInput.extend({ id: Uuid, name: text(120), hasLogo: z.boolean(), onlineBooking: z.boolean(), replyBusinessDays: ReplyBusinessDays, smsQuietHours: QuietHours }),
  regions: z.array(RegionInput.extend({ id: Uuid })),
  locations: z.array(LocationInput.extend({ id: Uuid, rooms: z.array(RoomInput.extend({ id: Uuid })) })),
  holidays: z.array(z.object({ id: Uuid, date: LocalDateString, name: z.string(), locationId: Uuid.nullable() })),
  practitioners: z.array(PractitionerInput.extend({ id: Uuid })),
  visitTypes: z.array(VisitTypeInput.extend({ id: Uuid })),
});
export type ClinicSettings = z.infer<typeof ClinicSettings>;

/** A booked visit that a change left outside hours, rooms or practitioners: listed for the desk, never moved or cancelled. */
export const AffectedVisit = z.object({
  appointmentId: Uuid,
  start: z.string(),
  timeZone: z.string(),
  patientName: z.string(),
  practitionerName: z.string(),
  locationName: z.string(),
  visitTypeName: z.string(),
  /** Why it no longer fits: outside_hours, location_closed, room_unavailable, practitioner_inactive, visit_type_not_performed. */
  reason: z.string(),
});
export type AffectedVisit = z.infer<typeof AffectedVisit>;

/** Every settings change answers the settings after it and the visits it left outside them. */
export const SettingsChange = z.object({ settings: ClinicSettings, affected: z.array(AffectedVisit) });
export type SettingsChange = z.infer<typeof SettingsChange>;

/** The first-run checklist: what is done, and whether online booking may open. */
export const SetupStep = z.enum(['organization', 'locations', 'hours', 'rooms', 'visit_types', 'practitioners', 'practitioner_hours']);
export const SetupStatus = z.object({
  steps: z.array(z.object({ step: SetupStep, done: z.boolean() })),
  /** Every step done: the admin may open online booking. */
  ready: z.boolean(),
  onlineBooking: z.boolean(),
});
export type SetupStatus = z.infer<typeof SetupStatus>;

export const OnlineBookingSwitch = z.strictObject({ open: z.boolean() });

export const LogoUpload = z.strictObject({
  /** The image's bytes, base64 (PNG or JPEG, at most 512 KB; the type is read from the bytes). */
  base64: z.string().max(700_000),
});

// ---------------------------------------------------------------- the document (by natural key)

export const CLINIC_DOCUMENT_FORMAT = 'relief.clinic-settings';
export const CLINIC_DOCUMENT_VERSION = 1;

export const ClinicDocument = z.strictObject({
  format: z.literal(CLINIC_DOCUMENT_FORMAT),
  version: z.literal(CLINIC_DOCUMENT_VERSION),
  organization: OrganizationInput.extend({
    /** Empty when exported from a first run not yet named. */
    name: text(120),
    onlineBooking: z.boolean(),
    logo: z.object({ mediaType: z.enum(['image/png', 'image/jpeg']), base64: z.string() }).nullable(),
  }),
  /** In display order. */
  regions: z.array(RegionInput),
  locations: z.array(LocationInput.omit({ regionId: true }).extend({
    region: required(80).describe('a region name from `regions`'),
    rooms: z.array(RoomInput),
  })),
  holidays: z.array(z.object({ date: LocalDateString, name: required(80), location: Slug.nullable().describe('a location slug; null closes every location') })),
  visitTypes: z.array(VisitTypeInput),
  practitioners: z.array(PractitionerInput.omit({ visitTypeIds: true, schedule: true }).extend({
    visitTypes: z.array(Slug).describe('visit type codes'),
    schedule: z.array(ScheduleEntry.omit({ locationId: true }).extend({ location: Slug })),
  })),
});
export type ClinicDocument = z.infer<typeof ClinicDocument>;

/** One problem of a settings change or document: where (a path such as locations[1].hours[0]), a stable reason, and words. */
export const SettingsProblem = z.object({ field: z.string(), reason: z.string(), message: z.string() });
export type SettingsProblem = z.infer<typeof SettingsProblem>;

export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows the server has that the document does not name: left as they are (listed so the admin can deactivate them). */
  notInDocument: z.array(z.string()),
  affected: z.array(AffectedVisit),
});
export type ImportResult = z.infer<typeof ImportResult>;
