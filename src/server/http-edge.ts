import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode } from '../shared/errors.js';
import { isReason, type Reason } from '../shared/reasons.js';

/*
 * The edge of the HTTP server: the answers given before a request reaches a
 * route (a URL the router cannot decode, a body the parser refuses, no route
 * at all) and the ones Node gives before there is a request (oversized
 * headers, a malformed request line). Each carries the same security headers,
 * a request id and the one error shape as any other answer, and none repeats
 * what the client sent: text from a request echoed in an answer is a
 * reflection risk (OWASP ASVS 5.3), so every message here is fixed and a
 * stable `reason` word says what went wrong.
 */

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * OWASP ASVS 14.4 and 50.x headers: a strict Content-Security-Policy (no inline
 * script), no sniffing, no framing, no referrer, HSTS over TLS, and no caching of
 * anything the API answers (it may carry health information).
 */
export function securityHeaders(url: string, tls: boolean): Record<string, string> {
  const h: Record<string, string> = {};
  if (!url.startsWith('/api/docs')) h['content-security-policy'] = CSP;
  h['x-content-type-options'] = 'nosniff';
  h['x-frame-options'] = 'DENY';
  h['referrer-policy'] = 'no-referrer';
  h['cross-origin-opener-policy'] = 'same-origin';
  h['permissions-policy'] = 'camera=(), microphone=(), geolocation=(), payment=()';
  if (tls) h['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
  if (url.startsWith('/api/')) h['cache-control'] = 'no-store';
  return h;
}

/** Headers of an answer given outside the route's hooks: the security headers, its id, and never cached. */
function edgeHeaders(url: string, tls: boolean, requestId: string): Record<string, string> {
  return { ...securityHeaders(url, tls), 'cache-control': 'no-store', 'x-request-id': requestId };
}

export interface Refusal {
  status: number;
  body: ErrorBody;
}

function refusal(status: number, code: ErrorCode, reason: Reason, message: string): Refusal {
  return { status, body: { error: { code, message, reason } } };
}

/** Fastify's own refusals, by error code, in words a client can act on. */
const FRAMEWORK_REFUSALS: Record<string, Refusal> = {
  FST_ERR_BAD_URL: refusal(400, 'INVALID', 'bad_url', 'This address is not a valid URL.'),
  FST_ERR_MAX_PARAM_LENGTH: refusal(414, 'INVALID', 'url_too_long', 'A part of this address is too long.'),
  FST_ERR_CTP_BODY_TOO_LARGE: refusal(413, 'INVALID', 'body_too_large', 'The request body is larger than this server accepts.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: refusal(415, 'INVALID', 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: refusal(400, 'INVALID', 'bad_content_length', 'The request body does not match its Content-Length.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: refusal(400, 'INVALID', 'malformed_json', 'The request body is empty, but its Content-Type says JSON.'),
  FST_ERR_CTP_INVALID_JSON_BODY: refusal(400, 'INVALID', 'malformed_json', 'The request body is not valid JSON.'),
};

const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' };

/** `Method Not Allowed` -> `method_not_allowed`; a status without a word of its own is a `bad_request`. */
function reasonOfStatus(status: number): Reason {
  const word = (STATUS_CODES[status] ?? 'bad request').toLowerCase().replace(/[^a-z]+/g, '_');
  return isReason(word) ? word : 'bad_request';
}

/**
 * The answer to an error that is neither a domain error nor a schema
 * rejection: Fastify's own (by code), another 4xx by its status alone (its
 * message may quote the request, so it is not used), anything else a 500.
 */
export function refusalOf(err: FastifyError): Refusal {
  const known = err.code ? FRAMEWORK_REFUSALS[err.code] : undefined;
  if (known) return known;
  const status = err.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && STATUS_CODES[status]) {
    return refusal(status, CODE_OF_STATUS[status] ?? 'INVALID', reasonOfStatus(status), `${STATUS_CODES[status]}.`);
  }
  return { status: 500, body: { error: { code: 'UNAVAILABLE', message: 'Something went wrong on our side. Please try again.' } } };
}

/** The answer when no route matches: the same words whatever was asked. */
export const NOT_FOUND_BODY: ErrorBody = { error: { code: 'NOT_FOUND', message: 'There is nothing at this address.', reason: 'not_found' } };

/**
 * Fastify's `frameworkErrors`: the router's refusals (a URL it cannot decode,
 * a parameter over `maxParamLength`). They are answered before any hook runs,
 * so this sets the headers the onSend hook would have.
 */
export function frameworkErrorHandler(tls: boolean) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
    const r = refusalOf(err);
    if (r.status >= 500) req.log.error({ err }, 'unhandled router error');
    else req.log.info({ reason: r.body.error.reason, statusCode: r.status }, 'request refused by the router');
    void reply.code(r.status).headers(edgeHeaders(req.url, tls, req.id)).send(r.body);
  };
}

function nodeRefusal(code: string): Refusal {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return refusal(431, 'INVALID', 'header_too_large', 'The request headers are too large.');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return refusal(413, 'INVALID', 'body_too_large', 'The request body is larger than this server accepts.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return refusal(408, 'INVALID', 'request_timeout', 'The request took too long to arrive.');
    default:
      return refusal(400, 'INVALID', 'bad_request', 'This is not a well-formed HTTP request.');
  }
}

/** A complete HTTP/1.1 answer written on the socket itself, then the connection closed. */
export function rawAnswer(r: Refusal, headers: Record<string, string>): string {
  const body = JSON.stringify(r.body);
  const lines = [
    `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status]}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * Fastify's `clientErrorHandler`: Node refused the bytes before there was a
 * request (headers over its 16 KiB limit, a malformed request line, a
 * timeout), so no hook runs and the answer is written on the socket here.
 * The request id is new: nothing the client sent can be trusted for it.
 */
export function clientErrorHandler(tls: boolean) {
  return function onClientError(this: FastifyInstance, err: ConnectionError, socket: Socket): void {
    // A reset connection has no one to answer; a second parser error on a socket already answered, nothing to add.
    if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
    const r = nodeRefusal(err.code);
    const reqId = randomUUID();
    this.log.info({ reqId, reason: r.body.error.reason, statusCode: r.status, code: err.code }, 'request refused by the HTTP parser');
    // As Node's own handler (lib/_http_server.js socketOnError): answer only if no
    // response has started on this socket, or the peer would read a corrupt one.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!inFlight?.headersSent) socket.end(rawAnswer(r, edgeHeaders('', tls, reqId)));
    socket.destroySoon();
  };
}
