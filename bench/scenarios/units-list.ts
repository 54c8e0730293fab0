import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { BenchContext, metric, MetricRow, Scenario, ScenarioResult } from '../scenario';
import { startBaselineServer } from '../servers/baseline-server';
import { startServiceServer } from '../servers/service-server';
import { compareUnderLoad, LoadComparison, LoadTarget } from '../support/http-load';
import { seedUnits } from '../support/seed-units';

const UNIT_COUNT = 10_000;
const PAGE_LIMIT = 50;

interface UnitPageBody {
  items: unknown[];
  total: number;
  page: number;
  limit: number;
}

// The admin API under load: the first page of the unit list, the request the portal makes most.
export const unitsListScenario: Scenario = {
  name: 'units-list',
  description: `GET /api/v1/units?limit=${PAGE_LIMIT} over ${UNIT_COUNT.toLocaleString('en')} units vs the same SQL through plain pg behind a bare Fastify route`,

  async run(context: BenchContext): Promise<ScenarioResult> {
    context.log(`seeding ${UNIT_COUNT} units`);
    await seedUnits(context.databaseUrl, UNIT_COUNT);
    const apiKey = `gb_bench_${randomBytes(24).toString('base64url')}`;
    const service = await startServiceServer({
      rootDir: context.rootDir,
      databaseUrl: context.databaseUrl,
      redisUrl: context.redisUrl,
      redisPrefix: context.redisPrefix,
      adminApiKey: apiKey,
    });
    context.onCleanup(() => service.stop());
    const baseline = await startBaselineServer(context.databaseUrl);
    context.onCleanup(() => baseline.stop());
    context.log(`service pid ${service.pid} on ${service.baseUrl}, baseline pid ${baseline.pid} on ${baseline.baseUrl}`);

    const targets = {
      service: { url: `${service.baseUrl}/api/v1/units?limit=${PAGE_LIMIT}`, headers: { authorization: `Bearer ${apiKey}` }, pid: service.pid },
      baseline: { url: `${baseline.baseUrl}/units?limit=${PAGE_LIMIT}`, pid: baseline.pid },
    };
    const responseBytes = await checkSameAnswer(targets);
    const comparison = await compareUnderLoad(targets, context.settings, context.log);
    const { settings } = context;
    return {
      metrics: [
        metric({ name: 'requests/s', unit: 'req/s', service: comparison.service.requestsPerSecond, baseline: comparison.baseline.requestsPerSecond, target: { atLeast: 0.5 } }),
        metric({ name: 'p99 latency', unit: 'ms', service: comparison.service.latencyP99Ms, baseline: comparison.baseline.latencyP99Ms, target: null }),
        ...cpuPerRequest(comparison),
      ],
      notes: [
        `${UNIT_COUNT.toLocaleString('en')} units; each response is page 1 of ${PAGE_LIMIT} items sorted by code with the total (${responseBytes} bytes of JSON, identical on both sides)`,
        `${settings.connections} connections, ${settings.durationSeconds} s per run after ${settings.warmupSeconds} s of warm-up, ${settings.rounds} alternating rounds, best run of each side`,
        'service: ROLE=api, LOG_LEVEL=warn (no per-request log lines), API key authentication on every request (key cached in memory)',
      ],
      details: comparison,
    };
  },
};

// Where the service loses time: its own process's CPU per request, beside the baseline's.
function cpuPerRequest(comparison: LoadComparison): MetricRow[] {
  const { service, baseline } = comparison;
  if (service.serverCpuMsPerRequest === null || baseline.serverCpuMsPerRequest === null) return [];
  return [metric({ name: 'server CPU per request', unit: 'ms', service: service.serverCpuMsPerRequest, baseline: baseline.serverCpuMsPerRequest, target: null })];
}

// Both sides must do the same work: the same page of the same data, byte for byte as JSON.
async function checkSameAnswer(targets: Record<'service' | 'baseline', LoadTarget>): Promise<number> {
  const [service, baseline] = await Promise.all([fetchPage(targets.service), fetchPage(targets.baseline)]);
  for (const [side, page] of [
    ['service', service.body],
    ['baseline', baseline.body],
  ] as const) {
    if (page.items.length !== PAGE_LIMIT || page.total !== UNIT_COUNT) {
      throw new Error(`${side} answered ${page.items.length} items and total ${page.total}; expected ${PAGE_LIMIT} and ${UNIT_COUNT}`);
    }
  }
  if (!isDeepStrictEqual(service.body, baseline.body)) throw new Error('service and baseline answered different pages; the comparison would be unfair');
  return service.bytes;
}

async function fetchPage(target: LoadTarget): Promise<{ body: UnitPageBody; bytes: number }> {
  const response = await fetch(target.url, { headers: target.headers, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${target.url} answered ${response.status}: ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as UnitPageBody, bytes: Buffer.byteLength(text) };
}
