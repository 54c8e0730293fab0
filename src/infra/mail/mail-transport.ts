import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { SmtpThreadTransport } from './smtp-thread-transport';

export interface OutgoingMail {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  // An iCalendar invitation (METHOD:REQUEST), sent as the text/calendar alternative.
  icalEvent?: string;
}

export interface MailAttachment {
  filename: string;
  path: string;
  contentType: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    cc: mail.cc.length ? mail.cc : undefined,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments,
    icalEvent: mail.icalEvent ? { method: 'REQUEST', content: mail.icalEvent } : undefined,
    messageId: `<${mail.id}@giaoban>`,
    headers: { 'X-Giaoban-Mail-Id': mail.id },
  };
}

// nodemailer's pool options, each overridable in SMTP_URL (?maxConnections=…&maxMessages=…). Ten
// connections rather than nodemailer's five: a burst of reminders (16 sends at once, see
// RemindersProcessor) would otherwise wait for a free connection while the CPU idles.
export const SMTP_POOL_DEFAULTS = { maxConnections: 10, maxMessages: 100 };

export function pooledSmtpUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  for (const [option, value] of Object.entries(SMTP_POOL_DEFAULTS)) if (!url.searchParams.has(option)) url.searchParams.set(option, String(value));
  return url.toString();
}

function smtpTransport(smtpUrl: string): MailTransport {
  const thread = new SmtpThreadTransport(pooledSmtpUrl(smtpUrl));
  return {
    send: (mail) => thread.send(message(mail)),
    close: () => thread.close(),
  };
}

// Without SMTP_URL each e-mail is written to the outbox as an .eml file named by its id, so a
// retried send finds the file and writes nothing twice.
function outboxTransport(outboxDir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    send: async (mail) => {
      const file = join(outboxDir, `${mail.id}.eml`);
      const messageId = `<${mail.id}@giaoban>`;
      if (existsSync(file)) return { messageId };
      await mkdir(outboxDir, { recursive: true });
      const info = (await transporter.sendMail(message(mail))) as { message: Buffer };
      await writeFile(`${file}.tmp`, info.message);
      await rename(`${file}.tmp`, file);
      return { messageId };
    },
    close: () => transporter.close(),
  };
}

export function createMailTransport(smtpUrl: string | undefined, dataDir: string): MailTransport {
  return smtpUrl ? smtpTransport(smtpUrl) : outboxTransport(join(dataDir, 'outbox'));
}
