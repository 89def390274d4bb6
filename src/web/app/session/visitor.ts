import { useEffect, useSyncExternalStore } from 'react';
import type { RoleName, SessionInfo, VisitorAnswer } from '../../../shared/contracts/identity';
import { bodyOrThrow, sendJson } from '../api/client';

/**
 * Who the page header greets (issue 11: a signed-in patient sees their name
 * and a way to sign out on every public and patient page, not "Sign in").
 * The public site has no session of its own: this asks the server once per
 * page load (GET /api/session/visitor, which answers 200 for everyone, so a
 * visitor who is not signed in costs no 401), and the signed-in areas tell it
 * as their session changes
 * (features/account's AccountRoot), so the header and the page agree. It keeps
 * the name, the role and the CSRF token of the session in memory only.
 */
export interface Visitor {
  name: string;
  role: RoleName;
  csrfToken: string;
}

/** undefined until known; null when no one is signed in (or only half-way, owing a second factor). */
let current: Visitor | null | undefined;
/** Bumped by every change a signed-in area reports, so an older answer from the server does not undo it. */
let generation = 0;
let asking: Promise<void> | null = null;
const listeners = new Set<() => void>();
/** The signed-in area's own sign-out, while one is on screen: it also forgets what that area fetched. */
let areaSignOut: (() => Promise<void>) | null = null;
let channel: BroadcastChannel | null = null;

function publish(next: Visitor | null | undefined): void {
  current = next;
  for (const l of listeners) l();
}

/** The visitor as a session answer describes it: only a finished sign-in counts. */
export function visitorOf(info: SessionInfo | null): Visitor | null {
  if (!info || info.next !== 'done') return null;
  return { name: info.user.displayName, role: info.user.role, csrfToken: info.csrfToken };
}

/** A signed-in area's session changed (signed in, signed out, ended): the header follows. */
export function setVisitor(info: SessionInfo | null): void {
  generation++;
  publish(visitorOf(info));
}

async function askServer(): Promise<Visitor | null> {
  try {
    const { res, data } = await sendJson('/api/session/visitor', { method: 'GET', cache: 'no-store' });
    const { visitor } = bodyOrThrow<VisitorAnswer>(res, data);
    return visitor && { name: visitor.displayName, role: visitor.role, csrfToken: visitor.csrfToken };
  } catch {
    // Offline or refused: the header stays as it was (signed out if unknown).
    return current ?? null;
  }
}

/** Asks the server who is signed in (once at a time). */
export function refreshVisitor(): Promise<void> {
  if (asking) return asking;
  const asked = generation;
  asking = askServer()
    .then((v) => {
      if (generation === asked) publish(v);
    })
    .finally(() => {
      asking = null;
    });
  return asking;
}

/** While mounted, a signed-in area signs out through its own session (see AccountRoot). */
export function useAreaSignOut(signOut: () => Promise<void>): void {
  useEffect(() => {
    areaSignOut = signOut;
    return () => {
      if (areaSignOut === signOut) areaSignOut = null;
    };
  }, [signOut]);
}

/** Signs out from the header: through the area's session if one is on screen, else here, and tells the other tabs. */
export async function signOutVisitor(): Promise<void> {
  if (areaSignOut) return areaSignOut();
  const csrf = current?.csrfToken;
  try {
    await sendJson('/api/session', { method: 'DELETE', headers: csrf ? { 'x-csrf-token': csrf } : {}, cache: 'no-store' });
  } finally {
    channel?.postMessage({ type: 'signed-out' });
    generation++;
    publish(null);
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab signed out (the console's and the patient pages' channel): so is this one.
  if (!channel && typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel('relief-console');
    channel.onmessage = (e: MessageEvent<{ type?: string }>) => {
      if (e.data?.type === 'signed-out') {
        generation++;
        publish(null);
      }
    };
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && channel) {
      channel.close();
      channel = null;
    }
  };
}

/** The visitor, asked of the server when the header first shows (and again whenever the public frame mounts). */
export function useVisitor(): Visitor | null | undefined {
  useEffect(() => {
    void refreshVisitor();
  }, []);
  return useSyncExternalStore(subscribe, () => current, () => undefined);
}
