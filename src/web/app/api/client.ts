import type { ErrorBody, ErrorCode, FieldIssue, Reason } from '../../../shared/errors';
import { bodyOf, routeTarget, type NeedsNoRequest, type RequestOf, type ResponseOf, type RouteKey } from './routes';

/** The server answered with an error body (4xx/5xx). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'UNKNOWN';
  readonly issues: FieldIssue[];
  /** The server's word for why, when it gives one (e.g. 'break_glass_required'); app/problems.ts translates it. */
  readonly reason: Reason | undefined;
  /** How long a throttled (TOO_MANY) request must wait before it is tried again. */
  readonly retryAfterSec: number | undefined;
  /** Whom to call, when the refusal means calling the clinic (change_cutoff_passed). */
  readonly phone: string | undefined;

  constructor(status: number, body: Partial<ErrorBody> | undefined) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.error?.code ?? 'UNKNOWN';
    this.issues = body?.error?.issues ?? [];
    this.reason = body?.error?.reason;
    this.retryAfterSec = body?.error?.retryAfterSec;
    this.phone = body?.error?.phone;
  }
}

/** The request never got an answer (offline, connection dropped): safe to retry with the same key. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 409 || e.code === 'CONFLICT');
}

interface SendInit {
  method: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  cache?: RequestCache;
}

/** What every JSON request shares: the body and accept headers, no answer as NetworkError, the body parsed. */
export async function sendJson(url: string, init: SendInit & { body?: unknown }): Promise<{ res: Response; data: unknown }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return send(url, { ...init, headers }, init.body === undefined ? null : JSON.stringify(init.body));
}

/**
 * A multipart/form-data request (files beside form fields), answered in JSON
 * like every other: the browser writes the content type with its boundary.
 */
export function sendForm(url: string, init: SendInit & { form: FormData }): Promise<{ res: Response; data: unknown }> {
  return send(url, init, init.form);
}

async function send(url: string, init: SendInit, body: BodyInit | null): Promise<{ res: Response; data: unknown }> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers,
      body,
      signal: init.signal ?? null,
      credentials: 'same-origin',
      ...(init.cache ? { cache: init.cache } : {}),
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
  return { res, data };
}

/** The parsed body of a successful answer; an ApiError for any other. */
export function bodyOrThrow<T>(res: Response, data: unknown): T {
  if (!res.ok) throw new ApiError(res.status, data as Partial<ErrorBody> | undefined);
  return data as T;
}

/** Options of a call beside its request: a signal to abort it, extra headers (an Idempotency-Key). */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The arguments after a route key: its request (optional when it needs none), then the options. */
export type RouteArgs<K extends RouteKey, O> = NeedsNoRequest<K> extends true ? [req?: RequestOf<K>, opts?: O] : [req: RequestOf<K>, opts?: O];

/**
 * A call to the API by route key, typed from the shared contracts
 * (shared/contracts/routes.ts): `fetchRoute('GET /api/appointments/:id', { params: { id }, query: { code } })`.
 */
export async function fetchRoute<K extends RouteKey>(key: K, ...[req, opts = {}]: RouteArgs<K, CallOptions>): Promise<ResponseOf<K>> {
  const { method, url } = routeTarget(key, req);
  const { res, data } = await sendJson(url, { method, body: bodyOf(req), ...(opts.headers ? { headers: opts.headers } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
  return bodyOrThrow<ResponseOf<K>>(res, data);
}
