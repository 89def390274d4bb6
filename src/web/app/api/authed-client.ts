import type { ErrorBody } from '../../../shared/errors';
import { ApiError, NetworkError } from './client';

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

function withQuery(path: string, query: Record<string, string | undefined> | undefined): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, v);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * The client of the signed-in console. The session lives in an HttpOnly cookie
 * the page never sees; every state-changing request carries the session's CSRF
 * token, which is kept in memory only (never in browser storage).
 */
export function createAuthedApi(hooks: SessionHooks): AuthedApi {
  async function call<T>(method: Method, path: string, opts: CallOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const csrf = hooks.csrfToken();
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetch(withQuery(path, opts.query), {
        method,
        headers,
        body: opts.body === undefined ? null : JSON.stringify(opts.body),
        signal: opts.signal ?? null,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new NetworkError(e);
    }
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!opts.anonymous) {
      if (res.status === 401) hooks.onUnauthorized();
      else {
        const date = res.headers.get('date');
        hooks.onAnswered(date ? Date.parse(date) : null);
      }
    }
    if (!res.ok) throw new ApiError(res.status, data as Partial<ErrorBody> | undefined);
    return data as T;
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

/** Throttled sign-in (the server says how long to wait in its message). */
export function isThrottled(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 429 || (e.code === 'RULE' && e.status !== 403));
}
