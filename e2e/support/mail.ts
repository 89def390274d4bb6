import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One email the server delivered: its envelope recipients, subject and decoded plain text. */
export interface DeliveredMail {
  to: string[];
  subject: string;
  text: string;
}

export interface MailSink {
  /** SMTP_URL for the server under test. */
  url: string;
  delivered: DeliveredMail[];
  /** The first email to `recipient` whose subject matches, once it has arrived. */
  waitFor(recipient: string, subject: RegExp, timeoutMs?: number): Promise<DeliveredMail>;
  close(): Promise<void>;
}

function splitPart(part: string): { headers: Map<string, string>; body: string } {
  const at = part.indexOf('\r\n\r\n');
  const head = part.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map(head.split('\r\n').map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { headers, body: part.slice(at + 4) };
}

function decodeBody(body: string, encoding = '7bit'): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

/** The decoded text/plain parts of a raw message (single part or multipart). */
function plainText(raw: string): { subject: string; text: string } {
  const top = splitPart(raw);
  const type = top.headers.get('content-type') ?? 'text/plain';
  const subject = top.headers.get('subject') ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return { subject, text: decodeBody(top.body, top.headers.get('content-transfer-encoding')) };
  const parts = top.body.split(`--${boundary}`).slice(1, -1).map((p) => plainText(p.replace(/^\r\n/, '')));
  return { subject, text: parts.map((p) => p.text).join('\n') };
}

/**
 * A local SMTP server that keeps what it receives: the journey reads the links
 * the server emails (invitations, resets) as the person would, from the email.
 */
export async function startMailSink(): Promise<MailSink> {
  const delivered: DeliveredMail[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS offer (nodemailer would insist on a trusted certificate), no AUTH.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const { subject, text } = plainText(Buffer.concat(chunks).toString('utf8'));
        delivered.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject, text });
        cb(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;

  async function waitFor(recipient: string, subject: RegExp, timeoutMs = 20_000): Promise<DeliveredMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = delivered.find((m) => m.to.includes(recipient.toLowerCase()) && subject.test(m.subject));
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`no email to ${recipient} matching ${subject} in ${timeoutMs} ms; got: ${delivered.map((m) => `${m.to.join(',')}: ${m.subject}`).join(' | ') || 'nothing'}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
