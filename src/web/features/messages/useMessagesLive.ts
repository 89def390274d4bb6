import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { LiveMessageEvent } from '../../../shared/contracts/messages';
import { LIVE_SESSION_ENDED_CODE } from '../../../shared/contracts/staff';
import { messageKeys } from './message-keys';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

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

const MAX_BACKOFF_MS = 30_000;

function liveUrl(path: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${path}`;
}

/** The query keys a frame makes stale: the thread it names, the patient's inbox and the staff lists and counts. */
export function keysToRefetch(e: LiveMessageEvent): (readonly string[])[] {
  return [messageKeys.patient(e.patientId), messageKeys.staffThread(e.threadId), messageKeys.staffInboxes, messageKeys.staffCounts];
}

/**
 * Follows the `messages` topic: frames carry ids only (never content), and
 * each one refetches what it names with TanStack Query. Reconnects like the
 * desk's live feed (capped, jittered exponential backoff) and refetches
 * everything about messages after a reconnect, since frames may have been
 * missed. `onEvent` hears each frame (a page announces a new message).
 */
export function useMessagesLive(opts: {
  enabled: boolean;
  target: { path: string; subscriptions: Record<string, string>[] };
  onEvent?: (e: LiveMessageEvent) => void;
  onSessionEnded?: () => void;
}): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const callbacks = useRef({ onEvent: opts.onEvent, onSessionEnded: opts.onSessionEnded });
  useEffect(() => {
    callbacks.current = { onEvent: opts.onEvent, onSessionEnded: opts.onSessionEnded };
  });
  const { path } = opts.target;
  const subscriptions = JSON.stringify(opts.target.subscriptions);

  useEffect(() => {
    if (!opts.enabled) return;
    let socket: WebSocket | null = null;
    let timer: number | undefined;
    let failures = 0;
    let stopped = false;
    let everOpened = false;

    const connect = () => {
      const s = new WebSocket(liveUrl(path));
      socket = s;
      s.onopen = () => {
        for (const params of JSON.parse(subscriptions) as unknown[]) s.send(JSON.stringify({ type: 'subscribe', topic: MESSAGES_TOPIC, params }));
        if (everOpened || failures > 0) void queryClient.invalidateQueries({ queryKey: messageKeys.all });
        everOpened = true;
        failures = 0;
        setStatus('live');
      };
      s.onmessage = (e: MessageEvent) => {
        let data: unknown;
        try {
          data = JSON.parse(String(e.data));
        } catch {
          return;
        }
        const parsed = LiveMessageEvent.safeParse(data);
        if (!parsed.success) return;
        for (const queryKey of keysToRefetch(parsed.data)) void queryClient.invalidateQueries({ queryKey });
        callbacks.current.onEvent?.(parsed.data);
      };
      s.onclose = (e: CloseEvent) => {
        socket = null;
        if (stopped) return;
        if (e.code === LIVE_SESSION_ENDED_CODE) callbacks.current.onSessionEnded?.();
        setStatus('reconnecting');
        const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures);
        failures += 1;
        timer = window.setTimeout(connect, base / 2 + Math.random() * (base / 2));
      };
    };
    connect();

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      if (socket) {
        socket.onclose = null;
        socket.close();
      }
    };
  }, [opts.enabled, path, subscriptions, queryClient]);

  return status;
}
