import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { isAppError, type ErrorBody, type ErrorCode, type FieldIssue } from '../shared/errors.js';
import { isIssueReason } from '../shared/reasons.js';
import { isWebPath } from '../shared/web-paths.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import websocket from '@fastify/websocket';
import { accessModule, accessPlugin, type AccessService, type FactSource } from './modules/access/index.js';
import { auditModule } from './modules/audit/index.js';
import { clinicModule } from './modules/clinic/index.js';
import { identityModule, type IdentityService } from './modules/identity/index.js';
import { messagesModule } from './modules/messages/index.js';
import { noticesModule } from './modules/notices/index.js';
import { patientsModule } from './modules/patients/index.js';
import { schedulingModule } from './modules/scheduling/index.js';
import { createRealtime } from './platform/realtime.js';
import type { LiveSocketSession, ModuleContext, ModuleDescriptor } from './platform/module.js';
import { createRateCounter } from './platform/rate-limit-store.js';
import { rateLimitsPlugin } from './platform/rate-limits.plugin.js';
import type { Clock } from './platform/clock.js';
import type { Mailer } from './platform/mailer.js';
import type { SmsSender } from './platform/sms.js';
import { clientErrorHandler, frameworkErrorHandler, NOT_FOUND_BODY, refusalOf, securityHeaders } from './http-edge.js';

/**
 * The house: every module, in the order they are built (a module may use the
 * services of those before it). Adding a module is adding its folder and a
 * line here.
 */
export const MODULES: readonly ModuleDescriptor[] = [auditModule, clinicModule, noticesModule, accessModule, patientsModule, schedulingModule, identityModule, messagesModule];

/** The one table from domain error codes to HTTP statuses. */
export const STATUS_OF: Record<ErrorCode, number> = {
  INVALID: 422,
  RULE: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  TOO_MANY: 429,
  UNAVAILABLE: 503,
};

export interface AppDeps {
  /** `rateLimitScale` defaults to 1: an app built without it has every limit as listed. */
  config: Pick<Config, 'publicUrl' | 'serveWeb' | 'logLevel'> & Partial<Pick<Config, 'auditAnchorFile' | 'auditAnchorMinutes' | 'rateLimitScale' | 'trustProxy'>>;
  db: Db;
  clock: Clock;
  mailer: Mailer | null;
  /** The SMS sender; unset or null: SMS notices stay in the outbox. */
  sms?: SmsSender | null;
  organization: { id: string; name: string };
  logger?: FastifyServerOptions['logger'];
  /** Where the built web app is (dist/web unless given: a test's own folder). */
  webDir?: string;
}

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

function zodIssues(err: FastifyError): FieldIssue[] {
  const e = err as unknown as {
    validation: { keyword: string; instancePath: string; message?: string; params?: { keys?: string[]; params?: { reason?: unknown } } }[];
    validationContext?: string;
  };
  const issues: FieldIssue[] = [];
  for (const v of e.validation) {
    const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (v.keyword === 'unrecognized_keys' && v.params?.keys) {
      for (const k of v.params.keys) issues.push({ field: base ? `${base}.${k}` : k, message: 'is not a known field' });
    } else {
      const reason = v.params?.params?.reason;
      issues.push({ field: base || e.validationContext || 'body', message: v.message ?? 'is invalid', ...(isIssueReason(reason) ? { reason } : {}) });
    }
  }
  return issues;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const secureCookies = deps.config.publicUrl.startsWith('https:');
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 64 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    forceCloseConnections: 'idle',
    // req.ip (rate limits, the audit trail) from X-Forwarded-For only when one of these proxies sent it.
    ...(deps.config.trustProxy !== undefined ? { trustProxy: deps.config.trustProxy } : {}),
    // Answers given before any hook runs carry the same headers and body shape (http-edge.ts).
    frameworkErrors: frameworkErrorHandler(secureCookies),
    clientErrorHandler: clientErrorHandler(secureCookies),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // JSON only: any other body type is a 415, not a confusing schema error.
  app.removeContentTypeParser(['text/plain']);
  app.setSerializerCompiler(serializerCompiler);

  // A response finished after shutdown began closes its connection, so a
  // keep-alive socket cannot hold the process open until its timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    if (closing) reply.header('connection', 'close');
    reply.headers(securityHeaders(req.url, secureCookies));
    return payload;
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    let status = 500;
    let body: ErrorBody;
    if (hasZodFastifySchemaValidationErrors(err)) {
      status = 422;
      const issues = zodIssues(err);
      body = { error: { code: 'INVALID', message: issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues, reason: 'invalid' } };
    } else if (isAppError(err)) {
      status = STATUS_OF[err.code];
      const reason = typeof err.details.reason === 'string' ? err.details.reason : undefined;
      const retryAfterSec = typeof err.details.retryAfterSec === 'number' ? err.details.retryAfterSec : undefined;
      if (retryAfterSec !== undefined) reply.header('retry-after', String(retryAfterSec));
      const phone = typeof err.details.phone === 'string' ? err.details.phone : undefined;
      body = { error: { code: err.code, message: err.message, ...(err.details.issues ? { issues: err.details.issues } : {}), ...(reason ? { reason } : {}), ...(retryAfterSec !== undefined ? { retryAfterSec } : {}), ...(phone ? { phone } : {}) } };
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      ({ status, body } = refusalOf(err));
    } else {
      req.log.error({ err }, 'unhandled error');
      body = { error: { code: 'UNAVAILABLE', message: 'Something went wrong on our side. Please try again.' } };
    }
    return reply.code(status).send(body);
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Relief API', version: '0.1.0', description: 'Public booking API of the Relief practice platform.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const services: Record<string, unknown> = {};
  const ctx: ModuleContext = {
    db: deps.db, clock: deps.clock, organization: deps.organization, mailer: deps.mailer, sms: deps.sms ?? null, log: app.log, services,
    config: { publicUrl: deps.config.publicUrl, secureCookies, auditAnchorFile: deps.config.auditAnchorFile, auditAnchorMinutes: deps.config.auditAnchorMinutes },
  };
  for (const m of MODULES) {
    for (const n of m.needs ?? []) if (!(n in services)) throw new Error(`Module ${m.name} needs ${n}, which is not listed before it`);
    services[m.name] = m.create(ctx);
  }
  const access = services.access as AccessService;
  const identity = services.identity as IdentityService;
  for (const m of MODULES) for (const f of m.facts ?? []) access.registerFactSource(f as FactSource);

  const stoppers: (() => Promise<void>)[] = [];
  for (const m of MODULES) {
    const stop = await m.start?.(services[m.name], ctx);
    if (stop) stoppers.push(stop);
    else if (m.stop) stoppers.push(() => m.stop!(services[m.name]));
  }
  // Realtime topics over LISTEN/NOTIFY. Sockets live as long as their sessions
  // (identity answers); each subscription asks its topic, and a forbidden one
  // is audited against the upgrade request that opened the socket.
  const audit = services.audit as FastifyInstance['services']['audit'];
  const live = createRealtime<LiveSocketSession>({
    db: deps.db, clock: deps.clock, log: app.log,
    sessions: { onSessionsEnded: identity.onSessionsEnded, activeSessions: identity.activeSessions },
    onRefused: ({ session, topic, reason }) => audit.record(session.audit, { action: 'live.subscribe', resourceType: 'topic', resourceId: topic, outcome: 'denied', reason }),
  });
  for (const m of MODULES) for (const t of m.liveTopics?.(services[m.name], ctx) ?? []) live.topic(t.name, t.spec);
  await live.start();
  ctx.live = live;
  app.decorate('services', { ...(services as Omit<FastifyInstance['services'], 'live'>), live });

  const rateCounter = createRateCounter({ db: deps.db, clock: deps.clock });
  // Hourly housekeeping: each module's purge (spent tokens, old sessions, idempotency records ...) and ended rate-limit windows.
  const housekeeping = setInterval(() => {
    const purges = MODULES.flatMap((m) => (m.housekeeping ? [m.housekeeping(services[m.name])] : []));
    Promise.all([...purges, rateCounter.purgeEnded()]).catch((err) => app.log.error({ err }, 'housekeeping failed; retrying next hour'));
  }, 3_600_000);
  housekeeping.unref();
  app.addHook('onClose', async () => {
    clearInterval(housekeeping);
    await live.stop();
    for (const stop of stoppers.reverse()) await stop();
  });

  await app.register(accessPlugin, { resolveSession: identity.resolveSession, access, audit, secureCookies, publicUrl: deps.config.publicUrl });
  // Before any route: it limits each public route as it is added.
  await app.register(rateLimitsPlugin, { counter: rateCounter, scale: deps.config.rateLimitScale ?? 1, log: app.log });
  await app.register(websocket, { options: { maxPayload: 4096 } });
  app.get('/api/health', { config: { policy: 'public' }, schema: { tags: ['ops'], summary: 'Process up and database reachable' } }, async (_req, reply) => {
    try {
      await deps.db.query('SELECT 1');
      return { status: 'ok', database: deps.db.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: deps.db.kind });
    }
  });
  for (const m of MODULES) if (m.routes) await app.register(m.routes(services[m.name], ctx));

  const webDir = deps.webDir ?? WEB_DIR;
  const serveWeb = deps.config.serveWeb && fs.existsSync(path.join(webDir, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    const wantsPage = (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    // The app's page either way; 200 only where its router has a page, else 404 and the app shows "page not found" (issue 11).
    if (serveWeb && wantsPage) return reply.code(isWebPath(req.url.split('?')[0]!) ? 200 : 404).type('text/html').sendFile('index.html');
    // The same words whatever was asked: the path is the client's text, and an answer that repeats it is a reflection risk.
    return reply.code(404).send(NOT_FOUND_BODY);
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: {
      audit: import('./modules/audit/index.js').AuditService;
      clinic: import('./modules/clinic/index.js').ClinicService;
      notices: import('./modules/notices/index.js').NoticesService;
      access: import('./modules/access/index.js').AccessService;
      patients: import('./modules/patients/index.js').PatientsService;
      scheduling: import('./modules/scheduling/index.js').SchedulingService;
      identity: import('./modules/identity/index.js').IdentityService;
      messages: import('./modules/messages/index.js').MessagesService;
      live: import('./platform/realtime.js').Realtime<LiveSocketSession>;
    };
  }
}
