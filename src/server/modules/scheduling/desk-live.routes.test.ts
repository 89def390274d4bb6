import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIVE_SESSION_ENDED_CODE } from '../../../shared/contracts/staff.js';
import { totp } from '../../platform/totp.js';
import { bookingBody, demoIds, startAnotherInstance, startTestApp, TEST_PUBLIC_URL, type TestApp } from '../../testing/test-app.js';
import { as, cookieOf, createSignedIn, signIn, type SignedIn } from '../../testing/test-users.js';

// Outside tester, issue 9 defect 10 (low): the desk WebSocket accepted any
// Origin and stayed open after sign-out, still receiving schedule events.

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let url: string;
let witness: Live;
const opened: WebSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/staff/live`;
  // A desk that stays signed in: once it has heard a change, a closed socket would have heard it too.
  witness = await openLive(await createSignedIn(t, 'nurse'));
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

const closedBySessionEnd = async (live: Live, what: string) => {
  expect(await within(live.closed, 5000, what)).toEqual({ code: LIVE_SESSION_ENDED_CODE, reason: 'session ended' });
};

const nextMessage = (live: Live) => new Promise<void>((resolve) => live.socket.once('message', () => resolve()));

/**
 * A change on the schedule from the public website; resolves once the witness
 * desk (always open) and each of `hearers` heard it. A socket already closed
 * can hear nothing more, so the witness only proves the change went out.
 */
async function changeTheSchedule(date: string, hearers: Live[] = []) {
  const heard = Promise.all([witness, ...hearers].map(nextMessage));
  const s = (await t.app.inject({ url: '/api/availability', query: { visitType: ids.visitType('new-patient-consult'), from: date, to: date, location: ids.location('austin-central') } })).json().slots[0];
  const booked = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(s, ids.visitType('new-patient-consult')) });
  expect(booked.statusCode, booked.body).toBe(201);
  await within(heard, 5000, 'the open desks hear the change');
}

/** Another signed-in session of the same person (a second browser): password, then the next TOTP code. */
async function anotherSession(who: SignedIn): Promise<SignedIn> {
  t.clock.advance(30_000); // the next TOTP step: a code is never accepted twice
  const first = await signIn(t.app, who.email);
  const done = await t.app.inject({
    method: 'POST', url: '/api/session/second-factor', headers: { cookie: cookieOf(first), 'x-csrf-token': first.json().csrfToken }, payload: { code: totp(who.secret!, t.clock.now()) },
  });
  expect(done.statusCode).toBe(200);
  return { ...who, cookie: cookieOf(done), csrf: done.json().csrfToken };
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

describe('issue 10: the desk socket follows topics', () => {
  it('issue 10: a subscribe frame is acknowledged; a change reaches the socket once although two of its subscriptions cover it; an unknown topic and a malformed frame are refused with their reasons', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    const live = await openLive(desk, TEST_PUBLIC_URL);
    const location = ids.location('austin-central');
    let answered = nextMessage(live);
    live.socket.send(JSON.stringify({ type: 'subscribe', topic: 'desk.schedule', params: { locationId: location }, id: 'one' }));
    await within(answered, 5000, 'subscription answered');
    expect(JSON.parse(live.messages[0]!)).toEqual({ type: 'subscribed', topic: 'desk.schedule', id: 'one' });

    await changeTheSchedule('2026-12-09', [live]);
    for (const [frame, reason] of [[{ type: 'subscribe', topic: 'chat.everything' }, 'unknown_topic'], ['hello', 'bad_frame'], [{ type: 'subscribe', topic: 'desk.schedule', params: { locationId: 'nowhere' } }, 'invalid_params']] as const) {
      answered = nextMessage(live);
      live.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
      await within(answered, 5000, `${reason} answered`);
      expect(JSON.parse(live.messages.at(-1)!)).toMatchObject({ type: 'refused', reason });
    }
    // A socket's frames arrive in the order they were sent: a second copy of the change would be here by now.
    expect(live.messages.map((m) => JSON.parse(m).type)).toEqual(['subscribed', 'schedule.changed', 'refused', 'refused', 'refused']);
    expect(JSON.parse(live.messages[1]!)).toMatchObject({ type: 'schedule.changed', locationId: location, dates: ['2026-12-09'] });
    expect(live.socket.readyState).toBe(WebSocket.OPEN);
  });
});

describe('issue 9 defect 10: a desk socket ends with its session', () => {
  it('issue 9 defect 10: signing out closes the open socket, which hears no later schedule change; signing in again opens a new one', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    const live = await openLive(desk, TEST_PUBLIC_URL);
    await changeTheSchedule('2026-12-01', [live]);
    expect(live.messages).toHaveLength(1);

    expect((await as(t.app, desk)('DELETE', '/api/session')).statusCode).toBe(204);
    await closedBySessionEnd(live, 'socket closed after sign-out');
    await changeTheSchedule('2026-12-02');
    expect(live.messages).toHaveLength(1);
    expect((await refusedUpgrade({ cookie: desk.cookie }, TEST_PUBLIC_URL)).status).toBe(401);

    // What the desk does next: it asks for its session, signs in again and reconnects.
    const again = await anotherSession(desk);
    const next = await openLive(again, TEST_PUBLIC_URL);
    await changeTheSchedule('2026-12-03', [next]);
    expect(next.messages).toHaveLength(1);
  });

  it('issue 9 defect 10: signing out everywhere from another browser closes every socket of the account', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    const other = await anotherSession(desk);
    const here = await openLive(desk, TEST_PUBLIC_URL);
    const there = await openLive(other, TEST_PUBLIC_URL);
    expect((await as(t.app, other)('POST', '/api/session/sign-out-everywhere', {})).statusCode).toBe(204);
    await closedBySessionEnd(here, 'first socket closed after sign-out everywhere');
    await closedBySessionEnd(there, 'second socket closed after sign-out everywhere');
    await changeTheSchedule('2026-12-04');
    expect([here.messages, there.messages]).toEqual([[], []]);
  });

  it('issue 9 defect 10: ending one session from another closes only that session’s socket', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    const other = await anotherSession(desk);
    const target = await openLive(desk, TEST_PUBLIC_URL);
    const kept = await openLive(other, TEST_PUBLIC_URL);
    const list = (await as(t.app, other)('GET', '/api/session/list')).json().items as { id: string; current: boolean }[];
    const id = list.find((s) => !s.current)!.id;
    expect((await as(t.app, other)('DELETE', `/api/session/list/${id}`)).statusCode).toBe(204);
    await closedBySessionEnd(target, 'revoked session socket closed');
    await changeTheSchedule('2026-12-07', [kept]);
    expect(target.messages).toEqual([]);
    expect(kept.messages).toHaveLength(1);
    expect(kept.socket.readyState).toBe(WebSocket.OPEN);
  });

  it("issue 9 defect 10: an administrator disabling the account closes the person's sockets", async () => {
    const admin = await createSignedIn(t, 'admin');
    const desk = await createSignedIn(t, 'front_desk');
    const live = await openLive(desk, TEST_PUBLIC_URL);
    expect((await as(t.app, admin)('POST', `/api/admin/users/${desk.userId}/disable`, {})).statusCode).toBe(204);
    await closedBySessionEnd(live, 'socket closed after the account was disabled');
  });

  it('issue 9 defect 10: a session ended through another server process on the same database closes the socket here', async () => {
    const desk = await createSignedIn(t, 'front_desk');
    const live = await openLive(desk, TEST_PUBLIC_URL);
    const second = await startAnotherInstance(t);
    try {
      // Same cookie, other process: this app's services never see the sign-out, only the database's notice.
      expect((await as(second.app, desk)('DELETE', '/api/session')).statusCode).toBe(204);
      await closedBySessionEnd(live, 'socket closed after sign-out in the other process');
      await changeTheSchedule('2026-12-08');
      expect(live.messages).toEqual([]);
    } finally {
      await second.close();
    }
  });

  // Last in this file: it moves the shared clock past every session's idle window.
  it('issue 9 defect 10: the sweep closes a socket whose session idled out or reached its lifetime; the socket itself keeps nothing alive', async () => {
    const idle = await createSignedIn(t, 'front_desk');
    const busy = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Elena Ortiz') });
    const idleLive = await openLive(idle, TEST_PUBLIC_URL);
    const busyLive = await openLive(busy, TEST_PUBLIC_URL);
    const sweep = () => t.app.services.live.sweep();

    t.clock.advance(10 * 60_000);
    expect(await sweep()).toBe(0);
    // Only HTTP requests slide the idle window; an open socket does not.
    expect((await as(t.app, busy)('GET', '/api/session')).statusCode).toBe(200);
    t.clock.advance(5 * 60_000 + 1000); // 15 min and a second since the idle desk last asked for anything
    await sweep();
    await closedBySessionEnd(idleLive, 'idle socket closed by the sweep');
    expect(busyLive.socket.readyState).toBe(WebSocket.OPEN);
    expect((await as(t.app, idle)('GET', '/api/session')).statusCode).toBe(401);

    // A person at work all day: the 12-hour lifetime ends the session and its socket anyway.
    for (let worked = 0; worked < 12 * 60; worked += 14) {
      t.clock.advance(14 * 60_000);
      if ((await as(t.app, busy)('GET', '/api/session')).statusCode !== 200) break;
      expect(await sweep()).toBe(0);
    }
    expect((await as(t.app, busy)('GET', '/api/session')).statusCode).toBe(401);
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    await closedBySessionEnd(busyLive, 'socket closed at the end of the session lifetime');
    expect(t.app.services.live.size).toBe(0);
  });
});
