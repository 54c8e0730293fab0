import { escapeHtml } from '../../common/html';
import { fileSizeVi, formatDateTimeVi, formatDateVi } from '../../common/vietnamese';
import { BriefingModel, Completeness, UnitSummary } from '../model/briefing-model';
import {
  AGENDA_COLUMNS,
  assigneesLabel,
  ATTACHMENT_COLUMNS,
  ATTACHMENTS_NOTE,
  DASH,
  INDICATOR_COLUMNS,
  meetingLine,
  NEXT_TASK_COLUMNS,
  nextPeriodLabel,
  nextQuarterTitle,
  percentVi,
  placeDateLine,
  RANKING_COLUMNS,
  reportSubtitle,
  TASK_COLUMNS,
  TITLES,
  upperVi,
  valueVi,
} from './format';

// The briefing pack as a list of plain blocks, in the order and wording of the DOCX; the HTML and
// Markdown renderers only serialise these, so both say the same things in the same order.

export interface Column {
  label: string;
  align: 'left' | 'center' | 'right';
}

// A table cell: text, or text that links to `href` (an attachment's download address).
export type Cell = string | { text: string; href: string };

export type Block =
  | { kind: 'documentHeader'; issuer: string[]; nation: string; motto: string; placeDate: string }
  | { kind: 'title'; title: string; subtitle: string }
  | { kind: 'heading'; level: 2 | 3 | 4; text: string; centered?: boolean; newPage?: boolean }
  | { kind: 'paragraph'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'empty'; text: string }
  | { kind: 'list'; items: Array<{ label: string; text: string }> }
  | { kind: 'table'; columns: Column[]; rows: Cell[][] }
  | { kind: 'signature'; recipientsTitle: string; recipients: string[]; signer: string[] };

const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const RECIPIENTS = ['Thành viên Ban Chỉ đạo;', 'Các cơ quan, đơn vị, xã, thị trấn;', 'Lưu: VT.'];
const ON_BEHALF = 'TM. BAN CHỈ ĐẠO';

export function briefingBlocks(model: BriefingModel): Block[] {
  const { header } = model;
  return [
    {
      kind: 'documentHeader',
      issuer: [upperVi(header.committeeName), ...(header.secretariatName ? [header.secretariatName] : [])],
      nation: NATION,
      motto: MOTTO,
      placeDate: placeDateLine(header),
    },
    { kind: 'title', title: TITLES.report, subtitle: reportSubtitle(header) },
    { kind: 'heading', level: 2, text: TITLES.agenda, centered: true },
    { kind: 'note', text: meetingLine(header) },
    tableOrEmpty(
      columns(AGENDA_COLUMNS, AGENDA_COLUMNS.length),
      model.agenda.map((entry) => [entry.time, entry.title, entry.presenter ?? DASH]),
      'Chưa có chương trình hội nghị.',
    ),
    ...resultBlocks(model),
    ...issueBlocks(model),
    ...nextQuarterBlocks(model),
    { kind: 'signature', recipientsTitle: 'Nơi nhận:', recipients: RECIPIENTS, signer: [ON_BEHALF, ...(header.chairTitle ? [upperVi(header.chairTitle)] : [])] },
    ...appendixBlocks(model),
    ...attachmentBlocks(model),
  ];
}

function resultBlocks(model: BriefingModel): Block[] {
  const { indicators, completeness } = model.results;
  const indicatorRows = indicators.map((row, i) => [
    String(i + 1),
    row.name,
    row.measure,
    ...[row.total, row.previousTotal, row.sameQuarterLastYear, row.yearToDate, row.target].map(valueVi),
    percentVi(row.achievement),
  ]);
  return [
    { kind: 'heading', level: 2, text: TITLES.results },
    { kind: 'heading', level: 3, text: TITLES.indicators },
    tableOrEmpty(columns(INDICATOR_COLUMNS, 3), indicatorRows, 'Chưa có chỉ tiêu nào được theo dõi.'),
    { kind: 'heading', level: 3, text: TITLES.completeness },
    ...completenessBlocks(completeness, model.header.timeZone),
    { kind: 'heading', level: 3, text: TITLES.tasks },
    ...taskBlocks(model),
    { kind: 'heading', level: 3, text: TITLES.unitSummaries },
    ...(model.unitSummaries.length ? model.unitSummaries.flatMap(unitSummaryBlocks) : [emptyBlock('Chưa có đơn vị nào gửi báo cáo.')]),
  ];
}

function completenessBlocks({ units, submitted, onTime, late, missing }: Completeness, timeZone: string): Block[] {
  const names = (list: string[]): string => `${list.length ? list.join('; ') : 'không có'}.`;
  return [
    {
      kind: 'paragraph',
      text: `Tổng số đơn vị phải báo cáo: ${valueVi(units)}; đã gửi báo cáo: ${valueVi(submitted)} (đúng hạn: ${valueVi(onTime.length)}; muộn: ${valueVi(late.length)}); chưa gửi: ${valueVi(missing.length)}.`,
    },
    {
      kind: 'list',
      items: [
        { label: 'Gửi đúng hạn', text: names(onTime.map((unit) => unit.name)) },
        { label: 'Gửi muộn', text: names(late.map((unit) => `${unit.name} (gửi lúc ${formatDateTimeVi(new Date(unit.submittedAt), timeZone)})`)) },
        { label: 'Chưa gửi', text: names(missing.map((unit) => unit.name)) },
      ],
    },
  ];
}

// The ranking belongs to the tasks: without tasks there is nothing to rank.
function taskBlocks({ header, results: { tasks, ranking } }: BriefingModel): Block[] {
  if (!tasks.length) return [emptyBlock('Trong kỳ không có nhiệm vụ được giao cho các đơn vị.')];
  const taskRows = tasks.map((task, i) => [
    String(i + 1),
    task.title,
    formatDateVi(new Date(task.dueAt), header.timeZone),
    ...[task.total, task.doneOnTime, task.doneLate, task.inProgressOnTime, task.overdue].map(valueVi),
  ]);
  const rankingRows = ranking.map((row) => [String(row.rank), row.name, ...[row.tasksTotal, row.doneOnTime, row.overdue].map(valueVi), percentVi(row.onTimeRate)]);
  const rankingBlocks: Block[] = [
    { kind: 'heading', level: 4, text: TITLES.ranking },
    { kind: 'table', columns: columns(RANKING_COLUMNS, 2), rows: rankingRows },
  ];
  return [{ kind: 'table', columns: columns(TASK_COLUMNS, 3), rows: taskRows }, ...(ranking.length ? rankingBlocks : [])];
}

function unitSummaryBlocks(unit: UnitSummary): Block[] {
  const parts: Array<[string, string | null]> = [
    ['Kết quả', unit.results],
    ['Khó khăn, vướng mắc', unit.difficulties],
    ['Đề xuất, kiến nghị', unit.proposals],
  ];
  const items = parts.flatMap(([label, text]) => (text?.trim() ? [{ label, text }] : []));
  return [{ kind: 'heading', level: 4, text: unit.name }, items.length ? { kind: 'list', items } : emptyBlock('Đơn vị chưa gửi nội dung tóm tắt.')];
}

function issueBlocks({ difficulties, proposals }: BriefingModel): Block[] {
  const list = (entries: Array<{ unit: string; text: string }>, emptyText: string): Block =>
    entries.length ? { kind: 'list', items: entries.map((entry) => ({ label: entry.unit, text: entry.text })) } : emptyBlock(emptyText);
  return [
    { kind: 'heading', level: 2, text: TITLES.issues },
    { kind: 'heading', level: 3, text: TITLES.difficulties },
    list(difficulties, 'Các đơn vị không nêu khó khăn, vướng mắc.'),
    { kind: 'heading', level: 3, text: TITLES.proposals },
    list(proposals, 'Các đơn vị không có đề xuất, kiến nghị.'),
  ];
}

function nextQuarterBlocks({ header, nextQuarter }: BriefingModel): Block[] {
  const label = nextQuarter?.periodLabel ?? nextPeriodLabel(header);
  const title: Block = { kind: 'heading', level: 2, text: nextQuarterTitle(label) };
  if (!nextQuarter) return [title, emptyBlock(`Chưa có kế hoạch nhiệm vụ ${label}.`)];
  const rows = nextQuarter.tasks.map((task, i) => [String(i + 1), task.title, assigneesLabel(task.assignees), formatDateVi(new Date(task.dueAt), header.timeZone)]);
  return [title, tableOrEmpty(columns(NEXT_TASK_COLUMNS, NEXT_TASK_COLUMNS.length), rows, `Chưa giao nhiệm vụ cho ${label}.`)];
}

// Indicator codes head the columns, as in the DOCX, so that 30 indicators still fit; a note
// under the table names each code.
function appendixBlocks({ header, results: { indicators }, appendix: { indicatorCodes, units } }: BriefingModel): Block[] {
  const byCode = new Map(indicators.map((row) => [row.code, row]));
  const rows = units.map((unit, i) => [String(i + 1), unit.name, ...indicatorCodes.map((code) => valueVi(unit.values[code] ?? null))]);
  const legend = indicatorCodes.map((code) => {
    const indicator = byCode.get(code);
    return { label: code, text: indicator ? `${indicator.name} (${indicator.measure})` : code };
  });
  return [
    { kind: 'heading', level: 2, text: TITLES.appendix, centered: true, newPage: true },
    { kind: 'note', text: `(Kèm theo Báo cáo ${lowerFirst(reportSubtitle(header))})` },
    tableOrEmpty(columns(['STT', 'Đơn vị', ...indicatorCodes], 2), rows, 'Chưa có số liệu của đơn vị nào.'),
    ...(units.length && legend.length ? [{ kind: 'paragraph', text: 'Ghi chú:' } as const, { kind: 'list', items: legend } as const] : []),
  ];
}

// A second appendix, only when units attached files: one row per file, its name linking to it.
function attachmentBlocks({ header, attachments }: BriefingModel): Block[] {
  if (!attachments.length) return [];
  const rows = attachments.flatMap((unit) => unit.files.map((file): Cell[] => [unit.name, { text: file.filename, href: file.url }, fileSizeVi(file.size)]));
  return [
    { kind: 'heading', level: 2, text: TITLES.attachments, centered: true, newPage: true },
    { kind: 'note', text: `(Kèm theo Báo cáo ${lowerFirst(reportSubtitle(header))})` },
    { kind: 'table', columns: columns(ATTACHMENT_COLUMNS, 3), rows: rows.map((row, i) => [String(i + 1), ...row]) },
    { kind: 'paragraph', text: `Ghi chú: ${ATTACHMENTS_NOTE}` },
  ];
}

// The first column (STT, rank, time) is centred; columns from `rightFrom` on hold numbers.
function columns(labels: readonly string[], rightFrom: number): Column[] {
  return labels.map((label, i) => ({ label, align: i === 0 ? 'center' : i >= rightFrom ? 'right' : 'left' }));
}

function tableOrEmpty(tableColumns: Column[], rows: Cell[][], emptyText: string): Block {
  return rows.length ? { kind: 'table', columns: tableColumns, rows } : emptyBlock(emptyText);
}

function emptyBlock(text: string): Block {
  return { kind: 'empty', text };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

// Free text keeps its line breaks; blank lines and surrounding spaces go.
export function textLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

// ---- HTML ----

export { escapeHtml };

const STYLE = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm }
html { background: #fff; color: #000 }
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.4; max-width: 165mm; margin: 0 auto; padding: 10mm 0 }
p { margin: 0 0 6pt; text-align: justify }
h1, h2, h3, h4 { font-size: 13pt; margin: 12pt 0 6pt; break-after: avoid; page-break-after: avoid }
h1 { text-align: center; margin-top: 18pt }
h1 .subtitle { display: block }
h4 { font-style: italic }
.centered { text-align: center }
.new-page { break-before: page; page-break-before: always }
.note { text-align: center; font-style: italic }
.empty { font-style: italic }
ul { margin: 0 0 6pt; padding-left: 8mm; list-style-type: "- " }
.doc-header { display: flex; justify-content: space-between; gap: 8mm }
.doc-header p { text-align: center; margin: 0 }
.issuer { flex: 0 0 38% }
.issuer p:first-child { font-weight: bold }
.national { flex: 1 }
.nation { font-weight: bold; font-size: 12pt }
.motto { font-weight: bold; display: inline-block; border-bottom: 1px solid #000 }
.doc-header .place-date { font-style: italic; margin-top: 8pt }
table { width: 100%; border-collapse: collapse; margin: 0 0 10pt; font-size: 12pt }
thead { display: table-header-group }
tr { break-inside: avoid; page-break-inside: avoid }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left }
th { text-align: center; vertical-align: middle }
td.center { text-align: center }
td.right { text-align: right; white-space: nowrap }
.signature { display: flex; justify-content: space-between; gap: 8mm; margin-top: 18pt; padding-bottom: 25mm; break-inside: avoid; page-break-inside: avoid }
.signature p { margin: 0; text-align: left }
.recipients { flex: 0 0 45%; font-size: 11pt }
.recipients p { font-weight: bold; font-style: italic }
.recipients ul { padding-left: 0; list-style-position: inside }
.signer { flex: 1 }
.signer p { text-align: center; font-weight: bold }
@media print { body { max-width: none; padding: 0 } }
`.trim();

// One self-contained, print-friendly page: inline CSS only, no scripts, no external resources,
// every piece of text escaped.
export function renderHtml(model: BriefingModel): string {
  const parts = [
    '<!doctype html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${TITLES.report} — ${reportSubtitle(model.header)}`)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    ...briefingBlocks(model).map(htmlBlock),
    '</body>',
    '</html>',
  ];
  return `${parts.join('\n')}\n`;
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'documentHeader':
      return [
        '<header class="doc-header">',
        `<div class="issuer">${paragraphs(block.issuer)}</div>`,
        `<div class="national"><p class="nation">${escapeHtml(block.nation)}</p><p><span class="motto">${escapeHtml(block.motto)}</span></p>`,
        `<p class="place-date">${escapeHtml(block.placeDate)}</p></div>`,
        '</header>',
      ].join('\n');
    case 'title':
      return `<h1>${escapeHtml(block.title)}<span class="subtitle">${escapeHtml(block.subtitle)}</span></h1>`;
    case 'heading': {
      const classes = [block.centered ? 'centered' : '', block.newPage ? 'new-page' : ''].filter(Boolean).join(' ');
      return `<h${block.level}${classes ? ` class="${classes}"` : ''}>${escapeHtml(block.text)}</h${block.level}>`;
    }
    case 'paragraph':
      return `<p>${htmlLines(block.text)}</p>`;
    case 'note':
    case 'empty':
      return `<p class="${block.kind}">${htmlLines(block.text)}</p>`;
    case 'list':
      return ['<ul>', ...block.items.map((item) => `<li><em>${escapeHtml(item.label)}:</em> ${htmlLines(item.text)}</li>`), '</ul>'].join('\n');
    case 'table':
      return htmlTable(block.columns, block.rows);
    case 'signature':
      return [
        '<div class="signature">',
        `<div class="recipients"><p>${escapeHtml(block.recipientsTitle)}</p><ul>${block.recipients.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul></div>`,
        `<div class="signer">${paragraphs(block.signer)}</div>`,
        '</div>',
      ].join('\n');
  }
}

function htmlTable(tableColumns: Column[], rows: Cell[][]): string {
  const cellClass = (i: number): string => {
    const align = tableColumns[i]?.align ?? 'left';
    return align === 'left' ? '' : ` class="${align}"`;
  };
  return [
    '<table>',
    `<thead><tr>${tableColumns.map((column) => `<th>${escapeHtml(column.label)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${row.map((cell, i) => `<td${cellClass(i)}>${htmlCell(cell)}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

// Links go to the service only (see downloadUrl in build-model): a relative path or the
// configured http(s) address, escaped as an attribute value.
function htmlCell(cell: Cell): string {
  return typeof cell === 'string' ? htmlLines(cell) : `<a href="${escapeHtml(cell.href)}">${escapeHtml(cell.text)}</a>`;
}

function paragraphs(lines: string[]): string {
  return lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
}

function htmlLines(text: string): string {
  return textLines(text).map(escapeHtml).join('<br>');
}
