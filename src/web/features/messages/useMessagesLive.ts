import { LiveMessageEvent } from '../../../shared/contracts/messages';
import { useLiveSocket, type LiveStatus } from '../../app/live/useLiveSocket';
import { messageKeys } from './message-keys';

/** The realtime topic of messages (server: the messages module's live topic). */
export const MESSAGES_TOPIC = 'messages';

/**
 * The messages module's socket (`GET /api/messages/live`) and what a reader
 * subscribes to on it: a patient or a full caregiver, the record in focus;
 * staff, each pool they work in (the pools their inbox counts list) and the
 * threads assigned to them. The server checks every subscription.
 */
export const MESSAGES_LIVE = {
  staff: (userId: string, pools: readonly string[]) => ({
    path: '/api/messages/live',
    subscriptions: [...pools.map((pool) => ({ pool })), { assigneeUserId: userId }],
  }),
  patient: (patientId: string) => ({ path: '/api/messages/live', subscriptions: [{ patientId }] }),
} as const;

/** The query keys a frame makes stale: the thread it names, the patient's inbox and the staff lists and counts. */
export function keysToRefetch(e: LiveMessageEvent): (readonly string[])[] {
  return [messageKeys.patient(e.patientId), messageKeys.staffThread(e.threadId), messageKeys.staffInboxes, messageKeys.staffCounts];
}

/**
 * Follows the `messages` topic: frames carry ids only (never content), and
 * each one refetches what it names. After a reconnect everything about
 * messages is refetched, since frames may have been missed. `onEvent` hears
 * each frame (a page announces a new message).
 */
export function useMessagesLive(opts: {
  enabled: boolean;
  target: { path: string; subscriptions: Record<string, string>[] };
  onEvent?: (e: LiveMessageEvent) => void;
  onSessionEnded?: () => void;
}): LiveStatus {
  return useLiveSocket({
    enabled: opts.enabled,
    path: opts.target.path,
    subscribe: { topic: MESSAGES_TOPIC, params: opts.target.subscriptions },
    frame: LiveMessageEvent,
    staleOnFrame: keysToRefetch,
    staleOnReconnect: [messageKeys.all],
    onFrame: opts.onEvent,
    onSessionEnded: opts.onSessionEnded,
  });
}
