import { LARGE, RANKING_EDGE } from '../../src/briefings/renderers/docx';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { Client } from 'pg';
import { BRIEFING_FORMATS } from '../../src/briefings/briefing-compiler.service';
import { BenchContext, metric, MetricRow, Scenario, ScenarioResult } from '../scenario';
import { ChildMessage, ChildMode, ChildResult } from '../support/compile-child';
import { BENCH_QUARTER, seedQuarter } from '../support/seed-quarter';

// The whole pack against the reads it starts with: the compile may take at most ten times the
// aggregation queries' own time, and its process at most 512 MB at its peak.
const TIME_TARGET = { atMost: 10 };
const RSS_BUDGET_MB = 512;
const CHILD_TIMEOUT_MS = 15 * 60_000;
const POLL_MS = 200;
const OUTPUT_LINES_KEPT = 40;
const PROFILE_MODES: ChildMode[] = ['model', ...BRIEFING_FORMATS];
// The briefing row's progress after each step of BriefingCompilerService.compile().
const COMPILE_STEPS: Record<number, string> = { 40: 'reads', 50: 'model', 60: 'docx', 70: 'html', 80: 'md', 90: 'xlsx', 100: 'finished' };

interface Expected {
  // Units in the ranking (every unit has tasks) and units with values in the appendix.
  rankingRows: number;
  appendixUnits: number;
}

interface FileChecks {
  htmlRows: number;
  markdownRows: number;
  docxRows: number;
  xlsxUnitRows: number;
}

// A child's run as the parent saw it, whether it finished or died (a compile that runs out of
// heap aborts without a word: the polled figures are then all there is).
interface ChildRun {
  mode: ChildMode;
  result: ChildResult | null;
  error: string | null;
  // Spawn to exit, boot included.
  wallSeconds: number;
  // The child's VmHWM (peak RSS) at the last poll before it exited, in MB.
  polledPeakMb: number | null;
  // compile: when the briefing row reached each step, counted from the start of the compile.
  steps: Array<{ step: string; seconds: number; polledPeakMb: number | null }>;
  checks?: FileChecks;
}

// BriefingCompilerService.compile() on a 10,000-unit quarter, in a child process of its own, vs
// the same service's reads alone in another child booted the same way.
export const briefingScenario: Scenario = {
  name: 'briefing',
  description:
    `compile the 2024 Q2 briefing pack (DOCX, HTML, Markdown, XLSX) over ${BENCH_QUARTER.units.toLocaleString('en')} units × ${BENCH_QUARTER.indicators} indicators ` +
    `(${BENCH_QUARTER.submissions.toLocaleString('en')} reports) vs its aggregation queries alone, each in a child process booted as the service (seconds and peak RSS)`,

  async run(context: BenchContext): Promise<ScenarioResult> {
    context.log('seeding a quarter');
    const seedStarted = Date.now();
    const seeded = await seedQuarter(context.databaseUrl, { ...BENCH_QUARTER, now: new Date() });
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    context.log(`seeded in ${seedSeconds.toFixed(1)} s`);
    const expected = await expectedCounts(context.databaseUrl, seeded.periodId);
    const run = (mode: ChildMode) => runChild(context, mode, seeded.periodId, expected);

    const queries: ChildRun[] = [];
    const compiles: ChildRun[] = [];
    // Alternating, queries first: the first child warms PostgreSQL's cache for both sides. A
    // compile that dies is not run again (it would die the same way); the queries still are.
    for (let round = 1; round <= context.settings.rounds; round++) {
      const query = await run('queries');
      if (!query.result) throw new Error(`the queries child failed: ${query.error}`);
      queries.push(query);
      context.log(`round ${round}: queries ${describeRun(query)}`);
      if (compiles.some((compiled) => !compiled.result)) continue;
      const compiled = await run('compile');
      compiles.push(compiled);
      context.log(`round ${round}: compile ${describeRun(compiled)}`);
    }
    // Where the time and the memory go: the reads, the model, then each renderer alone, each in a
    // fresh child so that every peak is that step's own.
    const profile: ChildRun[] = [];
    for (const mode of PROFILE_MODES) {
      const result = await run(mode);
      profile.push(result);
      context.log(`profile ${mode}: ${describeRun(result)}`);
    }

    const finished = compiles.filter((compiled) => compiled.result);
    const bestQueries = Math.min(...queries.map((query) => query.result!.seconds));
    const bestCompile = finished.length === compiles.length ? Math.min(...finished.map((compiled) => compiled.result!.seconds)) : Number.NaN;
    const queriesRss = Math.max(...queries.map(peakMb));
    const compileRss = Math.max(...compiles.map(peakMb));
    const metrics: MetricRow[] = [
      metric({ name: 'compile vs aggregation queries', unit: 's', service: bestCompile, baseline: bestQueries, target: TIME_TARGET }),
      metric({ name: 'peak RSS vs the queries’ process', unit: 'MB', service: compileRss, baseline: queriesRss, target: null }),
      metric({ name: `peak RSS vs ${RSS_BUDGET_MB} MB budget`, unit: 'MB', service: compileRss, baseline: RSS_BUDGET_MB, target: { atMost: 1 } }),
    ];
    const notes = [
      `${BENCH_QUARTER.units.toLocaleString('en')} units, ${BENCH_QUARTER.indicators} indicators, ${BENCH_QUARTER.tasks} tasks × every unit; ` +
        `2024 Q2: ${BENCH_QUARTER.submissions.toLocaleString('en')} reports × ${BENCH_QUARTER.indicators} values (${expected.appendixUnits.toLocaleString('en')} submitted or accepted, ` +
        `so that many units in the appendix), 2024 Q1 and 2023 Q2 reports for the comparisons (support/seed-quarter.ts, seeded in ${seedSeconds.toFixed(1)} s)`,
      'each measurement is a child process (support/compile-child.ts) booting the application as the service does (createApp, ROLE=api so no workers, LOG_LEVEL=warn), ' +
        'doing one piece of work and exiting; peak RSS is the child’s own high-water mark (process.resourceUsage().maxRSS, or /proc VmHWM polled every ' +
        `${POLL_MS} ms when the child dies), boot included; time is the work alone. Node’s default heap limit applies (no --max-old-space-size)`,
      'service: a new briefing row (BriefingsRepository.create, then start, as the worker claims it) and BriefingCompilerService.compile() — the worker job’s code: ' +
        'the reads, buildBriefingModel, the four renderers, each file written to DATA_DIR and the progress updates',
      'baseline: the reads compile() makes before building the model, through the same services in the same order and parallelism ' +
        '(period, then settings, ProgressService.indicators/status/scorecards, BriefingDataRepository.taskResults/sections/unitKinds, agenda, next period; then its tasks), ' +
        'without building the model or rendering',
      `up to ${context.settings.rounds} rounds, alternating queries and compile; best time of each side, highest peak RSS of each side. ` +
        `Time target ≤ ${TIME_TARGET.atMost}× the queries; RSS: the budget row divides by ${RSS_BUDGET_MB} MB (pass at ≤ 1)`,
      `runs: queries ${queries.map(describeRun).join('; ')} | compile ${compiles.map(describeRun).join('; ')}`,
      ...compiles
        .filter((compiled) => compiled.checks)
        .slice(0, 1)
        .map((compiled) => describeChecks(compiled, expected)),
      ...profile.map((result) => `profile ${result.mode} (own child): ${describeRun(result)}`),
    ];
    const model = profile.find((result) => result.mode === 'model')?.result?.model;
    if (model) {
      notes.push(
        `model: ${model.rankingRows.toLocaleString('en')} ranking rows, ${model.appendixUnits.toLocaleString('en')} appendix units × ${model.indicatorCodes} indicators, ` +
          `${model.unitSummaries.toLocaleString('en')} unit summaries, completeness ${model.onTime.toLocaleString('en')} on time / ${model.late.toLocaleString('en')} late / ` +
          `${model.missing.toLocaleString('en')} missing; ${formatBytes(model.jsonBytes)} as JSON`,
      );
    }
    return { metrics, notes, details: { seedSeconds, expected, queries, compiles, profile } };
  },
};

async function expectedCounts(databaseUrl: string, periodId: string): Promise<Expected> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ ranking: string; appendix: string }>(
      `SELECT (SELECT count(DISTINCT unit_id) FROM assignments WHERE period_id = $1) AS ranking,
              (SELECT count(DISTINCT s.unit_id) FROM submissions s JOIN submission_values v ON v.submission_id = s.id
               WHERE s.period_id = $1 AND s.status IN ('submitted', 'accepted')) AS appendix`,
      [periodId],
    );
    return { rankingRows: Number(rows[0].ranking), appendixUnits: Number(rows[0].appendix) };
  } finally {
    await client.end();
  }
}

// The pack must hold the whole ranking and the whole appendix in HTML, Markdown and XLSX, else the
// figures would flatter a compile that left something out. The Word document of a large program
// keeps the first and last RANKING_EDGE ranking rows and points to the Excel file for the appendix
// (the rule in src/briefings/renderers/docx.ts), which the check verifies instead.
async function checkFiles(directory: string, expected: Expected): Promise<FileChecks> {
  const file = (format: string) => join(directory, `pack.${format}`);
  const html = await readFile(file('html'), 'utf8');
  const markdown = await readFile(file('md'), 'utf8');
  const docx = await JSZip.loadAsync(await readFile(file('docx')));
  const xlsx = await JSZip.loadAsync(await readFile(file('xlsx')));
  const documentXml = (await docx.file('word/document.xml')?.async('string')) ?? '';
  const unitSheet = (await xlsx.file('xl/worksheets/sheet2.xml')?.async('string')) ?? '';
  const checks: FileChecks = {
    htmlRows: count(html, '<tr>'),
    markdownRows: markdown.split('\n').filter((line) => line.startsWith('| ')).length,
    docxRows: count(documentXml, '<w:tr>') + count(documentXml, '<w:tr '),
    xlsxUnitRows: count(unitSheet, '<row '),
  };
  const tableRows = expected.rankingRows + expected.appendixUnits;
  const wrong = [
    checks.htmlRows < tableRows ? `HTML has ${checks.htmlRows} table rows` : '',
    checks.markdownRows < tableRows ? `Markdown has ${checks.markdownRows} table rows` : '',
    docxIncomplete(documentXml, checks.docxRows, expected),
    checks.xlsxUnitRows !== expected.appendixUnits + 1 ? `XLSX "Theo đơn vị" has ${checks.xlsxUnitRows} rows` : '',
  ].filter(Boolean);
  if (wrong.length) {
    throw new Error(`the pack is incomplete (${wrong.join('; ')}; expected at least ${tableRows} = ranking + appendix, and ${expected.appendixUnits + 1} sheet rows)`);
  }
  return checks;
}

function docxIncomplete(documentXml: string, rows: number, expected: Expected): string {
  const large = expected.rankingRows > LARGE || expected.appendixUnits > LARGE;
  if (!large) return rows < expected.rankingRows + expected.appendixUnits ? `DOCX has ${rows} table rows` : '';
  if (rows < 2 * RANKING_EDGE) return `DOCX has ${rows} table rows, fewer than the ${2 * RANKING_EDGE} ranking rows a large program keeps`;
  return documentXml.includes('xem tệp Excel') ? '' : 'DOCX does not point to the Excel file for the per-unit figures';
}

function count(text: string, needle: string): number {
  let found = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) found++;
  return found;
}

// One child: boots the application, does `mode`, reports over IPC, exits. Meanwhile its VmHWM is
// polled and, for a compile, the briefing row's progress. A compile's files are checked, then its
// DATA_DIR is removed.
async function runChild(context: BenchContext, mode: ChildMode, periodId: string, expected: Expected): Promise<ChildRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'giaoban-bench-briefing-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ROLE: 'api',
    LOG_LEVEL: 'warn',
    MIGRATIONS_RUN: 'false',
    DATA_DIR: dataDir,
    DATABASE_URL: context.databaseUrl,
    REDIS_URL: context.redisUrl,
    REDIS_PREFIX: context.redisPrefix,
    BENCH_CHILD_MODE: mode,
    BENCH_PERIOD_ID: periodId,
  };
  const script = join(context.rootDir, 'dist', 'bench', 'support', 'compile-child.js');
  const spawned = performance.now();
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const stop = () => stopChild(child);
  context.onCleanup(stop);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const client = new Client({ connectionString: context.databaseUrl, application_name: 'giao-ban-bench-progress' });
  await client.connect();
  const outcome: ChildRun = { mode, result: null, error: null, wallSeconds: 0, polledPeakMb: null, steps: [] };
  let briefingId: string | null = null;
  let compileStarted = 0;
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      outcome.polledPeakMb = vmHwmMb(child.pid) ?? outcome.polledPeakMb;
      if (!briefingId) return;
      const { rows } = await client.query<{ progress: number }>('SELECT progress FROM briefings WHERE id = $1', [briefingId]);
      const step = COMPILE_STEPS[rows[0]?.progress ?? -1];
      if (step && !outcome.steps.some((seen) => seen.step === step)) {
        outcome.steps.push({ step, seconds: (performance.now() - compileStarted) / 1000, polledPeakMb: outcome.polledPeakMb });
      }
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll().catch(() => undefined), POLL_MS);
  try {
    const message = await new Promise<ChildMessage | null>((resolve, reject) => {
      let received: ChildMessage | null = null;
      const timeout = setTimeout(() => reject(new Error(`no answer within ${CHILD_TIMEOUT_MS / 1000} s`)), CHILD_TIMEOUT_MS);
      child.on('message', (value: ChildMessage) => {
        if (value.kind === 'started') {
          briefingId = value.briefingId;
          compileStarted = performance.now();
        } else received = value;
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        clearTimeout(timeout);
        outcome.wallSeconds = (performance.now() - spawned) / 1000;
        if (!received) outcome.error = `exited (${signal ?? `code ${code}`}) without a result${lastLine(lines)}`;
        resolve(received);
      });
    });
    if (message?.kind === 'failed') outcome.error = message.error;
    if (message?.kind === 'done') {
      outcome.result = message.result;
      if (mode === 'compile') outcome.checks = await checkFiles(message.result.directory!, expected);
    }
    return outcome;
  } catch (error) {
    throw new Error(`${mode} child: ${error instanceof Error ? error.message : String(error)}\n--- last output ---\n${lines.join('\n')}`, { cause: error });
  } finally {
    clearInterval(timer);
    await stop();
    await client.end();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function vmHwmMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// The line that says why a child died (V8's "FATAL ERROR: … heap out of memory"), if it said so.
function lastLine(lines: string[]): string {
  const fatal = lines.find((line) => line.includes('FATAL ERROR')) ?? lines[lines.length - 1];
  return fatal ? `: ${fatal.trim()}` : '';
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

function peakMb(run: ChildRun): number {
  return run.result?.maxRssMb ?? run.polledPeakMb ?? Number.NaN;
}

function describeRun(run: ChildRun): string {
  if (!run.result) {
    const steps = run.steps.map((step) => `${step.step} done at ${step.seconds.toFixed(1)} s (${formatMb(step.polledPeakMb)})`).join(', ');
    return `FAILED after ${run.wallSeconds.toFixed(1)} s with the whole process, peak RSS ≥ ${formatMb(run.polledPeakMb)}${steps ? `; ${steps}` : ''}; ${run.error}`;
  }
  const { result } = run;
  const phases = result.phases.map((phase) => `${phase.name} ${phase.seconds.toFixed(2)} s (peak so far ${formatMb(phase.maxRssMb)}, heap ${formatMb(phase.heapUsedMb)})`);
  const steps = run.steps.length ? `; steps ${run.steps.map((step) => `${step.step} ${step.seconds.toFixed(1)} s`).join(', ')}` : '';
  const files = result.files ? `; ${BRIEFING_FORMATS.map((format) => `${format} ${formatBytes(result.files![format])}`).join(', ')}` : '';
  const rendered = result.renderedBytes ? `; ${formatBytes(result.renderedBytes)} rendered` : '';
  return (
    `${result.seconds.toFixed(2)} s, ${result.cpuSeconds.toFixed(1)} s CPU, peak RSS ${formatMb(result.maxRssMb)} (after boot ${formatMb(result.bootRssMb)}): ` +
    `${phases.join(' → ')}${steps}${files}${rendered}`
  );
}

function describeChecks(run: ChildRun, expected: Expected): string {
  const checks = run.checks!;
  return (
    `checked the files: HTML ${checks.htmlRows.toLocaleString('en')} table rows, Markdown ${checks.markdownRows.toLocaleString('en')}, DOCX ${checks.docxRows.toLocaleString('en')}, ` +
    `XLSX "Theo đơn vị" ${checks.xlsxUnitRows.toLocaleString('en')} rows (ranking ${expected.rankingRows.toLocaleString('en')} + appendix ${expected.appendixUnits.toLocaleString('en')})`
  );
}

function formatMb(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(0)} MB`;
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} kB`;
}
