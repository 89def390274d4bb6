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
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import websocket from '@fastify/websocket';
import { accessPlugin } from './modules/access/access.plugin.js';
import { appendDurably } from './platform/anchor-file.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { clinicRoutes } from './modules/clinic/clinic.routes.js';
import { adminRoutes } from './modules/identity/admin.routes.js';
import { identityRoutes } from './modules/identity/identity.routes.js';
import { createIdentityService } from './modules/identity/identity.service.js';
import { SCHEDULE_CHANNEL } from './modules/scheduling/desk.repo.js';
import { deskRoutes } from './modules/scheduling/desk.routes.js';
import { createDeskService } from './modules/scheduling/desk.service.js';
import { createLiveHub } from './platform/live-hub.js';
import { createRateCounter } from './platform/rate-limit-store.js';
import { rateLimitsPlugin } from './platform/rate-limits.plugin.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { createPortalService } from './modules/portal/portal.service.js';
import { createClinicService } from './modules/clinic/clinic.service.js';
import { createNoticesService } from './modules/notices/notices.service.js';
import { schedulingRoutes } from './modules/scheduling/scheduling.routes.js';
import { createSchedulingService } from './modules/scheduling/scheduling.service.js';
import type { Clock } from './platform/clock.js';
import type { Mailer } from './platform/mailer.js';
import { clientErrorHandler, frameworkErrorHandler, NOT_FOUND_BODY, refusalOf, securityHeaders } from './http-edge.js';

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
  organization: { id: string; name: string };
  logger?: FastifyServerOptions['logger'];
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
      body = { error: { code: 'INVALID', message: issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues } };
    } else if (isAppError(err)) {
      status = STATUS_OF[err.code];
      const reason = typeof err.details.reason === 'string' ? err.details.reason : undefined;
      const retryAfterSec = typeof err.details.retryAfterSec === 'number' ? err.details.retryAfterSec : undefined;
      if (retryAfterSec !== undefined) reply.header('retry-after', String(retryAfterSec));
      body = { error: { code: err.code, message: err.message, ...(err.details.issues ? { issues: err.details.issues } : {}), ...(reason ? { reason } : {}), ...(retryAfterSec !== undefined ? { retryAfterSec } : {}) } };
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

  const audit = createAuditService({ db: deps.db, clock: deps.clock, organizationId: deps.organization.id });
  const notices = createNoticesService({
    db: deps.db, clock: deps.clock, mailer: deps.mailer, log: app.log, organizationId: deps.organization.id,
  });
  const clinic = createClinicService({ db: deps.db, organizationId: deps.organization.id });
  const scheduling = createSchedulingService({
    db: deps.db, clock: deps.clock, organizationId: deps.organization.id, clinicName: deps.organization.name,
    publicUrl: deps.config.publicUrl, notices, audit,
  });
  const identity = createIdentityService({
    db: deps.db, clock: deps.clock, organizationId: deps.organization.id, clinicName: deps.organization.name,
    publicUrl: deps.config.publicUrl, audit,
    enqueueEmail: (t, mail) => notices.enqueueEmail(t, mail),
    afterCommit: () => notices.kick(),
    patients: { match: (m) => scheduling.matchPatients(m), byCode: (id, code) => scheduling.patientByCode(id, code) },
  });
  const desk = createDeskService({ db: deps.db, clock: deps.clock, organizationId: deps.organization.id, scheduling, audit });
  const live = createLiveHub({
    db: deps.db, channel: SCHEDULE_CHANNEL, clock: deps.clock, log: app.log,
    sessions: { onSessionsEnded: identity.onSessionsEnded, activeSessions: identity.activeSessions },
  });
  await live.start();
  app.decorate('services', { clinic, scheduling, notices, audit, identity, desk, live });
  audit.startSealing(1000, (err) => app.log.error({ err }, 'audit upkeep failed (sealing, or writing tallied refusals); retrying'));
  // Anchors: the newest block's hash, appended outside the database at start, on a timer and at close.
  const anchorFile = deps.config.auditAnchorFile;
  const anchorNow = anchorFile
    ? () => audit.anchor((line) => appendDurably(anchorFile, line)).catch((err) => app.log.error({ err, anchorFile }, 'audit anchor failed; retrying at the next interval'))
    : null;
  const anchoring = anchorNow ? setInterval(anchorNow, (deps.config.auditAnchorMinutes ?? 60) * 60_000) : undefined;
  anchoring?.unref();
  await anchorNow?.();
  const rateCounter = createRateCounter({ db: deps.db, clock: deps.clock });
  // Hourly housekeeping: throttling records, spent tokens, old sessions, idempotency records and ended rate-limit windows.
  const housekeeping = setInterval(() => {
    Promise.all([identity.purgeExpired(), scheduling.purgeIdempotencyKeys(), rateCounter.purgeEnded()]).catch((err) => app.log.error({ err }, 'housekeeping failed; retrying next hour'));
  }, 3_600_000);
  housekeeping.unref();
  app.addHook('onClose', async () => {
    clearInterval(housekeeping);
    await live.stop();
    await notices.stop();
    await audit.stopSealing();
    clearInterval(anchoring);
    await anchorNow?.();
  });

  await app.register(accessPlugin, { identity, audit, secureCookies, publicUrl: deps.config.publicUrl });
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
  await app.register(clinicRoutes(clinic));
  await app.register(schedulingRoutes(scheduling));
  await app.register(identityRoutes(identity, { secureCookies }));
  await app.register(adminRoutes({ identity, audit }));
  await app.register(deskRoutes(desk, live));
  await app.register(portalRoutes(createPortalService({ db: deps.db, organizationId: deps.organization.id, identity, audit, scheduling })));

  const serveWeb = deps.config.serveWeb && fs.existsSync(path.join(WEB_DIR, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    const wantsPage = (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (serveWeb && wantsPage) return reply.type('text/html').sendFile('index.html');
    // The same words whatever was asked: the path is the client's text, and an answer that repeats it is a reflection risk.
    return reply.code(404).send(NOT_FOUND_BODY);
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: {
      clinic: import('./modules/clinic/clinic.service.js').ClinicService;
      scheduling: import('./modules/scheduling/scheduling.service.js').SchedulingService;
      notices: import('./modules/notices/notices.service.js').NoticesService;
      audit: import('./modules/audit/audit.service.js').AuditService;
      identity: import('./modules/identity/identity.service.js').IdentityService;
      desk: import('./modules/scheduling/desk.service.js').DeskService;
      live: import('./platform/live-hub.js').LiveHubHandle;
    };
  }
}
