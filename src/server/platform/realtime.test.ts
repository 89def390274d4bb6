import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestDb, type TestDb } from '../testing/test-db.js';
import { fixedClock } from './clock.js';
import { LIVE_SESSION_ENDED_CODE } from '../../shared/contracts/staff.js';
import { createRealtime, MAX_BAD_FRAME_ANSWERS, MAX_FORBIDDEN_PER_SOCKET, type RefusalReason } from './realtime.js';

// Realtime topics with per-subscription authorization (issue 10), over
// LISTEN/NOTIFY on whichever database the suite runs.

interface Session { idHash: string; userId: string; expiresAt: number; idleExpiresAt: number }

/** A socket as the hub sees one: what it was sent, byte for byte, and a wait for the n-th frame that fails after 5 s instead of hanging. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readonly CONNECTING = 0;
  readyState = 1;
  raw: (string | Buffer)[] = [];
  closedWith: number | null = null;
  private waiting: { n: number; resolve: () => void }[] = [];
  get frames(): string[] {
    return this.raw.map(String);
  }
  send(data: string | Buffer): void {
    this.raw.push(data);
    for (const w of this.waiting.filter((w) => this.raw.length >= w.n)) w.resolve();
  }
  close(code: number): void {
    this.readyState = 3;
    this.closedWith = code;
    this.emit('close', code);
  }
  /** The client sends a text frame. */
  says(frame: unknown): void {
    this.emit('message', Buffer.from(typeof frame === 'string' ? frame : JSON.stringify(frame)), false);
  }
  until(n: number): Promise<void> {
    if (this.raw.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`got ${JSON.stringify(this.frames)}, waited for ${n} frames`)), 5000);
      this.waiting.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}
const ws = (s: FakeSocket) => s as unknown as WebSocket;
const json = (s: FakeSocket) => s.frames.map((f) => JSON.parse(f) as Record<string, unknown>);

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb({ migrations: 0 });
});
afterAll(async () => db?.dispose());

const ended = new Set<string>();
const endedListeners: ((ids: readonly string[]) => void)[] = [];
const sessions = {
  async onSessionsEnded(listener: (ids: readonly string[]) => void) {
    endedListeners.push(listener);
    return async () => undefined;
  },
  async activeSessions(ids: readonly string[]) {
    return new Map(ids.filter((id) => !ended.has(id)).map((id) => [id, { expiresAt: Date.parse('2030-01-01'), idleExpiresAt: Date.parse('2030-01-01') }]));
  },
};
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const session = (userId: string): Session => ({ idHash: `h-${userId}`, userId, expiresAt: Date.parse('2030-01-01'), idleExpiresAt: Date.parse('2030-01-01') });

/** A chat conversation: only its members may follow it. */
const Conversation = z.object({ conversationId: z.string().max(20) });
const ChatMessage = z.object({ type: z.literal('message.new'), conversationId: z.string(), messageId: z.string() });
const members: Record<string, string[]> = { c1: ['ana', 'ben', 'cy'], c2: ['ana'] };

/** One server process: its realtime with the chat topic, refusals and serialisations counted. */
async function serverProcess(opts: { serialized?: { count: number }; asyncCheck?: Promise<void> } = {}) {
  const refusals: { userId: string; topic: string; reason: RefusalReason }[] = [];
  const rt = createRealtime<Session>({
    db, clock: fixedClock('2026-12-03T12:00:00Z'), log: silent, sessions,
    onRefused: ({ session, topic, reason }) => void refusals.push({ userId: session.userId, topic, reason }),
    serialize: (m) => {
      if (opts.serialized) opts.serialized.count++;
      return JSON.stringify(m);
    },
  });
  const chat = rt.topic('chat.conversation', {
    params: Conversation,
    message: ChatMessage,
    authorize: async (s, p) => {
      await opts.asyncCheck;
      return (members[p.conversationId] ?? []).includes(s.userId);
    },
    key: (p) => p.conversationId,
    keysOf: (m) => [m.conversationId],
  });
  // A topic fed by a module's own NOTIFY in its SQL, as the desk schedule is.
  rt.topic('desk.test', {
    channel: 'relief_test_schedule',
    params: z.strictObject({ locationId: z.string().optional() }),
    message: z.object({ type: z.literal('schedule.changed'), locationId: z.string() }),
    authorize: () => true,
    key: (p) => p.locationId ?? 'all',
    keysOf: (m) => ['all', m.locationId],
  });
  await rt.start();
  return { rt, chat, refusals };
}

describe('issue 10: realtime topics', () => {
  it('a subscriber the topic refuses is told why, is audited through the callback, and hears nothing published to it', async () => {
    const { rt, chat, refusals } = await serverProcess();
    const ana = new FakeSocket();
    const eve = new FakeSocket();
    rt.add(ws(ana), session('ana'));
    rt.add(ws(eve), session('eve'));
    ana.says({ type: 'subscribe', topic: 'chat.conversation', params: { conversationId: 'c1' }, id: 'r1' });
    eve.says({ type: 'subscribe', topic: 'chat.conversation', params: { conversationId: 'c1' }, id: 'r2' });
    await Promise.all([ana.until(1), eve.until(1)]);
    expect(json(ana)).toEqual([{ type: 'subscribed', topic: 'chat.conversation', id: 'r1' }]);
    expect(json(eve)).toEqual([{ type: 'refused', topic: 'chat.conversation', reason: 'forbidden', message: expect.any(String), id: 'r2' }]);
    await db.tx((t) => chat.publish(t, { type: 'message.new', conversationId: 'c1', messageId: 'm1' }));
    await ana.until(2);
    // Delivery to every socket of a process happens in one turn: ana has it, so eve would have too.
    expect(json(ana)[1]).toEqual({ topic: 'chat.conversation', type: 'message.new', conversationId: 'c1', messageId: 'm1' });
    expect(eve.frames).toHaveLength(1);
    expect(refusals).toEqual([{ userId: 'eve', topic: 'chat.conversation', reason: 'forbidden' }]);
    await rt.stop();
  });

  it('two subscribers in two server processes get byte-identical frames, serialised once per message', async () => {
    const serialized = { count: 0 };
    const one = await serverProcess({ serialized });
    const two = await serverProcess({ serialized });
    const here = [new FakeSocket(), new FakeSocket()];
    const there = new FakeSocket();
    here.forEach((s) => one.rt.add(ws(s), session('ana')));
    two.rt.add(ws(there), session('ben'));
    await Promise.all([...here.map((s) => one.rt.subscribe(ws(s), { topic: 'chat.conversation', params: { conversationId: 'c1' } })), two.rt.subscribe(ws(there), { topic: 'chat.conversation', params: { conversationId: 'c1' } })]);
    await db.tx((t) => one.chat.publish(t, { type: 'message.new', conversationId: 'c1', messageId: 'm2' }));
    await Promise.all([...here, there].map((s) => s.until(1)));
    expect(serialized.count).toBe(1);
    expect(here[0]!.frames).toEqual(there.frames);
    expect(here[1]!.frames).toEqual(there.frames);
    // In one process every socket is handed the very same bytes.
    expect(here[0]!.raw[0]).toBe(here[1]!.raw[0]);
    await Promise.all([one.rt.stop(), two.rt.stop()]);
  });

  it('routes by key: a subscription to one location hears that location only, one to every location hears all; frames are the payloads as written', async () => {
    const { rt } = await serverProcess();
    const north = new FakeSocket();
    const all = new FakeSocket();
    rt.add(ws(north), session('ana'), [{ topic: 'desk.test', params: { locationId: 'north' } }]);
    rt.add(ws(all), session('ben'), [{ topic: 'desk.test' }]);
    const south = '{"type":"schedule.changed","locationId":"south"}';
    const northChange = '{"type":"schedule.changed","locationId":"north"}';
    await db.query(`SELECT pg_notify('relief_test_schedule', $1)`, [south]);
    await db.query(`SELECT pg_notify('relief_test_schedule', $1)`, [northChange]);
    await all.until(2);
    await north.until(1);
    // Subscriptions the server made at connection are not acknowledged: the client did not ask.
    expect({ north: north.frames, all: all.frames }).toEqual({ north: [northChange], all: [south, northChange] });
    await rt.stop();
  });

  it('closes a socket that keeps asking for topics it may not follow, after auditing each refusal', async () => {
    const { rt, refusals } = await serverProcess();
    const eve = new FakeSocket();
    rt.add(ws(eve), session('eve'));
    for (let i = 0; i <= MAX_FORBIDDEN_PER_SOCKET; i++) eve.says({ type: 'subscribe', topic: 'chat.conversation', params: { conversationId: 'c1' } });
    await eve.until(MAX_FORBIDDEN_PER_SOCKET + 1);
    expect(eve.closedWith).toBe(1008);
    expect(refusals).toHaveLength(MAX_FORBIDDEN_PER_SOCKET + 1);
    await rt.stop();
  });

  it('refuses malformed frames, unknown topics and invalid parameters with stable reasons, keeps the socket open and audits none of them', async () => {
    const { rt, refusals } = await serverProcess();
    const s = new FakeSocket();
    rt.add(ws(s), session('ana'));
    s.says('not json');
    s.emit('message', Buffer.from([1, 2, 3]), true);
    s.says({ type: 'subscribe', locationId: '\u0000' });
    s.says({ type: 'subscribe', topic: 'billing.secrets' });
    s.says({ type: 'subscribe', topic: 'desk.test', params: { locationId: 'x', extra: 1 } });
    await s.until(5);
    expect(json(s).map((f) => [f.type, f.reason])).toEqual([
      ['refused', 'bad_frame'], ['refused', 'bad_frame'], ['refused', 'bad_frame'], ['refused', 'unknown_topic'], ['refused', 'invalid_params'],
    ]);
    expect(s.readyState).toBe(s.OPEN);
    expect(refusals).toEqual([]);
    await rt.stop();
  });

  it('answers the first few malformed frames of a socket and drops the rest unanswered, still serving its good frames', async () => {
    const { rt } = await serverProcess();
    const s = new FakeSocket();
    rt.add(ws(s), session('ana'));
    for (let i = 0; i < MAX_BAD_FRAME_ANSWERS + 20; i++) s.says(`junk ${i}`);
    s.says({ type: 'subscribe', topic: 'billing.secrets' });
    await s.until(MAX_BAD_FRAME_ANSWERS + 1);
    expect(json(s).map((f) => f.reason)).toEqual([...Array.from({ length: MAX_BAD_FRAME_ANSWERS }, () => 'bad_frame'), 'unknown_topic']);
    expect(s.readyState).toBe(s.OPEN);
    await rt.stop();
  });

  it('waits for an asynchronous check, and does not subscribe a socket that closed meanwhile', async () => {
    let answer!: () => void;
    const check = new Promise<void>((resolve) => (answer = resolve));
    const { rt } = await serverProcess({ asyncCheck: check });
    const gone = new FakeSocket();
    const kept = new FakeSocket();
    rt.add(ws(gone), session('ana'));
    rt.add(ws(kept), session('ana'));
    const pending = [rt.subscribe(ws(gone), { topic: 'chat.conversation', params: { conversationId: 'c2' } }), rt.subscribe(ws(kept), { topic: 'chat.conversation', params: { conversationId: 'c2' } })];
    gone.close(1000);
    answer();
    expect(await Promise.all(pending)).toEqual([false, true]);
    await rt.stop();
  });

  it('stops delivering after unsubscribe and after the session ends; a rolled-back publish sends nothing; an oversized message is refused', async () => {
    const { rt, chat } = await serverProcess();
    const ana = new FakeSocket();
    const cy = new FakeSocket();
    const witness = new FakeSocket();
    for (const [s, who] of [[ana, 'ana'], [cy, 'cy'], [witness, 'ana']] as const) {
      rt.add(ws(s), session(who));
      expect(await rt.subscribe(ws(s), { topic: 'chat.conversation', params: { conversationId: 'c1' } })).toBe(true);
    }
    ana.says({ type: 'unsubscribe', topic: 'chat.conversation', params: { conversationId: 'c1' } });
    // Signed out in some process: the session watch says so.
    ended.add('h-cy');
    for (const l of endedListeners) l(['h-cy']);
    expect(cy.closedWith).toBe(LIVE_SESSION_ENDED_CODE);
    await db.tx(async (t) => {
      await chat.publish(t, { type: 'message.new', conversationId: 'c1', messageId: 'rolled back' });
      throw new Error('roll back');
    }).catch(() => undefined);
    await db.tx((t) => chat.publish(t, { type: 'message.new', conversationId: 'c1', messageId: 'm3' }));
    await witness.until(1);
    expect(JSON.parse(witness.frames[0]!)).toMatchObject({ messageId: 'm3' });
    expect([ana.frames, cy.frames]).toEqual([[], []]);
    await expect(db.tx((t) => chat.publish(t, { type: 'message.new', conversationId: 'c1', messageId: 'x'.repeat(8000) }))).rejects.toThrow(/publish ids/);
    await rt.stop();
  });
});
