import ExcelJS from 'exceljs';
import { BriefingModel } from '../model/briefing-model';
import { SAMPLE_ATTACHMENTS, SAMPLE_MODEL } from '../model/sample-model';
import { renderXlsx } from './xlsx';

async function load(model: BriefingModel): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await renderXlsx(model)) as unknown as ArrayBuffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`No sheet ${name}`);
  return found;
}

// The values of a row from its first column, as the sheet stores them.
function rowValues(worksheet: ExcelJS.Worksheet, row: number): ExcelJS.CellValue[] {
  return Array.from({ length: worksheet.columnCount }, (_, i) => worksheet.getRow(row).getCell(i + 1).value);
}

describe('renderXlsx', () => {
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    workbook = await load(SAMPLE_MODEL);
  });

  it('should name the sheets in Vietnamese in a fixed order', () => {
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual(['Chỉ tiêu', 'Theo đơn vị', 'Báo cáo', 'Nhiệm vụ', 'Xếp hạng']);
  });

  it('should write the indicator totals as numbers with the achievement as a percentage', () => {
    const indicators = sheet(workbook, 'Chỉ tiêu');
    expect(rowValues(indicators, 1)).toEqual(['Mã', 'Chỉ tiêu', 'ĐVT', 'Quý này', 'Quý trước', 'Cùng kỳ năm trước', 'Lũy kế năm', 'Kế hoạch năm', 'Tỷ lệ đạt']);
    expect(rowValues(indicators, 2)).toEqual(['TT_BUOI', 'Buổi tuyên truyền chuyên đề, lồng ghép', 'buổi', 110, 96, null, 206, 400, 0.515]);
    expect(rowValues(indicators, 3)).toEqual(['TT_LUOT', 'Lượt người tham dự tuyên truyền', 'lượt người', 8145, 7020, 6512, 15165, null, null]);
    expect(indicators.rowCount).toBe(4);
    expect(typeof indicators.getCell('D3').value).toBe('number');
    expect(indicators.getCell('D3').numFmt).toBe('#,##0');
    expect(indicators.getCell('I2').numFmt).toBe('0.0%');
  });

  it('should give decimals a format with two places when a value is not whole', async () => {
    const indicators = [{ ...SAMPLE_MODEL.results.indicators[0], total: 12.345 }];
    const decimals = await load({ ...SAMPLE_MODEL, results: { ...SAMPLE_MODEL.results, indicators } });
    expect(sheet(decimals, 'Chỉ tiêu').getCell('D2').value).toBe(12.345);
    expect(sheet(decimals, 'Chỉ tiêu').getCell('D2').numFmt).toBe('#,##0.00');
  });

  it('should write each unit value under its indicator code and leave nulls empty', () => {
    const units = sheet(workbook, 'Theo đơn vị');
    expect(rowValues(units, 1)).toEqual(['Mã đơn vị', 'Đơn vị', 'TT_BUOI', 'TT_LUOT', 'MH_RAMAT']);
    expect(rowValues(units, 2)).toEqual(['BDV', 'Ban Dân vận Huyện ủy', 4, 310, null]);
    expect(rowValues(units, 3)).toEqual(['CAH', 'Công an huyện', 6, 2480, null]);
    expect(rowValues(units, 4)).toEqual(['X-DAKRUONG', 'Xã Đăk Ruồng', 100, 5355, 7]);
    expect(units.getCell('E2').type).toBe(ExcelJS.ValueType.Null);
  });

  it('should give every unit its report status and the local time a late report came in', () => {
    const reports = sheet(workbook, 'Báo cáo');
    expect(rowValues(reports, 1)).toEqual(['Mã đơn vị', 'Đơn vị', 'Trạng thái', 'Thời điểm gửi']);
    expect([2, 3, 4, 5].map((row) => rowValues(reports, row).slice(0, 3))).toEqual([
      ['BCHQS', 'Ban Chỉ huy Quân sự huyện', 'Chưa gửi'],
      ['BDV', 'Ban Dân vận Huyện ủy', 'Đúng hạn'],
      ['CAH', 'Công an huyện', 'Muộn'],
      ['X-DAKRUONG', 'Xã Đăk Ruồng', 'Đúng hạn'],
    ]);
    // 08:00Z is 15:00 in Asia/Ho_Chi_Minh; Excel shows a date's UTC fields.
    expect(reports.getCell('D4').value).toEqual(new Date('2024-06-28T15:00:00.000Z'));
    expect(reports.getCell('D4').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect([2, 3, 5].map((row) => reports.getRow(row).getCell(4).value)).toEqual([null, null, null]);
  });

  it('should write the task counts and the ranking as numbers', () => {
    expect(rowValues(sheet(workbook, 'Nhiệm vụ'), 2)).toEqual(['Rà soát, đánh giá hiệu quả hoạt động của các mô hình', new Date('2024-06-20T17:00:00.000Z'), 4, 2, 1, 0, 1]);
    expect(rowValues(sheet(workbook, 'Xếp hạng'), 5)).toEqual([4, 'BCHQS', 'Ban Chỉ huy Quân sự huyện', 1, 0, 1, 0]);
    expect(sheet(workbook, 'Xếp hạng').getCell('G2').numFmt).toBe('0.0%');
  });

  it('should freeze and embolden the header row of every sheet', () => {
    for (const worksheet of workbook.worksheets) {
      expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(worksheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(worksheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    }
    expect(sheet(workbook, 'Theo đơn vị').views[0]).toMatchObject({ xSplit: 2 });
  });

  it('should make every column at least as wide as its header and its longest value', () => {
    for (const worksheet of workbook.worksheets) {
      for (let column = 1; column <= worksheet.columnCount; column++) {
        const width = worksheet.getColumn(column).width ?? 0;
        const texts = worksheet.getColumn(column).values.filter((value) => typeof value === 'string' || typeof value === 'number');
        for (const text of texts) expect(width).toBeGreaterThanOrEqual([...String(text)].length);
      }
    }
  });

  it('should cap the width and wrap the text when a value is very long', async () => {
    const unitSummaries = SAMPLE_MODEL.appendix.units.map((unit) => ({ ...unit, name: `${unit.name} ${'rất dài '.repeat(20)}` }));
    const long = await load({ ...SAMPLE_MODEL, appendix: { ...SAMPLE_MODEL.appendix, units: unitSummaries } });
    const column = sheet(long, 'Theo đơn vị').getColumn(2);
    expect(column.width).toBe(60);
    expect(sheet(long, 'Theo đơn vị').getCell('B2').alignment?.wrapText).toBe(true);
  });

  it('should date the workbook at the document date', () => {
    expect(workbook.created).toEqual(new Date('2024-07-01T02:00:00.000Z'));
    expect(workbook.modified).toEqual(new Date('2024-07-01T02:00:00.000Z'));
    expect(workbook.creator).toBe('Giao ban');
  });

  it('should write only header rows when the model has no rows', async () => {
    const empty = await load({
      ...SAMPLE_MODEL,
      results: { indicators: [], completeness: { units: 0, submitted: 0, onTime: [], late: [], missing: [] }, tasks: [], ranking: [] },
      appendix: { indicatorCodes: [], units: [] },
    });
    for (const worksheet of empty.worksheets) expect(worksheet.rowCount).toBe(1);
  });

  it('should give the same bytes when the same model is rendered twice at different times', async () => {
    const first = await renderXlsx(SAMPLE_MODEL);
    jest.useFakeTimers({ now: new Date('2031-12-31T23:59:58Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout'] });
    try {
      const second = await renderXlsx(SAMPLE_MODEL);
      expect(second.equals(first)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
  it('should add a sheet of attached files with their sizes and links when units attached files', async () => {
    const withFiles = await load({ ...SAMPLE_MODEL, attachments: SAMPLE_ATTACHMENTS });
    expect(withFiles.worksheets.map((worksheet) => worksheet.name)).toEqual(['Chỉ tiêu', 'Theo đơn vị', 'Báo cáo', 'Nhiệm vụ', 'Xếp hạng', 'Tệp đính kèm']);
    const files = sheet(withFiles, 'Tệp đính kèm');
    expect(rowValues(files, 1)).toEqual(['Mã đơn vị', 'Đơn vị', 'Tệp đính kèm', 'Dung lượng (byte)', 'Liên kết tải về']);
    expect(rowValues(files, 2)).toEqual(['BDV', 'Ban Dân vận Huyện ủy', 'Báo cáo quý II.pdf', 1234567, '/api/v1/attachments/6f1c2a44-8a0e-4d2b-9a57-0c1de3f4a001/download']);
    expect(files.rowCount).toBe(4);
  });
});
