import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import WebSocket from 'ws';
import type { RoutePolicy } from '../modules/access/index.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { createSignedIn } from '../testing/test-users.js';
import { ROLES } from '../modules/access/index.js';
import { staffRolesFor } from './personas.js';

/**
 * The WebSocket frame fuzzer. The WebSocket routes are the routes that declare
 * a policy but are not in the OpenAPI document (the HTTP fuzzer covers those):
 * each must refuse a handshake without a session, from a role its policy does
 * not admit, or from a foreign Origin; and, once open, must take generated
 * frames (text, binary, invalid UTF-8, over the 4096-byte limit, protocol
 * violations, bursts) by ignoring them or closing with the code RFC 6455 7.4.1
 * gives that fault, while the server keeps answering HTTP.
 */
const MAX_PAYLOAD = 4096; // app.ts: the websocket plugin's maxPayload
const WAIT_MS = 5_000;

type Action =
  | { kind: 'text'; data: string }
  | { kind: 'binary'; data: Uint8Array }
  | { kind: 'burst'; count: number; data: string }
  | { kind: 'ping'; data: Uint8Array }
  | { kind: 'fragment'; data: string }
  | { kind: 'over limit'; size: number; binary: boolean }
  | { kind: 'invalid UTF-8' }
  | { kind: 'raw'; name: string; bytes: Buffer; expect: number };

/** A client frame (RFC 6455 5.2), masked unless told otherwise. */
function frame(opts: { opcode: number; payload?: Buffer; fin?: boolean; rsv?: number; masked?: boolean; length?: bigint }): Buffer {
  const payload = opts.payload ?? Buffer.alloc(0);
  const len = opts.length ?? BigInt(payload.length);
  const head = [((opts.fin ?? true) ? 0x80 : 0) | ((opts.rsv ?? 0) << 4) | opts.opcode];
  const mask = opts.masked === false ? 0 : 0x80;
  let ext = Buffer.alloc(0);
  if (len < 126n) head.push(mask | Number(len));
  else if (len < 65536n) {
    head.push(mask | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(len));
  } else {
    head.push(mask | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(len);
  }
  if (opts.masked === false) return Buffer.concat([Buffer.from(head), ext, payload]);
  const key = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);
  return Buffer.concat([Buffer.from(head), ext, key, Buffer.from(payload.map((b, i) => b ^ key[i % 4]!))]);
}

const closePayload = (code: number, extra = '') => Buffer.concat([Buffer.from([code >> 8, code & 0xff]), Buffer.from(extra)]);

/** Frames a server must refuse with 1002 (protocol error) or 1009 (too big). */
const PROTOCOL_VIOLATIONS: Action[] = [
  { kind: 'raw', name: 'unmasked client frame', bytes: frame({ opcode: 1, payload: Buffer.from('hi'), masked: false }), expect: 1002 },
  { kind: 'raw', name: 'RSV1 set without an extension', bytes: frame({ opcode: 1, payload: Buffer.from('hi'), rsv: 4 }), expect: 1002 },
  { kind: 'raw', name: 'reserved opcode 0x3', bytes: frame({ opcode: 3, payload: Buffer.from('hi') }), expect: 1002 },
  { kind: 'raw', name: 'reserved control opcode 0xB', bytes: frame({ opcode: 0xb }), expect: 1002 },
  { kind: 'raw', name: 'ping over 125 bytes', bytes: frame({ opcode: 9, payload: Buffer.alloc(126, 1) }), expect: 1002 },
  { kind: 'raw', name: 'fragmented ping', bytes: frame({ opcode: 9, payload: Buffer.from('p'), fin: false }), expect: 1002 },
  { kind: 'raw', name: 'continuation with nothing to continue', bytes: frame({ opcode: 0, payload: Buffer.from('x') }), expect: 1002 },
  { kind: 'raw', name: 'close with a 1-byte body', bytes: frame({ opcode: 8, payload: Buffer.from([3]) }), expect: 1002 },
  { kind: 'raw', name: 'close with reserved code 1005', bytes: frame({ opcode: 8, payload: closePayload(1005) }), expect: 1002 },
  { kind: 'raw', name: 'close with code 999', bytes: frame({ opcode: 8, payload: closePayload(999) }), expect: 1002 },
  { kind: 'raw', name: 'close with code 5000', bytes: frame({ opcode: 8, payload: closePayload(5000) }), expect: 1002 },
  { kind: 'raw', name: 'close reason of invalid UTF-8', bytes: frame({ opcode: 8, payload: Buffer.concat([closePayload(1000), Buffer.from([0xc0, 0xaf])]) }), expect: 1007 },
  { kind: 'raw', name: 'length of 2^63 announced', bytes: frame({ opcode: 2, length: 2n ** 63n }), expect: 1009 },
  { kind: 'raw', name: 'length of 70,000 announced, header only', bytes: frame({ opcode: 1, length: 70_000n }).subarray(0, 14), expect: 1009 },
  { kind: 'raw', name: 'new text message inside a fragmented one', bytes: Buffer.concat([frame({ opcode: 1, payload: Buffer.from('a'), fin: false }), frame({ opcode: 1, payload: Buffer.from('b') })]), expect: 1002 },
];

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('\u0000', '\uD800', '{"type":"subscribe","locationId":"\u0000"}', '{"__proto__":{"x":1}}', '[[[[[[[[[[]]]]]]]]]]', "'; DROP TABLE appointment; --", '\u202Eevil', 'x'.repeat(MAX_PAYLOAD)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: hostileText.map((data) => ({ kind: 'text' as const, data })) },
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 600 }).map((data) => ({ kind: 'binary' as const, data })) },
  { weight: 2, arbitrary: fc.record({ count: fc.integer({ min: 20, max: 300 }), data: fc.string({ maxLength: 20 }) }).map((b) => ({ kind: 'burst' as const, ...b })) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 125 }).map((data) => ({ kind: 'ping' as const, data })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 50 }).map((data) => ({ kind: 'fragment' as const, data })) },
  { weight: 2, arbitrary: fc.record({ size: fc.integer({ min: MAX_PAYLOAD + 1, max: 200_000 }), binary: fc.boolean() }).map((o) => ({ kind: 'over limit' as const, ...o })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'invalid UTF-8' as const }) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOCOL_VIOLATIONS) },
);

/** The close code an action must draw from the server, or null if the server should just take it. */
function expectedClose(a: Action): number | null {
  if (a.kind === 'over limit') return 1009;
  if (a.kind === 'invalid UTF-8') return 1007;
  if (a.kind === 'raw') return a.expect;
  return null;
}

function perform(ws: WebSocket, a: Action): void {
  const raw = (ws as unknown as { _socket: import('node:net').Socket })._socket;
  switch (a.kind) {
    case 'text': return ws.send(a.data);
    case 'binary': return ws.send(a.data);
    case 'burst': for (let i = 0; i < a.count; i++) ws.send(`${a.data}${i}`); return;
    case 'ping': return ws.ping(a.data);
    case 'fragment': ws.send(a.data, { fin: false }); return ws.send('end');
    case 'over limit': return ws.send(a.binary ? Buffer.alloc(a.size, 7) : 'x'.repeat(a.size));
    case 'invalid UTF-8': return ws.send(Buffer.from([0x68, 0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), { binary: false });
    case 'raw': raw.write(a.bytes); return;
  }
}

const describeAction = (a: Action) => (a.kind === 'raw' ? a.name : a.kind === 'over limit' ? `${a.binary ? 'binary' : 'text'} frame of ${a.size} bytes` : a.kind === 'burst' ? `${a.count} frames at once` : a.kind);

export interface SocketFailure {
  route: string;
  kind: string;
  detail: string;
  frames: string;
  count: number;
}

export interface SocketReport {
  routes: string[];
  connections: number;
  frames: number;
  closes: Record<string, number>;
  failures: SocketFailure[];
  durationMs: number;
}

function withTimeout<T>(p: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), WAIT_MS).unref())]);
}

/** Opens a socket: resolves with the HTTP status of a refusal, or 101 and the socket. */
function handshake(url: string, opts: WebSocket.ClientOptions): Promise<{ status: number; ws: WebSocket | null }> {
  return withTimeout(new Promise((resolve) => {
    const ws = new WebSocket(url, { ...opts, maxPayload: 1 << 20 });
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, ws: null }));
    ws.on('error', () => resolve({ status: 0, ws: null }));
  }), { status: -1, ws: null });
}

/** An upgrade request written by hand: resolves with 101 if the server switched protocols, else the HTTP status. */
function rawUpgrade(base: string, path: string, headers: Record<string, string>): Promise<number> {
  const [host, port] = base.split(':');
  return withTimeout(new Promise<number>((resolve) => {
    const req = http.request({
      host, port: Number(port), path,
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.end();
  }), -1);
}

/** What the fuzzer saw: failures by route, kind and detail, close codes, counts. */
function recorder() {
  const failures = new Map<string, SocketFailure>();
  const rec = {
    closes: {} as Record<string, number>,
    frames: 0,
    connections: 0,
    failures,
    fail(f: Omit<SocketFailure, 'count'>): void {
      const key = `${f.route} | ${f.kind} | ${f.detail}`;
      const found = failures.get(key);
      if (found) found.count++;
      else failures.set(key, { ...f, count: 1 });
    },
  };
  return rec;
}
type Recorder = ReturnType<typeof recorder>;

/** Handshakes a WebSocket route must refuse with a 4xx: no or a forged session, a foreign Origin, a role the policy does not admit, a malformed upgrade. */
async function checkHandshakes(t: TestApp, route: { url: string; policy: RoutePolicy }, at: { base: string; cookie: string }, rec: Recorder): Promise<void> {
  const url = `ws://${at.base}${route.url}`;
  const refusals: [string, WebSocket.ClientOptions][] = [
    ['no session', {}],
    ['a forged session cookie', { headers: { cookie: 'relief_session=Zm9yZ2Vk' } }],
    ['a foreign Origin (cross-site WebSocket hijacking)', { headers: { cookie: at.cookie }, origin: 'https://evil.example' }],
    ['Origin null', { headers: { cookie: at.cookie }, origin: 'null' }],
  ];
  // Patients, caregivers and referrers need records of their own to exist; a staff role the policy leaves out will do.
  const refusedRole = ROLES.find((r) => !['patient', 'caregiver', 'referrer'].includes(r) && !staffRolesFor(route.policy).includes(r));
  if (refusedRole) refusals.push([`a ${refusedRole}, whom the policy does not admit`, { headers: { cookie: (await createSignedIn(t, refusedRole)).cookie } }]);
  const got = (status: number) => (status === 101 ? '101 Switching Protocols' : String(status));
  for (const [who, o] of refusals) {
    const r = await handshake(url, o);
    r.ws?.terminate();
    if (r.status < 400 || r.status >= 500) rec.fail({ route: route.url, kind: 'handshake not refused', detail: `a handshake with ${who} got ${got(r.status)}`, frames: '' });
  }
  // Handshakes the ws client will not write: a version RFC 6455 4.4 does not know, no key, a key of the wrong size.
  for (const [what, headers] of [['Sec-WebSocket-Version 99', { 'sec-websocket-version': '99' }], ['no Sec-WebSocket-Key', { 'sec-websocket-key': '' }], ['a 4-byte Sec-WebSocket-Key', { 'sec-websocket-key': 'AAAAAA==' }]] as const) {
    const status = await rawUpgrade(at.base, route.url, { cookie: at.cookie, ...headers });
    if (status < 400 || status >= 500) rec.fail({ route: route.url, kind: 'handshake not refused', detail: `a handshake with ${what} got ${got(status)}`, frames: '' });
  }
}

/** One connection: sends `actions` until one must draw a close, then checks the close code and that HTTP still answers. */
async function fuzzConnection(route: string, at: { base: string; cookie: string }, actions: Action[], rec: Recorder): Promise<void> {
  rec.connections++;
  const frames = actions.map(describeAction).join(', ');
  const { ws } = await handshake(`ws://${at.base}${route}`, { headers: { cookie: at.cookie } });
  if (!ws) return rec.fail({ route, kind: 'could not connect', detail: 'a signed-in handshake was refused', frames });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  let expected: number | null = null;
  for (const a of actions) {
    if (ws.readyState !== WebSocket.OPEN) break;
    perform(ws, a);
    rec.frames += a.kind === 'burst' ? a.count : 1;
    expected = expectedClose(a);
    if (expected !== null) break;
  }
  if (expected === null && ws.readyState === WebSocket.OPEN) ws.close(1000);
  const code = await withTimeout(closed, -1);
  rec.closes[String(code)] = (rec.closes[String(code)] ?? 0) + 1;
  if (code === -1) {
    ws.terminate();
    rec.fail({ route, kind: 'not closed', detail: `no close within ${WAIT_MS / 1000} s (expected ${expected ?? 1000})`, frames });
  } else if (code !== (expected ?? 1000)) rec.fail({ route, kind: 'wrong close code', detail: `closed with ${code}, expected ${expected ?? 1000}`, frames });
  const health = await fetch(`http://${at.base}/api/health`).then((r) => r.status, () => 0);
  if (health !== 200) rec.fail({ route, kind: 'server stopped answering HTTP', detail: `GET /api/health answered ${health} afterwards`, frames });
}

/**
 * Runs the frame fuzzer against every WebSocket route: the routes with a
 * policy that the OpenAPI document leaves out, each of which must then take
 * a WebSocket handshake from a user its policy admits.
 */
export async function runSocketFuzz(opts: { seed: number; connections: number }): Promise<SocketReport> {
  const started = performance.now();
  const t = await startTestApp();
  const rec = recorder();
  try {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const doc = (await t.app.inject('/api/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`)));
    const candidates = t.app.routePolicies.filter((r) => !documented.has(`${r.method} ${r.url}`));
    const routes: string[] = [];
    for (const route of candidates) {
      const admitted = staffRolesFor(route.policy)[0]!;
      const at = { base, cookie: (await createSignedIn(t, admitted)).cookie };
      const probe = await handshake(`ws://${base}${route.url}`, { headers: { cookie: at.cookie } });
      probe.ws?.terminate();
      if (probe.status !== 101) {
        rec.fail({ route: route.url, kind: 'missing from the OpenAPI document', detail: `${route.method} ${route.url} declares a policy, is not documented, and is not a WebSocket route (a signed-in ${admitted} got ${probe.status})`, frames: '' });
        continue;
      }
      routes.push(route.url);
      await checkHandshakes(t, route, at, rec);
      await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), (actions) => fuzzConnection(route.url, at, actions, rec)), {
        seed: opts.seed, numRuns: Math.max(1, Math.ceil(opts.connections / candidates.length)), endOnFailure: true,
      });
    }
    // Every socket closed: the hub must have let go of all of them.
    await new Promise((r) => setTimeout(r, 200));
    if (t.app.services.live.size !== 0) rec.fail({ route: '(hub)', kind: 'sockets leaked', detail: `${t.app.services.live.size} closed sockets still held by the live hub`, frames: '' });
    return { routes, connections: rec.connections, frames: rec.frames, closes: rec.closes, failures: [...rec.failures.values()], durationMs: performance.now() - started };
  } finally {
    await t.close();
  }
}

export function describeSocketReport(r: SocketReport): string {
  return [
    `WebSocket routes ${r.routes.join(', ') || '(none)'}: ${r.connections} connections, ${r.frames} frames in ${(r.durationMs / 1000).toFixed(1)} s; close codes ${Object.entries(r.closes).map(([k, v]) => `${k}:${v}`).join(' ')}`,
    `${r.failures.length} distinct WebSocket failure${r.failures.length === 1 ? '' : 's'}${r.failures.length > 0 ? ':' : ''}`,
    ...r.failures.map((f) => `[${f.kind}] ${f.route}: ${f.detail} (${f.count} time${f.count === 1 ? '' : 's'})${f.frames ? `\n  frames sent: ${f.frames}` : ''}`),
  ].join('\n');
}
