import { attachmentDownloadPath } from '../../attachments/attachment-rules';
import { periodLabel } from '../../periods/period-label';
import { PeriodIndicatorResponse, PeriodStatusResponse, ScorecardResponse } from '../../progress/progress.dto';
import { AttachmentFacts, NextTaskFacts, PeriodFacts, SectionFacts, TaskFacts } from '../briefing-data.repository';
import { AgendaEntry, BriefingModel, Completeness, NextTask, UnitAttachments, UnitRef } from './briefing-model';

export interface BriefingInputs {
  settings: {
    committeeName: string | null;
    secretariatName: string | null;
    programName: string | null;
    locality: string | null;
    chairTitle: string | null;
    timezone: string;
    // The service's public address (where the portal is); attachment links are relative without it.
    portalBaseUrl?: string | null;
  };
  period: PeriodFacts;
  version: number;
  compiledAt: Date;
  agenda: AgendaEntry[];
  indicators: PeriodIndicatorResponse[];
  status: PeriodStatusResponse;
  scorecards: ScorecardResponse[];
  tasks: TaskFacts[];
  sections: SectionFacts[];
  units: Map<string, UnitRef>;
  next: { period: PeriodFacts; tasks: NextTaskFacts[] } | null;
  attachments?: AttachmentFacts[];
}

const KIND_ORDER: Record<UnitRef['kind'], number> = { agency: 0, commune: 1, township: 1, other: 2 };

function byKindThenCode(a: UnitRef, b: UnitRef): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.code.localeCompare(b.code);
}

// The agenda most committees use, when the secretariat has not set one for the period.
export function defaultAgenda(label: string, chairTitle: string | null): AgendaEntry[] {
  return [
    { time: '07:30', title: 'Đón tiếp đại biểu', presenter: null },
    { time: '08:00', title: 'Tuyên bố lý do, giới thiệu đại biểu', presenter: null },
    { time: '08:10', title: `Báo cáo kết quả thực hiện ${label.toLowerCase()}, phương hướng nhiệm vụ quý tới`, presenter: 'Thường trực Ban Chỉ đạo' },
    { time: '08:40', title: 'Các cơ quan, đơn vị, xã, thị trấn phát biểu thảo luận', presenter: null },
    { time: '10:00', title: 'Phát biểu kết luận', presenter: chairTitle ?? 'Trưởng Ban Chỉ đạo' },
    { time: '10:30', title: 'Bế mạc', presenter: null },
  ];
}

function assigneesLabel(task: NextTaskFacts): string {
  if (task.assignTo === 'all') return 'Tất cả đơn vị';
  if (task.assignTo === 'communes') return 'Các xã, thị trấn';
  if (task.assignTo === 'agencies') return 'Các cơ quan, đơn vị cấp huyện';
  return task.unitNames.join(', ');
}

function completeness(status: PeriodStatusResponse, units: Map<string, UnitRef>): Completeness {
  const ref = (code: string, name: string): UnitRef => ({ code, name, kind: units.get(code)?.kind ?? 'other' });
  const counted = status.units.filter((unit) => unit.submission === 'submitted' || unit.submission === 'accepted');
  return {
    units: status.totals.units,
    submitted: status.totals.submitted,
    onTime: counted.filter((unit) => !unit.late).map((unit) => ref(unit.code, unit.name)),
    late: counted.filter((unit) => unit.late).map((unit) => ({ ...ref(unit.code, unit.name), submittedAt: unit.submittedAt as string, reportDueAt: unit.reportDueAt })),
    missing: status.units.filter((unit) => !counted.includes(unit)).map((unit) => ref(unit.code, unit.name)),
  };
}

function gathered(sections: SectionFacts[], field: 'difficulties' | 'proposals'): Array<{ unit: string; text: string }> {
  return sections.flatMap((section) => (section[field] ? [{ unit: section.name, text: section[field] }] : []));
}

function nextQuarter(next: BriefingInputs['next']): BriefingModel['nextQuarter'] {
  if (!next) return null;
  const tasks: NextTask[] = next.tasks.map((task) => ({ title: task.title, dueAt: task.dueAt.toISOString(), assignees: assigneesLabel(task) }));
  return { periodLabel: periodLabel(next.period.year, next.period.quarter), tasks };
}

// A link the reader can follow from the file it has: absolute under the service's public address
// when it is set (a downloaded DOCX or HTML has no origin), else the path, which resolves against
// the service when the HTML is opened from the API.
function downloadUrl(id: string, baseUrl: string | null | undefined): string {
  const path = attachmentDownloadPath(id);
  return baseUrl && /^https?:\/\//i.test(baseUrl) ? `${baseUrl.replace(/\/+$/, '')}${path}` : path;
}

function unitAttachments(facts: AttachmentFacts[], baseUrl: string | null | undefined): UnitAttachments[] {
  const byUnit = new Map<string, UnitAttachments>();
  for (const fact of facts) {
    const unit = byUnit.get(fact.code) ?? { code: fact.code, name: fact.name, kind: fact.kind, files: [] };
    unit.files.push({ filename: fact.filename, size: fact.sizeBytes, url: downloadUrl(fact.id, baseUrl) });
    byUnit.set(fact.code, unit);
  }
  return [...byUnit.values()].sort(byKindThenCode);
}

// The whole pack from its inputs; no I/O, so the same inputs always give the same model.
export function buildBriefingModel(inputs: BriefingInputs): BriefingModel {
  const { settings, period } = inputs;
  const label = periodLabel(period.year, period.quarter);
  const sections = [...inputs.sections].sort(byKindThenCode);
  const appendixUnits = new Map<string, { code: string; name: string; values: Record<string, number | null> }>();
  for (const row of inputs.indicators) {
    for (const value of row.byUnit) {
      const unit = appendixUnits.get(value.code) ?? { code: value.code, name: inputs.units.get(value.code)?.name ?? value.code, values: {} };
      unit.values[row.indicator.code] = value.value;
      appendixUnits.set(value.code, unit);
    }
  }
  const indicatorCodes = inputs.indicators.map((row) => row.indicator.code);
  return {
    header: {
      committeeName: settings.committeeName ?? 'Ban Chỉ đạo',
      secretariatName: settings.secretariatName,
      programName: settings.programName,
      locality: settings.locality,
      chairTitle: settings.chairTitle,
      timeZone: settings.timezone,
      periodLabel: label,
      year: period.year,
      quarter: period.quarter,
      meetingAt: period.briefingAt.toISOString(),
      meetingPlace: period.briefingPlace,
      documentDate: inputs.compiledAt.toISOString(),
      version: inputs.version,
    },
    agenda: inputs.agenda.length ? inputs.agenda : defaultAgenda(label, settings.chairTitle),
    results: {
      indicators: inputs.indicators.map((row) => ({
        ...row.indicator,
        total: row.total,
        previousTotal: row.previousTotal,
        sameQuarterLastYear: row.sameQuarterLastYear,
        yearToDate: row.yearToDate,
        target: row.target,
        achievement: row.achievement,
      })),
      completeness: completeness(inputs.status, inputs.units),
      tasks: inputs.tasks.map((task) => ({ ...task, dueAt: task.dueAt.toISOString() })),
      ranking: inputs.scorecards
        .filter((card) => card.tasks.total > 0)
        .map((card) => ({
          rank: card.rank,
          code: card.code,
          name: card.name,
          tasksTotal: card.tasks.total,
          doneOnTime: card.tasks.doneOnTime,
          overdue: card.tasks.overdue,
          onTimeRate: card.tasks.onTimeRate,
        })),
    },
    unitSummaries: sections.map((section) => ({ ...section })),
    difficulties: gathered(sections, 'difficulties'),
    proposals: gathered(sections, 'proposals'),
    nextQuarter: nextQuarter(inputs.next),
    appendix: {
      indicatorCodes,
      units: [...appendixUnits.values()]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((unit) => ({ ...unit, values: Object.fromEntries(indicatorCodes.map((code) => [code, unit.values[code] ?? null])) })),
    },
    attachments: unitAttachments(inputs.attachments ?? [], settings.portalBaseUrl),
  };
}
