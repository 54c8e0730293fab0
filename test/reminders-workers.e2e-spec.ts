import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { QUEUES } from '../src/infra/queue/jobs';
import { RunningRedis, startLocalRedis } from '../src/infra/redis/local-redis';
import { ReminderScheduler } from '../src/reminders/reminder-scheduler';
import { ReminderSweepService } from '../src/reminders/reminder-sweep.service';
import { createTestDatabase, deleteRedisPrefix, requiredEnv, uniqueName } from './support/resources';
import { startSmtpServer, TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

// Q2/2024: report due Tuesday 25/6/2024 17:00 (+07): before_due 3 goes out on Thursday 20/6 and
// before_due 1 on Monday 24/6, at 08:00.
const REPORT_DUE = '2024-06-25T17:00:00+07:00';
const THURSDAY = '2024-06-20T08:30:00+07:00';
const MONDAY = '2024-06-24T08:30:00+07:00';
// A Saturday: a worker's start-up sweep sends nothing while the data is being seeded.
const BEFORE_ANYTHING_IS_DUE = '2024-06-01T08:00:00+07:00';
// The built service, as test/process.e2e-spec.ts runs it (`npm test` builds it first).
const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

interface ReminderItem {
  id: string;
  unitId: string;
  periodId: string;
  kind: string;
  step: number;
  status: string;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await pause(100);
  }
}

async function allReminders(t: TestApp): Promise<ReminderItem[]> {
  const response = await t.request<{ items: ReminderItem[] }>('GET', '/api/v1/reminders?limit=100');
  expect(response.status).toBe(200);
  return response.body.items;
}

function waitUntilAllSent(t: TestApp, count: number, timeoutMs = 20_000): Promise<ReminderItem[]> {
  return waitFor(
    () => allReminders(t),
    (items) => items.length === count && items.every((item) => item.status === 'sent'),
    `${count} sent reminders`,
    timeoutMs,
  );
}

function keysOf(items: ReminderItem[]): string[] {
  return items.map((item) => `${item.unitId}|${item.periodId}|${item.kind}|${item.step}`);
}

function unitAddress(code: string): string {
  return `${code.toLowerCase()}@konray.gov.vn`;
}

// Units owing the Q2/2024 report, and the secretariat's address.
async function seed(t: TestApp, codes: string[]): Promise<{ periodId: string; units: Record<string, string> }> {
  const settings = await t.request('PATCH', '/api/v1/settings', { body: { secretariatEmail: 'bcd@konray.gov.vn', committeeName: 'Ban Chỉ đạo huyện Kon Rẫy' } });
  expect(settings.status).toBe(200);
  const units: Record<string, string> = {};
  for (const code of codes) {
    const created = await t.request('POST', '/api/v1/units', { body: { code, name: `Xã ${code}`, kind: 'commune', emails: [unitAddress(code)] } });
    expect(created.status).toBe(201);
    units[code] = created.body.id;
  }
  const period = await t.request('POST', '/api/v1/periods', { body: { year: 2024, quarter: 2, reportDueAt: REPORT_DUE, briefingAt: '2024-07-03T08:00:00+07:00' } });
  expect(period.status).toBe(201);
  return { periodId: period.body.id, units };
}

function mailCountsByUnit(envelopes: string[][], codes: string[]): Record<string, number> {
  return Object.fromEntries(codes.map((code) => [code, envelopes.filter((to) => to.includes(unitAddress(code))).length]));
}

describe('Reminder workers', () => {
  describe('two workers on one database and one Redis prefix', () => {
    const codes = ['XA-DAKRUONG', 'XA-DAKTOREI', 'XA-TANLAP'];
    let smtp: TestSmtpServer;
    let t1: TestApp | undefined;
    let t2: TestApp | undefined;

    beforeAll(async () => {
      smtp = await startSmtpServer();
      const env = { ROLE: 'all', SMTP_URL: smtp.url, CLOCK_START: BEFORE_ANYTHING_IS_DUE, MAIL_RETRY_DELAY_MS: '100', REMINDER_SWEEP_INTERVAL_SECONDS: '3600' };
      t1 = await startTestApp({ env });
      // The second instance neither owns the database nor the Redis prefix: closing it leaves both.
      t2 = await startTestApp({ env: { ...env, REDIS_PREFIX: t1.config.redisPrefix }, databaseUrl: t1.config.databaseUrl });
      // ADMIN_API_KEY is one key per database: the second start replaced the first's, so every
      // request below carries the second's.
      await seed(t2, codes);
    });

    afterAll(async () => {
      await t2?.close();
      await t1?.close();
      await smtp.close();
    });

    it('should run one sweep and send one e-mail per unit when both schedulers tick at the same instant', async () => {
      for (const t of [t1!, t2!]) t.clock.travelTo(new Date(THURSDAY));
      // An hour no start-up tick used, so that the sweep of this tick has not run yet.
      const at = Date.now() + 1000 * 3600 * 1000;
      const tick = Math.floor(at / (3600 * 1000));
      await Promise.all([t1!, t2!].map((t) => t.app.get(ReminderScheduler).tick(at)));
      const sent = await waitUntilAllSent(t2!, codes.length);
      expect(new Set(keysOf(sent)).size).toBe(codes.length);
      expect(sent.every((item) => item.kind === 'before_due' && item.step === 3)).toBe(true);

      const queue = t1!.app.get<Queue>(getQueueToken(QUEUES.reminders));
      const jobs = await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed']);
      const sweeps = jobs.filter((job) => job.name === 'reminders.sweep' && (job.data as { tick: number }).tick === tick);
      expect(sweeps).toHaveLength(1);
      expect(await sweeps[0].getState()).toBe('completed');
      expect((sweeps[0].returnvalue as { created: number }).created).toBe(codes.length);

      await pause(500);
      expect(smtp.mails).toHaveLength(codes.length);
      expect(
        mailCountsByUnit(
          smtp.mails.map((mail) => mail.envelopeTo),
          codes,
        ),
      ).toEqual(Object.fromEntries(codes.map((code) => [code, 1])));
    });

    it('should record and send each reminder once when POST /reminders/run runs on both at once', async () => {
      for (const t of [t1!, t2!]) t.clock.travelTo(new Date(MONDAY));
      const runs = await Promise.all([t1!, t2!, t1!, t2!].map((t) => t.request<{ reminders: ReminderItem[] }>('POST', '/api/v1/reminders/run', { key: t2!.adminKey })));
      expect(runs.map((run) => run.status)).toEqual([200, 200, 200, 200]);
      const recorded = runs.flatMap((run) => run.body.reminders);
      expect(recorded).toHaveLength(codes.length);
      expect(new Set(recorded.map((reminder) => reminder.unitId)).size).toBe(codes.length);
      const all = await waitUntilAllSent(t2!, 2 * codes.length);
      expect(new Set(keysOf(all)).size).toBe(2 * codes.length);

      await pause(500);
      expect(smtp.mails).toHaveLength(2 * codes.length);
      expect(
        mailCountsByUnit(
          smtp.mails.map((mail) => mail.envelopeTo),
          codes,
        ),
      ).toEqual(Object.fromEntries(codes.map((code) => [code, 2])));
    });
  });

  describe('after Redis lost every queued job', () => {
    const codes = ['XA-DAKPNE', 'XA-DAKKOI', 'XA-DAKRUONG'];
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    let smtp: TestSmtpServer;
    let redisDir: string;
    let redis: RunningRedis;
    let database: { url: string; drop: () => Promise<void> };
    let api: TestApp | undefined;
    let worker: TestApp | undefined;
    const prefix = uniqueName('gbflush');

    beforeAll(async () => {
      smtp = await startSmtpServer();
      redisDir = mkdtempSync(join(tmpdir(), 'giaoban-flush-'));
      // A Redis of this test's own: FLUSHALL on the shared one would break the other test files.
      redis = await startLocalRedis(redisDir, quiet);
      database = await createTestDatabase();
    });

    afterAll(async () => {
      await api?.close();
      await worker?.close();
      await database.drop();
      await redis.stop();
      rmSync(redisDir, { recursive: true, force: true });
      await smtp.close();
    });

    it('should send every reminder exactly once when a later sweep finds them still queued', async () => {
      // An api-only instance records and enqueues; no worker runs while Redis is flushed.
      api = await startTestApp({
        databaseUrl: database.url,
        redisUrl: redis.url,
        env: { ROLE: 'api', REDIS_PREFIX: prefix, SMTP_URL: smtp.url, CLOCK_START: BEFORE_ANYTHING_IS_DUE },
      });
      await seed(api, codes);
      api.clock.travelTo(new Date(THURSDAY));
      const run = await api.request('POST', '/api/v1/reminders/run');
      expect(run.body.reminders).toHaveLength(codes.length);
      const enqueuedBy = api.clock.now();
      const counts = await api.app.get<Queue>(getQueueToken(QUEUES.reminders)).getJobCounts('waiting');
      expect(counts.waiting).toBe(codes.length);

      const client = new Redis(redis.url);
      try {
        await client.flushall();
        expect(await client.dbsize()).toBe(0);
      } finally {
        client.disconnect();
      }
      await api.close();
      api = undefined;

      // The worker's clock starts a minute before the reminders were enqueued, so that its
      // start-up sweep finds nothing stale yet: what the worker sends below, the sweep enqueued again.
      worker = await startTestApp({
        databaseUrl: database.url,
        redisUrl: redis.url,
        env: {
          ROLE: 'all',
          REDIS_PREFIX: prefix,
          SMTP_URL: smtp.url,
          CLOCK_START: new Date(enqueuedBy.getTime() - 60_000).toISOString(),
          MAIL_RETRY_DELAY_MS: '100',
          REMINDER_SWEEP_INTERVAL_SECONDS: '3600',
          REMINDER_REQUEUE_AFTER_SECONDS: '1',
        },
      });
      await pause(1000);
      expect(smtp.mails).toHaveLength(0);
      expect((await allReminders(worker)).map((item) => item.status)).toEqual(codes.map(() => 'queued'));

      worker.clock.travelTo(new Date(enqueuedBy.getTime() + 2000));
      const sweep = await worker.app.get(ReminderSweepService).sweep();
      expect(sweep).toEqual({ created: [], requeued: codes.length });
      const sent = await waitUntilAllSent(worker, codes.length);
      expect(new Set(keysOf(sent)).size).toBe(codes.length);

      // Later sweeps find nothing left to enqueue, and nothing goes out twice.
      worker.clock.advance(5000);
      expect(await worker.app.get(ReminderSweepService).sweep()).toEqual({ created: [], requeued: 0 });
      await pause(500);
      expect(smtp.mails).toHaveLength(codes.length);
      expect(
        mailCountsByUnit(
          smtp.mails.map((mail) => mail.envelopeTo),
          codes,
        ),
      ).toEqual(Object.fromEntries(codes.map((code) => [code, 1])));
    });
  });

  describe('a worker process killed in the middle of a batch', () => {
    const codes = Array.from({ length: 40 }, (_, i) => `XA-${String(i + 1).padStart(2, '0')}`);
    const redisUrl = requiredEnv('REDIS_URL');
    const prefix = uniqueName('gbkill');
    const children: Array<{ process: ChildProcess; output: () => string; exited: Promise<unknown> }> = [];
    let smtp: SlowSmtpServer;
    let seeder: TestApp;
    let dataDir: string;

    beforeAll(async () => {
      // 250 ms per message: a mail whose SMTP answer came back has that long to be recorded before
      // the next is accepted. At 100 ms a loaded CI machine once left two such mails unrecorded
      // at the kill, and both were sent again.
      smtp = await startSlowSmtpServer(250);
      dataDir = mkdtempSync(join(tmpdir(), 'giaoban-kill-'));
      // The api role only: it seeds and answers GET /reminders, the children do the work.
      seeder = await startTestApp({ env: { ROLE: 'api', CLOCK_START: BEFORE_ANYTHING_IS_DUE } });
      await seed(seeder, codes);
    });

    afterAll(async () => {
      for (const child of children) {
        if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
        await child.exited;
      }
      await seeder?.close();
      await deleteRedisPrefix(redisUrl, prefix);
      rmSync(dataDir, { recursive: true, force: true });
      await smtp?.close();
    });

    function startWorker(): (typeof children)[number] {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: 'C.UTF-8',
        ROLE: 'worker',
        DATA_DIR: dataDir,
        DATABASE_URL: seeder.config.databaseUrl,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: prefix,
        SMTP_URL: smtp.url,
        CLOCK_START: THURSDAY,
        REMINDER_SWEEP_INTERVAL_SECONDS: '1',
        REMINDER_REQUEUE_AFTER_SECONDS: '2',
        MAIL_RETRY_DELAY_MS: '200',
        LOG_LEVEL: 'warn',
      };
      const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const started = { process: child, output: () => output, exited };
      children.push(started);
      return started;
    }

    it('should send every digest after a restart, a second time to at most the one unit in flight', async () => {
      const first = startWorker();
      const killed = new Promise<void>((resolve) => {
        smtp.onAccepted = (count) => {
          if (count !== 10) return;
          first.process.kill('SIGKILL');
          resolve();
        };
      });
      await Promise.race([killed, first.exited.then(() => Promise.reject(new Error(`the first worker exited early:\n${first.output()}`)))]);
      await first.exited;
      expect(first.process.signalCode).toBe('SIGKILL');
      expect(smtp.mails.length).toBeGreaterThanOrEqual(10);
      expect(smtp.mails.length).toBeLessThan(codes.length);

      const second = startWorker();
      const sent = await waitUntilAllSent(seeder, codes.length, 120_000).catch((error: Error) => {
        throw new Error(`${error.message}\nsecond worker output:\n${second.output()}`);
      });
      expect(new Set(keysOf(sent)).size).toBe(codes.length);
      // The jobs the first worker held run again once BullMQ finds them stalled (their locks
      // expire); every mail is counted only after no send job is left to run.
      const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const queue = new Queue(QUEUES.reminders, { connection, prefix });
      try {
        await waitFor(
          async () => (await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized'])).filter((job) => job.name === 'reminders.send').length,
          (pending) => pending === 0,
          'no send job left',
          120_000,
        );
      } finally {
        await queue.close();
        connection.disconnect();
      }
      await pause(1000);

      const counts = mailCountsByUnit(smtp.mails, codes);
      expect(Object.entries(counts).filter(([, count]) => count === 0)).toEqual([]);
      expect(Object.entries(counts).filter(([, count]) => count > 2)).toEqual([]);
      expect(Object.entries(counts).filter(([, count]) => count === 2).length).toBeLessThanOrEqual(1);
      expect(smtp.mails.length).toBeLessThanOrEqual(codes.length + 1);
    }, 300_000);
  });
});

interface SlowSmtpServer {
  url: string;
  // The recipients of each accepted message.
  mails: string[][];
  // Called after each message is accepted, with how many were.
  onAccepted?: (count: number) => void;
  close(): Promise<void>;
}

// A slow SMTP server: it takes one message at a time, each for delayMs before it answers. A
// message whose client went away before the answer is not delivered (the client never learnt
// it was), so only a message accepted just before its sender died can arrive twice.
async function startSlowSmtpServer(delayMs: number): Promise<SlowSmtpServer> {
  const closedSessions = new Set<string>();
  let turn = Promise.resolve();
  const slow: SlowSmtpServer = { url: '', mails: [], close: () => Promise.resolve() };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      stream.on('error', () => undefined);
      stream.resume();
      stream.on('end', () => {
        turn = turn.then(async () => {
          if (closedSessions.has(session.id)) return callback(new Error('the client went away'));
          await pause(delayMs);
          if (closedSessions.has(session.id)) return callback(new Error('the client went away'));
          slow.mails.push(session.envelope.rcptTo.map((rcpt) => rcpt.address));
          callback();
          slow.onAccepted?.(slow.mails.length);
        });
      });
    },
  });
  // The killed worker's connections can end with a reset in the middle of a message, which the
  // server reports as an 'error' event: expected here, and fatal to the suite if unhandled.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  slow.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  slow.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return slow;
}
