import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { SessionInfo } from '../../../shared/contracts/identity';
import { createAuthedApi, isUnauthorized, type AuthedApi } from '../api/authed-client';
import { useConsoleChannel, type ConsoleChannel } from './useConsoleChannel';

/** Why the console went back to the sign-in page; the page says so. */
export type EndReason = 'signed_out' | 'everywhere' | 'expired' | 'idle';

/**
 * What the console knows about the server's idle window, in this browser's
 * clock. The server slides the window on every signed-in request but writes it
 * at most every 30 s, so a request proves only "deadline >= answer - 30 s + idle".
 */
export interface IdleClock {
  /** Earliest the server may end the session for inactivity (local ms). */
  serverDeadline: number;
  /** Last time a person used this console (any tab). */
  lastHuman: number;
  /** When the session was last refreshed with GET /api/session. */
  lastRefresh: number;
}

const SERVER_WRITE_SLACK_MS = 30_000;

interface SessionContextValue {
  /** undefined while the first check runs; null when signed out. */
  session: SessionInfo | null | undefined;
  /** The first check could not reach the server. */
  loadFailed: boolean;
  retryLoad: () => void;
  api: AuthedApi;
  /** Use a SessionInfo the server just sent (sign-in, second factor, enrolment, invite). */
  adopt: (info: SessionInfo) => void;
  /** Asks the server for the session again (also slides its idle window). */
  refresh: (byPerson?: boolean) => Promise<SessionInfo | null>;
  signOut: (everywhere?: boolean) => Promise<void>;
  /** Ends the session here; `idle` also ends it on the server. */
  end: (reason: EndReason) => void;
  endReason: EndReason | null;
  clearEndReason: () => void;
  idle: RefObject<IdleClock>;
  channel: ConsoleChannel;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}

/** The signed-in session; only inside <RequireSession>. */
export function useSignedIn(): SessionInfo & { api: AuthedApi } {
  const { session, api } = useSession();
  if (!session) throw new Error('useSignedIn needs a session');
  return { ...session, api };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [loadFailed, setLoadFailed] = useState(false);
  const [endReason, setEndReason] = useState<EndReason | null>(null);
  const sessionRef = useRef<SessionInfo | null | undefined>(undefined);
  const skewMs = useRef(0);
  const idle = useRef<IdleClock>({ serverDeadline: 0, lastHuman: Date.now(), lastRefresh: Date.now() });

  /** `byPerson`: a person just acted (signed in, opened the page, chose to stay). */
  const apply = useCallback((info: SessionInfo | null, byPerson: boolean) => {
    sessionRef.current = info;
    setSession(info);
    if (info) {
      const now = Date.now();
      const c = idle.current;
      idle.current = {
        serverDeadline: Date.parse(info.idleExpiresAt) - skewMs.current,
        lastHuman: byPerson ? now : c.lastHuman,
        lastRefresh: now,
      };
    }
  }, []);

  // While a sign-out asked for here is under way, a 401 from a request or from
  // the live desk's session check is that sign-out, not an expiry.
  const signingOut = useRef(false);
  // Ends the session locally: forget everything fetched while signed in.
  const endLocally = useCallback(
    (reason: EndReason) => {
      if (!sessionRef.current || (reason === 'expired' && signingOut.current)) return;
      sessionRef.current = null;
      setSession(null);
      setEndReason(reason);
      queryClient.clear();
    },
    [queryClient],
  );

  const api = useMemo(
    () =>
      createAuthedApi({
        csrfToken: () => sessionRef.current?.csrfToken ?? null,
        onUnauthorized: () => endLocally('expired'),
        onAnswered: (serverNow) => {
          const now = Date.now();
          if (serverNow !== null && Number.isFinite(serverNow)) skewMs.current = serverNow - now;
          const s = sessionRef.current;
          if (s?.next === 'done') {
            idle.current.serverDeadline = Math.max(idle.current.serverDeadline, now - SERVER_WRITE_SLACK_MS + s.idleTimeoutSec * 1000);
          }
        },
      }),
    [endLocally],
  );

  const channel = useConsoleChannel({
    onSignedOut: () => endLocally('signed_out'),
    onActivity: () => {
      idle.current.lastHuman = Math.max(idle.current.lastHuman, Date.now());
    },
  });

  const load = useCallback(async (byPerson: boolean): Promise<SessionInfo | null> => {
    try {
      const info = await api.request('GET /api/session', {}, { anonymous: true });
      setLoadFailed(false);
      apply(info, byPerson);
      return info;
    } catch (e) {
      if (isUnauthorized(e)) {
        if (sessionRef.current) endLocally('expired');
        else apply(null, false);
        return null;
      }
      if (sessionRef.current === undefined) setLoadFailed(true);
      throw e;
    }
  }, [api, apply, endLocally]);

  useEffect(() => {
    load(true).catch(() => {});
  }, [load]);

  const signOut = useCallback(
    async (everywhere = false) => {
      signingOut.current = true;
      try {
        if (everywhere) await api.request('POST /api/session/sign-out-everywhere', {}, { anonymous: true });
        else await api.request('DELETE /api/session', {}, { anonymous: true });
      } finally {
        signingOut.current = false;
        channel.post({ type: 'signed-out' });
        endLocally(everywhere ? 'everywhere' : 'signed_out');
      }
    },
    [api, channel, endLocally],
  );

  const end = useCallback(
    (reason: EndReason) => {
      if (reason === 'idle') {
        // Best effort: the server would end it soon anyway.
        void api.request('DELETE /api/session', {}, { anonymous: true }).catch(() => {});
        channel.post({ type: 'signed-out' });
      }
      endLocally(reason);
    },
    [api, channel, endLocally],
  );

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      loadFailed,
      retryLoad: () => void load(true).catch(() => {}),
      api,
      adopt: (info) => {
        setEndReason(null);
        apply(info, true);
      },
      refresh: (byPerson = false) => load(byPerson),
      signOut,
      end,
      endReason,
      clearEndReason: () => setEndReason(null),
      idle,
      channel,
    }),
    [session, loadFailed, load, api, apply, signOut, end, endReason, channel],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}
