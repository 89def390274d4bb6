import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: { filename: string; contentType: string; content: string }[];
}

/** The mail port. The real adapter speaks SMTP; tests record. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer. Timeouts are shorter than nodemailer's (2 min to
 * connect, 10 min of socket silence) so a stuck server cannot hold a delivery
 * pass for long; query parameters in the URL still override them.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        attachments: mail.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
    },
    close: () => transport.close(),
  };
}

export function recordingMailer(): Mailer & { sent: OutgoingMail[]; failNext(n: number): void } {
  const sent: OutgoingMail[] = [];
  let failures = 0;
  return {
    sent,
    failNext(n) {
      failures = n;
    },
    async send(mail) {
      if (failures > 0) {
        failures--;
        throw new Error('recording mailer: simulated delivery failure');
      }
      sent.push(mail);
    },
    close: () => undefined,
  };
}
