import fastifyRateLimit, { type FastifyRateLimitOptions, type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../shared/errors.js';
import type { Logger } from './logger.js';
import type { RateCounter } from './rate-limit-store.js';

/**
 * Per-address limits on every public endpoint, against floods and scraping
 * (issue 10). They sit under the finer per-account and per-address throttles
 * of identity (sign-in delays, wrong codes, reset emails), which still answer
 * first with their own reasons: each budget here is above what those allow.
 *
 * A client is its address as Fastify sees it (`req.ip`; behind a proxy, set
 * TRUST_PROXY or every client shares the proxy's budget), an IPv6 client its
 * /64. Windows are fixed and shared by every server process (rate-limit-store.ts).
 */
export const RATE_LIMITS = {
  /** Locations, practitioners, visit types: every public page asks for all three. */
  reference: { max: 120, windowSec: 60 },
  /** Slot searches, the costliest public read: a person browsing dates asks a few a minute. */
  availability: { max: 60, windowSec: 60 },
  /** New bookings: a household books a few visits, retries included. */
  booking: { max: 20, windowSec: 600 },
  /** An appointment and its calendar file, read with the confirmation code. */
  appointment: { max: 60, windowSec: 600 },
  /** Cancel and reschedule with the confirmation code. */
  appointmentChange: { max: 20, windowSec: 600 },
  /** Sign-in: a clinic's staff may share one address; identity already slows each account and address. */
  signIn: { max: 60, windowSec: 600 },
  /** Patient account activation: above identity's own limits (five wrong codes per name, twenty per address in 15 minutes). */
  activation: { max: 30, windowSec: 600 },
  /** Password reset: asking for a link (identity allows 20 an hour per address) and using one. */
  passwordReset: { max: 30, windowSec: 600 },
  /** Staff and caregiver invitations: reading one and accepting it with a password. */
  invitation: { max: 30, windowSec: 600 },
  /** Referring providers' sign-up: each one waits for a staff member's approval. */
  referrerSignup: { max: 5, windowSec: 3600 },
  /** A patient's calendar feed: calendar apps poll it every few minutes to hours; a household may share an address. */
  calendarFeed: { max: 120, windowSec: 600 },
  /** A waitlist offer's link: reading it and accepting it (issue 12). */
  waitlistOffer: { max: 30, windowSec: 600 },
  /** Any other public route: none yet, but a new one is limited until it gets its own line. */
  public: { max: 120, windowSec: 60 },
} as const satisfies Record<string, { max: number; windowSec: number }>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** Which limit each public route counts against (HEAD as its GET); 'none' is left unlimited. */
export const RATE_LIMITED_ROUTES: Readonly<Record<string, RateLimitName | 'none'>> = {
  // Load balancers and monitors poll it; it costs one `SELECT 1`.
  'GET /api/health': 'none',
  'GET /api/locations': 'reference',
  'GET /api/practitioners': 'reference',
  'GET /api/visit-types': 'reference',
  'GET /api/online-booking': 'reference',
  'GET /api/availability': 'availability',
  'GET /api/appointments/:id/availability': 'availability',
  'POST /api/appointments': 'booking',
  'GET /api/appointments/:id': 'appointment',
  'GET /api/appointments/:id/calendar.ics': 'appointment',
  'POST /api/appointments/:id/cancel': 'appointmentChange',
  'POST /api/appointments/:id/reschedule': 'appointmentChange',
  'POST /api/session': 'signIn',
  'POST /api/account/activate': 'activation',
  'POST /api/account/activation-code': 'activation',
  'POST /api/account/activate-with-code': 'activation',
  'POST /api/password-reset': 'passwordReset',
  'POST /api/password-reset/:token': 'passwordReset',
  'GET /api/invites/:token': 'invitation',
  'POST /api/invites/:token': 'invitation',
  'POST /api/referrers/signup': 'referrerSignup',
  'GET /api/calendar/:file': 'calendarFeed',
  'GET /api/waitlist/offers/:token': 'waitlistOffer',
  'POST /api/waitlist/offers/:token/accept': 'waitlistOffer',
};

export interface RateLimitsOptions {
  counter: RateCounter;
  /** RATE_LIMIT_SCALE: multiplies every budget (at least 1 request a window). */
  scale: number;
  log: Pick<Logger, 'warn' | 'error'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every rate-limited route with its limit, as the server applies it (tests read it). */
    rateLimitedRoutes: { method: string; url: string; limit: RateLimitName; max: number; windowSec: number }[];
  }
}

/** The limit of a public route: its own line, or `public`. */
export function rateLimitOf(method: string, url: string): RateLimitName | 'none' {
  return RATE_LIMITED_ROUTES[`${method === 'HEAD' ? 'GET' : method} ${url}`] ?? 'public';
}

/**
 * @fastify/rate-limit's store interface over the shared counter. The plugin
 * makes one child per limit; the child's keys are `<limit>:<address>`.
 */
function counterStore(opts: RateLimitsOptions): FastifyRateLimitStoreCtor {
  let lastErrorLogged = 0;
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;
    constructor(params: FastifyRateLimitOptions & { groupId?: string }) {
      this.prefix = params.groupId ? `${params.groupId}:` : '';
    }
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void {
      opts.counter.hit(this.prefix + key, timeWindow, max).then(
        (count) => {
          if (count.current === max + 1 && !count.remembered) opts.log.warn({ limit: this.prefix.slice(0, -1) }, 'a client went over its rate limit; refused until the window ends');
          callback(null, { current: count.current, ttl: count.ttlMs });
        },
        (err: Error) => {
          // The request goes through (skipOnError): a limit that cannot be counted must not turn into a 500.
          if (Date.now() - lastErrorLogged > 60_000) {
            lastErrorLogged = Date.now();
            opts.log.error({ err }, 'rate limit not counted (database unreachable?); letting requests through');
          }
          callback(err);
        },
      );
    }
    child(params: unknown): FastifyRateLimitStore {
      return new SharedRateLimitStore(params as FastifyRateLimitOptions & { groupId?: string });
    }
  };
}

async function rateLimits(app: FastifyInstance, opts: RateLimitsOptions): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    store: counterStore(opts),
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) => AppError.tooMany('Too many requests from this connection. Please wait and try again.', ctx.ttl / 1000, 'rate_limited'),
  });
  app.decorate('rateLimitedRoutes', []);
  const hooks = new Map<RateLimitName, onRequestHookHandler>();
  const hookOf = (limit: RateLimitName): onRequestHookHandler => {
    let hook = hooks.get(limit);
    if (!hook) {
      const { max, windowSec } = budgetOf(limit, opts.scale);
      hook = app.rateLimit({ max, timeWindow: windowSec * 1000, groupId: limit }) as unknown as onRequestHookHandler;
      hooks.set(limit, hook);
    }
    return hook;
  };
  // The route's first onRequest hook (after the app's own, which only name the
  // request): a refused request costs no session lookup and no body parsing.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.config?.policy !== 'public') return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    // A HEAD route counts with its GET (the same hook, so once per request).
    const limit = rateLimitOf(methods[0] ?? 'GET', route.url);
    if (limit === 'none') return;
    const own = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    const hook = hookOf(limit);
    if (!own.includes(hook)) route.onRequest = [hook, ...own];
    for (const method of methods) app.rateLimitedRoutes.push({ method, url: route.url, limit, ...budgetOf(limit, opts.scale) });
  });
}

export function budgetOf(limit: RateLimitName, scale: number): { max: number; windowSec: number } {
  const { max, windowSec } = RATE_LIMITS[limit];
  return { max: Math.max(1, Math.round(max * scale)), windowSec };
}

export const rateLimitsPlugin = fp(rateLimits, { name: 'relief-rate-limits' });
