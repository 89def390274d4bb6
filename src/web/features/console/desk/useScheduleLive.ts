import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { LIVE_SESSION_ENDED_CODE, LiveScheduleEvent } from '../../../../shared/contracts/staff';
import { deskKeys } from './desk-api';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

const MAX_BACKOFF_MS = 30_000;

function liveUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/staff/live`;
}

/**
 * The desk's live feed: whenever any desk or the public site changes a
 * location's schedule, the server says so and the desk refetches it. The
 * socket reconnects with capped, jittered exponential backoff; after a
 * reconnect everything is refetched, since changes may have been missed.
 * When the server closes the socket because its session ended (signed out
 * elsewhere, revoked, expired), `onSessionEnded` runs: the console asks for
 * its session and, if it is over, goes back to sign-in, which unmounts the
 * desk and stops reconnecting; the desk of the next sign-in opens a new socket.
 */
export function useScheduleLive(enabled: boolean, onSessionEnded?: () => void): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const sessionEnded = useRef(onSessionEnded);
  useEffect(() => {
    sessionEnded.current = onSessionEnded;
  });

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let timer: number | undefined;
    let failures = 0;
    let stopped = false;
    let everOpened = false;

    const connect = () => {
      socket = new WebSocket(liveUrl());
      socket.onopen = () => {
        if (everOpened || failures > 0) {
          void queryClient.invalidateQueries({ queryKey: deskKeys.schedules });
          void queryClient.invalidateQueries({ queryKey: deskKeys.availability });
        }
        everOpened = true;
        failures = 0;
        setStatus('live');
      };
      socket.onmessage = (e: MessageEvent) => {
        let data: unknown;
        try {
          data = JSON.parse(String(e.data));
        } catch {
          return;
        }
        const parsed = LiveScheduleEvent.safeParse(data);
        if (!parsed.success) return;
        void queryClient.invalidateQueries({ queryKey: deskKeys.scheduleOf(parsed.data.locationId) });
        void queryClient.invalidateQueries({ queryKey: deskKeys.availability });
      };
      socket.onclose = (e: CloseEvent) => {
        socket = null;
        if (stopped) return;
        if (e.code === LIVE_SESSION_ENDED_CODE) sessionEnded.current?.();
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
  }, [enabled, queryClient]);

  return status;
}
