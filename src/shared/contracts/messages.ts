import { z } from 'zod';
import { Uuid } from './clinic.js';
import { lineText, longText } from './fields.js';

/**
 * Secure messages between a patient (or a caregiver with full access) and the
 * clinic (issue 12). A thread has a topic, chosen by the patient, that puts it
 * in one staff pool; staff claim it, reassign it to a person or a pool, reply,
 * write internal notes the patient never sees, and close it. A closed thread
 * reopens when the patient writes again.
 *
 * Sending is multipart/form-data (the fields below as form fields, each file
 * as a part named `files`): PDF, JPEG or PNG, the type read from the bytes, at
 * most MESSAGE_FILE_MAX_BYTES each and MESSAGE_FILES_MAX per message, stored
 * in the message's own transaction.
 */

export const MESSAGE_TOPICS = ['medical', 'scheduling', 'billing', 'forms_records', 'other'] as const;
export const MessageTopic = z.enum(MESSAGE_TOPICS);
export type MessageTopic = z.infer<typeof MessageTopic>;

export const MESSAGE_POOLS = ['nursing', 'front_desk', 'billing'] as const;
export const MessagePool = z.enum(MESSAGE_POOLS);
export type MessagePool = z.infer<typeof MessagePool>;

/** The pool a new thread lands in, by the topic the patient picked. */
export const POOL_OF_TOPIC: Record<MessageTopic, MessagePool> = {
  medical: 'nursing',
  scheduling: 'front_desk',
  billing: 'billing',
  forms_records: 'front_desk',
  other: 'front_desk',
};

export const MESSAGE_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const MESSAGE_FILES_MAX = 5;
export const MESSAGE_BODY_MAX = 5000;
export const MESSAGE_SUBJECT_MAX = 120;

/** The form fields of a new thread (multipart; files beside them). */
export const NewThreadFields = z.strictObject({
  topic: MessageTopic,
  subject: lineText(MESSAGE_SUBJECT_MAX, 'subject'),
  body: longText(MESSAGE_BODY_MAX, 'message'),
});
export type NewThreadFields = z.infer<typeof NewThreadFields>;

/** The form fields of a reply (multipart; files beside them). */
export const ReplyFields = z.strictObject({
  body: longText(MESSAGE_BODY_MAX, 'message'),
});

/** A staff reply or internal note: `internal` is 'true' for a note the patient never sees (a form field, so a string). */
export const StaffReplyFields = z.strictObject({
  body: longText(MESSAGE_BODY_MAX, 'message'),
  internal: z.enum(['true', 'false']).default('false'),
});

/** The form fields of a thread a staff member starts with a patient. */
export const StaffNewThreadFields = NewThreadFields;

export const Attachment = z.object({
  id: Uuid,
  fileName: z.string(),
  mediaType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  sizeBytes: z.number().int(),
  sha256: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

/** Who wrote a message, as the reader may know it. Staff appear by name and role; a caregiver is shown as such. */
export const MessageAuthor = z.object({
  kind: z.enum(['patient', 'caregiver', 'staff']),
  name: z.string(),
  /** For staff: their role (nurse, front_desk, billing, clinician); null otherwise. */
  role: z.string().nullable(),
});

export const Message = z.object({
  id: Uuid,
  threadId: Uuid,
  author: MessageAuthor,
  body: z.string(),
  sentAt: z.string(),
  attachments: z.array(Attachment),
});
export type Message = z.infer<typeof Message>;

/** A message as staff read it: an internal note is one too, and never leaves the staff routes. */
export const StaffMessage = Message.extend({ internal: z.boolean() });
export type StaffMessage = z.infer<typeof StaffMessage>;

export const ThreadStatus = z.enum(['open', 'closed']);

/** A thread in the patient's inbox. */
export const ThreadSummary = z.object({
  id: Uuid,
  patientId: Uuid,
  topic: MessageTopic,
  subject: z.string(),
  status: ThreadStatus,
  createdAt: z.string(),
  lastMessageAt: z.string(),
  /** Messages the reader has not opened (the patient's own messages never count). */
  unread: z.number().int(),
  messageCount: z.number().int(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

/** GET /api/patients/:patientId/threads: the inbox, its unread total, and what the compose banner says. */
export const PatientInbox = z.object({
  items: z.array(ThreadSummary),
  unread: z.number().int(),
  /** The clinic's expected reply time in business days (a clinic setting, default 2). */
  replyBusinessDays: z.number().int(),
});
export type PatientInbox = z.infer<typeof PatientInbox>;

export const PatientThread = z.object({
  thread: ThreadSummary,
  messages: z.array(Message),
});
export type PatientThread = z.infer<typeof PatientThread>;

export const StaffRef = z.object({ userId: Uuid, name: z.string(), role: z.string() });

/** A thread in a staff inbox. */
export const StaffThreadSummary = ThreadSummary.extend({
  pool: MessagePool,
  assignee: StaffRef.nullable(),
  patient: z.object({ id: Uuid, name: z.string(), dateOfBirth: z.string() }),
  /** The last message's author was staff (not a note): the thread waits on the patient. */
  waitingOnPatient: z.boolean(),
});
export type StaffThreadSummary = z.infer<typeof StaffThreadSummary>;

export const InboxFilter = z.enum(['unassigned', 'mine', 'waiting', 'open', 'closed']);
export type InboxFilter = z.infer<typeof InboxFilter>;

export const InboxQuery = z.strictObject({
  pool: MessagePool.optional(),
  filter: InboxFilter.default('open'),
  /** Opaque cursor from a previous page's `next`. */
  cursor: z.string().max(200).optional(),
});

export const StaffInbox = z.object({
  items: z.array(StaffThreadSummary),
  next: z.string().nullable(),
});

/** Counts for the console's navigation: unread threads per pool the reader works in, and assigned to them. */
export const InboxCounts = z.object({
  pools: z.array(z.object({ pool: MessagePool, unread: z.number().int(), unassigned: z.number().int() })),
  mine: z.number().int(),
});
export type InboxCounts = z.infer<typeof InboxCounts>;

/** A thread as staff read it: internal notes included, with the patient's next visit beside it. */
export const StaffThread = z.object({
  thread: StaffThreadSummary,
  messages: z.array(StaffMessage),
  nextVisit: z
    .object({ id: Uuid, start: z.string(), timeZone: z.string(), visitTypeName: z.string(), locationName: z.string() })
    .nullable(),
});
export type StaffThread = z.infer<typeof StaffThread>;

/** Reassign to a person (who must work in the pool, or be a clinician) or to a pool (unassigned there). */
export const AssignRequest = z.union([
  z.strictObject({ userId: Uuid }),
  z.strictObject({ pool: MessagePool }),
]);

/** Staff a thread may be handed to. */
export const AssigneeQuery = z.strictObject({ pool: MessagePool.optional() });

export const ThreadParams = z.object({ patientId: Uuid, id: Uuid });
export const StaffThreadParams = z.object({ id: Uuid });

/** Live frames (topic `messages`): ids only, never content; the browser refetches what it shows. */
export const LiveMessageEvent = z.object({
  type: z.literal('messages.changed'),
  threadId: Uuid,
  patientId: Uuid,
  pool: MessagePool,
  assigneeUserId: Uuid.nullable(),
});
export type LiveMessageEvent = z.infer<typeof LiveMessageEvent>;
