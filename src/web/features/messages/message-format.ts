import type { Attachment, Message, MessageTopic } from '../../../shared/contracts/messages';
import { routeTarget } from '../../app/api/routes';

/** The catalog key of a topic's words. */
export function topicKey(topic: MessageTopic) {
  return `messages.topic.${topic}` as const;
}

/** Oldest first, as a conversation reads; ties keep the server's order. */
export function oldestFirst<M extends Pick<Message, 'sentAt'>>(messages: readonly M[]): M[] {
  return messages
    .map((m, i) => ({ m, i, at: Date.parse(m.sentAt) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.m);
}

/** Where an attachment downloads from: the patient's route (their own record) or the staff route. */
export function attachmentHref(reader: { patientId: string } | 'staff', attachment: Pick<Attachment, 'id'>): string {
  return reader === 'staff'
    ? routeTarget('GET /api/staff/attachments/:id', { params: { id: attachment.id } }).url
    : routeTarget('GET /api/patients/:patientId/attachments/:id', { params: { patientId: reader.patientId, id: attachment.id } }).url;
}

/** Messages the reader had not seen before: those now present that the last look did not hold. */
export function newMessageIds(before: readonly Pick<Message, 'id'>[] | undefined, now: readonly Pick<Message, 'id'>[]): string[] {
  if (!before) return [];
  const seen = new Set(before.map((m) => m.id));
  return now.filter((m) => !seen.has(m.id)).map((m) => m.id);
}
