import { z } from 'zod';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { LiveMessageEvent, MessagePool } from '../../../shared/contracts/messages.js';
import type { Role } from '../../../shared/roles.js';
import { poolsOf } from './engine/inbox.js';
import { MESSAGES_CHANNEL } from './messages.repo.js';

/** The messages' live topic (issue 12): "this thread changed", ids only; the browser refetches through the API. */
export const MESSAGES_TOPIC = 'messages';

/**
 * A subscription follows exactly one of: a patient's threads (`patientId`:
 * the patient, or a caregiver with full access), a pool (`pool`: staff who
 * work in it), or the threads assigned to the subscriber (`assigneeUserId`:
 * their own id). Writes notify MESSAGES_CHANNEL in their own transaction.
 */
export const MessagesTopicParams = z.union([
  z.strictObject({ patientId: Uuid }),
  z.strictObject({ pool: MessagePool }),
  z.strictObject({ assigneeUserId: Uuid }),
]);
export type MessagesTopicParams = z.infer<typeof MessagesTopicParams>;

export interface MessagesTopicSession {
  userId: string;
  role: Role;
  mfaPassed: boolean;
}

export function messagesTopic<S extends MessagesTopicSession>(deps: { mayFollowPatient(userId: string, patientId: string): Promise<boolean>; mayReadInbox(session: S): boolean }) {
  return {
    channel: MESSAGES_CHANNEL,
    params: MessagesTopicParams,
    message: LiveMessageEvent,
    async authorize(session: S, p: MessagesTopicParams): Promise<boolean> {
      if (!session.mfaPassed) return false;
      if ('patientId' in p) return (session.role === 'patient' || session.role === 'caregiver') && deps.mayFollowPatient(session.userId, p.patientId);
      if (!deps.mayReadInbox(session)) return false;
      if ('pool' in p) return poolsOf(session.role).includes(p.pool);
      return p.assigneeUserId === session.userId;
    },
    key: (p: MessagesTopicParams) => ('patientId' in p ? `patient:${p.patientId}` : 'pool' in p ? `pool:${p.pool}` : `user:${p.assigneeUserId}`),
    keysOf: (m: LiveMessageEvent) => [`patient:${m.patientId}`, `pool:${m.pool}`, ...(m.assigneeUserId ? [`user:${m.assigneeUserId}`] : [])],
  };
}
