import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../db/db.js';
import type { Clock } from './clock.js';
import type { LiveSession } from './live-hub.js';
import type { Mailer } from './mailer.js';
import type { SmsSender } from './sms.js';
import type { Realtime, TopicSpec } from './realtime.js';

/** The slice of the app's (pino) logger a module may use; modules know nothing of HTTP. */
export interface ModuleLog {
  info(objOrMsg: object | string, msg?: string): void;
  warn(objOrMsg: object | string, msg?: string): void;
  error(objOrMsg: object | string, msg?: string): void;
}

/**
 * What a live socket carries: its session's lifetime, who opened it (topic
 * checks ask about them) and the upgrade request's audit context (a refused
 * subscription is recorded against it).
 */
export interface LiveSocketSession extends LiveSession {
  role: NonNullable<FastifyRequest['session']>['user']['role'];
  /** Whether the session had passed its second factor when the socket opened (sessions without one cannot open it). */
  mfaPassed: boolean;
  audit: FastifyRequest['audit'];
}

/** A topic a module publishes on, with who may subscribe (platform/realtime.ts). */
export interface LiveTopic {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each topic has its own params and message types; the registry checks them with the topic's schemas
  spec: TopicSpec<LiveSocketSession, any, any>;
}

/** What app.ts hands every module when it builds the house. */
export interface ModuleContext {
  db: Db;
  clock: Clock;
  /**
   * The organization this process serves. Its name is kept current by the
   * clinic module (a settings change, here or on another process): read it
   * when rendering, never copy it at start.
   */
  organization: { readonly id: string; name: string };
  config: { publicUrl: string; secureCookies: boolean; auditAnchorFile?: string | undefined; auditAnchorMinutes?: number | undefined };
  mailer: Mailer | null;
  /** The SMS sender (Twilio), or null: SMS notices stay in the outbox. */
  sms: SmsSender | null;
  log: ModuleLog;
  /**
   * The services of the modules listed before this one, by name. A module
   * names what it needs in `needs`, and reads it with `need()`.
   */
  services: Readonly<Record<string, unknown>>;
  /** Realtime topics, once app.ts has started them (before any routes are registered). */
  live?: Realtime<LiveSocketSession>;
}

/**
 * One module as app.ts sees it: the whole of what it adds to the house.
 * Adding a module is adding a folder with an index.ts that exports one of
 * these, and one line in app.ts's list.
 */
export interface ModuleDescriptor<S = unknown, F = unknown> {
  name: string;
  /** Modules whose services this one uses; each must come earlier in the list. */
  needs?: readonly string[];
  create(ctx: ModuleContext): S;
  /** Its HTTP routes (each declares its access policy). */
  routes?(service: S, ctx: ModuleContext): FastifyPluginAsync;
  /** Background work started when the app is built (timers); resolves to what stops it at close. */
  start?(service: S, ctx: ModuleContext): Promise<(() => Promise<void>) | void>;
  /** Stops what the service started itself (a delivery worker); modules stop in the reverse of their order. */
  stop?(service: S): Promise<void>;
  /** Hourly upkeep: purges what has served its purpose. A failure is logged and retried the next hour. */
  housekeeping?(service: S): Promise<unknown>;
  /** Facts this module tells the access policy (see access's FactSource). */
  facts?: readonly F[];
  /** Live topics this module publishes on; app.ts registers them before the realtime hub starts. */
  liveTopics?(service: S, ctx: ModuleContext): readonly LiveTopic[];
}

/** A service a module said it needs; a missing one is a wiring mistake in app.ts's list. */
export function need<T>(ctx: ModuleContext, name: string): T {
  const s = ctx.services[name];
  if (s === undefined) throw new Error(`Module service "${name}" is not built yet: list its module earlier in app.ts`);
  return s as T;
}

/**
 * Declares a module. The list in app.ts holds modules of every service type;
 * app.ts hands each function exactly what that module's create() returned.
 */
export function defineModule<S, F = unknown>(d: ModuleDescriptor<S, F>): ModuleDescriptor<unknown, F> {
  return d as unknown as ModuleDescriptor<unknown, F>;
}
