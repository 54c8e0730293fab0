import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { BriefingModel, UnitRef } from '../model/briefing-model';
import { INDICATOR_COLUMNS, RANKING_COLUMNS, reportSubtitle, STATUS_LABELS, stampZipEntries, SubmissionStatus, TASK_COLUMNS, TITLES } from './format';

// The briefing pack's figures as a workbook: numbers stay numbers (Excel shows them with the
// reader's separators), nulls stay empty cells, every sheet has a frozen bold header row.

type Value = string | number | Date | null;

interface SheetColumn {
  header: string;
  numFmt?: (value: Value) => string | undefined;
}

// With the padding of 2 no width can come out as 9, which exceljs takes for Excel's default and
// leaves unwritten.
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
const DATE_FORMAT = 'dd/mm/yyyy';
// Built once: toLocaleString builds a formatter on every call, which dominated large workbooks.
const NUMBER_TEXT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const KIND_ORDER: Record<UnitRef['kind'], number> = { agency: 0, commune: 1, township: 2, other: 3 };

const numberFormat = (value: Value) => (typeof value === 'number' ? (Number.isInteger(value) ? '#,##0' : '#,##0.00') : undefined);
const percentFormat = () => '0.0%';

export async function renderXlsx(model: BriefingModel): Promise<Buffer> {
  const documentDate = new Date(model.header.documentDate);
  // The streaming writer commits each row as it goes instead of keeping the whole workbook as
  // objects; its zip output is collected into one Buffer.
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Giao ban';
  workbook.lastModifiedBy = 'Giao ban';
  workbook.title = `${TITLES.report} ${reportSubtitle(model.header)}`;
  workbook.created = documentDate;
  workbook.modified = documentDate;
  indicatorSheet(workbook, model);
  unitValuesSheet(workbook, model);
  submissionSheet(workbook, model);
  taskSheet(workbook, model);
  rankingSheet(workbook, model);
  if (model.attachments.length > 0) attachmentSheet(workbook, model);
  await workbook.commit();
  return stampZipEntries(Buffer.concat(chunks), documentDate);
}

function indicatorSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, model: BriefingModel): void {
  const columns: SheetColumn[] = [
    { header: 'Mã' },
    { header: INDICATOR_COLUMNS[1] },
    { header: INDICATOR_COLUMNS[2] },
    ...INDICATOR_COLUMNS.slice(3, 8).map((header) => ({ header, numFmt: numberFormat })),
    { header: INDICATOR_COLUMNS[8], numFmt: percentFormat },
  ];
  const rows = model.results.indicators.map((row) => [
    row.code,
    row.name,
    row.measure,
    row.total,
    row.previousTotal,
    row.sameQuarterLastYear,
    row.yearToDate,
    row.target,
    row.achievement,
  ]);
  addSheet(workbook, 'Chỉ tiêu', columns, rows, 0);
}

function unitValuesSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, model: BriefingModel): void {
  const { indicatorCodes, units } = model.appendix;
  const columns: SheetColumn[] = [{ header: 'Mã đơn vị' }, { header: 'Đơn vị' }, ...indicatorCodes.map((header) => ({ header, numFmt: numberFormat }))];
  const rows = units.map((unit) => [unit.code, unit.name, ...indicatorCodes.map((code) => unit.values[code] ?? null)]);
  addSheet(workbook, 'Theo đơn vị', columns, rows, 2);
}

function submissionSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, model: BriefingModel): void {
  const { onTime, late, missing } = model.results.completeness;
  const { timeZone } = model.header;
  const entries: Array<{ unit: UnitRef; status: SubmissionStatus; submittedAt: Value }> = [
    ...onTime.map((unit) => ({ unit, status: 'onTime' as const, submittedAt: null })),
    ...late.map((unit) => ({ unit, status: 'late' as const, submittedAt: excelWallClock(new Date(unit.submittedAt), timeZone) })),
    ...missing.map((unit) => ({ unit, status: 'missing' as const, submittedAt: null })),
  ].sort((a, b) => KIND_ORDER[a.unit.kind] - KIND_ORDER[b.unit.kind] || compare(a.unit.code, b.unit.code));
  const columns: SheetColumn[] = [{ header: 'Mã đơn vị' }, { header: 'Đơn vị' }, { header: 'Trạng thái' }, { header: 'Thời điểm gửi', numFmt: () => DATE_TIME_FORMAT }];
  const rows = entries.map(({ unit, status, submittedAt }) => [unit.code, unit.name, STATUS_LABELS[status], submittedAt]);
  addSheet(workbook, 'Báo cáo', columns, rows, 0);
}

function taskSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, model: BriefingModel): void {
  const { timeZone } = model.header;
  const columns: SheetColumn[] = [
    { header: TASK_COLUMNS[1] },
    { header: TASK_COLUMNS[2], numFmt: () => DATE_FORMAT },
    ...TASK_COLUMNS.slice(3).map((header) => ({ header, numFmt: numberFormat })),
  ];
  const rows = model.results.tasks.map((task) => [
    task.title,
    excelWallClock(new Date(task.dueAt), timeZone),
    task.total,
    task.doneOnTime,
    task.doneLate,
    task.inProgressOnTime,
    task.overdue,
  ]);
  addSheet(workbook, 'Nhiệm vụ', columns, rows, 0);
}

function rankingSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, model: BriefingModel): void {
  const columns: SheetColumn[] = [
    { header: RANKING_COLUMNS[0], numFmt: numberFormat },
    { header: 'Mã đơn vị' },
    { header: RANKING_COLUMNS[1] },
    ...RANKING_COLUMNS.slice(2, 5).map((header) => ({ header, numFmt: numberFormat })),
    { header: RANKING_COLUMNS[5], numFmt: percentFormat },
  ];
  const rows = model.results.ranking.map((row) => [row.rank, row.code, row.name, row.tasksTotal, row.doneOnTime, row.overdue, row.onTimeRate]);
  addSheet(workbook, 'Xếp hạng', columns, rows, 0);
}

function attachmentSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, model: BriefingModel): void {
  const columns: SheetColumn[] = [
    { header: 'Mã đơn vị' },
    { header: 'Đơn vị' },
    { header: 'Tệp đính kèm' },
    { header: 'Dung lượng (byte)', numFmt: numberFormat },
    { header: 'Liên kết tải về' },
  ];
  const rows = model.attachments.flatMap((unit) => unit.files.map((file) => [unit.code, unit.name, file.filename, file.size, file.url]));
  addSheet(workbook, 'Tệp đính kèm', columns, rows, 2);
}

// One sheet: a bold, frozen header row with a filter, then the rows; `frozenColumns` keeps the
// unit's code and name in view on wide sheets.
function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: SheetColumn[], rows: Value[][], frozenColumns: number): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: frozenColumns }] });
  sheet.columns = columns.map((column, i) => {
    const width = columnWidth(
      column,
      rows.map((row) => row[i]),
    );
    return { header: column.header, width, style: width === MAX_WIDTH ? { alignment: { wrapText: true, vertical: 'top' } } : {} };
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  for (const values of rows) {
    const row = sheet.addRow(values);
    values.forEach((value, i) => {
      const numFmt = columns[i].numFmt?.(value);
      if (value !== null && numFmt) row.getCell(i + 1).numFmt = numFmt;
    });
    row.commit();
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.commit();
}

// Wide enough for the header and the longest value as Excel shows it, capped for long names
// (which wrap).
function columnWidth(column: SheetColumn, values: Value[]): number {
  const lengths = [column.header, ...values].map((value) => [...displayText(value, column.numFmt?.(value))].length);
  return Math.min(Math.max(MIN_WIDTH, ...lengths) + 2, MAX_WIDTH);
}

function displayText(value: Value, numFmt: string | undefined): string {
  if (value === null) return '';
  if (value instanceof Date) return numFmt ?? DATE_TIME_FORMAT;
  if (typeof value === 'string') return value;
  if (numFmt === '0.0%') return `${(value * 100).toFixed(1)}%`;
  return NUMBER_TEXT.format(value);
}

// Excel dates have no time zone: a cell shows the UTC fields of the Date it is given, so the
// committee's wall clock is written as if it were UTC.
function excelWallClock(instant: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  );
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
