import { ApiError, bodyOrThrow, sendJson, type RouteArgs } from './client';
import { bodyOf, routeTarget, type ResponseOf, type RouteKey } from './routes';

export interface SessionHooks {
  /** The CSRF token of the current session, read at call time (it rotates with the session). */
  csrfToken: () => string | null;
  /** A request made while signed in was refused with 401: the session is over. */
  onUnauthorized: () => void;
  /** The server answered a signed-in request: it slid its idle window. `serverNow` from the Date header. */
  onAnswered: (serverNow: number | null) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * A request that works without a session (sign-in, password reset, invite):
   * its 401 means "wrong password", not "session over".
   */
  anonymous?: boolean;
}

export interface AuthedApi {
  /** A call by route key, typed from the shared contracts (shared/contracts/routes.ts). */
  request<K extends RouteKey>(key: K, ...args: RouteArgs<K, CallOptions>): Promise<ResponseOf<K>>;
}

/**
 * The client of the signed-in console. The session lives in an HttpOnly cookie
 * the page never sees; every state-changing request carries the session's CSRF
 * token, which is kept in memory only (never in browser storage).
 */
export function createAuthedApi(hooks: SessionHooks): AuthedApi {
  async function request<K extends RouteKey>(key: K, ...[req, opts = {}]: RouteArgs<K, CallOptions>): Promise<ResponseOf<K>> {
    const { method, url } = routeTarget(key, req);
    const headers: Record<string, string> = {};
    const csrf = hooks.csrfToken();
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const { res, data } = await sendJson(url, {
      method,
      headers,
      body: bodyOf(req) ?? (method === 'POST' ? {} : undefined),
      ...(opts.signal ? { signal: opts.signal } : {}),
      cache: 'no-store',
    });
    if (!opts.anonymous) {
      if (res.status === 401) hooks.onUnauthorized();
      else {
        const date = res.headers.get('date');
        hooks.onAnswered(date ? Date.parse(date) : null);
      }
    }
    return bodyOrThrow<ResponseOf<K>>(res, data);
  }

  return { request };
}

export function isUnauthorized(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}
