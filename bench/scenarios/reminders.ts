import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionOptions, Queue } from 'bullmq';
import { Client } from 'pg';
import { freePort } from '../../src/infra/ports';
import { QUEUES } from '../../src/infra/queue/jobs';
import { redisOptions } from '../../src/infra/redis/redis-options';
import { SMTP_POOL_DEFAULTS } from '../../src/infra/mail/mail-transport';
import { senderAddress } from '../../src/mail/mail-transport.provider';
import { renderDigest } from '../../src/reminders/digest/render-digest';
import { DEFAULT_REMINDER_POLICY } from '../../src/reminders/reminder-policy';
import { horizonDays } from '../../src/reminders/reminder-sweep.service';
import { REMINDER_SEND_CONCURRENCY } from '../../src/reminders/reminders.processor';
import { OPEN_ITEMS_SQL } from '../../src/reminders/reminders.repository';
import { BenchContext, metric, MetricRow, Scenario, ScenarioResult } from '../scenario';
import { ChildServer, startChildServer } from '../servers/child-server';
import { BaselineMail, RunningSink, sendWithNodemailer, SinkStats, startSmtpSink } from '../servers/smtp-sink';
import { processCpuMs } from '../support/process-cpu';
import { BENCH_CLOCK_START, BENCH_REMINDERS, FIRST_TASK_DUE_AT, REPORT_DUE_AT, seedReminders, SeededReminders } from '../support/seed-reminders';

const UNITS = BENCH_REMINDERS.units;
// Every unit owes its report and every task: the planner's input rows.
const OPEN_ITEMS = UNITS * (BENCH_REMINDERS.tasks + 1);
const SWEEP_RUNS = 3;
const SWEEP_TARGET = { atMost: 5 };
const DELIVERY_TARGET = { atLeast: 0.5 };
// The reminders processor's concurrency: the baseline keeps as many sendMail calls in flight;
// either way nodemailer's pool (the service's size, SMTP_POOL_DEFAULTS) queues the rest.
const SENDER_CONCURRENCY = REMINDER_SEND_CONCURRENCY;
const POOL = SMTP_POOL_DEFAULTS;
const REQUEST_TIMEOUT_MS = 300_000;
const DELIVERY_TIMEOUT_MS = 900_000;
const POLL_MS = 25;
// Both sides' messages must be of the same size, or the comparison is not of the same work.
const SIZE_TOLERANCE = 0.1;
// Long enough that the worker's cron never ticks again during the run (it ticks once at start-up).
const SWEEP_INTERVAL_SECONDS = 86_400;
// The start-up tick's sweep must plan nothing: with sendAt at 23:59 the morning is outside the
// send window. The policy goes back to the defaults (NULL) once that sweep has run.
const GATE_POLICY = { sendAt: '23:59' };
const PORTAL_BASE_URL = 'https://giaoban.konray.gov.vn';
// A link as long as the service's (a 43-character token), so that both sides send the same bytes.
const BASELINE_PORTAL_URL = `${PORTAL_BASE_URL}/portal/${'A'.repeat(43)}`;
// The service's pool names its connections so (src/infra/database/data-source-options.ts).
const SERVICE_APPLICATION_NAME = 'giao-ban';

interface RunningService extends ChildServer {
  baseUrl: string;
  apiKey: string;
  // The service's clock now (CLOCK_START moved on by the time since the child started).
  clockNow(): Date;
}

interface PlannedBody {
  dryRun: boolean;
  reminders: Array<{ unitId: string; kind: string; step: number; items: unknown[] }>;
}

interface SweepTiming {
  medianMs: number;
  samplesMs: number[];
}

interface DeliveryRun {
  side: 'service' | 'baseline';
  round: number;
  messages: number;
  bytes: number;
  // From the trigger (POST /reminders/run, or the first sendMail) to the sink accepting the last message.
  seconds: number;
  mailsPerSecond: number;
  firstMailMs: number | null;
  // The service only: how long POST /reminders/run took to answer (sweep, records, enqueue, response).
  runRequestMs?: number;
  // CPU of the sending process (the service: sweep and sends together) per message.
  cpuMsPerMail: number | null;
  sinkCpuMsPerMail: number | null;
  // The service only: database transactions committed per message (pg_stat_database), and CPU of
  // the PostgreSQL backends serving the service per message (approximate: a backend that ends
  // during the run is not counted).
  transactionsPerMail?: number;
  databaseCpuMsPerMail?: number;
}

// Reminder e-mail end to end: the sweep that plans 10,000 digests against the query that reads
// what it plans from, and the delivery of those digests to a local SMTP server against nodemailer
// alone sending messages of the same size to the same server.
export const remindersScenario: Scenario = {
  name: 'reminders',
  description:
    `reminder sweep (POST /reminders/run?dryRun=true) over ${UNITS.toLocaleString('en')} units × ${BENCH_REMINDERS.tasks} assignments vs its open-items query through plain pg; ` +
    `delivery of ${UNITS.toLocaleString('en')} digests (sweep to accepted by a local SMTP sink) vs nodemailer alone sending as many messages to the same sink`,

  async run(context: BenchContext): Promise<ScenarioResult> {
    context.log(`seeding ${UNITS} units, ${BENCH_REMINDERS.tasks} tasks × every unit`);
    const seedStarted = Date.now();
    const seeded = await seedReminders(context.databaseUrl, BENCH_REMINDERS);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    context.log(`seeded in ${seedSeconds.toFixed(1)} s`);

    const client = new Client({ connectionString: context.databaseUrl, application_name: 'giao-ban-bench-baseline' });
    await client.connect();
    context.onCleanup(() => client.end());
    await client.query('UPDATE reminder_policy SET policy = $1 WHERE id = 1', [JSON.stringify(GATE_POLICY)]);
    // Every digest carries the unit's own portal link: the sweep stores its hash with the reminder,
    // the send derives it from the reminder's id.
    await client.query('UPDATE settings SET portal_base_url = $1 WHERE id = 1', [PORTAL_BASE_URL]);

    const sink = await startSmtpSink();
    context.onCleanup(() => sink.stop());
    const service = await startService(context, sink.smtpUrl);
    context.onCleanup(() => service.stop());
    context.log(`service pid ${service.pid} on ${service.baseUrl} (ROLE=all, CLOCK_START=${BENCH_CLOCK_START}), SMTP sink pid ${sink.pid} on ${sink.smtpUrl}`);
    await waitForStartupSweep(context);
    await client.query('UPDATE reminder_policy SET policy = NULL WHERE id = 1');

    const sweep = await measureSweep(context, service, client);
    const delivery = await measureDelivery(context, service, sink, client, seeded).catch((error: Error) => {
      // What the service logged (failed attempts are warnings) says why.
      throw new Error(`${error.message}\n--- the service's last output ---\n${service.output() || '(none)'}`, { cause: error });
    });

    const bestService = best(delivery.runs, 'service');
    const bestBaseline = best(delivery.runs, 'baseline');
    const realRunMs = Math.min(...delivery.runs.flatMap((run) => (run.runRequestMs === undefined ? [] : [run.runRequestMs])));
    const metrics: MetricRow[] = [
      metric({ name: 'sweep (dry run) median', unit: 'ms', service: sweep.service.medianMs, baseline: sweep.sql.medianMs, target: SWEEP_TARGET }),
      metric({ name: 'sweep (real run, POST) best', unit: 'ms', service: realRunMs, baseline: sweep.sql.medianMs, target: null }),
      metric({ name: 'delivery', unit: 'mails/s', service: bestService.mailsPerSecond, baseline: bestBaseline.mailsPerSecond, target: DELIVERY_TARGET }),
    ];
    if (bestService.cpuMsPerMail !== null && bestBaseline.cpuMsPerMail !== null) {
      metrics.push(metric({ name: 'sender CPU per mail', unit: 'ms', service: bestService.cpuMsPerMail, baseline: bestBaseline.cpuMsPerMail, target: null }));
    }
    const notes = [
      `${UNITS.toLocaleString('en')} active units (2 addresses each), period 2024 Q2 with the report due ${REPORT_DUE_AT}, ${BENCH_REMINDERS.tasks} tasks × every unit ` +
        `(${(UNITS * BENCH_REMINDERS.tasks).toLocaleString('en')} open assignments due from ${FIRST_TASK_DUE_AT} every 30 minutes), no report submitted, default reminder policy ` +
        `(seeded in ${seedSeconds.toFixed(1)} s); service clock CLOCK_START=${BENCH_CLOCK_START}, so every unit has one due_today digest of ${BENCH_REMINDERS.tasks + 1} items`,
      `service: node dist/src/main.js in a child, ROLE=all, LOG_LEVEL=warn, SMTP_URL=the sink, REMINDER_SWEEP_INTERVAL_SECONDS=${SWEEP_INTERVAL_SECONDS} ` +
        `(its start-up sweep ran with sendAt 23:59 and planned nothing; the policy was then reset to the defaults)`,
      `sweep: 1 checked warm-up + ${SWEEP_RUNS} timed POST /api/v1/reminders/run?dryRun=true (plans, writes nothing; time includes reading the ` +
        `${(sweep.responseBytes / 1e6).toFixed(1)} MB answer) alternating with the open-items SQL of RemindersRepository.openItems (${OPEN_ITEMS.toLocaleString('en')} rows) ` +
        `through one plain pg Client, same parameters; medians. The real-run row is POST /api/v1/reminders/run as the delivery timed it (plan, insert ${UNITS.toLocaleString('en')} reminders with their links' hashes, enqueue, answer with what was recorded)`,
      `sweep query: EXPLAIN ${sweep.explain}`,
      `delivery: SMTP sink (smtp-server on 127.0.0.1, no AUTH/STARTTLS, no reverse lookup, counts messages and bytes without parsing) in its own child process; ` +
        `service timed from POST /api/v1/reminders/run to the sink accepting the ${UNITS.toLocaleString('en')}th message (worker: BullMQ concurrency ${SENDER_CONCURRENCY}, the sweep stores the hash of each reminder's portal link with the reminder, each send derives the link from the reminder's id and locks the reminder, reads its digest facts and checks the link in one statement, renders, hands the message to the SMTP worker thread (nodemailer, pooled), marks sent); ` +
        `baseline: nodemailer alone in its own child process, the same transport (SMTP_URL + pool=true: ${POOL.maxConnections} connections, ${POOL.maxMessages} messages each), ` +
        `${SENDER_CONCURRENCY} sendMail calls in flight, one digest rendered with renderDigest sent to each unit's addresses, timed from the first sendMail to the sink accepting the last`,
      `message size as received: service ${Math.round(delivery.serviceBytesPerMail)} bytes, baseline ${Math.round(delivery.baselineBytesPerMail)} bytes per message`,
      `${context.settings.rounds} delivery round(s) per side, alternating, the best of each counts: ` +
        delivery.runs
          .map(
            (run) =>
              `${run.side} ${run.mailsPerSecond.toFixed(0)} mails/s (${run.seconds.toFixed(1)} s${run.runRequestMs === undefined ? '' : `, POST answered in ${(run.runRequestMs / 1000).toFixed(1)} s`}` +
              `${run.cpuMsPerMail === null ? '' : `, sender CPU ${run.cpuMsPerMail.toFixed(2)} ms/mail`}${run.sinkCpuMsPerMail === null ? '' : `, sink CPU ${run.sinkCpuMsPerMail.toFixed(2)} ms/mail`}` +
              `${run.transactionsPerMail === undefined ? '' : `, ~${run.transactionsPerMail.toFixed(1)} DB transactions/mail`}` +
              `${run.databaseCpuMsPerMail === undefined ? '' : `, PostgreSQL backends ~${run.databaseCpuMsPerMail.toFixed(2)} ms CPU/mail`}` +
              `${run.firstMailMs === null ? '' : `, first mail after ${(run.firstMailMs / 1000).toFixed(1)} s`})`,
          )
          .join('; '),
    ];
    return { metrics, notes, details: { seedSeconds, sweep, delivery } };
  },
};

// --- the service ---------------------------------------------------------------------------

// As servers/service-server.ts, with the worker, the sink and the bench clock (that helper takes
// no extra environment).
async function startService(context: BenchContext, smtpUrl: string): Promise<RunningService> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'giaoban-bench-service-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const apiKey = `gb_bench_${randomBytes(24).toString('base64url')}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ROLE: 'all',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: context.databaseUrl,
    REDIS_URL: context.redisUrl,
    REDIS_PREFIX: context.redisPrefix,
    ADMIN_API_KEY: apiKey,
    LOG_LEVEL: 'warn',
    SMTP_URL: smtpUrl,
    CLOCK_START: BENCH_CLOCK_START,
    REMINDER_SWEEP_INTERVAL_SECONDS: String(SWEEP_INTERVAL_SECONDS),
  };
  const startedAt = Date.now();
  try {
    const server = await startChildServer({ name: 'service', script: join(context.rootDir, 'dist', 'src', 'main.js'), env, readyUrl: `${baseUrl}/health` });
    return {
      ...server,
      baseUrl,
      apiKey,
      clockNow: () => new Date(Date.parse(BENCH_CLOCK_START) + Date.now() - startedAt),
      stop: async () => {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

// The worker enqueues a sweep when it starts; wait until it has run (it plans nothing, see GATE_POLICY).
async function waitForStartupSweep(context: BenchContext): Promise<void> {
  const queue = new Queue(QUEUES.reminders, { connection: redisOptions(context.redisUrl) as ConnectionOptions, prefix: context.redisPrefix });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [completed, failed] = await Promise.all([queue.getJobs(['completed']), queue.getJobs(['failed'])]);
      if (failed.some((job) => job.name === 'reminders.sweep')) throw new Error('the start-up reminder sweep failed; see the service output');
      if (completed.some((job) => job.name === 'reminders.sweep')) return;
      if (Date.now() > deadline) throw new Error('the start-up reminder sweep did not finish within 60 s');
      await sleep(100);
    }
  } finally {
    await queue.close();
  }
}

async function postRun(service: RunningService, dryRun: boolean): Promise<{ body: PlannedBody; bytes: number }> {
  const response = await fetch(`${service.baseUrl}/api/v1/reminders/run${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.apiKey}` },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST /api/v1/reminders/run (dryRun=${dryRun}) answered ${response.status}: ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as PlannedBody, bytes: Buffer.byteLength(text) };
}

// Every unit gets one due_today digest listing its report and every task.
function checkPlanned(body: PlannedBody, what: string): void {
  const units = new Set(body.reminders.map((reminder) => reminder.unitId));
  const wrong = body.reminders.find((reminder) => reminder.kind !== 'due_today' || reminder.step !== 0 || reminder.items.length !== BENCH_REMINDERS.tasks + 1);
  if (body.reminders.length !== UNITS || units.size !== UNITS || wrong) {
    throw new Error(
      `${what}: ${body.reminders.length} reminders for ${units.size} units${wrong ? `, e.g. ${wrong.kind} step ${wrong.step} with ${wrong.items.length} items` : ''}; ` +
        `expected ${UNITS} due_today digests of ${BENCH_REMINDERS.tasks + 1} items`,
    );
  }
}

// --- the sweep -----------------------------------------------------------------------------

async function measureSweep(
  context: BenchContext,
  service: RunningService,
  client: Client,
): Promise<{ service: SweepTiming; sql: SweepTiming; responseBytes: number; explain: string }> {
  const horizon = horizonDays(DEFAULT_REMINDER_POLICY);
  const query = () => client.query(OPEN_ITEMS_SQL, [service.clockNow(), horizon]);
  const planned = await postRun(service, true);
  checkPlanned(planned.body, 'dry run');
  const { rowCount } = await query();
  if (rowCount !== OPEN_ITEMS) throw new Error(`the open-items query returned ${rowCount} rows; expected ${OPEN_ITEMS}`);
  const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${OPEN_ITEMS_SQL}`, [service.clockNow(), horizon]);
  const planText = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
  const explain = `execution ${/Execution Time: ([\d.]+) ms/.exec(planText)?.[1] ?? 'n/a'} ms, planning ${/Planning Time: ([\d.]+) ms/.exec(planText)?.[1] ?? 'n/a'} ms`;

  // The checked calls above were each side's warm-up.
  const samples = { service: [] as number[], sql: [] as number[] };
  for (let i = 0; i < SWEEP_RUNS; i++) {
    samples.service.push(await timed(() => postRun(service, true)));
    samples.sql.push(await timed(query));
  }
  const result = { service: summarize(samples.service), sql: summarize(samples.sql), responseBytes: planned.bytes, explain };
  context.log(`sweep: dry run median ${result.service.medianMs.toFixed(0)} ms vs open-items query ${result.sql.medianMs.toFixed(0)} ms`);
  return result;
}

// --- the delivery --------------------------------------------------------------------------

async function measureDelivery(
  context: BenchContext,
  service: RunningService,
  sink: RunningSink,
  client: Client,
  seeded: SeededReminders,
): Promise<{ runs: DeliveryRun[]; serviceBytesPerMail: number; baselineBytesPerMail: number }> {
  const workDir = await mkdtemp(join(tmpdir(), 'giaoban-bench-mail-'));
  context.onCleanup(() => rm(workDir, { recursive: true, force: true }));
  const senders = new AbortController();
  context.onCleanup(() => Promise.resolve(senders.abort()));
  const mailFile = join(workDir, 'baseline-mail.json');
  await writeFile(mailFile, JSON.stringify(await baselineMail(client, seeded)));

  const runs: DeliveryRun[] = [];
  for (let round = 1; round <= context.settings.rounds; round++) {
    const order = round % 2 === 1 ? (['baseline', 'service'] as const) : (['service', 'baseline'] as const);
    for (const side of order) {
      const run = side === 'service' ? await deliverWithService(service, sink, client, round) : await deliverWithNodemailer(sink, mailFile, round, senders.signal);
      context.log(
        `delivery round ${round}, ${side}: ${run.mailsPerSecond.toFixed(0)} mails/s (${run.seconds.toFixed(1)} s, ${Math.round(run.bytes / run.messages)} bytes per message)`,
      );
      runs.push(run);
    }
  }
  const perMail = (side: DeliveryRun['side']) => {
    const ofSide = runs.filter((run) => run.side === side);
    return ofSide.reduce((sum, run) => sum + run.bytes, 0) / ofSide.reduce((sum, run) => sum + run.messages, 0);
  };
  const serviceBytesPerMail = perMail('service');
  const baselineBytesPerMail = perMail('baseline');
  if (Math.abs(serviceBytesPerMail / baselineBytesPerMail - 1) > SIZE_TOLERANCE) {
    throw new Error(`the service's messages average ${serviceBytesPerMail.toFixed(0)} bytes and the baseline's ${baselineBytesPerMail.toFixed(0)}; the comparison would be unfair`);
  }
  return { runs, serviceBytesPerMail, baselineBytesPerMail };
}

// One real sweep through the API; the worker of the same process sends what it enqueued.
async function deliverWithService(service: RunningService, sink: RunningSink, client: Client, round: number): Promise<DeliveryRun> {
  await client.query('DELETE FROM reminders');
  await sink.reset();
  const transactionsBefore = await committedTransactions(client);
  const databaseCpuBefore = await backendCpu(client);
  const cpuBefore = processCpuMs(service.pid);
  const sinkCpuBefore = processCpuMs(sink.pid);
  const startedAt = Date.now();
  let runRequestMs = 0;
  const request = postRun(service, false).then((answer) => {
    runRequestMs = Date.now() - startedAt;
    return answer;
  });
  // The request fails fast if the sweep fails; the sink is watched meanwhile.
  const [answer, stats] = await Promise.all([request, waitForMessages(sink, UNITS, () => sentSummary(client))]);
  checkPlanned(answer.body, 'real run');
  await waitForAllSent(client);
  const cpuAfter = processCpuMs(service.pid);
  const sinkCpuAfter = processCpuMs(sink.pid);
  const databaseCpuAfter = await backendCpu(client);
  const after = await sink.stats();
  if (after.messages !== UNITS) throw new Error(`the sink accepted ${after.messages} messages from the service; expected ${UNITS}`);
  // pg_stat_database is flushed by backends at most once a second.
  await sleep(1_500);
  const transactionsAfter = await committedTransactions(client);
  return {
    ...deliveryFigures('service', round, stats, startedAt, cpuBefore, cpuAfter, sinkCpuBefore, sinkCpuAfter),
    runRequestMs,
    transactionsPerMail: (transactionsAfter - transactionsBefore) / UNITS,
    databaseCpuMsPerMail: databaseCpuSpent(databaseCpuBefore, databaseCpuAfter) / UNITS,
  };
}

async function deliverWithNodemailer(sink: RunningSink, mailFile: string, round: number, signal: AbortSignal): Promise<DeliveryRun> {
  await sink.reset();
  const sinkCpuBefore = processCpuMs(sink.pid);
  const result = await sendWithNodemailer(sink.smtpUrl, mailFile, DELIVERY_TIMEOUT_MS, signal);
  if (result.failed > 0) throw new Error(`the baseline sender failed ${result.failed} of ${result.failed + result.sent} messages: ${result.firstError}`);
  const stats = await waitForMessages(sink, UNITS, () => Promise.resolve(`${result.sent} sent by nodemailer`));
  const sinkCpuAfter = processCpuMs(sink.pid);
  const figures = deliveryFigures('baseline', round, stats, result.startedAt, null, null, sinkCpuBefore, sinkCpuAfter);
  return { ...figures, cpuMsPerMail: result.cpuMs / UNITS };
}

function deliveryFigures(
  side: DeliveryRun['side'],
  round: number,
  stats: SinkStats,
  startedAt: number,
  cpuBefore: number | null,
  cpuAfter: number | null,
  sinkCpuBefore: number | null,
  sinkCpuAfter: number | null,
): DeliveryRun {
  const seconds = ((stats.lastAt ?? startedAt) - startedAt) / 1000;
  return {
    side,
    round,
    messages: stats.messages,
    bytes: stats.bytes,
    seconds,
    mailsPerSecond: stats.messages / seconds,
    firstMailMs: stats.firstAt === null ? null : stats.firstAt - startedAt,
    cpuMsPerMail: cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / stats.messages : null,
    sinkCpuMsPerMail: sinkCpuBefore !== null && sinkCpuAfter !== null ? (sinkCpuAfter - sinkCpuBefore) / stats.messages : null,
  };
}

// Polls the sink until it has accepted `count` messages; its stats say when the last one was.
async function waitForMessages(sink: RunningSink, count: number, progress: () => Promise<string>): Promise<SinkStats> {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  for (;;) {
    const stats = await sink.stats();
    if (stats.messages >= count) return stats;
    if (Date.now() > deadline) throw new Error(`the sink accepted ${stats.messages} of ${count} messages within ${DELIVERY_TIMEOUT_MS / 1000} s (${await progress()})`);
    await sleep(POLL_MS);
  }
}

// markSent follows the SMTP answer; the next round starts from a quiet service.
async function waitForAllSent(client: Client): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await client.query<{ sent: number; other: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status <> 'sent' OR attempts <> 1)::int AS other FROM reminders`,
    );
    if (rows[0].other > 0) throw new Error(`reminders not sent at the first attempt: ${await sentSummary(client)}`);
    if (rows[0].sent === UNITS) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0].sent} reminders marked sent 60 s after the sink had them all`);
    await sleep(100);
  }
}

async function sentSummary(client: Client): Promise<string> {
  const { rows } = await client.query<{ status: string; count: number; error: string | null }>(
    'SELECT status, count(*)::int AS count, max(last_error) AS error FROM reminders GROUP BY status ORDER BY status',
  );
  return rows.map((row) => `${row.count} ${row.status}${row.error ? ` (${row.error.slice(0, 200)})` : ''}`).join(', ') || 'no reminders recorded';
}

// CPU time so far of each PostgreSQL backend serving the service (its pool's application_name).
async function backendCpu(client: Client): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [SERVICE_APPLICATION_NAME]);
  return new Map(
    rows.flatMap((row) => {
      const cpuMs = processCpuMs(row.pid);
      return cpuMs === null ? [] : [[row.pid, cpuMs] as const];
    }),
  );
}

// A backend that started during the run spent all its CPU in it.
function databaseCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, cpuMs] of after) spent += cpuMs - (before.get(pid) ?? 0);
  return spent;
}

async function committedTransactions(client: Client): Promise<number> {
  const { rows } = await client.query<{ xact_commit: string }>('SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0].xact_commit);
}

// What the sender renders for the first unit at the bench clock (see ReminderSenderService.model),
// sent by the baseline to every unit's addresses.
async function baselineMail(client: Client, seeded: SeededReminders): Promise<BaselineMail> {
  const units = await client.query<{ code: string; name: string; emails: string[] }>('SELECT code, name, emails FROM units ORDER BY code');
  const tasks = await client.query<{ title: string; due_at: Date; role: 'lead' | 'support' }>(
    `SELECT t.title, a.due_at, a.role FROM assignments a JOIN tasks t ON t.id = a.task_id
     WHERE a.period_id = $1 AND a.unit_id = (SELECT id FROM units ORDER BY code LIMIT 1) ORDER BY a.due_at, t.title`,
    [seeded.periodId],
  );
  const settings = await client.query<{ committee_name: string | null; secretariat_name: string | null; secretariat_email: string | null; program_name: string | null }>(
    'SELECT committee_name, secretariat_name, secretariat_email, program_name FROM settings WHERE id = 1',
  );
  const unit = units.rows[0];
  const setting = settings.rows[0];
  const rendered = renderDigest({
    kind: 'due_today',
    step: 0,
    unit: { code: unit.code, name: unit.name },
    period: { year: seeded.year, quarter: seeded.quarter },
    committeeName: setting.committee_name,
    secretariatName: setting.secretariat_name,
    secretariatEmail: setting.secretariat_email,
    programName: setting.program_name,
    timeZone: DEFAULT_REMINDER_POLICY.timezone,
    now: new Date(BENCH_CLOCK_START),
    anchorDueAt: tasks.rows[0].due_at,
    workingDaysLeft: 0,
    report: { dueAt: new Date(REPORT_DUE_AT), status: 'missing', reviewComment: null },
    tasks: tasks.rows.map((task) => ({ title: task.title, dueAt: task.due_at, role: task.role, state: 'in_progress_on_time' as const })),
    portalUrl: BASELINE_PORTAL_URL,
  });
  return {
    from: senderAddress({ secretariatName: setting.secretariat_name, secretariatEmail: setting.secretariat_email }),
    ...rendered,
    recipients: units.rows.map((row) => row.emails),
    concurrency: SENDER_CONCURRENCY,
  };
}

// --- helpers -------------------------------------------------------------------------------

function best(runs: DeliveryRun[], side: DeliveryRun['side']): DeliveryRun {
  return runs.filter((run) => run.side === side).reduce((top, run) => (run.mailsPerSecond > top.mailsPerSecond ? run : top));
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function summarize(samplesMs: number[]): SweepTiming {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return { medianMs: sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, samplesMs };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
