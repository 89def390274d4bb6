import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { LIVE_SESSION_ENDED_CODE } from '../../../shared/contracts/staff';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** What a live feed follows and what its frames make stale; see useLiveSocket. */
export interface LiveFeed<T> {
  enabled: boolean;
  /** The socket's path on this host, e.g. `/api/staff/live`. */
  path: string;
  /** Subscribe frames sent on every open (a reopened socket starts with none); compared by value. */
  subscribe?: { topic: string; params: readonly Record<string, string>[] };
  /** A frame that does not parse is ignored: the server may add kinds an older page does not know. */
  frame: z.ZodType<T>;
  /** The query keys a frame makes stale. */
  staleOnFrame: (frame: T) => readonly QueryKey[];
  /** The query keys made stale after a reconnect, since frames may have been missed meanwhile. */
  staleOnReconnect: readonly QueryKey[];
  /** Hears each frame after its keys are marked stale (a page announces a new message). */
  onFrame?: (frame: T) => void;
  /** The server closed the socket because its session ended (signed out elsewhere, revoked, expired). */
  onSessionEnded?: () => void;
}

// One cap for every feed: a server back after a long outage is found within half a minute.
const MAX_BACKOFF_MS = 30_000;

function liveUrl(path: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${path}`;
}

/**
 * A live feed over one WebSocket: frames carry ids only, and each one
 * refetches what it names with TanStack Query. The socket reconnects with
 * capped, jittered exponential backoff (so a restarted server is not met by
 * every page at once), subscribes again on each open, and refetches
 * `staleOnReconnect` after any open that followed a failure. Unmounting or
 * disabling closes it without reconnecting.
 */
export function useLiveSocket<T>(feed: LiveFeed<T>): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  // The latest render's callbacks, so a new closure on every render does not reopen the socket.
  const latest = useRef(feed);
  useEffect(() => {
    latest.current = feed;
  });
  const { enabled, path } = feed;
  const topic = feed.subscribe?.topic;
  const params = JSON.stringify(feed.subscribe?.params ?? []);

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let timer: number | undefined;
    let failures = 0;
    let stopped = false;
    let everOpened = false;

    const connect = () => {
      const s = new WebSocket(liveUrl(path));
      socket = s;
      s.onopen = () => {
        if (topic !== undefined) {
          for (const p of JSON.parse(params) as unknown[]) s.send(JSON.stringify({ type: 'subscribe', topic, params: p }));
        }
        if (everOpened || failures > 0) {
          for (const queryKey of latest.current.staleOnReconnect) void queryClient.invalidateQueries({ queryKey });
        }
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
        const { frame, staleOnFrame, onFrame } = latest.current;
        const parsed = frame.safeParse(data);
        if (!parsed.success) return;
        for (const queryKey of staleOnFrame(parsed.data)) void queryClient.invalidateQueries({ queryKey });
        onFrame?.(parsed.data);
      };
      s.onclose = (e: CloseEvent) => {
        socket = null;
        if (stopped) return;
        if (e.code === LIVE_SESSION_ENDED_CODE) latest.current.onSessionEnded?.();
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
  }, [enabled, path, topic, params, queryClient]);

  return status;
}
