import {
  AlignmentType,
  BorderStyle,
  Document,
  FileChild,
  Header,
  IRunOptions,
  ISectionOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SimpleField,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { AttachmentLink, BriefingHeader, BriefingModel, Completeness, IndicatorRow, RankingRow, UnitSummary } from '../model/briefing-model';
import { fileSizeVi, formatDateTimeVi, formatDateVi } from '../../common/vietnamese';
import {
  AGENDA_COLUMNS,
  assigneesLabel,
  ATTACHMENT_COLUMNS,
  ATTACHMENTS_NOTE,
  INDICATOR_COLUMNS,
  meetingLine,
  NEXT_TASK_COLUMNS,
  nextPeriodLabel,
  nextQuarterTitle,
  percentVi,
  placeDateLine,
  RANKING_COLUMNS,
  reportSubtitle,
  stampZipEntries,
  TASK_COLUMNS,
  TITLES,
  upperVi,
  valueVi,
} from './format';

// The briefing pack as a Word document in the national administrative format (Decree
// 30/2020/NĐ-CP, Appendix I): A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New
// Roman 14 pt (13 pt in tables and the header block), the national motto header, page numbers
// centred in the top margin from the second page on.

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];
type RunStyle = Omit<IRunOptions, 'text' | 'children'>;

interface Column {
  label: string;
  width: number;
  align?: Alignment;
}

// A table cell: text, or an attachment's name that links to its download address.
type Cell = string | AttachmentLink;

const FONT = 'Times New Roman';
const BODY_SIZE = 28; // half-points: 14 pt
const SMALL_SIZE = 26; // 13 pt
const FIRST_LINE_INDENT = 567; // 1 cm
// The "STT" column: its bold header at 13 pt fits on one line.
const INDEX_WIDTH = 680;
const PAGE_SIZE = { width: 11906, height: 16838 }; // A4 in twips
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 851, header: 567, footer: 567 };
const PORTRAIT_WIDTH = PAGE_SIZE.width - MARGIN.left - MARGIN.right;
const LANDSCAPE_WIDTH = PAGE_SIZE.height - MARGIN.left - MARGIN.right;
// More indicator columns than this do not fit a portrait page at 13 pt.
const PORTRAIT_APPENDIX_CODES = 6;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const BORDERLESS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

// Product rule for large programs: a Word document of 400+ pages is of no use in a meeting. When
// the model has more than LARGE units (appendix units, ranking rows or unit summaries), the DOCX
// keeps the header, agenda, indicator table, completeness counts, task results and sections
// II–III (each list of difficulties and proposals capped at SUMMARY_CAP), but shows the first and last RANKING_EDGE ranking rows, at most NAME_CAP unit names
// per completeness list, only the summaries of units that wrote difficulties or proposals (at
// most SUMMARY_CAP), and replaces the appendix table by a pointer to the Excel file; the full
// lists stay in the HTML and XLSX of the pack. At or below LARGE the document is unchanged.
export const LARGE = 200;
export const RANKING_EDGE = 20;
export const NAME_CAP = 200;
export const SUMMARY_CAP = 200;

export function isLargeModel(model: BriefingModel): boolean {
  return model.appendix.units.length > LARGE || model.results.ranking.length > LARGE || model.unitSummaries.length > LARGE;
}

export async function renderDocx(model: BriefingModel): Promise<Buffer> {
  const packed = await Packer.toBuffer(briefingDocument(model), false, [{ path: 'docProps/core.xml', data: coreProperties(model.header) }]);
  return stampZipEntries(packed, new Date(model.header.documentDate));
}

// The document before packing, for callers that lay it out or pack it themselves.
export function briefingDocument(model: BriefingModel): Document {
  return new Document({
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_SIZE, language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 120, line: 276 } },
        },
      },
    },
    sections: [reportSection(model), appendixSection(model), ...(model.attachments.length > 0 ? [attachmentSection(model)] : [])],
  });
}

function reportSection(model: BriefingModel): ISectionOptions {
  const large = isLargeModel(model);
  return {
    properties: { page: { size: { ...PAGE_SIZE, orientation: PageOrientation.PORTRAIT }, margin: MARGIN }, titlePage: true },
    headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({})] }) },
    children: [
      nationalHeader(model.header),
      ...titleBlock(model.header),
      ...agendaBlock(model),
      heading(TITLES.results),
      heading(TITLES.indicators),
      ...indicatorBlock(model.results.indicators),
      heading(TITLES.completeness),
      ...completenessBlock(model.results.completeness, model.header.timeZone, large),
      heading(TITLES.tasks),
      ...taskBlock(model, large),
      heading(TITLES.unitSummaries),
      ...(large ? largeSummaryBlock(model.unitSummaries) : model.unitSummaries.flatMap(unitSummaryBlock)),
      heading(TITLES.issues),
      heading(TITLES.difficulties),
      ...listBlock(model.difficulties, 'Các đơn vị không nêu khó khăn, vướng mắc.', large ? SUMMARY_CAP : Infinity),
      heading(TITLES.proposals),
      ...listBlock(model.proposals, 'Các đơn vị không có đề xuất, kiến nghị.', large ? SUMMARY_CAP : Infinity),
      ...nextQuarterBlock(model),
      // Word joins two tables with nothing between them into one.
      new Paragraph({}),
      signatureBlock(model.header),
    ],
  };
}

function appendixSection(model: BriefingModel): ISectionOptions {
  const { indicatorCodes, units } = model.appendix;
  if (isLargeModel(model)) return largeAppendixSection(model);
  const landscape = indicatorCodes.length > PORTRAIT_APPENDIX_CODES;
  const width = landscape ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH;
  const nameWidth = landscape ? 3600 : 2800;
  const codeWidths = distribute(width - INDEX_WIDTH - nameWidth, Math.max(indicatorCodes.length, 1));
  const columns: Column[] = [
    { label: 'STT', width: INDEX_WIDTH, align: AlignmentType.CENTER },
    { label: 'Đơn vị', width: nameWidth, align: AlignmentType.LEFT },
    ...indicatorCodes.map((code, i) => ({ label: code, width: codeWidths[i], align: AlignmentType.CENTER })),
  ];
  const rows = units.map((unit, i) => [String(i + 1), unit.name, ...indicatorCodes.map((code) => valueVi(unit.values[code] ?? null))]);
  const orientation = landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT;
  return {
    properties: { page: { size: { ...PAGE_SIZE, orientation }, margin: MARGIN } },
    headers: { default: pageNumberHeader() },
    children: [
      centered(TITLES.appendix, { bold: true }),
      centered(`(Kèm theo Báo cáo ${lowerFirst(reportSubtitle(model.header))})`, { italics: true }),
      ...(units.length > 0 ? [table(columns, rows)] : [body('Chưa có số liệu của đơn vị nào.')]),
      ...indicatorLegend(model.results.indicators, indicatorCodes),
    ],
  };
}

// The appendix of a large model: no table, a pointer to the workbook's per-unit sheet.
function largeAppendixSection(model: BriefingModel): ISectionOptions {
  return {
    properties: { page: { size: { ...PAGE_SIZE, orientation: PageOrientation.PORTRAIT }, margin: MARGIN } },
    headers: { default: pageNumberHeader() },
    children: [
      centered(TITLES.appendix, { bold: true }),
      centered(`(Kèm theo Báo cáo ${lowerFirst(reportSubtitle(model.header))})`, { italics: true }),
      body(`Số liệu chỉ tiêu của từng đơn vị (${model.appendix.units.length} đơn vị): xem tệp Excel (sheet “Theo đơn vị”) kèm theo.`),
      ...indicatorLegend(model.results.indicators, model.appendix.indicatorCodes),
    ],
  };
}

// The files the units attached, one row per file; in a large model at most SUMMARY_CAP rows
// (the HTML lists them all).
function attachmentSection(model: BriefingModel): ISectionOptions {
  const files = model.attachments.flatMap((unit) => unit.files.map((file) => ({ unit: unit.name, file })));
  const shown = isLargeModel(model) ? files.slice(0, SUMMARY_CAP) : files;
  const sizeWidth = 1500;
  const unitWidth = 3000;
  const columns: Column[] = [
    { label: ATTACHMENT_COLUMNS[0], width: INDEX_WIDTH, align: AlignmentType.CENTER },
    { label: ATTACHMENT_COLUMNS[1], width: unitWidth },
    { label: ATTACHMENT_COLUMNS[2], width: PORTRAIT_WIDTH - INDEX_WIDTH - unitWidth - sizeWidth },
    { label: ATTACHMENT_COLUMNS[3], width: sizeWidth, align: AlignmentType.RIGHT },
  ];
  const rows: Cell[][] = shown.map(({ unit, file }, i) => [String(i + 1), unit, file, fileSizeVi(file.size)]);
  const others = files.length - shown.length;
  return {
    properties: { page: { size: { ...PAGE_SIZE, orientation: PageOrientation.PORTRAIT }, margin: MARGIN } },
    headers: { default: pageNumberHeader() },
    children: [
      centered(TITLES.attachments, { bold: true }),
      centered(`(Kèm theo Báo cáo ${lowerFirst(reportSubtitle(model.header))})`, { italics: true }),
      table(columns, rows),
      ...(others > 0 ? [body([run(`(… và ${others} tệp khác: xem tệp HTML kèm theo.)`, { italics: true })])] : []),
      new Paragraph({
        spacing: { before: 120, after: 0 },
        children: [run('Ghi chú: ', { bold: true, italics: true, size: SMALL_SIZE }), run(ATTACHMENTS_NOTE, { size: SMALL_SIZE })],
      }),
    ],
  };
}

function pageNumberHeader(): Header {
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] });
}

// The two-column block of Decree 30: the issuing body on the left, the national title and motto
// on the right, then the place and date under the motto.
function nationalHeader(header: BriefingHeader): Table {
  const leftWidth = 3600;
  const rightWidth = PORTRAIT_WIDTH - leftWidth;
  const left = [centered(upperVi(header.committeeName), { bold: true, size: SMALL_SIZE }, 0)];
  if (header.secretariatName) left.push(centered(header.secretariatName, { size: SMALL_SIZE }, 0));
  left.push(shortRule(leftWidth));
  const right = [centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SMALL_SIZE }, 0), centered('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: {} }, 0)];
  const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.DXA } });
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    layout: TableLayoutType.FIXED,
    borders: BORDERLESS,
    rows: [
      new TableRow({ children: [cell(left, leftWidth), cell(right, rightWidth)] }),
      new TableRow({ children: [cell([new Paragraph({})], leftWidth), cell([centered(placeDateLine(header), { italics: true }, 0)], rightWidth)] }),
    ],
  });
}

function titleBlock(header: BriefingHeader): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 }, children: [run(TITLES.report, { bold: true })] }),
    centered(reportSubtitle(header), { bold: true }, 0),
    shortRule(PORTRAIT_WIDTH, 2400),
  ];
}

function agendaBlock(model: BriefingModel): FileChild[] {
  const columns: Column[] = [
    { label: AGENDA_COLUMNS[0], width: 1400, align: AlignmentType.CENTER },
    { label: AGENDA_COLUMNS[1], width: PORTRAIT_WIDTH - 4400 },
    { label: AGENDA_COLUMNS[2], width: 3000 },
  ];
  const rows = model.agenda.map((entry) => [entry.time, entry.title, entry.presenter ?? '']);
  return [
    heading(TITLES.agenda, AlignmentType.CENTER),
    centered(meetingLine(model.header), { italics: true }),
    model.agenda.length > 0 ? table(columns, rows) : body('Chưa có chương trình hội nghị.'),
  ];
}

function indicatorBlock(indicators: IndicatorRow[]): FileChild[] {
  if (indicators.length === 0) return [body('Chưa có chỉ tiêu nào được theo dõi.')];
  const numberWidths = distribute(PORTRAIT_WIDTH - INDEX_WIDTH - 2100 - 900, 6);
  const columns: Column[] = [
    { label: INDICATOR_COLUMNS[0], width: INDEX_WIDTH, align: AlignmentType.CENTER },
    { label: INDICATOR_COLUMNS[1], width: 2100 },
    { label: INDICATOR_COLUMNS[2], width: 900, align: AlignmentType.CENTER },
    ...INDICATOR_COLUMNS.slice(3).map((label, i) => ({ label, width: numberWidths[i], align: AlignmentType.CENTER })),
  ];
  const rows = indicators.map((row, i) => [
    String(i + 1),
    row.name,
    row.measure,
    ...[row.total, row.previousTotal, row.sameQuarterLastYear, row.yearToDate, row.target].map(valueVi),
    percentVi(row.achievement),
  ]);
  return [table(columns, rows)];
}

function completenessBlock(completeness: Completeness, timeZone: string, large: boolean): Paragraph[] {
  const { units, submitted, onTime, late, missing } = completeness;
  const cap = large ? NAME_CAP : Infinity;
  const join = (list: string[], total: number) => (total > list.length ? `${list.join('; ')} và ${total - list.length} đơn vị khác` : list.join('; '));
  const names = (list: Array<{ name: string }>) =>
    list.length > 0
      ? join(
          list.slice(0, cap).map((unit) => unit.name),
          list.length,
        )
      : 'không có';
  const lateNames = late.slice(0, cap).map((unit) => `${unit.name} (gửi lúc ${formatDateTimeVi(new Date(unit.submittedAt), timeZone)})`);
  return [
    body(`Tổng số đơn vị phải báo cáo: ${units}; đã gửi báo cáo: ${submitted} (đúng hạn: ${onTime.length}; muộn: ${late.length}); chưa gửi: ${missing.length}.`),
    body([run('- Gửi đúng hạn: ', { italics: true }), run(`${names(onTime)}.`)]),
    body([run('- Gửi muộn: ', { italics: true }), run(`${lateNames.length > 0 ? join(lateNames, late.length) : 'không có'}.`)]),
    body([run('- Chưa gửi: ', { italics: true }), run(`${names(missing)}.`)]),
  ];
}

function taskBlock(model: BriefingModel, large: boolean): FileChild[] {
  const { tasks, ranking } = model.results;
  if (tasks.length === 0) return [body('Trong kỳ không có nhiệm vụ được giao cho các đơn vị.')];
  const countWidths = distribute(PORTRAIT_WIDTH - INDEX_WIDTH - 2700 - 1300, 5);
  const taskColumns: Column[] = [
    { label: TASK_COLUMNS[0], width: INDEX_WIDTH, align: AlignmentType.CENTER },
    { label: TASK_COLUMNS[1], width: 2700 },
    { label: TASK_COLUMNS[2], width: 1300, align: AlignmentType.CENTER },
    ...TASK_COLUMNS.slice(3).map((label, i) => ({ label, width: countWidths[i], align: AlignmentType.CENTER })),
  ];
  const taskRows = tasks.map((task, i) => [
    String(i + 1),
    task.title,
    formatDateVi(new Date(task.dueAt), model.header.timeZone),
    ...[task.total, task.doneOnTime, task.doneLate, task.inProgressOnTime, task.overdue].map(valueVi),
  ]);
  const rankWidths = distribute(PORTRAIT_WIDTH - 800 - 3400, 4);
  const rankColumns: Column[] = [
    { label: RANKING_COLUMNS[0], width: 800, align: AlignmentType.CENTER },
    { label: RANKING_COLUMNS[1], width: 3400 },
    ...RANKING_COLUMNS.slice(2).map((label, i) => ({ label, width: rankWidths[i], align: AlignmentType.CENTER })),
  ];
  const rankRow = (row: RankingRow) => [String(row.rank), row.name, ...[row.tasksTotal, row.doneOnTime, row.overdue].map(valueVi), percentVi(row.onTimeRate)];
  const children: FileChild[] = [table(taskColumns, taskRows)];
  if (ranking.length === 0) return children;
  children.push(heading(TITLES.ranking, AlignmentType.LEFT, { italics: true }));
  if (large && ranking.length > 2 * RANKING_EDGE) {
    const head = ranking.slice(0, RANKING_EDGE).map(rankRow);
    const tail = ranking.slice(-RANKING_EDGE).map(rankRow);
    const note = `(… ${ranking.length - 2 * RANKING_EDGE} đơn vị khác: xem bảng xếp hạng đầy đủ trong tệp Excel/HTML kèm theo)`;
    children.push(table(rankColumns, head, { note, rows: tail }));
  } else {
    children.push(table(rankColumns, ranking.map(rankRow)));
  }
  return children;
}

function unitSummaryBlock(unit: UnitSummary): Paragraph[] {
  const parts: Array<[string, string | null]> = [
    ['Kết quả', unit.results],
    ['Khó khăn, vướng mắc', unit.difficulties],
    ['Đề xuất, kiến nghị', unit.proposals],
  ];
  const present = parts.filter((part): part is [string, string] => part[1] !== null && part[1].trim() !== '');
  const paragraphs = [body([run(unit.name, { bold: true })], { keepNext: true })];
  if (present.length === 0) paragraphs.push(body([run('Đơn vị chưa gửi nội dung tóm tắt.', { italics: true })]));
  for (const [label, text] of present) {
    const [first, ...rest] = lines(text);
    paragraphs.push(body([run(`- ${label}: `, { italics: true }), run(first)]), ...rest.map((line) => body(line)));
  }
  return paragraphs;
}

// The unit summaries of a large model: only the units that wrote difficulties or proposals, at
// most SUMMARY_CAP of them, with a pointer to the HTML for all.
function largeSummaryBlock(summaries: UnitSummary[]): Paragraph[] {
  const written = (text: string | null) => text !== null && text.trim() !== '';
  const raising = summaries.filter((unit) => written(unit.difficulties) || written(unit.proposals));
  const shown = raising.slice(0, SUMMARY_CAP);
  const intro =
    raising.length === 0
      ? `Không có đơn vị nào nêu khó khăn, vướng mắc hoặc đề xuất, kiến nghị. Tóm tắt kết quả của tất cả ${summaries.length} đơn vị: xem tệp HTML kèm theo.`
      : `Dưới đây là tóm tắt của ${shown.length}${raising.length > shown.length ? ` trong số ${raising.length}` : ''} đơn vị có nêu khó khăn, vướng mắc hoặc đề xuất, kiến nghị. Tóm tắt kết quả của tất cả ${summaries.length} đơn vị: xem tệp HTML kèm theo.`;
  return [body([run(intro, { italics: true })]), ...shown.flatMap(unitSummaryBlock)];
}

// A large program's sections II lists at most `cap` opinions; the HTML has them all.
function listBlock(items: Array<{ unit: string; text: string }>, whenEmpty: string, cap: number): Paragraph[] {
  if (items.length === 0) return [body(whenEmpty)];
  const shown = items.slice(0, cap).flatMap(({ unit, text }) => {
    const [first, ...rest] = lines(text);
    return [body([run(`- ${unit}: `, { italics: true }), run(first)]), ...rest.map((line) => body(line))];
  });
  const others = items.length - Math.min(items.length, cap);
  return others > 0 ? [...shown, body([run(`(… và ${others} ý kiến khác của các đơn vị: xem tệp HTML kèm theo.)`, { italics: true })])] : shown;
}

function nextQuarterBlock(model: BriefingModel): FileChild[] {
  const { nextQuarter, header } = model;
  const label = nextQuarter?.periodLabel ?? nextPeriodLabel(header);
  const title = heading(nextQuarterTitle(label));
  if (!nextQuarter) return [title, body(`Chưa có kế hoạch nhiệm vụ ${label}.`)];
  if (nextQuarter.tasks.length === 0) return [title, body(`Chưa giao nhiệm vụ cho ${label}.`)];
  const columns: Column[] = [
    { label: NEXT_TASK_COLUMNS[0], width: INDEX_WIDTH, align: AlignmentType.CENTER },
    { label: NEXT_TASK_COLUMNS[1], width: PORTRAIT_WIDTH - INDEX_WIDTH - 3000 - 1500 },
    { label: NEXT_TASK_COLUMNS[2], width: 3000 },
    { label: NEXT_TASK_COLUMNS[3], width: 1500, align: AlignmentType.CENTER },
  ];
  const rows = nextQuarter.tasks.map((task, i) => [String(i + 1), task.title, assigneesLabel(task.assignees), formatDateVi(new Date(task.dueAt), header.timeZone)]);
  return [title, table(columns, rows)];
}

function signatureBlock(header: BriefingHeader): Table {
  const leftWidth = 4200;
  const rightWidth = PORTRAIT_WIDTH - leftWidth;
  const recipients = [
    new Paragraph({ spacing: { after: 0 }, children: [run('Nơi nhận:', { bold: true, italics: true, size: SMALL_SIZE })] }),
    ...['- Thành viên Ban Chỉ đạo;', '- Các cơ quan, đơn vị, xã, thị trấn;', '- Lưu: VT.'].map(
      (line) => new Paragraph({ spacing: { after: 0 }, children: [run(line, { size: SMALL_SIZE })] }),
    ),
  ];
  const signer = [centered('TM. BAN CHỈ ĐẠO', { bold: true }, 0)];
  if (header.chairTitle) signer.push(centered(upperVi(header.chairTitle), { bold: true }, 0));
  // Room for the signature and the seal.
  signer.push(...Array.from({ length: 4 }, () => new Paragraph({})));
  const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.DXA } });
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    layout: TableLayoutType.FIXED,
    borders: BORDERLESS,
    rows: [new TableRow({ cantSplit: true, children: [cell(recipients, leftWidth), cell(signer, rightWidth)] })],
  });
}

function indicatorLegend(indicators: IndicatorRow[], codes: string[]): Paragraph[] {
  const byCode = new Map(indicators.map((row) => [row.code, row]));
  const entries = codes.map((code) => {
    const row = byCode.get(code);
    return row ? `${code}: ${row.name} (${row.measure})` : code;
  });
  if (entries.length === 0) return [];
  return [
    new Paragraph({ spacing: { before: 120, after: 0 }, children: [run('Ghi chú: ', { bold: true, italics: true, size: SMALL_SIZE })] }),
    ...entries.map((entry) => cellText(entry, AlignmentType.LEFT)),
  ];
}

// A data table: a bold header row repeated on every page, rows never split across pages;
// `more` adds a full-width italic note row and further rows after `rows`.
function table(columns: Column[], rows: Cell[][], more?: { note: string; rows: string[][] }): Table {
  const width = columns.reduce((sum, column) => sum + column.width, 0);
  const cell = (content: Cell, column: Column, bold: boolean) =>
    new TableCell({
      width: { size: column.width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        typeof content === 'string'
          ? cellText(content, bold ? AlignmentType.CENTER : (column.align ?? AlignmentType.LEFT), bold)
          : cellLink(content, column.align ?? AlignmentType.LEFT),
      ],
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: columns.map((column) => column.width),
    layout: TableLayoutType.FIXED,
    margins: CELL_MARGINS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((column) => cell(column.label, column, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, columns[i], false)) })),
      ...(more
        ? [
            new TableRow({
              cantSplit: true,
              children: [
                new TableCell({
                  width: { size: width, type: WidthType.DXA },
                  columnSpan: columns.length,
                  children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0, line: 240 }, children: [run(more.note, { italics: true, size: SMALL_SIZE })] })],
                }),
              ],
            }),
            ...more.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, columns[i], false)) })),
          ]
        : []),
    ],
  });
}

function cellText(text: string, alignment: Alignment, bold = false): Paragraph {
  return new Paragraph({ alignment, spacing: { after: 0, line: 240 }, children: [run(text, { bold: bold || undefined, size: SMALL_SIZE })] });
}

// An absolute address becomes a HYPERLINK field (Ctrl+click in Word): a field needs no
// relationship, whose id docx would draw at random and so break the same-bytes rule. A relative
// path means nothing inside a Word file, so the name stays plain text then.
function cellLink(link: AttachmentLink, alignment: Alignment): Paragraph {
  const absolute = /^https?:\/\//i.test(link.url);
  const text = run(link.filename, absolute ? { size: SMALL_SIZE, color: '0563C1', underline: {} } : { size: SMALL_SIZE });
  return new Paragraph({ alignment, spacing: { after: 0, line: 240 }, children: [absolute ? new HyperlinkField(link.url, text) : text] });
}

class HyperlinkField extends SimpleField {
  constructor(url: string, text: TextRun) {
    super(`HYPERLINK "${url.replace(/["\\]/g, (char) => encodeURIComponent(char))}"`);
    this.root.push(text);
  }
}

function heading(text: string, alignment: Alignment = AlignmentType.JUSTIFIED, style: RunStyle = {}): Paragraph {
  const indent = alignment === AlignmentType.JUSTIFIED ? { firstLine: FIRST_LINE_INDENT } : undefined;
  return new Paragraph({ alignment, indent, keepNext: true, spacing: { before: 120, after: 120 }, children: [run(text, { bold: true, ...style })] });
}

// Body text as Decree 30 sets it: justified, the first line indented by 1 cm.
function body(content: string | TextRun[], options: { keepNext?: boolean } = {}): Paragraph {
  const children = typeof content === 'string' ? [run(content)] : content;
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: FIRST_LINE_INDENT }, keepNext: options.keepNext, children });
}

function centered(text: string, style: RunStyle = {}, after = 120): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: [run(text, style)] });
}

// A short centred line under a name or title: an empty paragraph with a bottom border, narrowed
// by indents to about a third of the width it sits in.
function shortRule(width: number, length = Math.round(width / 3)): Paragraph {
  const indent = Math.round((width - length) / 2);
  return new Paragraph({
    indent: { left: indent, right: indent },
    spacing: { before: 0, after: 120, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'auto', space: 1 } },
  });
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text, ...style });
}

function lines(text: string): string[] {
  const found = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return found.length > 0 ? found : [''];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

// Splits `total` twips into `count` whole widths that add up to it.
function distribute(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => base + (i < total - base * count ? 1 : 0));
}

// docx stamps docProps/core.xml with the packing time; the pack's own date keeps it deterministic.
function coreProperties(header: BriefingHeader): string {
  const date = new Date(header.documentDate).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const title = escapeXml(`${TITLES.report} ${reportSubtitle(header)}`);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${title}</dc:title><dc:creator>Giao ban</dc:creator><cp:lastModifiedBy>Giao ban</cp:lastModifiedBy><cp:revision>${header.version}</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
