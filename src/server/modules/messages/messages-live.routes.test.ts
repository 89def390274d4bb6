import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { given } from '../../testing/given.js';
import { startAnotherInstance, startTestApp, type TestApp } from '../../testing/test-app.js';
import { createSignedIn, type SignedIn } from '../../testing/test-users.js';

// Issue 12 must show: two server processes on one database; a message sent
// through one reaches, as a live frame, a socket connected to the other.

let t: TestApp;
let second: Awaited<ReturnType<typeof startAnotherInstance>>;
let url: string;
const opened: WebSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  second = await startAnotherInstance(t);
  await second.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(second.app.server.address() as AddressInfo).port}/api/messages/live`;
});
afterAll(async () => {
  for (const s of opened) s.terminate();
  await second?.close();
  await t?.close();
});

/** Resolves with the first frame that passes `pick`, failing after `ms` instead of hanging (no sleeps). */
function frame(socket: WebSocket, pick: (f: Record<string, unknown>) => boolean, ms = 5000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching frame within ${ms} ms`)), ms);
    socket.on('message', (d) => {
      const f = JSON.parse(d.toString()) as Record<string, unknown>;
      if (pick(f)) {
        clearTimeout(timer);
        resolve(f);
      }
    });
  });
}

async function open(who: SignedIn): Promise<WebSocket> {
  const socket = new WebSocket(url, { headers: { cookie: who.cookie } });
  opened.push(socket);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res: IncomingMessage) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
  });
  return socket;
}

async function subscribe(socket: WebSocket, params: object) {
  const answer = frame(socket, (f) => f.type === 'subscribed' || f.type === 'refused');
  socket.send(JSON.stringify({ type: 'subscribe', topic: 'messages', params }));
  return (await answer).type;
}

describe('messages live across two server processes', () => {
  it("a patient's message through one process is a frame on a front desk socket of the other; the patient hears the reply", async () => {
    const ana = await given(t).patient({ firstName: 'Ana' });
    const patient = await createSignedIn(t, 'patient', { patientId: ana.id });
    const desk = await createSignedIn(t, 'front_desk');
    const other = await given(t).patient({ firstName: 'Otro' });

    const deskSocket = await open(desk);
    expect(await subscribe(deskSocket, { pool: 'front_desk' })).toBe('subscribed');
    expect(await subscribe(deskSocket, { pool: 'billing' })).toBe('refused');
    const patientSocket = await open(patient);
    expect(await subscribe(patientSocket, { patientId: ana.id })).toBe('subscribed');
    expect(await subscribe(patientSocket, { patientId: other.id })).toBe('refused');

    const heard = frame(deskSocket, (f) => f.type === 'messages.changed');
    const form = new FormData();
    form.append('topic', 'scheduling');
    form.append('subject', 'Earlier?');
    form.append('body', 'Any earlier time?');
    const sent = await t.app.inject({ method: 'POST', url: `/api/patients/${ana.id}/threads`, body: form as never, headers: { cookie: patient.cookie, 'x-csrf-token': patient.csrf } });
    expect(sent.statusCode).toBe(201);
    const threadId = sent.json().thread.id;
    const f = await heard;
    expect(f).toEqual({ topic: 'messages', type: 'messages.changed', threadId, patientId: ana.id, pool: 'front_desk', assigneeUserId: null });
    // Ids only: nothing of the message travels on the socket.
    expect(JSON.stringify(f)).not.toContain('earlier');

    const reply = frame(patientSocket, (x) => x.type === 'messages.changed' && x.threadId === threadId);
    const r = new FormData();
    r.append('body', 'Tuesday at 9.');
    expect((await t.app.inject({ method: 'POST', url: `/api/staff/threads/${threadId}/messages`, body: r as never, headers: { cookie: desk.cookie, 'x-csrf-token': desk.csrf } })).statusCode).toBe(201);
    expect((await reply).patientId).toBe(ana.id);
  });
});
