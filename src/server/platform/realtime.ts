import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Db, Queryable } from '../db/db.js';
import { createLiveHub, type LiveHubOptions, type LiveSession } from './live-hub.js';
import type { Logger } from './logger.js';

/**
 * Realtime: named topics that a signed-in socket subscribes to, each
 * subscription authorized when it is made, over the database's
 * LISTEN/NOTIFY so that a message published through any server process
 * reaches every subscribed socket in every process.
 *
 * A message is serialised once, by the process that publishes it: the NOTIFY
 * payload is the very frame the sockets get. A receiving process parses it
 * only to find which subscriptions it goes to, turns it into bytes once, and
 * sends that one buffer to each of them (STYLE "Do / not"). A NOTIFY payload
 * is at most 8000 bytes: publish ids and small facts, and let the client
 * fetch the rest through the API, where access is decided and audited.
 *
 * Platform code imports no module: each module hands in its topics (their
 * parameters, who may subscribe, which messages reach which subscription),
 * and app.ts hands in the session checks and the audit of refusals.
 *
 * The wire protocol, client to server (text frames, JSON):
 *   {"type":"subscribe","topic":"desk.schedule","params":{...},"id":"optional echo"}
 *   {"type":"unsubscribe","topic":"desk.schedule","params":{...}}
 * server to client:
 *   {"type":"subscribed","topic":...,"id"?}
 *   {"type":"refused","topic"?,"reason":<RefusalReason>,"message":...,"id"?}
 *   and the topics' messages.
 */

/** Stable reasons a subscription or a frame is refused, for clients to act on. */
export type RefusalReason = 'bad_frame' | 'unknown_topic' | 'invalid_params' | 'forbidden' | 'too_many_subscriptions' | 'unavailable';

export interface TopicSpec<S, P, M> {
  /** What a subscriber must send as `params`; anything else is refused as invalid_params. */
  params: z.ZodType<P>;
  /** Whether this session may hear this topic with these params; asked once per subscription. */
  authorize(session: S, params: P): boolean | Promise<boolean>;
  /** The key a subscription listens on (default: one key for the whole topic). */
  key?(params: P): string;
  /** The keys a message goes to; each subscription on one of them gets it once (default: the whole topic). */
  keysOf?(message: M): readonly string[];
  /** What a message must look like; a NOTIFY payload that is not one is logged and dropped. */
  message: z.ZodType<M>;
  /**
   * The NOTIFY channel the topic's messages arrive on (default
   * `relief_topic_<name>`). A module that already notifies in its own SQL
   * (the booking statement, for one round trip) names its channel here; its
   * payloads then go to the sockets exactly as it wrote them.
   */
  channel?: string;
}

export interface TopicHandle<M> {
  readonly name: string;
  /** Publishes in `t`: the message goes out when `t` commits, and never if it rolls back. */
  publish(t: Queryable, message: M): Promise<void>;
}

export interface RealtimeOptions<S> extends Omit<LiveHubOptions, 'log'> {
  db: Db;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Called for each subscription refused as forbidden, so the caller audits it (the platform knows no audit trail). */
  onRefused?(refusal: { session: S; topic: string; params: unknown; reason: RefusalReason }): void | Promise<void>;
  /** How a published message becomes its frame (default JSON.stringify); a test counts the calls. */
  serialize?(message: unknown): string;
}

/** PostgreSQL's NOTIFY payload limit is 8000 bytes; keep a margin for the encoding. */
export const MAX_PAYLOAD_BYTES = 7900;
const MAX_SUBSCRIPTIONS_PER_SOCKET = 32;
/**
 * Every forbidden subscription is audited, so a socket that keeps asking for
 * what it may not have would write to the audit trail at will: past this many
 * it is closed with 1008 (policy violation, RFC 6455 7.4.1).
 */
export const MAX_FORBIDDEN_PER_SOCKET = 8;
/**
 * Frames that are not a subscribe or unsubscribe are answered this many times
 * per socket, then dropped unanswered: a client sending junk in bulk learns
 * what to send without the server writing a refusal for each frame (a flood
 * of replies also delays the peer's reading of a close frame).
 */
export const MAX_BAD_FRAME_ANSWERS = 3;
const TOPIC_NAME = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/;
const ALL = '*';

const ClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topic: z.string().max(100), params: z.unknown().optional(), id: z.string().max(100).optional() }),
  z.object({ type: z.literal('unsubscribe'), topic: z.string().max(100), params: z.unknown().optional(), id: z.string().max(100).optional() }),
]);

interface Topic<S> {
  name: string;
  channel: string;
  spec: TopicSpec<S, unknown, unknown>;
}

interface SocketState<S> {
  session: S;
  /** Subscription ids (`topic\u0000key`). */
  subscriptions: Set<string>;
  forbidden: number;
  badFrames: number;
}

export function createRealtime<S extends LiveSession>(opts: RealtimeOptions<S>) {
  const hub = createLiveHub(opts);
  const serialize = opts.serialize ?? ((m: unknown) => JSON.stringify(m));
  const topics = new Map<string, Topic<S>>();
  const sockets = new Map<WebSocket, SocketState<S>>();
  /** Subscription id -> its sockets. */
  const listeners = new Map<string, Set<WebSocket>>();
  const unlistens: (() => Promise<void>)[] = [];
  let started = false;

  const subscriptionId = (topic: string, key: string) => `${topic}\u0000${key}`;

  function tell(socket: WebSocket, frame: object): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  }

  function refuse(socket: WebSocket, reason: RefusalReason, message: string, about: { topic?: string; id?: string; params?: unknown } = {}): void {
    tell(socket, { type: 'refused', ...(about.topic !== undefined ? { topic: about.topic } : {}), reason, message, ...(about.id !== undefined ? { id: about.id } : {}) });
    const state = sockets.get(socket);
    if (reason === 'forbidden' && state && opts.onRefused) {
      const failed = (err: unknown) => opts.log.error({ err }, 'recording a refused live subscription failed');
      try {
        // Called now, in the order of the refusals; what it returns is awaited by nobody but must not go unhandled.
        Promise.resolve(opts.onRefused({ session: state.session, topic: about.topic ?? '', params: about.params, reason })).catch(failed);
      } catch (err) {
        failed(err);
      }
      if (++state.forbidden > MAX_FORBIDDEN_PER_SOCKET) socket.close(1008, 'too many refused subscriptions');
    }
  }

  /** Sends one NOTIFY payload, as it is, to every socket subscribed to a key it goes to. */
  function deliver(topic: Topic<S>, payload: string): void {
    // Nobody in this process follows any topic: nothing to route, so nothing to parse.
    if (listeners.size === 0) return;
    const keys = topic.spec.keysOf ? keysOf(topic, payload) : [ALL];
    if (!keys) return;
    const targets = new Set<WebSocket>();
    for (const key of keys) for (const s of listeners.get(subscriptionId(topic.name, key)) ?? []) targets.add(s);
    if (targets.size === 0) return;
    // One buffer for every socket: ws would otherwise encode the string once per socket.
    const frame = Buffer.from(payload);
    for (const s of targets) if (s.readyState === s.OPEN) s.send(frame, { binary: false });
  }

  function keysOf(topic: Topic<S>, payload: string): readonly string[] | null {
    let message: unknown;
    try {
      message = topic.spec.message.parse(JSON.parse(payload));
    } catch (err) {
      opts.log.warn({ err, topic: topic.name }, 'live message dropped: not one of its topic');
      return null;
    }
    return topic.spec.keysOf!(message);
  }

  function keyOf(topic: Topic<S>, params: unknown): string {
    return topic.spec.key ? topic.spec.key(params) : ALL;
  }

  function listenTo(socket: WebSocket, topic: Topic<S>, key: string): void {
    const state = sockets.get(socket);
    if (!state) return;
    const id = subscriptionId(topic.name, key);
    state.subscriptions.add(id);
    let set = listeners.get(id);
    if (!set) listeners.set(id, (set = new Set()));
    set.add(socket);
  }

  function forget(socket: WebSocket): void {
    const state = sockets.get(socket);
    if (!state) return;
    sockets.delete(socket);
    for (const id of state.subscriptions) {
      const set = listeners.get(id);
      set?.delete(socket);
      if (set?.size === 0) listeners.delete(id);
    }
  }

  /**
   * Subscribes a socket: resolves to whether it was let in. A refusal is
   * told on the socket (and audited when forbidden); a grant is told only
   * when the client asked for it (`acknowledge`), so the subscriptions a
   * route makes at connection add no frame the client did not ask for. A topic whose
   * authorize answers synchronously subscribes before this returns, so no
   * message published after the call can be missed.
   */
  function subscribe(socket: WebSocket, request: { topic: string; params?: unknown; id?: string }, acknowledge = false): Promise<boolean> {
    const state = sockets.get(socket);
    const topic = topics.get(request.topic);
    const about = { topic: request.topic, id: request.id, params: request.params };
    if (!state) return Promise.resolve(false);
    if (!topic) return done(false, () => refuse(socket, 'unknown_topic', `There is no topic "${request.topic.slice(0, 100)}".`, about));
    const parsed = topic.spec.params.safeParse(request.params ?? {});
    if (!parsed.success) return done(false, () => refuse(socket, 'invalid_params', parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; '), about));
    if (state.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_SOCKET) return done(false, () => refuse(socket, 'too_many_subscriptions', `A connection may follow at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} topics.`, about));
    const grant = (allowed: boolean): boolean => {
      if (!sockets.has(socket)) return false; // closed while the answer was awaited
      if (!allowed) {
        refuse(socket, 'forbidden', 'You may not follow this topic.', about);
        return false;
      }
      listenTo(socket, topic, keyOf(topic, parsed.data));
      if (acknowledge) tell(socket, { type: 'subscribed', topic: topic.name, ...(request.id !== undefined ? { id: request.id } : {}) });
      return true;
    };
    const failed = (err: unknown): boolean => {
      opts.log.error({ err, topic: topic.name }, 'live subscription check failed');
      refuse(socket, 'unavailable', 'The subscription could not be checked; try again.', about);
      return false;
    };
    let answer: boolean | Promise<boolean>;
    try {
      answer = topic.spec.authorize(state.session, parsed.data);
    } catch (err) {
      return Promise.resolve(failed(err));
    }
    return typeof answer === 'boolean' ? Promise.resolve(grant(answer)) : answer.then(grant, failed);
  }

  function done(result: boolean, effect: () => void): Promise<boolean> {
    effect();
    return Promise.resolve(result);
  }

  function unsubscribe(socket: WebSocket, request: { topic: string; params?: unknown }): void {
    const state = sockets.get(socket);
    const topic = topics.get(request.topic);
    if (!state || !topic) return;
    const parsed = topic.spec.params.safeParse(request.params ?? {});
    if (!parsed.success) return;
    const id = subscriptionId(topic.name, keyOf(topic, parsed.data));
    state.subscriptions.delete(id);
    const set = listeners.get(id);
    set?.delete(socket);
    if (set?.size === 0) listeners.delete(id);
  }

  function onFrame(socket: WebSocket, data: unknown, isBinary: boolean): void {
    let frame: z.infer<typeof ClientFrame> | undefined;
    if (!isBinary) {
      try {
        frame = ClientFrame.parse(JSON.parse(String(data)));
      } catch {
        frame = undefined;
      }
    }
    if (!frame) {
      const state = sockets.get(socket);
      if (state && ++state.badFrames > MAX_BAD_FRAME_ANSWERS) return;
      return refuse(socket, 'bad_frame', 'Send {"type":"subscribe","topic":...,"params":{...}} or {"type":"unsubscribe",...}.');
    }
    if (frame.type === 'subscribe') void subscribe(socket, frame, true);
    else unsubscribe(socket, frame);
  }

  return {
    /** Registers a topic; its channel is listened to from start(). */
    topic<P, M extends object>(name: string, spec: TopicSpec<S, P, M>): TopicHandle<M> {
      if (!TOPIC_NAME.test(name)) throw new Error(`topic name ${name}: lower-case words joined by . _ or -`);
      if (topics.has(name)) throw new Error(`topic ${name} is registered twice`);
      if (started) throw new Error(`topic ${name} registered after start()`);
      const channel = spec.channel ?? `relief_topic_${name.replace(/[.-]/g, '_')}`;
      if ([...topics.values()].some((t) => t.channel === channel)) throw new Error(`channel ${channel} already carries a topic`);
      topics.set(name, { name, channel, spec: spec as unknown as TopicSpec<S, unknown, unknown> });
      return {
        name,
        async publish(t, message) {
          // The topic's name first for a reader, and the topic's own: a message cannot claim another.
          const payload = serialize(Object.assign({ topic: name }, spec.message.parse(message), { topic: name }));
          const bytes = Buffer.byteLength(payload);
          if (bytes > MAX_PAYLOAD_BYTES) throw new Error(`live message of ${bytes} bytes on ${name}: publish ids, not content (NOTIFY holds ${MAX_PAYLOAD_BYTES})`);
          await t.query('SELECT pg_notify($1, $2)', [channel, payload]);
        },
      };
    },
    async start(): Promise<void> {
      started = true;
      for (const topic of topics.values()) {
        unlistens.push(await opts.db.listen(topic.channel, (payload) => {
          // A topic's keysOf that throws must cost one message, not the LISTEN connection's event loop turn.
          try {
            deliver(topic, payload);
          } catch (err) {
            opts.log.error({ err, topic: topic.name }, 'live message not delivered');
          }
        }));
      }
      await hub.start();
    },
    /** Keeps the socket for as long as its session lasts, hears its subscribe frames, and makes the given subscriptions. */
    add(socket: WebSocket, session: S, subscriptions: { topic: string; params?: unknown }[] = []): void {
      hub.add(socket, session);
      if (socket.readyState !== socket.OPEN) return; // refused: the server is shutting down
      sockets.set(socket, { session, subscriptions: new Set(), forbidden: 0, badFrames: 0 });
      socket.on('close', () => forget(socket));
      socket.on('error', () => forget(socket));
      socket.on('message', (data, isBinary) => onFrame(socket, data, isBinary));
      for (const s of subscriptions) void subscribe(socket, s);
    },
    subscribe,
    sweep: hub.sweep,
    /** Open sockets. */
    get size(): number {
      return hub.size;
    },
    async stop(): Promise<void> {
      await hub.stop();
      for (const s of [...sockets.keys()]) forget(s);
      for (const unlisten of unlistens.splice(0)) await unlisten();
    },
  };
}
export type Realtime<S extends LiveSession = LiveSession> = ReturnType<typeof createRealtime<S>>;
