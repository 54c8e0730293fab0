import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/config';
import { createBootLogger } from '../src/infra/boot-logger';
import { startInfrastructure } from '../src/infra/infrastructure';
import { BenchContext, BenchSettings, Scenario } from './scenario';
import { SCENARIOS } from './scenarios';
import { BenchReport, gitCommit, machineInfo, ScenarioReport, scenarioStatus, toText, writeReport } from './support/report';
import { createBenchDatabase, deleteRedisPrefix, redisVersion, serverVersion, uniqueName } from './support/resources';

// npm run bench [scenario ...]: runs the named scenarios (all when none is named) against the
// servers in DATABASE_URL and REDIS_URL, or embedded ones started for the run, and writes
// bench/results/latest.json and latest.md. Exits 1 when a scenario fails or misses a target.

const ROOT_DIR = resolve(__dirname, '..', '..');
const RESULTS_DIR = join(ROOT_DIR, 'bench', 'results');

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

function positiveInteger(name: string, fallback: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) throw new Error(`${name} must be a whole number from 1 to ${max} (got "${raw}")`);
  return value;
}

function readSettings(): BenchSettings {
  return {
    durationSeconds: positiveInteger('BENCH_DURATION', 10, 600),
    warmupSeconds: positiveInteger('BENCH_WARMUP', 3, 600),
    connections: positiveInteger('BENCH_CONNECTIONS', 20, 1000),
    rounds: positiveInteger('BENCH_ROUNDS', 2, 20),
  };
}

function selectScenarios(names: string[]): readonly Scenario[] {
  if (names.length === 0) return SCENARIOS;
  const unknown = names.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((scenario) => scenario.name).join(', ')}`);
  return SCENARIOS.filter((scenario) => names.includes(scenario.name));
}

interface Servers {
  databaseUrl: string;
  redisUrl: string;
  description: { database: string; redis: string };
  stop(): Promise<void>;
}

// The configured servers, or embedded ones in a temporary directory that is removed afterwards.
async function startServers(): Promise<Servers> {
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const redisUrl = process.env.REDIS_URL?.trim() || undefined;
  const description = { database: databaseUrl ? 'DATABASE_URL' : 'embedded PostgreSQL', redis: redisUrl ? 'REDIS_URL' : 'local redis-server' };
  if (databaseUrl && redisUrl) return { databaseUrl, redisUrl, description, stop: () => Promise.resolve() };
  const dataDir = await mkdtemp(join(tmpdir(), 'giaoban-bench-'));
  log(`starting ${[databaseUrl ? '' : description.database, redisUrl ? '' : description.redis].filter(Boolean).join(' and ')} in ${dataDir}`);
  const config = loadConfig({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const infrastructure = await startInfrastructure(config, createBootLogger('warn')).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    databaseUrl: infrastructure.databaseUrl,
    redisUrl: infrastructure.redisUrl,
    description,
    stop: async () => {
      await infrastructure.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function runCleanups(cleanups: Array<() => Promise<void>>): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}

async function runScenario(scenario: Scenario, servers: Servers, settings: BenchSettings, cleanups: Array<() => Promise<void>>): Promise<ScenarioReport> {
  const started = Date.now();
  const scenarioLog = (message: string) => log(`${scenario.name}: ${message}`);
  const mark = cleanups.length;
  try {
    const database = await createBenchDatabase(servers.databaseUrl);
    cleanups.push(() => database.drop());
    const redisPrefix = uniqueName('giaoban_bench');
    cleanups.push(() => deleteRedisPrefix(servers.redisUrl, redisPrefix).then(() => undefined));
    scenarioLog(`database ${database.name}, Redis prefix ${redisPrefix}`);
    const context: BenchContext = {
      settings,
      rootDir: ROOT_DIR,
      databaseUrl: database.url,
      redisUrl: servers.redisUrl,
      redisPrefix,
      log: scenarioLog,
      onCleanup: (cleanup) => void cleanups.push(cleanup),
    };
    const result = await scenario.run(context);
    return { name: scenario.name, description: scenario.description, status: scenarioStatus(result), seconds: (Date.now() - started) / 1000, ...result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scenarioLog(`failed: ${message}`);
    return { name: scenario.name, description: scenario.description, status: 'error', seconds: (Date.now() - started) / 1000, error: message };
  } finally {
    await runCleanups(cleanups.splice(mark));
  }
}

async function main(): Promise<number> {
  const settings = readSettings();
  const scenarios = selectScenarios(process.argv.slice(2));
  if (!existsSync(join(ROOT_DIR, 'dist', 'src', 'main.js'))) throw new Error('dist/src/main.js is missing: run npm run build first (npm run bench does)');
  const cleanups: Array<() => Promise<void>> = [];
  const interrupt = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping servers and removing the bench databases`);
    void runCleanups(cleanups).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  let report: BenchReport;
  try {
    const servers = await startServers();
    cleanups.push(() => servers.stop());
    const versions = { postgres: await serverVersion(servers.databaseUrl), redis: await redisVersion(servers.redisUrl) };
    const reports: ScenarioReport[] = [];
    for (const scenario of scenarios) {
      log(`${scenario.name}: ${scenario.description}`);
      reports.push(await runScenario(scenario, servers, settings, cleanups));
    }
    report = { date: new Date().toISOString(), commit: gitCommit(ROOT_DIR), machine: machineInfo(versions), infrastructure: servers.description, settings, scenarios: reports };
  } finally {
    await runCleanups(cleanups);
  }

  const written = await writeReport(RESULTS_DIR, report);
  process.stdout.write(
    `\n${toText(report)}\n\nratio = service ÷ baseline · ${report.machine.cpus} CPUs · Node ${report.machine.node} · ${report.date}\nwritten ${written.json} and ${written.markdown}\n`,
  );
  return report.scenarios.every((scenario) => scenario.status === 'pass') ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
