import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing/test-app.js';

// Issue 9 (outside security test), defect 11: answers given by the router or by
// Node before a request reaches the app's hooks had no security headers, no
// request id, another body shape, and repeated the URL.

let t: TestApp;
const logs: string[] = [];
beforeAll(async () => {
  t = await startTestApp({ logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } } });
});
afterAll(async () => t?.close());

type Headers = Record<string, string | string[] | number | undefined>;

/** What every answer carries, whoever gave it. */
function expectGuarded(headers: Headers, api = true): void {
  expect(headers['x-request-id']).toMatch(/^[\w-]{1,64}$/);
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  if (api) expect(headers['cache-control']).toBe('no-store');
  expect(String(headers['content-type'])).toMatch(/^application\/json/);
}

/** The documented error shape, with a stable reason word, and nothing of the request in it. */
function expectRefusal(res: LightMyRequestResponse, status: number, reason: string, ...notEchoed: string[]): void {
  expect(res.statusCode, res.body).toBe(status);
  expectGuarded(res.headers);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String), reason });
  expect(Object.keys(body.error).every((k) => ['code', 'message', 'issues', 'reason'].includes(k))).toBe(true);
  for (const text of notEchoed) expect(res.body).not.toContain(text);
}

/** The log line that names this request id and carries the reason, if any. */
function logLineOf(requestId: string): Record<string, unknown> | undefined {
  return logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.reqId === requestId && typeof l.reason === 'string');
}

const json = { 'content-type': 'application/json' };

describe('issue 9 defect 11: answers before the route', () => {
  it('issue 9 defect 11: a URL the router cannot decode (/api/appointments/%ZZ) is a 400 bad_url with the headers, and the URL is not echoed', async () => {
    const res = await t.app.inject({ url: '/api/appointments/%ZZ' });
    expectRefusal(res, 400, 'bad_url', '%ZZ', 'appointments', 'FST_ERR');
    expect(res.json().error.code).toBe('INVALID');
    // The request id of the answer is in the log line that says why.
    expect(logLineOf(String(res.headers['x-request-id']))).toMatchObject({ reason: 'bad_url', statusCode: 400 });
  });

  it('issue 9 defect 11: a 5,000-character id is a 414 url_too_long with the headers, and the id is not echoed', async () => {
    const id = 'a'.repeat(5000);
    const res = await t.app.inject({ url: `/api/appointments/${id}?code=ABC123` });
    expectRefusal(res, 414, 'url_too_long', 'aaaaaaaaaa', 'ABC123');
    expect(res.body.length).toBeLessThan(200);
    expect(logLineOf(String(res.headers['x-request-id']))).toMatchObject({ reason: 'url_too_long' });
  });

  it('issue 9 defect 11: %00 in a path is refused in the error shape with the headers, and no NUL comes back', async () => {
    const asId = await t.app.inject({ url: '/api/appointments/abc%00def?code=X' });
    expect(asId.statusCode).toBe(422);
    expectGuarded(asId.headers);
    expect(asId.json().error).toMatchObject({ code: 'INVALID', issues: [{ field: 'id' }] });
    for (const text of ['\u0000', '%00', 'abc']) expect(asId.body).not.toContain(text);
    const asRoute = await t.app.inject({ url: '/api/nowhere-xyz%00' });
    expectRefusal(asRoute, 404, 'not_found', 'nowhere-xyz', '%00', '\u0000');
  });

  it('issue 9 defect 11: an unknown route with a script tag in it is a 404 not_found that does not echo the path', async () => {
    for (const url of ['/api/<script>alert(1)</script>', '/api/x/%3Cscript%3Ealert(1)%3C%2Fscript%3E?q=<b>']) {
      const res = await t.app.inject({ url });
      expectRefusal(res, 404, 'not_found', 'script', 'alert', '<b>', '/api/');
      expect(res.json().error).toEqual({ code: 'NOT_FOUND', message: 'There is nothing at this address.', reason: 'not_found' });
    }
    // A known path with a method it does not take is a 404 too (Fastify has no 405), in the same words.
    expectRefusal(await t.app.inject({ method: 'PUT', url: '/api/appointments' }), 404, 'not_found', 'PUT');
    // Outside the API: the same shape and headers (no-store is for API answers).
    const page = await t.app.inject({ url: '/<img src=x onerror=alert(1)>' });
    expect(page.statusCode).toBe(404);
    expectGuarded(page.headers, false);
    expect(page.body).not.toContain('onerror');
  });

  it('issue 9 defect 11: malformed or empty JSON is a 400 malformed_json that does not quote the body', async () => {
    const broken = await t.app.inject({ method: 'POST', url: '/api/appointments', headers: json, payload: '{"evilField":"<script>x</script>",' });
    expectRefusal(broken, 400, 'malformed_json', '<script>', 'evilField', 'FST_ERR');
    expect(logLineOf(String(broken.headers['x-request-id']))).toBeUndefined(); // routed: the usual request log lines carry the id
    expect(logs.some((l) => l.includes(String(broken.headers['x-request-id'])))).toBe(true);
    const poisoned = await t.app.inject({ method: 'POST', url: '/api/appointments', headers: json, payload: '{"__proto__":{"admin":true}}' });
    expectRefusal(poisoned, 400, 'malformed_json', '__proto__', 'admin');
    expectRefusal(await t.app.inject({ method: 'POST', url: '/api/appointments', headers: json, payload: '' }), 400, 'malformed_json');
  });

  it('issue 9 defect 11: a body of another content type is a 415 unsupported_media_type that does not name the type sent', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/appointments', headers: { 'content-type': 'text/x-evil<script>' }, payload: 'book me' });
    expectRefusal(res, 415, 'unsupported_media_type', 'evil', 'script', 'book me');
    expectRefusal(await t.app.inject({ method: 'POST', url: '/api/appointments', headers: { 'content-type': 'text/plain' }, payload: 'x' }), 415, 'unsupported_media_type', 'text/plain');
  });

  it('issue 9 defect 11: a body over the 64 KiB limit is a 413 body_too_large with the headers', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/appointments', headers: json, payload: JSON.stringify({ reason: 'x'.repeat(70_000) }) });
    expectRefusal(res, 413, 'body_too_large', 'xxxxxxxxxx');
  });
});

describe('issue 9 defect 11: answers from Node before there is a request', () => {
  let port: number;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });

  /** Writes raw bytes on a fresh connection; resolves with everything the server sent before closing it. */
  function rawExchange(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
      let out = '';
      socket.setEncoding('latin1');
      socket.on('data', (d: string) => (out += d));
      socket.on('close', () => resolve(out));
      socket.on('error', reject);
      socket.setTimeout(10_000, () => reject(new Error(`no answer, got: ${out}`)));
    });
  }

  function parseAnswer(raw: string): { status: number; headers: Record<string, string>; body: string } {
    const [head, body = ''] = raw.split('\r\n\r\n', 2);
    const [statusLine, ...lines] = head!.split('\r\n');
    const headers: Record<string, string> = {};
    for (const l of lines) {
      const i = l.indexOf(':');
      headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
    }
    return { status: Number(statusLine!.split(' ')[1]), headers, body };
  }

  function expectRawRefusal(raw: string, status: number, reason: string, ...notEchoed: string[]): string {
    const a = parseAnswer(raw);
    expect(a.status, raw).toBe(status);
    expectGuarded(a.headers);
    expect(a.headers.connection).toBe('close');
    expect(Number(a.headers['content-length'])).toBe(Buffer.byteLength(a.body));
    expect(JSON.parse(a.body)).toEqual({ error: { code: 'INVALID', message: expect.any(String), reason } });
    for (const text of notEchoed) expect(raw).not.toContain(text);
    const line = logLineOf(a.headers['x-request-id']!);
    expect(line).toMatchObject({ reason, statusCode: status });
    return a.headers['x-request-id']!;
  }

  it('issue 9 defect 11: headers over 16 KiB are a 431 header_too_large with the security headers, a request id and the error shape', async () => {
    const raw = await rawExchange(`GET /api/health HTTP/1.1\r\nhost: relief.test\r\nx-filler: ${'<script>'.repeat(2500)}\r\n\r\n`);
    expectRawRefusal(raw, 431, 'header_too_large', '<script>');
    // A request line too long for the same limit: the same answer, the URL not echoed.
    const longUrl = await rawExchange(`GET /api/appointments/${'b'.repeat(20_000)} HTTP/1.1\r\nhost: relief.test\r\n\r\n`);
    expectRawRefusal(longUrl, 431, 'header_too_large', 'bbbbbbbbbb');
  });

  it('issue 9 defect 11: a malformed request is a 400 bad_request with the security headers, a request id and the error shape', async () => {
    const ids = new Set<string>();
    for (const text of [
      'HELLO <script>alert(1)</script>\r\n\r\n', // not a request line
      'GET /api/health HTTP/9.<script>\r\nhost: x\r\n\r\n', // a request line with no valid version
      'POST /api/appointments HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n', // request smuggling shape (RFC 9112 6.1)
    ]) {
      ids.add(expectRawRefusal(await rawExchange(text), 400, 'bad_request', '<script>', 'alert'));
    }
    expect(ids.size).toBe(3); // a fresh id each time
  });
});
