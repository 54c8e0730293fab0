import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

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

function smtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  const transporter = nodemailer.createTransport(url.toString());
  return {
    send: async (mail) => {
      const info = (await transporter.sendMail(message(mail))) as { messageId: string };
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
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
