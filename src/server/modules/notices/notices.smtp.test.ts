import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { smtpMailer, type Mailer } from '../../platform/mailer.js';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { OUTBOX_QUEUE, retryDelayMs } from './notices.service.js';

// Notices over real SMTP: a local smtp-server on a random port, the real
// nodemailer adapter, bookings through the HTTP API, on PGlite or PostgreSQL.

interface Received { mailFrom: string; rcptTo: string[]; raw: string }
type Rejection = { at: 'rcpt' | 'data'; code: number; message: string } | null;

async function startSmtpSink() {
  const received: Received[] = [];
  const state: { reject: Rejection } = { reject: null };
  const refuse = (r: NonNullable<Rejection>) => Object.assign(new Error(r.message), { responseCode: r.code });
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS offer (nodemailer would insist on a trusted certificate), no AUTH.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(_address, _session, cb) {
      cb(state.reject?.at === 'rcpt' ? refuse(state.reject) : null);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.reject?.at === 'data') return cb(refuse(state.reject));
        const from = session.envelope.mailFrom;
        received.push({ mailFrom: from ? from.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** Headers and the decoded text of every text part, so a check for absent words cannot be fooled by encoding. */
function readMessage(raw: string): { header(name: string): string | undefined; text: string } {
  const split = (part: string) => {
    const at = part.indexOf('\r\n\r\n');
    const head = part.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
    const headers = new Map(head.split('\r\n').map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    return { headers, body: part.slice(at + 4) };
  };
  const decode = (body: string, encoding = '7bit') => {
    if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/quoted-printable/i.test(encoding)) {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
      return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
    }
    return body;
  };
  const texts: string[] = [];
  const walk = (part: string) => {
    const { headers, body } = split(part);
    const type = headers.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) for (const p of body.split(`--${boundary}`).slice(1, -1)) walk(p.replace(/^\r\n/, ''));
    else if (/^text\//i.test(type)) texts.push(decode(body, headers.get('content-transfer-encoding')));
  };
  walk(raw);
  const top = split(raw).headers;
  return { header: (name) => top.get(name.toLowerCase()), text: texts.join('\n') };
}

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const FROM = 'Relief Pain Clinics <no-reply@relief.test>';
let sink: SmtpSink | undefined;
let mailer: Mailer | undefined;
let t: TestApp<Mailer | null> | undefined;

afterEach(async () => {
  await t?.close();
  mailer?.close();
  await sink?.close();
  t = mailer = sink = undefined;
});

async function appWithSmtp(): Promise<TestApp<Mailer | null>> {
  sink = await startSmtpSink();
  mailer = smtpMailer(sink.url, FROM);
  t = await startTestApp({ mailer });
  return t;
}

async function book(app: TestApp<Mailer | null>, patient: Record<string, string>) {
  const ids = await demoIds(app.app);
  const consult = ids.visitType('new-patient-consult');
  // A week out, so the visit's reminders (issue 12: 48 h and 2 h before) stay ahead of every clock these tests advance.
  const avail = await app.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-07', to: '2026-12-11' } });
  const slots = avail.json().slots as { start: string; practitionerId: string; locationId: string }[];
  const res = await app.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slots[0]!, consult, patient) });
  expect(res.statusCode).toBe(201);
  const visitName = (await app.app.inject('/api/visit-types')).json().items.find((v: { id: string }) => v.id === consult).name as string;
  return { id: res.json().appointment.id as string, code: res.json().confirmationCode as string, visitName };
}

const outboxRow = async (app: TestApp<Mailer | null>, appointmentId: string) => (await app.app.services.notices.listForAppointment(appointmentId)).find((n) => n.template !== 'appointment.reminder')!;

describe('appointment notices over SMTP', () => {
  it('delivers through the pg-boss job after the commit (and what was pending at start), with no health details', async () => {
    const app = await appWithSmtp();
    // Booked before delivery starts: start() must pick it up.
    const early = await book(app, { firstName: 'Maria', email: 'maria@example.com', preferredLanguage: 'en' });
    expect((await outboxRow(app, early.id)).status).toBe('pending');
    await app.app.services.notices.start({ pollingIntervalSeconds: 0.5 });
    await waitFor('the pending notice', () => sink!.received.length === 1);

    const booked = await book(app, { firstName: 'Rosa', email: 'rosa@example.com', preferredLanguage: 'en' });
    await waitFor('the new notice', () => sink!.received.length === 2);

    const mail = sink!.received[1]!;
    expect(mail.rcptTo).toEqual(['rosa@example.com']);
    expect(mail.mailFrom).toBe('no-reply@relief.test');
    const msg = readMessage(mail.raw);
    expect(msg.header('to')).toBe('rosa@example.com');
    expect(msg.header('subject')).toBe('Relief Pain Clinics: Your appointment is confirmed');
    // The decoded body is the notice (so the absence checks below mean something) ...
    expect(msg.text).toContain('Hello Rosa,');
    expect(msg.text).toContain(booked.code);
    // ... and carries neither the reason given nor the visit type.
    expect(msg.text).not.toContain('Low back pain after surgery');
    expect(msg.text).not.toContain(booked.visitName);
    expect(msg.text).not.toMatch(/back pain|surgery|consult|lumbar/i);
    expect(readMessage(sink!.received[0]!.raw).text).toContain(early.code);

    await waitFor('the rows marked sent', async () => (await outboxRow(app, booked.id)).status === 'sent');
    expect(await outboxRow(app, booked.id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(await outboxRow(app, early.id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    // It went through pg-boss: its delivery jobs completed, and the minute schedule is in place.
    await waitFor('a completed delivery job', async () => {
      const jobs = await app.db.query<{ state: string }>('SELECT state::text AS state FROM pgboss.job WHERE name = $1', [OUTBOX_QUEUE]);
      return jobs.some((j) => j.state === 'completed');
    });
    expect(await app.db.query('SELECT cron FROM pgboss.schedule WHERE name = $1', [OUTBOX_QUEUE])).toEqual([{ cron: '* * * * *' }]);
  });

  it('retries a temporary SMTP refusal with backoff and sends when the server recovers', async () => {
    const app = await appWithSmtp();
    const notices = app.app.services.notices;
    sink!.state.reject = { at: 'rcpt', code: 451, message: '4.3.0 Mailbox temporarily unavailable' };
    const { id, code } = await book(app, { firstName: 'Ana', email: 'ana@example.com', preferredLanguage: 'en' });

    expect(await notices.deliverDue()).toBe(0);
    let row = await outboxRow(app, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/451/);
    expect(row.nextAttemptAt).toBe(app.clock.now() + retryDelayMs(1));

    // Not due yet: nothing is tried.
    expect(await notices.deliverDue()).toBe(0);
    expect((await outboxRow(app, id)).attempts).toBe(1);

    app.clock.advance(retryDelayMs(1));
    expect(await notices.deliverDue()).toBe(0);
    row = await outboxRow(app, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.nextAttemptAt).toBe(app.clock.now() + retryDelayMs(2));
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));

    sink!.state.reject = null;
    app.clock.advance(retryDelayMs(2));
    expect(await notices.deliverDue()).toBe(1);
    expect(await outboxRow(app, id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(sink!.received).toHaveLength(1);
    expect(sink!.received[0]!.rcptTo).toEqual(['ana@example.com']);
    expect(readMessage(sink!.received[0]!.raw).text).toContain(code);
  });

  it('marks the message failed after its last attempt, keeps the error, and sends it once requeued', async () => {
    const app = await appWithSmtp();
    const notices = app.app.services.notices;
    sink!.state.reject = { at: 'data', code: 451, message: '4.7.1 Try again later' };
    const { id } = await book(app, { firstName: 'Luis', email: 'luis@example.com', preferredLanguage: 'es' });
    const maxAttempts = (await outboxRow(app, id)).maxAttempts;
    expect(maxAttempts).toBe(8);

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      expect(await notices.deliverDue()).toBe(0);
      const row = await outboxRow(app, id);
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toMatch(/451/);
      if (attempt < maxAttempts) {
        expect(row.status).toBe('pending');
        expect(row.nextAttemptAt).toBe(app.clock.now() + retryDelayMs(attempt));
        app.clock.advance(retryDelayMs(attempt));
      }
    }
    const failed = await outboxRow(app, id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/451 4\.7\.1 Try again later/);
    expect((await notices.counts()).failed).toBe(1);

    // A failure is final until someone acts: a recovered server alone does not resend it.
    sink!.state.reject = null;
    app.clock.advance(86_400_000);
    expect(await notices.deliverDue()).toBe(0);
    expect(sink!.received).toHaveLength(0);

    expect(await notices.requeueFailed(failed.id)).toBe(true);
    expect(await notices.requeueFailed(failed.id)).toBe(false);
    expect(await notices.deliverDue()).toBe(1);
    expect(await outboxRow(app, id)).toMatchObject({ status: 'sent', attempts: maxAttempts + 1, lastError: null });
    expect(sink!.received.map((m) => m.rcptTo)).toEqual([['luis@example.com']]);
  });
});

describe('without SMTP_URL', () => {
  it('keeps notices pending, says so in the log, and runs no delivery job', async () => {
    const lines: string[] = [];
    t = await startTestApp({ mailer: null, logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } });
    await t.app.services.notices.start();
    expect(lines.join('')).toMatch(/SMTP_URL is not set: notices are kept in the outbox/);

    const { id } = await book(t, { firstName: 'Eva', email: 'eva@example.com', preferredLanguage: 'en' });
    expect(lines.join('')).toMatch(/SMTP_URL is not set: the notice is kept in the outbox and not sent/);
    expect(await t.app.services.notices.deliverDue()).toBe(0);
    expect(await outboxRow(t, id)).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    // pg-boss never started: its schema does not even exist.
    expect(await t.db.one("SELECT to_regclass('pgboss.job') AS t")).toEqual({ t: null });
  });
});
