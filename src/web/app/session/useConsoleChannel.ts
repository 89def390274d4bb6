import { useEffect, useMemo, useRef } from 'react';

/** Messages between console tabs of this browser. They carry no health information. */
export type ChannelMessage = { type: 'activity' } | { type: 'signed-out' };

export interface ConsoleChannel {
  post: (m: ChannelMessage) => void;
}

/**
 * Tabs of the console share one session cookie: a person working in one tab
 * keeps the others from timing out, and signing out in one signs out all.
 * BroadcastChannel is memory-to-memory; nothing is written to storage.
 */
export function useConsoleChannel(handlers: { onSignedOut: () => void; onActivity: () => void }): ConsoleChannel {
  const latest = useRef(handlers);
  const channel = useRef<BroadcastChannel | null>(null);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (typeof BroadcastChannel !== 'function') return;
    const c = new BroadcastChannel('relief-console');
    c.onmessage = (e: MessageEvent<ChannelMessage>) => {
      if (e.data?.type === 'signed-out') latest.current.onSignedOut();
      else if (e.data?.type === 'activity') latest.current.onActivity();
    };
    channel.current = c;
    return () => {
      channel.current = null;
      c.close();
    };
  }, []);

  return useMemo(() => ({ post: (m) => channel.current?.postMessage(m) }), []);
}
