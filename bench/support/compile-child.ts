import 'reflect-metadata';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.setup';
import { BRIEFING_FORMATS, BriefingCompilerService, BriefingFormat } from '../../src/briefings/briefing-compiler.service';
import { BriefingDataRepository } from '../../src/briefings/briefing-data.repository';
import { BriefingsRepository } from '../../src/briefings/briefings.repository';
import { BriefingModel } from '../../src/briefings/model/briefing-model';
import { BriefingInputs, buildBriefingModel } from '../../src/briefings/model/build-model';
import { renderDocx } from '../../src/briefings/renderers/docx';
import { renderHtml } from '../../src/briefings/renderers/html';
import { renderMarkdown } from '../../src/briefings/renderers/markdown';
import { renderXlsx } from '../../src/briefings/renderers/xlsx';
import { loadConfig } from '../../src/config/config';
import { ClockService } from '../../src/infra/clock/clock.service';
import { AgendaItemsService } from '../../src/periods/agenda-items.service';
import { ProgressService } from '../../src/progress/progress.service';
import { SettingsRepository } from '../../src/settings/settings.repository';

// One measurement of the briefing scenario, in a process of its own so that its peak RSS is its
// own: boots the application context as the service does (createApp, ROLE=api: no workers, no
// HTTP listener), does one piece of work, sends the figures to the parent over IPC and exits.
//
//   BENCH_CHILD_MODE=compile   BriefingCompilerService.compile() on a new briefing row, exactly
//                              what the worker's job runs (queries, model, four renderers, files)
//   BENCH_CHILD_MODE=queries   only the reads compile() makes before it builds the model: the
//                              same service and repository calls, in the same order and
//                              parallelism, without building the model or rendering
//   BENCH_CHILD_MODE=model     the reads, then buildBriefingModel (profiling)
//   BENCH_CHILD_MODE=docx|html|md|xlsx   the reads, the model, then that one renderer (profiling)
//
// BENCH_PERIOD_ID names the period; the usual service variables (DATABASE_URL, REDIS_URL,
// REDIS_PREFIX, DATA_DIR, LOG_LEVEL) configure the application.

export const CHILD_MODES = ['compile', 'queries', 'model', ...BRIEFING_FORMATS] as const;
export type ChildMode = (typeof CHILD_MODES)[number];

export interface ChildPhase {
  name: string;
  seconds: number;
  // The process's peak RSS so far, in MB, when the phase ended (a high-water mark: it only grows).
  maxRssMb: number;
  heapUsedMb: number;
}

export interface ChildResult {
  mode: ChildMode;
  // The measured work alone (boot and shutdown excluded).
  seconds: number;
  // Peak resident set size of the whole process, boot included.
  maxRssMb: number;
  // Peak RSS once the application had booted, before the measured work started.
  bootRssMb: number;
  cpuSeconds: number;
  phases: ChildPhase[];
  // compile: the files written, in bytes, and where (the parent checks and removes them).
  files?: Record<string, number>;
  directory?: string;
  briefingId?: string;
  // model and renderer modes: what the model holds.
  model?: { appendixUnits: number; indicatorCodes: number; rankingRows: number; unitSummaries: number; onTime: number; late: number; missing: number; jsonBytes: number };
  renderedBytes?: number;
}

// 'started' comes first in compile mode, with the new briefing's id: the parent follows the
// compile through the row's progress column (40 after the reads, 50 after the model, then +10
// per format written), so that it can tell where a compile that dies spent its time.
export type ChildMessage = { kind: 'started'; briefingId: string } | { kind: 'done'; result: ChildResult } | { kind: 'failed'; error: string };

const RENDERERS: Record<BriefingFormat, (model: BriefingModel) => Promise<Buffer | string> | string> = {
  docx: renderDocx,
  html: renderHtml,
  md: renderMarkdown,
  xlsx: renderXlsx,
};

const mb = (bytes: number) => bytes / 2 ** 20;
// process.resourceUsage().maxRSS is in kilobytes.
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

function readMode(): ChildMode {
  const mode = process.env.BENCH_CHILD_MODE as ChildMode | undefined;
  if (!mode || !CHILD_MODES.includes(mode)) throw new Error(`BENCH_CHILD_MODE must be one of ${CHILD_MODES.join(', ')} (got "${mode}")`);
  return mode;
}

// What BriefingCompilerService.model() reads, in its order and parallelism (see that method).
async function gather(app: NestFastifyApplication, periodId: string): Promise<Omit<BriefingInputs, 'version'>> {
  const data = app.get(BriefingDataRepository, { strict: false });
  const progress = app.get(ProgressService, { strict: false });
  const agendaItems = app.get(AgendaItemsService, { strict: false });
  const settingsRepository = app.get(SettingsRepository, { strict: false });
  const clock = app.get(ClockService, { strict: false });
  const period = await data.period(periodId);
  if (!period) throw new Error(`period ${periodId} does not exist`);
  const now = clock.now();
  const [settings, indicators, status, scorecards, tasks, sections, units, agenda, nextPeriod] = await Promise.all([
    settingsRepository.get(),
    progress.indicators(period.id),
    progress.status(period.id),
    progress.scorecards({ year: period.year, quarter: period.quarter }),
    data.taskResults(period.id, now),
    data.sections(period.id),
    data.unitKinds(),
    agendaItems.list(period.id),
    data.nextPeriod(period.year, period.quarter),
  ]);
  const next = nextPeriod ? { period: nextPeriod, tasks: await data.nextTasks(nextPeriod.id) } : null;
  return {
    settings,
    period,
    compiledAt: now,
    agenda: agenda.map((item) => ({ time: item.time, title: item.title, presenter: item.presenter ?? null })),
    indicators,
    status,
    scorecards,
    tasks,
    sections,
    units,
    next,
  };
}

async function measure(app: NestFastifyApplication, mode: ChildMode, periodId: string): Promise<Omit<ChildResult, 'bootRssMb' | 'maxRssMb' | 'cpuSeconds'>> {
  const phases: ChildPhase[] = [];
  const started = performance.now();
  let mark = started;
  const phase = (name: string) => {
    const now = performance.now();
    phases.push({ name, seconds: (now - mark) / 1000, maxRssMb: maxRssMb(), heapUsedMb: mb(process.memoryUsage().heapUsed) });
    mark = now;
  };
  const elapsed = () => (performance.now() - started) / 1000;

  if (mode === 'compile') {
    const briefings = app.get(BriefingsRepository, { strict: false });
    const compiler = app.get(BriefingCompilerService, { strict: false });
    const clock = app.get(ClockService, { strict: false });
    // As the worker does: a new version of the period's pack, claimed, then compiled (timed).
    const created = await briefings.create(periodId, 'bench', clock.now());
    if (!(await briefings.start(created.id))) throw new Error(`briefing ${created.id} could not be started`);
    const briefing = (await briefings.findById(created.id))!;
    await send({ kind: 'started', briefingId: briefing.id });
    const compileStarted = performance.now();
    mark = compileStarted;
    await compiler.compile(briefing);
    const seconds = (performance.now() - compileStarted) / 1000;
    phase('compile');
    const done = await briefings.findById(briefing.id);
    if (done?.status !== 'done') throw new Error(`briefing ${briefing.id} ended ${done?.status} (${done?.error ?? 'no error'})`);
    const directory = compiler.directory(briefing.id);
    const files: Record<string, number> = {};
    for (const format of BRIEFING_FORMATS) files[format] = (await stat(join(directory, `pack.${format}`))).size;
    return { mode, seconds, phases, files, directory, briefingId: briefing.id };
  }

  const inputs = await gather(app, periodId);
  phase('queries');
  if (mode === 'queries') return { mode, seconds: elapsed(), phases };

  const model = buildBriefingModel({ ...inputs, version: 1 });
  phase('build model');
  const summary = {
    appendixUnits: model.appendix.units.length,
    indicatorCodes: model.appendix.indicatorCodes.length,
    rankingRows: model.results.ranking.length,
    unitSummaries: model.unitSummaries.length,
    onTime: model.results.completeness.onTime.length,
    late: model.results.completeness.late.length,
    missing: model.results.completeness.missing.length,
    jsonBytes: 0,
  };
  if (mode === 'model') {
    const seconds = elapsed();
    summary.jsonBytes = Buffer.byteLength(JSON.stringify(model));
    return { mode, seconds, phases, model: summary };
  }
  const rendered = await RENDERERS[mode](model);
  phase(`render ${mode}`);
  return { mode, seconds: elapsed(), phases, model: summary, renderedBytes: typeof rendered === 'string' ? Buffer.byteLength(rendered) : rendered.length };
}

async function main(): Promise<ChildResult> {
  const mode = readMode();
  const periodId = process.env.BENCH_PERIOD_ID;
  if (!periodId) throw new Error('BENCH_PERIOD_ID is required');
  const config = loadConfig();
  if (!config.databaseUrl || !config.redisUrl) throw new Error('DATABASE_URL and REDIS_URL are required');
  const app = await createApp(config, { databaseUrl: config.databaseUrl, redisUrl: config.redisUrl });
  await app.init();
  try {
    const bootRssMb = maxRssMb();
    const cpuBefore = process.cpuUsage();
    const result = await measure(app, mode, periodId);
    const cpu = process.cpuUsage(cpuBefore);
    return { ...result, bootRssMb, maxRssMb: maxRssMb(), cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await app.close();
  }
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      process.stdout.write(`${JSON.stringify(message)}\n`);
      resolve();
      return;
    }
    process.send(message, undefined, {}, () => resolve());
  });
}

main().then(
  (result) => send({ kind: 'done', result }).then(() => process.exit(0)),
  (error: unknown) => send({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }).then(() => process.exit(1)),
);
