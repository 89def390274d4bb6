import { ApiError, bodyOrThrow, sendJson, withQuery } from './client';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface SessionHooks {
  /** The CSRF token of the current session, read at call time (it rotates with the session). */
  csrfToken: () => string | null;
  /** A request made while signed in was refused with 401: the session is over. */
  onUnauthorized: () => void;
  /** The server answered a signed-in request: it slid its idle window. `serverNow` from the Date header. */
  onAnswered: (serverNow: number | null) => void;
}

export interface CallOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * A request that works without a session (sign-in, password reset, invite):
   * its 401 means "wrong password", not "session over".
   */
  anonymous?: boolean;
}

export interface AuthedApi {
  call<T>(method: Method, path: string, opts?: CallOptions): Promise<T>;
  get<T>(path: string, query?: Record<string, string | undefined>, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown, opts?: Omit<CallOptions, 'body'>): Promise<T>;
  del<T>(path: string, opts?: Omit<CallOptions, 'body'>): Promise<T>;
}

/**
 * The client of the signed-in console. The session lives in an HttpOnly cookie
 * the page never sees; every state-changing request carries the session's CSRF
 * token, which is kept in memory only (never in browser storage).
 */
export function createAuthedApi(hooks: SessionHooks): AuthedApi {
  async function call<T>(method: Method, path: string, opts: CallOptions = {}): Promise<T> {
    const headers: Record<string, string> = {};
    const csrf = hooks.csrfToken();
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const { res, data } = await sendJson(withQuery(path, opts.query, true), {
      method,
      headers,
      body: opts.body,
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
    return bodyOrThrow<T>(res, data);
  }

  return {
    call,
    get: (path, query, signal) => call('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
    post: (path, body, opts = {}) => call('POST', path, { ...opts, body: body ?? {} }),
    del: (path, opts = {}) => call('DELETE', path, opts),
  };
}

export function isUnauthorized(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}
