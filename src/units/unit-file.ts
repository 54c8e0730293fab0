import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export const IMPORT_COLUMNS = ['code', 'name', 'kind', 'parentCode', 'emails', 'headEmail'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export interface UnitFileRow {
  row: number;
  values: Record<ImportColumn, string>;
}

export class UnitFileError extends Error {}

function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

function toRows(table: string[][]): UnitFileRow[] {
  const [header, ...body] = table;
  if (!header) throw new UnitFileError('the file is empty');
  const positions = new Map(header.map((name, index) => [normaliseHeader(name), index]));
  const missing = IMPORT_COLUMNS.filter((column) => column !== 'parentCode' && column !== 'headEmail' && !positions.has(column.toLowerCase()));
  if (missing.length) throw new UnitFileError(`missing column(s): ${missing.join(', ')}; expected ${IMPORT_COLUMNS.join(',')}`);
  return body
    .map((cells, index) => ({
      row: index + 2,
      values: Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, (cells[positions.get(column.toLowerCase()) ?? -1] ?? '').trim()])) as Record<ImportColumn, string>,
    }))
    .filter((row) => Object.values(row.values).some((value) => value !== ''));
}

export function parseCsv(content: Buffer): UnitFileRow[] {
  const text = content.toString('utf8');
  const delimiter = (text.split('\n')[0].match(/;/g)?.length ?? 0) > (text.split('\n')[0].match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    // Blank lines are kept (and dropped by toRows) so that row numbers match the lines of the file.
    const table: string[][] = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: false });
    return toRows(table);
  } catch (error) {
    if (error instanceof UnitFileError) throw error;
    throw new UnitFileError(`the CSV could not be read: ${(error as Error).message}`);
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return value.result === undefined || value.result === null ? '' : cellText(value.result);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return '';
  }
  return String(value);
}

export async function parseXlsx(content: Buffer): Promise<UnitFileRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnitFileError(`the XLSX could not be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnitFileError('the workbook has no sheet');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    table[rowNumber - 1] = values.slice(1).map(cellText);
  });
  return toRows(Array.from(table, (cells) => cells ?? []));
}

// Decides the format from the content, not the name: an XLSX is a zip file ("PK").
export async function parseUnitFile(content: Buffer): Promise<UnitFileRow[]> {
  if (content.length === 0) throw new UnitFileError('the file is empty');
  if (content.subarray(0, 2).toString('latin1') === 'PK') return parseXlsx(content);
  if (content.includes(0)) throw new UnitFileError('the file is neither CSV nor XLSX');
  return parseCsv(content);
}
