import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { aggregateSql } from '../../src/indicators/indicators.repository';
import { PERIOD_STATUS_SQL, periodIndicatorTotalsSql, SCORECARDS_SQL } from '../../src/progress/progress.sql';
import { BenchContext, metric, MetricRow, Scenario, ScenarioResult } from '../scenario';
import { startServiceServer } from '../servers/service-server';
import { BENCH_QUARTER, seedQuarter, SeededQuarter } from '../support/seed-quarter';

const WARMUP_REQUESTS = 3;
const TIMED_REQUESTS = 15;
const REQUEST_TIMEOUT_MS = 60_000;
// HTTP, authentication, validation, mapping the rows and writing the JSON on top of the query.
const LATENCY_TARGET = { atMost: 3 };
const SLOW_QUERY_MS = 1_000;
// The service's statement for the indicator table, built as ProgressRepository builds it.
const TOTALS_SQL = periodIndicatorTotalsSql(aggregateSql);
const COUNTED = new Set(['submitted', 'accepted']);

interface Endpoint {
  name: string;
  path: string;
  // The statement the service runs for this request and its parameters at the moment of asking.
  sql: string;
  params(): unknown[];
  // Throws when the service's answer or the baseline's rows are not the expected ones.
  check(body: unknown, rows: Array<Record<string, unknown>>): void;
}

interface Timing {
  medianMs: number;
  p90Ms: number;
  samplesMs: number[];
}

interface PlanSummary {
  planningMs: number | null;
  executionMs: number | null;
  buffers: string | null;
  indexes: string[];
  seqScans: string[];
  // Sorts that did not fit in work_mem, e.g. "external merge  Disk: 66336kB".
  spills: string[];
  jitMs: number | null;
  plan: string;
}

// The three read-only aggregates of a quarter, one request at a time: what the secretariat waits
// for when it opens the board, the indicator table or the scorecards.
export const progressScenario: Scenario = {
  name: 'progress',
  description:
    `GET /periods/:id/status, /periods/:id/indicators and /scorecards?year=2024&quarter=2 over ${BENCH_QUARTER.units.toLocaleString('en')} units ` +
    `(${(BENCH_QUARTER.units * BENCH_QUARTER.tasks).toLocaleString('en')} assignments, ${(BENCH_QUARTER.submissions * BENCH_QUARTER.indicators).toLocaleString('en')} report values), ` +
    'sequential requests vs the same SQL through a plain pg Client',

  async run(context: BenchContext): Promise<ScenarioResult> {
    context.log('seeding a quarter');
    const seedStarted = Date.now();
    const seeded = await seedQuarter(context.databaseUrl, { ...BENCH_QUARTER, now: new Date() });
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    context.log(`seeded in ${seedSeconds.toFixed(1)} s`);

    const apiKey = `gb_bench_${randomBytes(24).toString('base64url')}`;
    const service = await startServiceServer({
      rootDir: context.rootDir,
      databaseUrl: context.databaseUrl,
      redisUrl: context.redisUrl,
      redisPrefix: context.redisPrefix,
      adminApiKey: apiKey,
    });
    context.onCleanup(() => service.stop());
    const client = new Client({ connectionString: context.databaseUrl, application_name: 'giao-ban-bench-baseline' });
    await client.connect();
    context.onCleanup(() => client.end());
    context.log(`service pid ${service.pid} on ${service.baseUrl}`);

    const get = (path: string) => fetchJson(`${service.baseUrl}${path}`, apiKey);
    const metrics: MetricRow[] = [];
    const notes = [
      `${BENCH_QUARTER.units.toLocaleString('en')} units, ${BENCH_QUARTER.indicators} indicators (sum/avg/max/latest), ${BENCH_QUARTER.tasks} tasks × every unit; ` +
        `2024 Q2: ${BENCH_QUARTER.submissions.toLocaleString('en')} reports × ${BENCH_QUARTER.indicators} values, ${BENCH_QUARTER.reportExtensions} report extensions; ` +
        `2024 Q1: ${BENCH_QUARTER.previousQuarterSubmissions.toLocaleString('en')} reports, 2023 Q2: ${BENCH_QUARTER.lastYearSubmissions.toLocaleString('en')} reports (seeded in ${seedSeconds.toFixed(1)} s)`,
      `${WARMUP_REQUESTS} warm-up + ${TIMED_REQUESTS} timed requests per side, one at a time, alternating service and baseline; the service's time includes reading the whole body`,
      `baseline: the service's own statement (src/progress/progress.sql.ts) with the same parameters through one plain pg Client; ` +
        `target ratio ≤ ${LATENCY_TARGET.atMost}: HTTP, authentication, validation, mapping and JSON on top of the query should cost at most twice the query again`,
      'service: ROLE=api, LOG_LEVEL=warn, API key authentication (cached after the first request)',
    ];
    const details: Record<string, unknown> = { seedSeconds };

    for (const endpoint of endpoints(seeded)) {
      const [answer, rows] = await Promise.all([get(endpoint.path), client.query(endpoint.sql, endpoint.params()).then((result) => result.rows as Array<Record<string, unknown>>)]);
      endpoint.check(answer.body, rows);
      const plan = await explain(client, endpoint.sql, endpoint.params());
      context.log(`${endpoint.name}: ${answer.bytes} bytes of JSON, ${rows.length} rows; query ${formatMs(plan.executionMs)} executing, ${formatMs(plan.planningMs)} planning`);
      const { service: serviceTiming, baseline: baselineTiming } = await timeAlternately(
        () => get(endpoint.path).then(() => undefined),
        () => client.query(endpoint.sql, endpoint.params()).then(() => undefined),
      );
      context.log(`${endpoint.name}: median ${serviceTiming.medianMs.toFixed(1)} ms vs ${baselineTiming.medianMs.toFixed(1)} ms`);
      metrics.push(
        metric({ name: `${endpoint.name} median latency`, unit: 'ms', service: serviceTiming.medianMs, baseline: baselineTiming.medianMs, target: LATENCY_TARGET }),
        metric({ name: `${endpoint.name} p90 latency`, unit: 'ms', service: serviceTiming.p90Ms, baseline: baselineTiming.p90Ms, target: null }),
      );
      notes.push(
        `${endpoint.name}: GET ${endpoint.path.replace(seeded.periodId, ':id')} → ${answer.bytes.toLocaleString('en')} bytes of JSON from ${rows.length.toLocaleString('en')} rows; EXPLAIN ${describePlan(plan)}`,
      );
      if (plan.executionMs !== null && plan.executionMs > SLOW_QUERY_MS) {
        notes.push(
          `${endpoint.name}: the query takes ${formatMs(plan.executionMs)} (over ${SLOW_QUERY_MS} ms); see the sequential scans and spilled sorts above, and the plan in the JSON`,
        );
      }
      details[endpoint.name] = { responseBytes: answer.bytes, rows: rows.length, service: serviceTiming, baseline: baselineTiming, explain: plan };
    }
    return { metrics, notes, details };
  },
};

function endpoints(seeded: SeededQuarter): Endpoint[] {
  const { periodId, year, quarter } = seeded;
  return [
    {
      name: 'status',
      path: `/api/v1/periods/${periodId}/status`,
      sql: PERIOD_STATUS_SQL,
      params: () => [periodId, new Date()],
      check: (body, rows) => {
        const status = body as { period: { id: string }; units: unknown[]; totals: { units: number; submitted: number } };
        const submitted = rows.filter((row) => COUNTED.has(String(row.submission_status))).length;
        ensure(
          'status',
          status.period.id === periodId && status.totals.units === BENCH_QUARTER.units && status.units.length === BENCH_QUARTER.units,
          `period ${status.period.id}, totals.units ${status.totals.units}, ${status.units.length} units`,
        );
        ensure(
          'status',
          rows.length === BENCH_QUARTER.units && status.totals.submitted === submitted,
          `baseline ${rows.length} rows with ${submitted} submitted, service totals.submitted ${status.totals.submitted}`,
        );
      },
    },
    {
      name: 'indicators',
      path: `/api/v1/periods/${periodId}/indicators`,
      sql: TOTALS_SQL,
      params: () => [periodId],
      check: (body, rows) => {
        const table = body as Array<{ indicator: { code: string }; total: number | null; previousTotal: number | null; sameQuarterLastYear: number | null; byUnit: unknown[] }>;
        const current = rows.filter((row) => Number(row.year) === year && Number(row.quarter) === quarter);
        const reported = (current[0]?.by_unit as unknown[] | undefined)?.length ?? -1;
        ensure('indicators', table.length === BENCH_QUARTER.indicators, `${table.length} indicators`);
        ensure(
          'indicators',
          table.every((row) => row.total !== null && row.previousTotal !== null && row.sameQuarterLastYear !== null && row.byUnit.length === reported),
          `every indicator needs this quarter's, the previous quarter's and last year's totals and ${reported} unit values`,
        );
        ensure(
          'indicators',
          current.length === BENCH_QUARTER.indicators && rows.length === 3 * BENCH_QUARTER.indicators,
          `baseline ${rows.length} rows, ${current.length} of this quarter`,
        );
      },
    },
    {
      name: 'scorecards',
      path: `/api/v1/scorecards?year=${year}&quarter=${quarter}`,
      sql: SCORECARDS_SQL,
      params: () => [year, quarter, new Date()],
      check: (body, rows) => {
        const cards = body as Array<{ code: string; rank: number; tasks: { total: number } }>;
        ensure('scorecards', cards.length === BENCH_QUARTER.units && cards.every((card) => card.tasks.total === BENCH_QUARTER.tasks), `${cards.length} cards`);
        ensure(
          'scorecards',
          rows.length === cards.length && rows[0].code === cards[0].code,
          `baseline ${rows.length} rows starting with ${String(rows[0]?.code)}, service starts with ${cards[0]?.code}`,
        );
      },
    },
  ];
}

function ensure(endpoint: string, condition: boolean, found: string): void {
  if (!condition) throw new Error(`${endpoint}: unexpected answer (${found}); the comparison would be meaningless`);
}

async function fetchJson(url: string, apiKey: string): Promise<{ body: unknown; bytes: number }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as unknown, bytes: Buffer.byteLength(text) };
}

// Warm-up on both sides, then timed requests one at a time, alternating so that drift in the
// machine's load affects both sides alike.
async function timeAlternately(service: () => Promise<void>, baseline: () => Promise<void>): Promise<{ service: Timing; baseline: Timing }> {
  for (let i = 0; i < WARMUP_REQUESTS; i++) {
    await service();
    await baseline();
  }
  const samples = { service: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < TIMED_REQUESTS; i++) {
    samples.service.push(await timed(service));
    samples.baseline.push(await timed(baseline));
  }
  return { service: summarize(samples.service), baseline: summarize(samples.baseline) };
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function summarize(samplesMs: number[]): Timing {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const p90Ms = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
  return { medianMs, p90Ms, samplesMs };
}

// EXPLAIN (ANALYZE, BUFFERS) of the statement with the service's parameters, and what matters in it.
async function explain(client: Client, sql: string, params: unknown[]): Promise<PlanSummary> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const lines = rows.map((row) => row['QUERY PLAN']);
  const plan = lines.join('\n');
  const time = (label: string) => {
    const match = new RegExp(`${label}: ([\\d.]+) ms`).exec(plan);
    return match ? Number(match[1]) : null;
  };
  const jit = /JIT:[\s\S]*?Total ([\d.]+) ms/.exec(plan);
  const unique = (pattern: RegExp) => [...new Set([...plan.matchAll(pattern)].map((match) => match.slice(1).filter(Boolean).join(' on ')))].sort();
  return {
    planningMs: time('Planning Time'),
    executionMs: time('Execution Time'),
    buffers: lines.find((line) => line.trim().startsWith('Buffers:'))?.trim() ?? null,
    indexes: unique(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)(?: on (\w+))?/g),
    seqScans: unique(/Seq Scan on (\w+)/g),
    spills: [...plan.matchAll(/Sort Method: (external \w+\s+Disk: \d+kB)/g)].map((match) => match[1].replace(/\s+/g, ' ')),
    jitMs: jit ? Number(jit[1]) : null,
    plan,
  };
}

function describePlan(plan: PlanSummary): string {
  return [
    `planning ${formatMs(plan.planningMs)}, execution ${formatMs(plan.executionMs)}`,
    plan.buffers ?? 'no buffer figures',
    `indexes: ${plan.indexes.join(', ') || 'none'}`,
    `sequential scans: ${plan.seqScans.join(', ') || 'none'}`,
    `sorts spilled to disk: ${plan.spills.join(', ') || 'none'}`,
    `JIT: ${formatMs(plan.jitMs)}`,
  ].join('; ');
}

function formatMs(ms: number | null): string {
  return ms === null ? 'n/a' : `${ms.toFixed(1)} ms`;
}
