import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { pooledSmtpUrl } from '../../src/infra/mail/mail-transport';
import { freePort } from '../../src/infra/ports';
import { ChildServer, startChildServer } from './child-server';

// The mail side of the reminders scenario, two programs in one file, each run as a child process
// of its own so that neither shares an event loop with the bench or with the other:
// - the sink: an SMTP server on 127.0.0.1 that accepts every message without parsing it and
//   counts messages and bytes, with a small HTTP side for the bench (health, stats, reset);
// - the baseline sender: nodemailer alone, a pooled SMTP transport built from the same URL the
//   service builds its own from, sending the same message a given number of times.

export interface SinkStats {
  messages: number;
  bytes: number;
  recipients: number;
  // Date.now() when the first and the last message counted were accepted (null before any).
  firstAt: number | null;
  lastAt: number | null;
}

export interface RunningSink extends ChildServer {
  // smtp://127.0.0.1:<port>, as SMTP_URL.
  smtpUrl: string;
  stats(): Promise<SinkStats>;
  // Zeroes the counters (between runs).
  reset(): Promise<void>;
  // The first message accepted since the last reset, as received (headers and body).
  sample(): Promise<string>;
}

// What the baseline sender sends: one rendered message, to each recipient list in turn.
export interface BaselineMail {
  from: string;
  subject: string;
  text: string;
  html: string;
  // One entry per message (the `to` of each); the count of messages is its length.
  recipients: string[][];
  // How many sendMail calls are in flight at once (the pool queues what its connections cannot
  // take yet).
  concurrency: number;
}

export interface BaselineSendResult {
  sent: number;
  failed: number;
  firstError: string | null;
  // Date.now() just before the first sendMail and after the last one resolved.
  startedAt: number;
  finishedAt: number;
  // CPU time (user + system) of the sender process from startedAt to finishedAt.
  cpuMs: number;
}

const SAMPLE_LIMIT_BYTES = 1024 * 1024;

export async function startSmtpSink(): Promise<RunningSink> {
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, SMTP_BENCH_PROGRAM: 'sink', SMTP_SINK_PORT: String(smtpPort), SMTP_SINK_HTTP_PORT: String(httpPort) };
  const server = await startChildServer({ name: 'smtp-sink', script: __filename, env, readyUrl: `${httpUrl}/health` });
  const call = async (method: string, path: string) => {
    const response = await fetch(`${httpUrl}${path}`, { method, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`smtp-sink ${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return text;
  };
  return {
    ...server,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    stats: async () => JSON.parse(await call('GET', '/stats')) as SinkStats,
    reset: async () => void (await call('POST', '/reset')),
    sample: () => call('GET', '/sample'),
  };
}

// Runs the baseline sender in a child process and returns what it reports once it is done. The
// signal kills the child (the scenario's cleanup aborts it).
export async function sendWithNodemailer(smtpUrl: string, mailFile: string, timeoutMs: number, signal: AbortSignal): Promise<BaselineSendResult> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, SMTP_BENCH_PROGRAM: 'send', SMTP_BENCH_URL: smtpUrl, SMTP_BENCH_MAIL_FILE: mailFile };
  signal.throwIfAborted();
  const child = spawn(process.execPath, [__filename], { env, stdio: ['ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGKILL' });
  child.on('error', () => undefined);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`baseline sender exited with ${code ?? 'a signal'} (after at most ${timeoutMs} ms)${stderr ? `\n--- stderr ---\n${stderr}` : ''}`);
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as BaselineSendResult;
}

// --- child programs ---

async function runSink(): Promise<void> {
  const smtpPort = Number(process.env.SMTP_SINK_PORT);
  const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT);
  if (!smtpPort || !httpPort) throw new Error('SMTP_SINK_PORT and SMTP_SINK_HTTP_PORT must be set');
  let stats: SinkStats = { messages: 0, bytes: 0, recipients: 0, firstAt: null, lastAt: null };
  let sample: Buffer[] | null = null;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      let size = 0;
      const keep: Buffer[] | null = sample === null ? (sample = []) : null;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (keep && size <= SAMPLE_LIMIT_BYTES) keep.push(chunk);
      });
      stream.once('end', () => {
        const now = Date.now();
        stats.messages++;
        stats.bytes += size;
        stats.recipients += session.envelope.rcptTo.length;
        stats.firstAt ??= now;
        stats.lastAt = now;
        callback();
      });
    },
  });
  smtp.on('error', (error) => process.stderr.write(`smtp-sink: ${error.message}\n`));
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

  const http = createServer((request, response) => {
    const send = (status: number, body: string | Buffer, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    if (request.method === 'GET' && request.url === '/health') return send(200, '{"status":"ok"}');
    if (request.method === 'GET' && request.url === '/stats') return send(200, JSON.stringify(stats));
    if (request.method === 'GET' && request.url === '/sample') return send(200, Buffer.concat(sample ?? []), 'message/rfc822');
    if (request.method === 'POST' && request.url === '/reset') {
      stats = { messages: 0, bytes: 0, recipients: 0, firstAt: null, lastAt: null };
      sample = null;
      return send(200, '{}');
    }
    send(404, '{}');
  });
  await new Promise<void>((resolve) => http.listen(httpPort, '127.0.0.1', resolve));

  const stop = () => {
    http.close();
    smtp.close(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

// The service's transport settings (src/infra/mail/mail-transport.ts): createTransport(SMTP_URL
// with pool=true and the service's pool size, see pooledSmtpUrl), and the same message fields, ids
// and header; nodemailer in this process's main thread, as an application would use it.
async function runSender(): Promise<void> {
  const smtpUrl = process.env.SMTP_BENCH_URL;
  const mailFile = process.env.SMTP_BENCH_MAIL_FILE;
  if (!smtpUrl || !mailFile) throw new Error('SMTP_BENCH_URL and SMTP_BENCH_MAIL_FILE must be set');
  const mail = JSON.parse(readFileSync(mailFile, 'utf8')) as BaselineMail;
  const transporter = nodemailer.createTransport(pooledSmtpUrl(smtpUrl));
  const result = { sent: 0, failed: 0, firstError: null as string | null };
  let next = 0;
  const sendNext = async (): Promise<void> => {
    while (next < mail.recipients.length) {
      const to = mail.recipients[next++];
      const id = randomUUID();
      try {
        await transporter.sendMail({
          from: mail.from,
          to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${id}@giaoban>`,
          headers: { 'X-Giaoban-Mail-Id': id },
        });
        result.sent++;
      } catch (error) {
        result.failed++;
        result.firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  const cpuBefore = process.cpuUsage();
  const startedAt = Date.now();
  await Promise.all(Array.from({ length: mail.concurrency }, () => sendNext()));
  const finishedAt = Date.now();
  const cpu = process.cpuUsage(cpuBefore);
  transporter.close();
  const report: BaselineSendResult = { ...result, startedAt, finishedAt, cpuMs: (cpu.user + cpu.system) / 1000 };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (require.main === module) {
  const program = process.env.SMTP_BENCH_PROGRAM;
  const run = program === 'sink' ? runSink : program === 'send' ? runSender : () => Promise.reject(new Error('SMTP_BENCH_PROGRAM must be sink or send'));
  run().catch((error: unknown) => {
    process.stderr.write(`smtp-sink (${program}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
