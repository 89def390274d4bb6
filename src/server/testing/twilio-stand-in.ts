import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stand-in took: its path, the Basic credentials and the form fields. */
export interface TwilioRequest {
  path: string;
  user: string;
  password: string;
  contentType: string;
  form: Record<string, string>;
}

/**
 * A local stand-in of Twilio's Messages API wire protocol (2010-04-01): POST
 * /2010-04-01/Accounts/{Sid}/Messages.json with HTTP Basic auth and a form
 * body; 201 with the message resource, or an error resource ({ code, message,
 * more_info, status }) as Twilio answers: 401 (error 20003) for bad
 * credentials, 400 (21211) for a number that is not valid, 404 for another
 * account's path. `next` makes the next answers a given failure (429, 500 ...).
 */
export async function startTwilioStandIn(account: { sid: string; token: string }) {
  const received: TwilioRequest[] = [];
  const queued: { status: number; code: number; message: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, code: number, message: string) =>
        answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
      const [user = '', password = ''] = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8').split(':') : [];
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      received.push({ path: req.url ?? '', user, password, contentType: req.headers['content-type'] ?? '', form });
      if (user !== account.sid || password !== account.token) return error(401, 20003, 'Authenticate');
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${account.sid}/Messages.json`) return error(404, 20404, 'The requested resource was not found');
      const failure = queued.shift();
      if (failure) return error(failure.status, failure.code, failure.message);
      if (!/^\+[1-9]\d{7,14}$/.test(form.To ?? '')) return error(400, 21211, `The 'To' number ${form.To ?? ''} is not a valid phone number.`);
      if (!form.Body) return error(400, 21602, 'Message body is required.');
      if (!form.From && !form.MessagingServiceSid) return error(400, 21603, "The 'From' phone number is required.");
      const sid = `SM${String(received.length).padStart(32, '0')}`;
      return answer(201, { sid, account_sid: account.sid, to: form.To, from: form.From ?? null, body: form.Body, status: 'queued', error_code: null, error_message: null });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    /** The next answer is this failure instead of a 201. */
    next(status: number, code: number, message: string) {
      queued.push({ status, code, message });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
