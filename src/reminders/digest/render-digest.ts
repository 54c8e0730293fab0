import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDateTimeVi, formatDateVi, quarterLabelVi, quarterRoman } from '../../common/vietnamese';
import { CompiledTemplate, compileTemplate, TemplateData } from './template';

export type DigestKind = 'before_due' | 'due_today' | 'overdue' | 'escalation';

// Everything a reminder e-mail says, gathered by the send processor; rendering needs no I/O
// besides reading the template files once.
export interface DigestModel {
  kind: DigestKind;
  step: number;
  unit: { code: string; name: string };
  period: { year: number; quarter: number };
  committeeName: string | null;
  secretariatName: string | null;
  secretariatEmail: string | null;
  programName: string | null;
  timeZone: string;
  now: Date;
  // The earliest open deadline the digest is about, and working days left until it (negative when overdue).
  anchorDueAt: Date;
  workingDaysLeft: number;
  // null when the report is not pending.
  report: { dueAt: Date; status: 'missing' | 'draft' | 'returned'; reviewComment?: string | null } | null;
  tasks: Array<{ title: string; dueAt: Date; state: 'in_progress_on_time' | 'overdue'; role: 'lead' | 'support' }>;
  portalUrl: string | null;
}

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

// Compiled code runs from dist/src/reminders/digest and the build copies the templates beside it
// (scripts/copy-assets.js); under jest this is the source folder.
const TEMPLATE_DIR = join(__dirname, 'templates');
const templates = new Map<string, CompiledTemplate>();

function template(file: string): CompiledTemplate {
  let compiled = templates.get(file);
  if (!compiled) {
    compiled = compileTemplate(readFileSync(join(TEMPLATE_DIR, file), 'utf8'), file.endsWith('.html') ? 'html' : 'text', file);
    templates.set(file, compiled);
  }
  return compiled;
}

export function renderDigest(model: DigestModel): RenderedDigest {
  checkModel(model);
  const view = digestView(model);
  // A header is one line: the template may wrap, the subject may not.
  const subject = template('digest.subject.txt')(view).replace(/\s+/g, ' ').trim();
  const text = `${template('digest.txt')({ ...view, subject }).trimEnd()}\n`;
  const html = template('digest.html')({ ...view, subject });
  // Names typed on some keyboards arrive decomposed (NFD); precomposed letters render everywhere.
  return { subject: subject.normalize('NFC'), text: text.normalize('NFC'), html: html.normalize('NFC') };
}

// Only models no caller should build are refused; the sender cancels a reminder with nothing pending.
function checkModel(model: DigestModel): void {
  if (!model.report && model.tasks.length === 0) throw new RangeError('A digest needs a pending report or at least one task');
  if (!Number.isInteger(model.workingDaysLeft)) throw new RangeError(`workingDaysLeft must be an integer, got ${model.workingDaysLeft}`);
  if (model.portalUrl !== null && !isWebUrl(model.portalUrl)) throw new RangeError(`portalUrl must be an http(s) URL, got "${model.portalUrl}"`);
}

// The wording follows the working days left, not only the kind: the model is read when the mail
// is sent, which may be after a retry or after part of the work was done, so a before_due reminder
// can meet its deadline day, or an overdue one only a task not yet due. The kind still decides
// whom the mail addresses, and an overdue escalation keeps its own wording.
function wording(kind: DigestKind, workingDaysLeft: number): DigestKind {
  if (workingDaysLeft > 0) return 'before_due';
  if (workingDaysLeft === 0) return 'due_today';
  return kind === 'escalation' ? 'escalation' : 'overdue';
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function digestView(model: DigestModel): TemplateData {
  const zone = model.timeZone;
  const anchor = model.anchorDueAt.getTime();
  const phase = wording(model.kind, model.workingDaysLeft);
  const dueTimes = [...(model.report ? [model.report.dueAt] : []), ...model.tasks.map((task) => task.dueAt)].map((due) => due.getTime());
  return {
    toHead: model.kind === 'escalation',
    isBeforeDue: phase === 'before_due',
    isDueToday: phase === 'due_today',
    isOverdue: phase === 'overdue',
    isEscalation: phase === 'escalation',
    unitName: model.unit.name,
    periodLabel: quarterLabelVi(model.period.quarter, model.period.year),
    quarterRoman: quarterRoman(model.period.quarter),
    year: model.period.year,
    committeeName: nonBlank(model.committeeName),
    secretariatName: nonBlank(model.secretariatName),
    secretariatEmail: nonBlank(model.secretariatEmail),
    programName: nonBlank(model.programName),
    anchorDate: formatDateVi(model.anchorDueAt, zone),
    anchorDateTime: formatDateTimeVi(model.anchorDueAt, zone),
    // "hạn" when every pending item shares the anchor deadline, otherwise "hạn gần nhất".
    singleDeadline: dueTimes.every((due) => due === anchor),
    nowDateTime: formatDateTimeVi(model.now, zone),
    daysLeft: Math.max(model.workingDaysLeft, 0),
    daysOverdue: Math.max(-model.workingDaysLeft, 0),
    report: model.report ? reportView(model.report, zone) : null,
    taskCount: model.tasks.length,
    tasks: tasksByDueDate(model.tasks).map((task, i) => ({
      number: i + 1,
      title: task.title,
      dueDateTime: formatDateTimeVi(task.dueAt, zone),
      isOverdue: task.state === 'overdue',
      isLead: task.role === 'lead',
    })),
    portalUrl: model.portalUrl,
  };
}

function reportView(report: NonNullable<DigestModel['report']>, zone: string): TemplateData {
  return {
    dueDateTime: formatDateTimeVi(report.dueAt, zone),
    isMissing: report.status === 'missing',
    isDraft: report.status === 'draft',
    isReturned: report.status === 'returned',
    reviewComment: nonBlank(report.reviewComment ?? null),
  };
}

// Earliest deadline first; the sort is stable, so equal deadlines keep the caller's order.
function tasksByDueDate(tasks: DigestModel['tasks']): DigestModel['tasks'] {
  return [...tasks].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

function nonBlank(text: string | null): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}
