// What a benchmark scenario is: something that measures the service and a baseline doing the same
// work in the same run, and reports each figure as a ratio to the baseline (machines here are
// noisy; absolute figures from different runs are not comparable).

export interface BenchSettings {
  // Seconds of load per measurement, and of warm-up before a server's first measurement.
  durationSeconds: number;
  warmupSeconds: number;
  // Concurrent HTTP connections for load-based scenarios.
  connections: number;
  // Each side is measured this many times, alternately; the best run of each side counts.
  rounds: number;
}

// The run's servers, as given to each scenario. The database is fresh, migrated and empty; the
// Redis prefix is unused. Both belong to this scenario alone and are removed after it.
export interface BenchContext {
  settings: BenchSettings;
  // Repository root, where dist/ lives.
  rootDir: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  log(message: string): void;
  // Registers work that must happen when the scenario ends, whether it passed or threw (stopping
  // child processes, closing pools). Runs in reverse order of registration.
  onCleanup(cleanup: () => Promise<void>): void;
}

// The service's figure divided by the baseline's must stay on the right side of the bound.
export type RatioTarget = { atLeast: number } | { atMost: number };

export interface MetricRow {
  name: string;
  unit: string;
  service: number;
  baseline: number;
  // service ÷ baseline
  ratio: number;
  target: RatioTarget | null;
  // null when the metric is reported without a target
  pass: boolean | null;
}

export interface ScenarioResult {
  metrics: MetricRow[];
  // Free-form facts worth keeping with the figures (data set, request, settings used).
  notes: string[];
  // Raw measurements, kept in the JSON report only.
  details?: unknown;
}

export interface Scenario {
  // Short kebab-case name, used on the command line: node dist/bench/run.js units-list
  name: string;
  description: string;
  run(context: BenchContext): Promise<ScenarioResult>;
}

export function metric(row: Omit<MetricRow, 'ratio' | 'pass'>): MetricRow {
  const ratio = row.baseline === 0 ? Number.NaN : row.service / row.baseline;
  return { name: row.name, unit: row.unit, service: row.service, baseline: row.baseline, ratio, target: row.target, pass: row.target ? meetsTarget(ratio, row.target) : null };
}

function meetsTarget(ratio: number, target: RatioTarget): boolean {
  if (Number.isNaN(ratio)) return false;
  return 'atLeast' in target ? ratio >= target.atLeast : ratio <= target.atMost;
}

export function describeTarget(target: RatioTarget | null): string {
  if (!target) return '—';
  return 'atLeast' in target ? `≥ ${target.atLeast}` : `≤ ${target.atMost}`;
}
