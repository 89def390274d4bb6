import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../../shared/errors.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { AccessService } from './access.service.js';
import type { Grant } from './authorize.js';
import { isOwnOrigin, ownOrigins } from './engine/origin.js';
import type { Permission } from './engine/policy.js';
import type { CurrentSession, IssuedSession } from './session.js';

/**
 * What a route requires. Every /api route declares one, or the server refuses
 * to start: 'public' (anyone), 'signed_in' (any session, even one still owing
 * its second factor), or a permission that the policy decides.
 */
export type RoutePolicy = 'public' | 'signed_in' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    session: CurrentSession | null;
    audit: AuditContext;
    /** The route's authorization, decided once before its handler runs (null on public and signed_in routes). */
    grant: Grant | null;
  }
  interface FastifyInstance {
    routePolicies: { method: string; url: string; policy: RoutePolicy }[];
  }
}

export interface AccessOptions {
  /** Resolves a session cookie (identity's, handed in by app.ts: access does not import identity). */
  resolveSession(token: string | undefined): Promise<CurrentSession | null>;
  access: AccessService;
  audit: AuditService;
  secureCookies: boolean;
  /** PUBLIC_URL: its origin is the only one whose pages may open a WebSocket. */
  publicUrl: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function cookieName(secure: boolean): string {
  // The __Host- prefix binds the cookie to this origin over TLS (RFC 6265bis 4.1.3.2).
  return secure ? '__Host-relief_session' : 'relief_session';
}

export function setSessionCookie(reply: FastifyReply, secure: boolean, s: IssuedSession): void {
  reply.setCookie(cookieName(secure), s.token, { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(cookieName(secure), { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}

async function access(app: FastifyInstance, opts: AccessOptions): Promise<void> {
  const { access: service, audit } = opts;
  await app.register(fastifyCookie);
  app.decorate('routePolicies', []);
  app.decorateRequest('session', null);
  app.decorateRequest('grant', null);
  app.decorateRequest('audit', null as unknown as AuditContext);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const policy = route.config?.policy;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!policy) throw new Error(`Route ${methods.join(',')} ${route.url} declares no access policy`);
    for (const method of methods) if (method !== 'HEAD') app.routePolicies.push({ method, url: route.url, policy });
  });

  app.addHook('onRequest', async (req) => {
    req.audit = { actorUserId: null, actorRole: 'anonymous', sourceIp: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: req.id };
  });

  // Cross-site WebSocket hijacking: a browser sends cookies with a WebSocket
  // handshake from any page (no CORS, no preflight; SameSite=Lax still lets a
  // same-site page through), and only the Origin header tells whose page
  // asked. A foreign one is refused before the session is even looked up, so
  // a hostile page cannot slide its idle window either. No Origin at all is a
  // client that is not a browser page: it still needs the session cookie,
  // which only the person's own browser holds (HttpOnly). This runs in
  // preValidation, not onRequest: @fastify/websocket marks the request as an
  // upgrade in its own onRequest hook, and only then releases the socket of
  // an upgrade refused with an HTTP answer.
  const own = ownOrigins(opts.publicUrl);
  async function refuseForeignWebSocket(req: FastifyRequest): Promise<void> {
    if (req.headers.upgrade?.toLowerCase() !== 'websocket') return;
    const origin = req.headers.origin;
    if (origin === undefined || isOwnOrigin(origin, own)) return;
    const policy = req.routeOptions.config?.policy ?? 'websocket.upgrade';
    await audit.record(req.audit, { action: policy, resourceType: 'route', resourceId: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`, outcome: 'denied', reason: `foreign origin ${origin.slice(0, 200)}` });
    throw new AppError('FORBIDDEN', "A live connection must come from the clinic's own site.", { reason: 'origin' });
  }

  // Before validation: a caller without access learns nothing, not even which fields a body needs.
  app.addHook('preValidation', async (req: FastifyRequest) => {
    await refuseForeignWebSocket(req);
    const policy = req.routeOptions.config?.policy;
    if (!policy || policy === 'public') return;
    const token = req.cookies[cookieName(opts.secureCookies)];
    const session = await opts.resolveSession(token);
    req.session = session;
    if (session) req.audit = { ...req.audit, actorUserId: session.user.id, actorRole: session.user.role };
    if (!session) {
      // "Am I signed in?" asked with no session cookie at all is every visitor's
      // first request to the console: it touches no record and names no one, so
      // it is not written to the trail. A stale or forged cookie is.
      // Anyone can send these as fast as they like: the trail tallies them per
      // address and route each minute (first one a row, the rest one count).
      if (policy !== 'signed_in' || token) await audit.recordRefusalWithoutSession(req.audit, { action: policy, resourceType: 'route', resourceId: `${req.method} ${req.routeOptions.url}`, outcome: 'denied', reason: token ? 'session expired or revoked' : 'not signed in' });
      throw new AppError('UNAUTHENTICATED', token ? 'Your session has ended. Please sign in again.' : 'Please sign in.', { reason: token ? 'session_ended' : 'sign_in_required' });
    }
    // CSRF: a state-changing request must echo the session's token in a header a cross-site form cannot set.
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) {
      await audit.record(req.audit, { action: policy, resourceType: 'route', resourceId: `${req.method} ${req.routeOptions.url}`, outcome: 'denied', reason: 'missing or wrong CSRF token' });
      throw new AppError('FORBIDDEN', 'This request is missing its security token. Reload the page and try again.', { reason: 'csrf' });
    }
    if (policy === 'signed_in') return;
    // The one decision of the request, before its body is validated: another
    // patient's id answers 404 whatever the body. Facts about the patient (a
    // care relationship, a caregiver's grant, emergency access) are read in
    // one query, only when the permission needs them.
    const patientId = (req.params as Record<string, string> | undefined)?.patientId;
    req.grant = await service.authorize(session, policy, patientId, req.audit, { type: 'route', id: `${req.method} ${req.routeOptions.url}` });
  });
}

export const accessPlugin = fp(access, { name: 'relief-access' });
