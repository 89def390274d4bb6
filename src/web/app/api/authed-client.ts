import { ApiError, bodyOrThrow, sendForm, sendJson, type RouteArgs } from './client';
import { newIdempotencyKey } from './idempotency-key';
import { toFormData, type FormRequest, type MultipartKey } from './multipart';
import { bodyOf, routeTarget, type RequestOf, type ResponseOf, type RouteKey } from './routes';

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

export interface FormCallOptions {
  signal?: AbortSignal;
  /** The same key for a retry of the same message (the server answers the first one's result); a new one if left out. */
  idempotencyKey?: string;
}

export interface AuthedApi {
  /** A call by route key, typed from the shared contracts (shared/contracts/routes.ts). */
  request<K extends RouteKey>(key: K, ...args: RouteArgs<K, CallOptions>): Promise<ResponseOf<K>>;
  /**
   * A multipart/form-data POST (fields and files) to a route that takes one:
   * the same CSRF header, session handling and errors (ApiError with its
   * reason and field issues) as `request`, and an Idempotency-Key.
   */
  requestForm<K extends MultipartKey>(key: K, req: RequestOf<K>, form: FormRequest<K>, opts?: FormCallOptions): Promise<ResponseOf<K>>;
}

/**
 * The client of the signed-in console. The session lives in an HttpOnly cookie
 * the page never sees; every state-changing request carries the session's CSRF
 * token, which is kept in memory only (never in browser storage).
 */
export function createAuthedApi(hooks: SessionHooks): AuthedApi {
  function csrfHeaders(method: string): Record<string, string> {
    const csrf = hooks.csrfToken();
    return method !== 'GET' && csrf ? { 'x-csrf-token': csrf } : {};
  }

  /** A signed-in answer: a 401 ends the session, any other slid its idle window. */
  function heard(res: Response, anonymous: boolean | undefined): void {
    if (anonymous) return;
    if (res.status === 401) hooks.onUnauthorized();
    else {
      const date = res.headers.get('date');
      hooks.onAnswered(date ? Date.parse(date) : null);
    }
  }

  async function request<K extends RouteKey>(key: K, ...[req, opts = {}]: RouteArgs<K, CallOptions>): Promise<ResponseOf<K>> {
    const { method, url } = routeTarget(key, req);
    const { res, data } = await sendJson(url, {
      method,
      headers: csrfHeaders(method),
      body: bodyOf(req) ?? (method === 'POST' ? {} : undefined),
      ...(opts.signal ? { signal: opts.signal } : {}),
      cache: 'no-store',
    });
    heard(res, opts.anonymous);
    return bodyOrThrow<ResponseOf<K>>(res, data);
  }

  async function requestForm<K extends MultipartKey>(key: K, req: RequestOf<K>, form: FormRequest<K>, opts: FormCallOptions = {}): Promise<ResponseOf<K>> {
    const { method, url } = routeTarget(key, req);
    const { res, data } = await sendForm(url, {
      method,
      headers: { ...csrfHeaders(method), 'idempotency-key': opts.idempotencyKey ?? newIdempotencyKey() },
      form: toFormData(form.fields as Record<string, string | undefined>, form.files),
      ...(opts.signal ? { signal: opts.signal } : {}),
      cache: 'no-store',
    });
    heard(res, false);
    return bodyOrThrow<ResponseOf<K>>(res, data);
  }

  return { request, requestForm };
}

export function isUnauthorized(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}
