import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { BenchSettings, describeTarget, MetricRow, ScenarioResult } from '../scenario';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverage: number[];
  os: string;
  node: string;
  postgres: string;
  redis: string;
}

export interface ScenarioReport extends Partial<ScenarioResult> {
  name: string;
  description: string;
  status: 'pass' | 'fail' | 'error';
  seconds: number;
  error?: string;
}

export interface BenchReport {
  date: string;
  commit: string | null;
  machine: MachineInfo;
  infrastructure: { database: string; redis: string };
  settings: BenchSettings;
  scenarios: ScenarioReport[];
}

export function machineInfo(versions: { postgres: string; redis: string }): MachineInfo {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    ...versions,
  };
}

export function gitCommit(rootDir: string): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: rootDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: rootDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return null;
  }
}

export function scenarioStatus(result: ScenarioResult): 'pass' | 'fail' {
  return result.metrics.some((row) => row.pass === false) ? 'fail' : 'pass';
}

function figure(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function verdict(row: MetricRow): string {
  if (row.pass === null) return '';
  return row.pass ? 'pass' : 'FAIL';
}

function metricCells(row: MetricRow): string[] {
  return [row.name, `${figure(row.service)} ${row.unit}`, `${figure(row.baseline)} ${row.unit}`, row.ratio.toFixed(2), describeTarget(row.target), verdict(row)];
}

const HEADER = ['metric', 'service', 'baseline', 'ratio', 'target', ''];

export function toMarkdown(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    '# Giao ban benchmarks',
    '',
    `${report.date} · commit ${report.commit ?? 'unknown'} · ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB · ${machine.os} · Node ${machine.node} · PostgreSQL ${machine.postgres} · Redis ${machine.redis}`,
    '',
    `Settings: ${report.settings.durationSeconds} s per run, ${report.settings.warmupSeconds} s warm-up, ${report.settings.connections} connections, ${report.settings.rounds} rounds. ` +
      `Database: ${report.infrastructure.database}; Redis: ${report.infrastructure.redis}. Ratio = service ÷ baseline, measured in the same run.`,
  ];
  for (const scenario of report.scenarios) {
    lines.push('', `## ${scenario.name} — ${scenario.status}`, '', scenario.description, '');
    if (scenario.error) lines.push('```', scenario.error, '```');
    if (scenario.metrics?.length) {
      lines.push(`| ${HEADER.join(' | ')} |`, `| ${HEADER.map(() => '---').join(' | ')} |`);
      for (const row of scenario.metrics) lines.push(`| ${metricCells(row).join(' | ')} |`);
    }
    if (scenario.notes?.length) lines.push('', ...scenario.notes.map((note) => `- ${note}`));
  }
  return `${lines.join('\n')}\n`;
}

export function toText(report: BenchReport): string {
  const rows: string[][] = [];
  for (const scenario of report.scenarios) {
    if (scenario.error) rows.push([scenario.name, 'ERROR', scenario.error.split('\n')[0], '', '', '']);
    for (const row of scenario.metrics ?? []) rows.push([scenario.name, ...metricCells(row)]);
  }
  const table = [['scenario', ...HEADER], ...rows];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  return table
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export async function writeReport(resultsDir: string, report: BenchReport): Promise<{ json: string; markdown: string }> {
  await mkdir(resultsDir, { recursive: true });
  const json = join(resultsDir, 'latest.json');
  const markdown = join(resultsDir, 'latest.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, toMarkdown(report));
  return { json, markdown };
}
