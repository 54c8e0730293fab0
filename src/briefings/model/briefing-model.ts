// The briefing pack as one plain, deterministic object: every renderer (DOCX, HTML, Markdown,
// XLSX) is a pure function of it. Dates are ISO strings, numbers are numbers; formatting for
// Vietnamese readers happens in the renderers (src/common/vietnamese.ts).

export interface BriefingHeader {
  committeeName: string; // "Ban Chỉ đạo Cuộc vận động huyện Kon Rẫy"
  secretariatName: string | null; // "Ban Dân vận Huyện ủy (Thường trực Ban Chỉ đạo)"
  programName: string | null;
  locality: string | null; // place name on the document: "Kon Rẫy"
  chairTitle: string | null;
  timeZone: string; // "Asia/Ho_Chi_Minh"
  periodLabel: string; // "Quý II/2024"
  year: number;
  quarter: number;
  meetingAt: string; // ISO instant of the briefing meeting
  meetingPlace: string | null;
  documentDate: string; // ISO instant the pack was compiled: the "Kon Rẫy, ngày … tháng … năm …" line
  version: number;
}

export interface AgendaEntry {
  time: string; // "08:00"
  title: string;
  presenter: string | null;
}

export interface IndicatorRow {
  code: string;
  name: string;
  measure: string;
  aggregation: 'sum' | 'avg' | 'max' | 'latest';
  total: number | null;
  previousTotal: number | null;
  sameQuarterLastYear: number | null;
  yearToDate: number | null;
  target: number | null;
  achievement: number | null; // ratio, 0.6 = 60 %
}

export interface UnitRef {
  code: string;
  name: string;
  kind: 'agency' | 'commune' | 'township' | 'other';
}

export interface Completeness {
  units: number;
  submitted: number;
  onTime: UnitRef[];
  late: Array<UnitRef & { submittedAt: string; reportDueAt: string }>;
  missing: UnitRef[];
}

export interface TaskResult {
  title: string;
  dueAt: string;
  total: number;
  doneOnTime: number;
  doneLate: number;
  inProgressOnTime: number;
  overdue: number;
}

export interface RankingRow {
  rank: number;
  code: string;
  name: string;
  tasksTotal: number;
  doneOnTime: number;
  overdue: number;
  onTimeRate: number | null; // ratio
}

export interface UnitSummary extends UnitRef {
  results: string | null;
  difficulties: string | null;
  proposals: string | null;
}

export interface NextTask {
  title: string;
  dueAt: string;
  assignees: string; // "Tất cả đơn vị", "Các xã, thị trấn", or unit names joined by ", "
}

export interface UnitIndicatorValues {
  code: string;
  name: string;
  values: Record<string, number | null>; // by indicator code
}

export interface AttachmentLink {
  filename: string;
  size: number; // bytes
  url: string; // the admin API download path, absolute when the service's public address is known
}

export interface UnitAttachments extends UnitRef {
  files: AttachmentLink[];
}

export interface BriefingModel {
  header: BriefingHeader;
  agenda: AgendaEntry[];
  results: {
    indicators: IndicatorRow[];
    completeness: Completeness;
    tasks: TaskResult[];
    ranking: RankingRow[];
  };
  // Agencies first, then communes and townships (then other), each by code.
  unitSummaries: UnitSummary[];
  difficulties: Array<{ unit: string; text: string }>;
  proposals: Array<{ unit: string; text: string }>;
  // The next period's tasks, when that period exists (label and tasks); null otherwise.
  nextQuarter: { periodLabel: string; tasks: NextTask[] } | null;
  appendix: {
    indicatorCodes: string[];
    units: UnitIndicatorValues[];
  };
  // The files attached to the submitted and accepted reports, by unit in the order of the unit
  // summaries; empty when there are none (the pack then has no attachments appendix).
  attachments: UnitAttachments[];
}
