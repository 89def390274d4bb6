import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../../../app/session/SessionProvider';

export const WARN_BEFORE_MS = 2 * 60_000;
/** A person is working: refresh the session this long before the server would end it. */
const REFRESH_BEFORE_MS = 3 * 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
const BROADCAST_EVERY_MS = 10_000;

export type IdlePhase = { kind: 'active' } | { kind: 'warning'; deadline: number };

/**
 * The staff idle timeout (HIPAA 164.312(a)(2)(iii) automatic logoff). The
 * deadline is the earlier of "no one has used the console for the idle
 * period" and the server's own idle deadline; two minutes before it a dialog
 * asks whether to stay signed in. Background refetches do not count as use.
 */
export function useIdleTimeout(): { phase: IdlePhase; stay: () => Promise<void> } {
  const { session, idle, refresh, end, channel } = useSession();
  const [phase, setPhase] = useState<IdlePhase>({ kind: 'active' });
  const warning = useRef(false);
  const refreshing = useRef(false);
  const idleMs = (session?.idleTimeoutSec ?? 900) * 1000;

  // A person at the keyboard or the pointer.
  useEffect(() => {
    let lastBroadcast = 0;
    const onActivity = () => {
      if (warning.current) return; // only "Stay signed in" answers the warning
      const now = Date.now();
      idle.current.lastHuman = now;
      if (now - lastBroadcast > BROADCAST_EVERY_MS) {
        lastBroadcast = now;
        channel.post({ type: 'activity' });
      }
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, onActivity, { capture: true, passive: true });
    return () => {
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, onActivity, { capture: true });
    };
  }, [idle, channel]);

  useEffect(() => {
    if (session?.next !== 'done') return;
    const tick = () => {
      const now = Date.now();
      const c = idle.current;
      const humanDeadline = c.lastHuman + idleMs;
      if (!refreshing.current && c.lastHuman > c.lastRefresh && c.serverDeadline - now < REFRESH_BEFORE_MS) {
        refreshing.current = true;
        void refresh()
          .catch(() => {})
          .finally(() => {
            refreshing.current = false;
          });
      }
      const deadline = Math.min(humanDeadline, c.serverDeadline);
      if (now >= deadline) {
        end('idle');
      } else if (deadline - now <= WARN_BEFORE_MS) {
        if (!warning.current) {
          warning.current = true;
          setPhase({ kind: 'warning', deadline });
        }
      } else if (warning.current) {
        // Another tab kept the session going.
        warning.current = false;
        setPhase({ kind: 'active' });
      }
    };
    const timer = window.setInterval(tick, 1000);
    document.addEventListener('visibilitychange', tick);
    tick();
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [session?.next, idleMs, idle, refresh, end]);

  const stay = useCallback(async () => {
    const info = await refresh(true);
    if (info) {
      warning.current = false;
      setPhase({ kind: 'active' });
      channel.post({ type: 'activity' });
    }
  }, [refresh, channel]);

  return { phase, stay };
}
