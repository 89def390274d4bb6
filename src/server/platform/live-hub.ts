import type { WebSocket } from 'ws';
import { LIVE_SESSION_ENDED_CODE } from '../../shared/contracts/staff.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

/** The session a socket was opened with, as the HTTP layer resolved it at the upgrade. */
export interface LiveSession {
  idHash: string;
  userId: string;
  /** End of the session's lifetime (ms). */
  expiresAt: number;
  /** End of its idle window as last known (ms); only HTTP requests slide it, never the socket. */
  idleExpiresAt: number;
}

/**
 * What the hub needs to know about sessions. The identity module answers;
 * app.ts wires the two, so platform code imports no module.
 */
export interface SessionWatch {
  /** Calls back with the id hashes of sessions ended in any server process; resolves to an unsubscribe. */
  onSessionsEnded(listener: (idHashes: readonly string[]) => void): Promise<() => Promise<void>>;
  /** Of these sessions, those still in force now, with the instants each would end. */
  activeSessions(idHashes: readonly string[]): Promise<Map<string, { expiresAt: number; idleExpiresAt: number }>>;
}

export interface LiveHubOptions {
  sessions: SessionWatch;
  clock: Clock;
  log: Pick<Logger, 'info' | 'error'>;
  /** Longest time between two checks of every socket's session in the database. */
  sweepEveryMs?: number;
}

const SWEEP_EVERY_MS = 30_000;
/** A deadline that has just passed is checked again no sooner than this (the clock may be ahead of the database). */
const MIN_SWEEP_DELAY_MS = 1000;

/**
 * Keeps the open sockets of signed-in people, each for as long as its session
 * lasts. What goes out on them is realtime.ts's business (topics, fan-out).
 *
 * A socket lives no longer than its session. It is closed with
 * LIVE_SESSION_ENDED_CODE when the session is signed out or revoked in any
 * process (a notice, heard before any later change: see Db.listen), and when
 * a sweep finds it expired or idle. The sweep runs at the earliest known
 * deadline and at least every 30 s, in one query for all sockets, and is also
 * the backstop for a notice missed while the LISTEN connection was down.
 */
export function createLiveHub(opts: LiveHubOptions) {
  const sweepEveryMs = opts.sweepEveryMs ?? SWEEP_EVERY_MS;
  const sockets = new Map<WebSocket, LiveSession>();
  const unsubscribes: (() => Promise<void>)[] = [];
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<number> = Promise.resolve(0);
  let stopped = false;

  function endSocket(socket: WebSocket, why: string): void {
    const session = sockets.get(socket);
    sockets.delete(socket);
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(LIVE_SESSION_ENDED_CODE, 'session ended');
    opts.log.info({ userId: session?.userId, why }, 'live socket closed: its session ended');
  }

  function endSessions(idHashes: readonly string[]): void {
    const ended = new Set(idHashes);
    for (const [socket, session] of sockets) if (ended.has(session.idHash)) endSocket(socket, 'signed out or revoked');
  }

  /** Checks the given sockets' sessions in one query; closes those no longer in force. */
  async function check(list: WebSocket[]): Promise<number> {
    const live = list.filter((s) => sockets.has(s));
    if (live.length === 0) return 0;
    const active = await opts.sessions.activeSessions([...new Set(live.map((s) => sockets.get(s)!.idHash))]);
    let closed = 0;
    for (const socket of live) {
      const session = sockets.get(socket);
      if (!session) continue;
      const deadlines = active.get(session.idHash);
      if (deadlines) Object.assign(session, deadlines);
      else {
        endSocket(socket, 'expired, idle or revoked');
        closed++;
      }
    }
    return closed;
  }

  /** Checks every socket's session now, after any sweep under way; resolves to how many sockets it closed. */
  function sweep(): Promise<number> {
    sweeping = sweeping.catch(() => 0).then(() => check([...sockets.keys()]));
    return sweeping;
  }

  /** The next sweep: at the earliest deadline of any socket's session, and at least every sweepEveryMs. */
  function schedule(): void {
    if (stopped) return;
    clearTimeout(timer);
    const now = opts.clock.now();
    let delay = sweepEveryMs;
    for (const s of sockets.values()) delay = Math.min(delay, s.expiresAt - now, s.idleExpiresAt - now);
    timer = setTimeout(() => {
      sweep()
        .catch((err: unknown) => opts.log.error({ err }, 'live socket sweep failed; retrying'))
        .finally(schedule);
    }, Math.max(MIN_SWEEP_DELAY_MS, delay));
    timer.unref();
  }

  return {
    async start(): Promise<void> {
      unsubscribes.push(await opts.sessions.onSessionsEnded(endSessions));
      schedule();
    },
    add(socket: WebSocket, session: LiveSession): void {
      if (stopped) {
        socket.close(1001, 'server shutting down');
        return;
      }
      sockets.set(socket, { ...session });
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => sockets.delete(socket));
      // The upgrade may have trusted a session cached for a moment, and its
      // ending may have been announced before this socket was listed: look
      // once more, now that any later notice will find it.
      check([socket]).catch((err: unknown) => opts.log.error({ err }, 'live socket session check failed; the sweep will retry'));
      if (Math.min(session.expiresAt, session.idleExpiresAt) - opts.clock.now() < sweepEveryMs) schedule();
    },
    sweep,
    get size(): number {
      return sockets.size;
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      for (const s of sockets.keys()) s.close(1001, 'server shutting down');
      sockets.clear();
      await sweeping.catch(() => 0);
      for (const unsubscribe of unsubscribes.splice(0)) await unsubscribe();
    },
  };
}
export type LiveHubHandle = ReturnType<typeof createLiveHub>;
