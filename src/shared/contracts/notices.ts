import { z } from 'zod';
import { Uuid } from './clinic.js';

/** Staff list of notices that failed or wait to be sent (GET /api/admin/notices). */
export const NoticeListQuery = z.strictObject({
  status: z.enum(['failed', 'pending'], { error: 'must be failed or pending' }).default('failed'),
  limit: z.coerce.number({ error: 'must be a whole number from 1 to 200' }).int({ error: 'must be a whole number from 1 to 200' })
    .min(1, { error: 'must be a whole number from 1 to 200' }).max(200, { error: 'must be a whole number from 1 to 200' }).default(100),
});
export type NoticeListQuery = z.infer<typeof NoticeListQuery>;

/** A notice as staff see it: never its body, which holds codes and sign-in links. */
export const StaffNotice = z.object({
  id: Uuid,
  channel: z.enum(['email', 'sms']),
  template: z.string(),
  language: z.enum(['en', 'es']),
  recipient: z.string(),
  status: z.enum(['pending', 'failed']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
});
export type StaffNotice = z.infer<typeof StaffNotice>;

/** The list, and whether this server sends at all (without SMTP_URL notices stay in the outbox and nothing retries them). */
export const NoticeList = z.object({ items: z.array(StaffNotice), sending: z.boolean() });
export type NoticeList = z.infer<typeof NoticeList>;

/**
 * The demo mailbox (GET /api/admin/demo-mailbox, issue 11): while this server
 * sends nothing (no SMTP_URL), the newest notices with their text, so a trial
 * works without reading the database; they were not sent.
 */
export const MailboxNotice = z.object({
  id: Uuid,
  channel: z.enum(['email', 'sms']),
  template: z.string(),
  language: z.enum(['en', 'es']),
  recipient: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  createdAt: z.string(),
});
export type MailboxNotice = z.infer<typeof MailboxNotice>;

/** With an email server: where each notice stands, the recipient masked, never its subject or text. */
export const DeliveryStatus = z.object({
  id: Uuid,
  channel: z.enum(['email', 'sms']),
  template: z.string(),
  language: z.enum(['en', 'es']),
  recipient: z.string().describe('masked: the first letter and the domain'),
  status: z.enum(['pending', 'sent', 'failed', 'cancelled']),
  attempts: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string(),
});
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const DemoMailbox = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('demo'), items: z.array(MailboxNotice) }),
  z.object({ mode: z.literal('smtp'), items: z.array(DeliveryStatus) }),
]);
export type DemoMailbox = z.infer<typeof DemoMailbox>;

/**
 * A patient's notice preferences (issue 12, item 5): per kind of notice, email,
 * text message or both; account and security emails always go by email. Quiet
 * hours are wall-clock times in the location's zone; null: the clinic's.
 */
export const NOTICE_KINDS = ['appointment_reminder', 'appointment_change', 'message', 'waitlist_offer'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const ChannelChoice = z.enum(['email', 'sms', 'both'], { error: 'must be email, sms or both' });
export type ChannelChoice = z.infer<typeof ChannelChoice>;
const WallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "must be a time as 'HH:MM' (24-hour)" });
export const QuietHours = z.strictObject({ start: WallClock, end: WallClock });
export type QuietHours = z.infer<typeof QuietHours>;

export const NoticePreferencesInput = z.strictObject({
  channels: z.strictObject({
    appointment_reminder: ChannelChoice,
    appointment_change: ChannelChoice,
    message: ChannelChoice,
    waitlist_offer: ChannelChoice,
  }),
  quietHours: QuietHours.nullable(),
});
export type NoticePreferencesInput = z.infer<typeof NoticePreferencesInput>;

/** The choices, with what they act on: the address and the number texts go to (null: not one that takes texts). */
export const NoticePreferences = NoticePreferencesInput.extend({
  clinicQuietHours: QuietHours,
  email: z.string(),
  smsNumber: z.string().nullable(),
  /** Whether this clinic sends text messages at all (TWILIO_* set); texts chosen meanwhile wait in the outbox. */
  smsSending: z.boolean(),
});
export type NoticePreferences = z.infer<typeof NoticePreferences>;
