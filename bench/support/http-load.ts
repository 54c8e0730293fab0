import autocannon from 'autocannon';
import { BenchSettings } from '../scenario';
import { processCpuMs } from './process-cpu';

export type Side = 'service' | 'baseline';

export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
  // The server process, to measure the CPU time it spends per request.
  pid?: number;
}

export interface LoadRun {
  side: Side;
  round: number;
  requestsPerSecond: number;
  requests: number;
  latencyAverageMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  bytesPerSecond: number;
  durationSeconds: number;
  // CPU time of the server process (user + system) divided by the requests served; null when
  // the process's CPU time cannot be read.
  serverCpuMsPerRequest: number | null;
}

export interface LoadComparison {
  // The best run of each side (highest requests/s).
  service: LoadRun;
  baseline: LoadRun;
  runs: LoadRun[];
}

const REQUEST_TIMEOUT_SECONDS = 10;

async function hammer(target: LoadTarget, seconds: number, connections: number): Promise<autocannon.Result> {
  const result = await autocannon({ url: target.url, headers: target.headers, connections, duration: seconds, timeout: REQUEST_TIMEOUT_SECONDS });
  // A rejected request is cheap to serve; counting it would flatter the figure.
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${target.url}: ${result.non2xx} non-2xx responses and ${result.errors} errors (${result.timeouts} timeouts) under load; status codes ${JSON.stringify(result.statusCodeStats)}`,
    );
  }
  return result;
}

async function measure(side: Side, round: number, target: LoadTarget, settings: BenchSettings): Promise<LoadRun> {
  const cpuBefore = target.pid ? processCpuMs(target.pid) : null;
  const result = await hammer(target, settings.durationSeconds, settings.connections);
  const cpuAfter = target.pid ? processCpuMs(target.pid) : null;
  const cpuMs = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
  return {
    side,
    round,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    latencyAverageMs: result.latency.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    bytesPerSecond: result.throughput.average,
    durationSeconds: result.duration,
    serverCpuMsPerRequest: cpuMs !== null && result.requests.total > 0 ? cpuMs / result.requests.total : null,
  };
}

function best(runs: LoadRun[], side: Side): LoadRun {
  const ofSide = runs.filter((run) => run.side === side);
  return ofSide.reduce((top, run) => (run.requestsPerSecond > top.requestsPerSecond ? run : top), ofSide[0]);
}

// Measures both sides alternately, `rounds` times each, flipping which goes first every round
// so that neither always runs on a machine just heated (or cooled) by the other. Each side is
// warmed up before its first measurement. Only one side is under load at any time.
export async function compareUnderLoad(targets: Record<Side, LoadTarget>, settings: BenchSettings, log: (message: string) => void): Promise<LoadComparison> {
  const runs: LoadRun[] = [];
  const warmed = new Set<Side>();
  for (let round = 1; round <= settings.rounds; round++) {
    const order: Side[] = round % 2 === 1 ? ['service', 'baseline'] : ['baseline', 'service'];
    for (const side of order) {
      if (!warmed.has(side) && settings.warmupSeconds > 0) {
        log(`warming up ${side} for ${settings.warmupSeconds} s`);
        await hammer(targets[side], settings.warmupSeconds, settings.connections);
        warmed.add(side);
      }
      const run = await measure(side, round, targets[side], settings);
      log(`round ${round} ${side}: ${run.requestsPerSecond.toFixed(0)} req/s, p99 ${run.latencyP99Ms} ms`);
      runs.push(run);
    }
  }
  return { service: best(runs, 'service'), baseline: best(runs, 'baseline'), runs };
}
