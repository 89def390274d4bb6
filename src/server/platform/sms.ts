/** One text message: to an E.164 number, plain text. */
export interface OutgoingSms {
  to: string;
  body: string;
}

/**
 * A refused or failed send. `permanent`: the provider refused this message
 * (a bad number, an opted-out recipient, bad credentials): trying again sends
 * nothing, so the outbox marks it failed at once. Otherwise (429, 5xx, the
 * network) it is tried again later.
 */
export class SmsError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = 'SmsError';
  }
}

/** The SMS port, shaped like the mailer: the real adapter speaks Twilio's REST API; tests record. */
export interface SmsSender {
  send(sms: OutgoingSms): Promise<{ providerId: string | null }>;
  close(): void;
}

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** An E.164 sender number, or a Messaging Service SID (MG...). */
  from: string;
  /** https://api.twilio.com unless given (a test's local stand-in). */
  baseUrl?: string | undefined;
  /** Abort a request after this long; a stuck provider must not hold a delivery pass. */
  timeoutMs?: number;
}

/** Twilio's answer to a message create (2010-04-01 API): the fields we read. */
interface TwilioAnswer {
  sid?: string;
  status?: string;
  code?: number | null;
  message?: string | null;
  error_code?: number | null;
  error_message?: string | null;
}

/**
 * Twilio's Programmable Messaging over its REST API with fetch: POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic auth (Account
 * SID : Auth Token), form-encoded To, From (or MessagingServiceSid) and Body.
 * 201 with the message's sid is accepted; an error answer is JSON with `code`
 * and `message` (https://www.twilio.com/docs/api/errors). 429 and 5xx are worth
 * another try; any other 4xx is the message's own fault and is not.
 */
export function twilioSms(cfg: TwilioConfig): SmsSender {
  const base = (cfg.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${cfg.accountSid}:${cfg.authToken}`).toString('base64')}`;
  const sender: Record<string, string> = /^MG[0-9a-fA-F]{32}$/.test(cfg.from) ? { MessagingServiceSid: cfg.from } : { From: cfg.from };
  return {
    async send(sms) {
      const form = new URLSearchParams({ To: sms.to, ...sender, Body: sms.body });
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          signal: AbortSignal.timeout(cfg.timeoutMs ?? 30_000),
        });
      } catch (err) {
        throw new SmsError(`SMS provider unreachable: ${(err as Error).message}`, false);
      }
      const answer = (await res.json().catch(() => ({}))) as TwilioAnswer;
      if (res.ok) return { providerId: answer.sid ?? null };
      const code = answer.code ?? answer.error_code;
      const text = answer.message ?? answer.error_message ?? res.statusText;
      // The provider's message may quote the number; it stays in the outbox row, never in the log.
      throw new SmsError(`SMS provider answered ${res.status}${code ? ` (error ${code})` : ''}: ${text}`, res.status !== 429 && res.status < 500);
    },
    close: () => undefined,
  };
}

export function recordingSms(): SmsSender & { sent: OutgoingSms[]; failNext(n: number, permanent?: boolean): void } {
  const sent: OutgoingSms[] = [];
  let failures = 0;
  let permanentFailure = false;
  return {
    sent,
    failNext(n, permanent = false) {
      failures = n;
      permanentFailure = permanent;
    },
    async send(sms) {
      if (failures > 0) {
        failures--;
        throw new SmsError('recording SMS sender: simulated failure', permanentFailure);
      }
      sent.push(sms);
      return { providerId: `SM${sent.length}` };
    },
    close: () => undefined,
  };
}
