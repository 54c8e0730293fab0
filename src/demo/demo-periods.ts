import { INestApplicationContext } from '@nestjs/common';
import { AgendaItemsService } from '../periods/agenda-items.service';
import { PeriodsService } from '../periods/periods.service';
import { SubmissionsService } from '../submissions/submissions.service';
import { TaskQuery } from '../tasks/tasks.dto';
import { TasksService } from '../tasks/tasks.service';
import { DemoData, DemoPeriod, DemoSubmission } from './demo-data';
import { DEMO_ACTOR } from './demo-actor';

// Reports of the data set with no recorded time (Q1) count as sent one day before the deadline.
const UNDATED_REPORT_LEAD_MS = 24 * 3600 * 1000;

export function recordedAt(submission: DemoSubmission, period: DemoPeriod): Date {
  return submission.submittedAt ? new Date(submission.submittedAt) : new Date(new Date(period.reportDueAt).getTime() - UNDATED_REPORT_LEAD_MS);
}

function unitId(unitIds: Map<string, string>, code: string): string {
  const id = unitIds.get(code.toUpperCase());
  if (!id) throw new Error(`demo data names unknown unit ${code}`);
  return id;
}

// Periods with their agenda and tasks, then each report as of the time it was sent, if that time
// has come on the service's clock.
export async function loadPeriods(app: INestApplicationContext, data: DemoData, unitIds: Map<string, string>, now: Date): Promise<{ periods: number; tasks: number; submissions: number }> {
  let tasks = 0;
  let submissions = 0;
  for (const period of data.periods) {
    const periodId = await ensurePeriod(app, period);
    if (period.agenda?.length) await app.get(AgendaItemsService).replace(periodId, period.agenda, DEMO_ACTOR);
    tasks += await ensureTasks(app, periodId, period, unitIds);
    for (const submission of period.submissions ?? []) {
      const at = recordedAt(submission, period);
      if (at > now) continue;
      if (await ensureSubmission(app, periodId, unitId(unitIds, submission.unit), submission, at)) submissions += 1;
    }
  }
  return { periods: data.periods.length, tasks, submissions };
}

async function ensurePeriod(app: INestApplicationContext, period: DemoPeriod): Promise<string> {
  const periods = app.get(PeriodsService);
  const existing = await periods.findByQuarter(period.year, period.quarter);
  if (existing) return existing.id;
  const created = await periods.create(
    { year: period.year, quarter: period.quarter, reportDueAt: period.reportDueAt, briefingAt: period.briefingAt, briefingPlace: period.briefingPlace },
    DEMO_ACTOR,
  );
  return created.id;
}

async function ensureTasks(app: INestApplicationContext, periodId: string, period: DemoPeriod, unitIds: Map<string, string>): Promise<number> {
  const tasks = app.get(TasksService);
  const existing = await tasks.list(Object.assign(new TaskQuery(), { periodId, limit: 500 }));
  const titles = new Set(existing.items.map((task) => task.title));
  for (const task of period.tasks ?? []) {
    if (titles.has(task.title)) continue;
    const assignTo = Array.isArray(task.assignTo) ? task.assignTo.map((code) => unitId(unitIds, code)) : task.assignTo;
    await tasks.create({ periodId, title: task.title, dueAt: task.dueAt, assignTo }, DEMO_ACTOR);
  }
  return period.tasks?.length ?? 0;
}

// A report already submitted (or reviewed) is left as it is.
async function ensureSubmission(app: INestApplicationContext, periodId: string, unit: string, submission: DemoSubmission, at: Date): Promise<boolean> {
  const submissions = app.get(SubmissionsService);
  const existing = await submissions.findByPeriodAndUnit(periodId, unit);
  if (existing && existing.status !== 'draft') return true;
  await submissions.upsert(periodId, unit, { sections: {}, values: submission.values, submit: true }, DEMO_ACTOR, { at });
  return true;
}
