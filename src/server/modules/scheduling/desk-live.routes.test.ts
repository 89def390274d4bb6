import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../../testing/test-app.js';
import { createSignedIn, type SignedIn } from '../../testing/test-users.js';

// Outside tester, issue 9 defect 10 (low): the desk WebSocket accepted any Origin.

let t: TestApp;
let url: string;
const opened: WebSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/staff/live`;
});
afterAll(async () => {
  for (const s of opened) s.terminate();
  await t?.close();
});

/** Waits for a promise, failing after `ms` instead of hanging (no sleeps). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

interface Live {
  socket: WebSocket;
  messages: string[];
  closed: Promise<{ code: number; reason: string }>;
}

async function openLive(who: SignedIn, origin?: string): Promise<Live> {
  const socket = new WebSocket(url, { headers: { cookie: who.cookie }, ...(origin ? { origin } : {}) });
  opened.push(socket);
  const messages: string[] = [];
  socket.on('message', (d) => messages.push(d.toString()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await within(
    new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res: IncomingMessage) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
    }),
    5000,
    'socket open',
  );
  return { socket, messages, closed };
}

/**
 * An upgrade the server answers with an HTTP status instead of 101: the
 * status, the body and its request id, once the server has let the
 * connection go (a refused upgrade must not hold a socket open).
 */
function refusedUpgrade(headers: Record<string, string>, origin?: string) {
  const socket = new WebSocket(url, { headers, ...(origin ? { origin } : {}) });
  opened.push(socket);
  return within(
    new Promise<{ status: number; body: unknown; requestId: string; opened: boolean }>((resolve, reject) => {
      let wasOpened = false;
      socket.once('open', () => (wasOpened = true));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res: IncomingMessage) => {
        const connection = res.socket;
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        const answer = () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), requestId: String(res.headers['x-request-id']), opened: wasOpened });
        res.on('end', () => (connection.closed ? answer() : connection.once('close', answer)));
      });
    }),
    5000,
    'refused upgrade answered and its connection closed by the server',
  );
}

describe('issue 9 defect 10: the desk WebSocket checks Origin', () => {
  it('issue 9 defect 10: refuses a foreign Origin with 403 before the upgrade and audits it; the own origin is let in', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    const sockets = t.app.services.live.size;
    const seen = async () => (await t.db.one<{ at: number }>('SELECT (extract(epoch FROM last_seen_at) * 1000)::float8 AS at FROM user_session WHERE user_id = $1 AND revoked_at IS NULL', [desk.userId]))!.at;
    const lastSeen = await seen();
    t.clock.advance(60_000);
    for (const origin of ['https://evil.example', 'http://desk.relief.test', 'https://relief.test', 'null']) {
      const res = await refusedUpgrade({ cookie: desk.cookie }, origin);
      expect(res, origin).toMatchObject({ status: 403, opened: false, body: { error: { code: 'FORBIDDEN', message: expect.any(String), reason: 'origin' } } });
      await t.app.services.audit.seal();
      const events = await t.db.query<{ action: string; outcome: string; reason: string; resource_id: string }>('SELECT action, outcome, reason, resource_id FROM audit_event WHERE request_id = $1', [res.requestId]);
      expect(events).toEqual([{ action: 'schedule.read', outcome: 'denied', reason: `foreign origin ${origin}`, resource_id: 'GET /api/staff/live' }]);
    }
    expect(t.app.services.live.size).toBe(sockets);
    // Refused before the session was looked up: a hostile page cannot keep it from idling out.
    expect(await seen()).toBe(lastSeen);

    const own = await openLive(desk, TEST_PUBLIC_URL);
    expect(own.socket.readyState).toBe(WebSocket.OPEN);
    // No Origin: not a browser page; the session cookie is still required.
    await openLive(desk);
    expect(t.app.services.live.size).toBe(sockets + 2);
    expect((await refusedUpgrade({}, TEST_PUBLIC_URL)).status).toBe(401);
  });
});
