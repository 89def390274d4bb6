import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioStandIn } from '../testing/twilio-stand-in.js';
import { SmsError, twilioSms } from './sms.js';

const account = { sid: `AC${'1'.repeat(32)}`, token: 'a-test-auth-token-0123' };
let standIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
beforeAll(async () => {
  standIn = await startTwilioStandIn(account);
});
afterAll(async () => standIn?.close());

const sender = (over: Partial<Parameters<typeof twilioSms>[0]> = {}) =>
  twilioSms({ accountSid: account.sid, authToken: account.token, from: '+15125550199', baseUrl: standIn.baseUrl, ...over });

/** The error a send throws. */
async function refusal(p: Promise<unknown>): Promise<SmsError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(SmsError);
  return err as SmsError;
}

describe("the Twilio adapter against a stand-in of its Messages API", () => {
  it('posts To, From and Body as a form with Basic auth, and reads the message sid', async () => {
    const before = standIn.received.length;
    const sent = await sender().send({ to: '+15125550142', body: 'Relief Pain Clinics: reminder of your appointment. ¿Preguntas?' });
    expect(sent.providerId).toMatch(/^SM\d{32}$/);
    const req = standIn.received[before]!;
    expect(req.path).toBe(`/2010-04-01/Accounts/${account.sid}/Messages.json`);
    expect([req.user, req.password]).toEqual([account.sid, account.token]);
    expect(req.contentType).toBe('application/x-www-form-urlencoded');
    expect(req.form).toEqual({ To: '+15125550142', From: '+15125550199', Body: 'Relief Pain Clinics: reminder of your appointment. ¿Preguntas?' });
  });

  it('sends from a Messaging Service when TWILIO_FROM names one', async () => {
    const service = `MG${'a'.repeat(32)}`;
    await sender({ from: service }).send({ to: '+15125550142', body: 'Hi' });
    expect(standIn.received.at(-1)!.form).toEqual({ To: '+15125550142', MessagingServiceSid: service, Body: 'Hi' });
  });

  it('a 4xx is permanent (a bad number, bad credentials) and names Twilio\'s error code', async () => {
    const bad = await refusal(sender().send({ to: '5550142', body: 'Hi' }));
    expect(bad.permanent).toBe(true);
    expect(bad.message).toMatch(/400 \(error 21211\)/);
    const auth = await refusal(sender({ authToken: 'the-wrong-token-000000' }).send({ to: '+15125550142', body: 'Hi' }));
    expect(auth.permanent).toBe(true);
    expect(auth.message).toMatch(/401 \(error 20003\)/);
  });

  it('429 and 5xx are worth another try, and so is a provider that cannot be reached', async () => {
    standIn.next(429, 20429, 'Too Many Requests');
    expect((await refusal(sender().send({ to: '+15125550142', body: 'Hi' }))).permanent).toBe(false);
    standIn.next(503, 20500, 'Service unavailable');
    expect((await refusal(sender().send({ to: '+15125550142', body: 'Hi' }))).permanent).toBe(false);
    const gone = await refusal(sender({ baseUrl: 'http://127.0.0.1:1' }).send({ to: '+15125550142', body: 'Hi' }));
    expect(gone.permanent).toBe(false);
    expect(gone.message).toMatch(/unreachable/);
  });
});
