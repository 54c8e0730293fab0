import JSZip from 'jszip';
import { BriefingModel } from '../model/briefing-model';
import { SAMPLE_ATTACHMENTS, SAMPLE_MODEL } from '../model/sample-model';
import { LARGE, NAME_CAP, RANKING_EDGE, renderDocx, SUMMARY_CAP } from './docx';

interface Parts {
  document: string;
  styles: string;
  core: string;
  headers: string[];
}

async function partsOf(buffer: Buffer): Promise<Parts> {
  const zip = await JSZip.loadAsync(buffer);
  const text = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`${path} is missing`);
    return file.async('string');
  };
  const headerPaths = Object.keys(zip.files).filter((path) => /^word\/header\d+\.xml$/.test(path));
  return {
    document: await text('word/document.xml'),
    styles: await text('word/styles.xml'),
    core: await text('docProps/core.xml'),
    headers: await Promise.all(headerPaths.map(text)),
  };
}

async function render(model: BriefingModel): Promise<Parts> {
  return partsOf(await renderDocx(model));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// The table (w:tbl … /w:tbl) whose text includes `marker`; tables are not nested here.
function tableWith(document: string, marker: string): string {
  const table = document.match(/<w:tbl>.*?<\/w:tbl>/g)?.find((xml) => xml.includes(marker));
  if (!table) throw new Error(`No table contains ${marker}`);
  return table;
}

// A program of `count` units: 90% reported (10% of all late), every third unit that reported
// wrote a difficulty and every fifth a proposal, 30 indicators in the appendix.
function largeModel(count: number): BriefingModel {
  const unit = (i: number) => ({ code: `U${String(i).padStart(5, '0')}`, name: `Xã Số ${i}`, kind: 'commune' as const });
  const submitted = Math.round(count * 0.9);
  const late = Math.round(count * 0.1);
  const codes = Array.from({ length: 30 }, (_, i) => `IND${String(i + 1).padStart(2, '0')}`);
  const summaries = Array.from({ length: submitted }, (_, i) => ({
    ...unit(i),
    results: `Kết quả của đơn vị ${i}`,
    difficulties: i % 3 === 0 ? `Khó khăn của đơn vị ${i}` : null,
    proposals: i % 5 === 0 ? `Đề xuất của đơn vị ${i}` : null,
  }));
  return {
    ...SAMPLE_MODEL,
    results: {
      ...SAMPLE_MODEL.results,
      completeness: {
        units: count,
        submitted,
        onTime: Array.from({ length: submitted - late }, (_, i) => unit(i)),
        late: Array.from({ length: late }, (_, i) => ({ ...unit(submitted - late + i), submittedAt: '2024-06-28T08:00:00.000Z', reportDueAt: '2024-06-20T10:00:00.000Z' })),
        missing: Array.from({ length: count - submitted }, (_, i) => unit(submitted + i)),
      },
      ranking: Array.from({ length: count }, (_, i) => ({ rank: i + 1, ...unit(i), tasksTotal: 10, doneOnTime: 5, overdue: 2, onTimeRate: 0.5 })),
    },
    unitSummaries: summaries,
    difficulties: summaries.filter((s) => s.difficulties).map((s) => ({ unit: s.name, text: s.difficulties ?? '' })),
    proposals: summaries.filter((s) => s.proposals).map((s) => ({ unit: s.name, text: s.proposals ?? '' })),
    appendix: { indicatorCodes: codes, units: summaries.map((s, i) => ({ code: s.code, name: s.name, values: Object.fromEntries(codes.map((code, k) => [code, i + k])) })) },
  };
}

function sectionProperties(document: string): string[] {
  return document.match(/<w:sectPr>.*?<\/w:sectPr>/g) ?? [];
}

describe('renderDocx', () => {
  let sample: Parts;

  beforeAll(async () => {
    sample = await render(SAMPLE_MODEL);
  });

  describe('national administrative format', () => {
    it('should lay every section out on A4 with the margins of Decree 30', () => {
      const sections = sectionProperties(sample.document);
      expect(sections).toHaveLength(2);
      for (const section of sections) {
        expect(section).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
        expect(section).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
      }
    });

    it('should set Times New Roman 14 pt as the document default', () => {
      const defaults = sample.styles.match(/<w:docDefaults>.*<\/w:docDefaults>/)?.[0] ?? '';
      expect(defaults).toContain('<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/>');
      expect(defaults).toContain('<w:sz w:val="28"/>');
      expect(sample.document).not.toMatch(/w:ascii="(?!Times New Roman)/);
    });

    it('should keep every font size between 13 and 14 pt', () => {
      const sizes = new Set([...[sample.document, ...sample.headers].join('').matchAll(/<w:szC?s? w:val="(\d+)"\/>/g)].map((match) => match[1]));
      expect(sizes.size).toBeGreaterThan(0);
      for (const size of sizes) expect(['26', '28']).toContain(size);
    });

    it('should open with a borderless two-column block of the committee and the national motto', () => {
      const block = tableWith(sample.document, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(sample.document.indexOf(block)).toBe(sample.document.indexOf('<w:body>') + '<w:body>'.length);
      expect(block).toContain('<w:insideV w:val="none"');
      expect(block).toContain('<w:gridCol w:w="3600"/><w:gridCol w:w="5754"/>');
      expect(block).toMatch(/<w:b\/><w:bCs\/><w:sz w:val="26"\/><w:szCs w:val="26"\/><\/w:rPr><w:t xml:space="preserve">BAN CHỈ ĐẠO CUỘC VẬN ĐỘNG HUYỆN KON RẪY</);
      expect(block).toContain('Ban Dân vận Huyện ủy (Thường trực Ban Chỉ đạo)');
      expect(block).toMatch(/<w:b\/><w:bCs\/><w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">Độc lập - Tự do - Hạnh phúc</);
      expect(block).toMatch(/<w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">Kon Rẫy, ngày 01 tháng 7 năm 2024</);
    });

    it('should title the document as a report on the program and the period', () => {
      expect(sample.document).toContain('>BÁO CÁO<');
      expect(sample.document).toContain(`>Kết quả thực hiện ${SAMPLE_MODEL.header.programName} Quý II/2024<`);
    });

    it('should number the pages in the centre of the top margin but not on the first page', () => {
      const numbered = sample.headers.filter((header) => /<w:instrText xml:space="preserve">PAGE<\/w:instrText>/.test(header));
      expect(numbered.length).toBeGreaterThanOrEqual(1);
      for (const header of numbered) expect(header).toContain('<w:jc w:val="center"/>');
      expect(sectionProperties(sample.document)[0]).toMatch(/<w:headerReference w:type="first" r:id="rId\d+"\/>.*<w:titlePg\/>/);
    });

    it('should sign on behalf of the committee with the chair title', () => {
      const signature = tableWith(sample.document, 'TM. BAN CHỈ ĐẠO');
      expect(signature).toContain('PHÓ BÍ THƯ THƯỜNG TRỰC HUYỆN ỦY - TRƯỞNG BAN CHỈ ĐẠO');
      expect(signature).toContain('Nơi nhận:');
    });

    it('should date the document properties at the document date when packed', () => {
      expect(sample.core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-07-01T02:00:00Z</dcterms:created>');
      expect(sample.core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-07-01T02:00:00Z</dcterms:modified>');
    });
  });

  describe('content', () => {
    it('should give the agenda with the meeting time and place', () => {
      expect(sample.document).toContain('>CHƯƠNG TRÌNH HỘI NGHỊ<');
      expect(sample.document).toContain('>Thời gian: 08:00 ngày 03/7/2024. Địa điểm: Hội trường UBND xã Đăk Ruồng.<');
      const agenda = tableWith(sample.document, 'Đón tiếp đại biểu');
      expect(agenda).toContain('>07:30<');
      expect(agenda).toContain('>Thường trực Ban Chỉ đạo<');
    });

    it('should write the indicator table with Vietnamese numbers, dashes for nulls and a repeated header row', () => {
      const indicators = tableWith(sample.document, 'Cùng kỳ năm trước');
      const [headerRow, ...rows] = indicators.match(/<w:tr>.*?<\/w:tr>/g) ?? [];
      expect(headerRow).toContain('<w:tblHeader/>');
      for (const label of ['STT', 'Chỉ tiêu', 'ĐVT', 'Quý này', 'Quý trước', 'Lũy kế năm', 'Kế hoạch năm', 'Tỷ lệ đạt']) expect(headerRow).toContain(`>${label}<`);
      expect(rows).toHaveLength(3);
      const cells = (row: string) => [...row.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((match) => match[1]);
      expect(cells(rows[0])).toEqual(['1', 'Buổi tuyên truyền chuyên đề, lồng ghép', 'buổi', '110', '96', '—', '206', '400', '51,5%']);
      expect(cells(rows[1])).toEqual(['2', 'Lượt người tham dự tuyên truyền', 'lượt người', '8.145', '7.020', '6.512', '15.165', '—', '—']);
      expect(cells(rows[2])).toEqual(['3', 'Mô hình ra mắt', 'mô hình', '7', '5', '3', '12', '20', '60%']);
    });

    it('should repeat the header row of every data table on each page', () => {
      const tables = sample.document.match(/<w:tbl>.*?<\/w:tbl>/g) ?? [];
      const dataTables = tables.filter((table) => !table.includes('<w:insideV w:val="none"'));
      expect(dataTables).toHaveLength(6);
      for (const table of dataTables) expect(table.match(/<w:tr>.*?<\/w:tr>/)?.[0]).toContain('<w:tblHeader/>');
    });

    it('should list the units on time, late with the time they sent, and missing', () => {
      expect(sample.document).toContain('Tổng số đơn vị phải báo cáo: 4; đã gửi báo cáo: 3 (đúng hạn: 2; muộn: 1); chưa gửi: 1.');
      expect(sample.document).toContain('>Ban Dân vận Huyện ủy; Xã Đăk Ruồng.<');
      expect(sample.document).toContain('>Công an huyện (gửi lúc 15:00 ngày 28/6/2024).<');
      expect(sample.document).toContain('>Ban Chỉ huy Quân sự huyện.<');
    });

    it('should give the four-way task counts and the on-time ranking', () => {
      const tasks = tableWith(sample.document, 'Rà soát, đánh giá hiệu quả hoạt động của các mô hình');
      expect(tasks).toMatch(/>20\/6\/2024<.*>4<.*>2<.*>1<.*>0<.*>1</);
      const ranking = tableWith(sample.document, 'Tỷ lệ đúng hạn');
      expect(ranking).toMatch(/>1<.*>Ban Dân vận Huyện ủy<.*>100%<.*>4<.*>Ban Chỉ huy Quân sự huyện<.*>0%</);
    });

    it('should summarise each unit with only the parts it wrote', () => {
      expect(sample.document).toContain('>Tổ chức 4 buổi tuyên truyền với 310 lượt người tham dự.<');
      expect(sample.document).toContain('>Địa bàn rộng, đi lại khó khăn.<');
      expect(sample.document.match(/- Khó khăn, vướng mắc: /g)).toHaveLength(1);
      expect(sample.document.match(/- Đề xuất, kiến nghị: /g)).toHaveLength(1);
    });

    it('should give difficulties, proposals and the next quarter tasks in sections II and III', () => {
      const issues = sample.document.indexOf('II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ');
      const next = sample.document.indexOf('III. NHIỆM VỤ QUÝ III/2024');
      expect(issues).toBeGreaterThan(sample.document.indexOf('I. KẾT QUẢ THỰC HIỆN'));
      expect(next).toBeGreaterThan(issues);
      expect(sample.document.slice(issues, next)).toContain('>- Công an huyện: <');
      expect(sample.document.slice(issues, next)).toContain('>- Xã Đăk Ruồng: <');
      expect(tableWith(sample.document, 'Đẩy mạnh tuyên truyền, vận động Cuộc vận động')).toMatch(/>Tất cả đơn vị<.*>20\/9\/2024</);
    });

    it('should append the values of each unit by indicator code with a legend', () => {
      const appendixStart = sample.document.indexOf('PHỤ LỤC: SỐ LIỆU CHỈ TIÊU THEO ĐƠN VỊ');
      expect(appendixStart).toBeGreaterThan(sample.document.indexOf('TM. BAN CHỈ ĐẠO'));
      const appendix = tableWith(sample.document.slice(appendixStart), 'TT_LUOT');
      expect(appendix).toMatch(/>Ban Dân vận Huyện ủy<.*>4<.*>310<.*>—<.*>Công an huyện<.*>6<.*>2.480<.*>—<.*>Xã Đăk Ruồng<.*>100<.*>5.355<.*>7</);
      expect(sample.document).toContain('>TT_LUOT: Lượt người tham dự tuyên truyền (lượt người)<');
    });

    it('should name every unit of the model', () => {
      const { completeness, ranking } = SAMPLE_MODEL.results;
      const names = [...completeness.onTime, ...completeness.late, ...completeness.missing, ...ranking, ...SAMPLE_MODEL.unitSummaries, ...SAMPLE_MODEL.appendix.units].map(
        (unit) => unit.name,
      );
      expect(new Set(names).size).toBe(4);
      for (const name of names) expect(sample.document).toContain(escapeXml(name));
    });
  });

  describe('edge cases', () => {
    it('should keep section III with a sentence when the next quarter does not exist', async () => {
      const { document } = await render({ ...SAMPLE_MODEL, nextQuarter: null });
      expect(document).toContain('>III. NHIỆM VỤ QUÝ III/2024<');
      expect(document).toContain('>Chưa có kế hoạch nhiệm vụ Quý III/2024.<');
    });

    it('should name the first quarter of the next year when the briefing is for the fourth quarter', async () => {
      const header = { ...SAMPLE_MODEL.header, quarter: 4, periodLabel: 'Quý IV/2024' };
      const { document } = await render({ ...SAMPLE_MODEL, header, nextQuarter: null });
      expect(document).toContain('>III. NHIỆM VỤ QUÝ I/2025<');
    });

    it('should write sentences instead of empty tables when the model has no rows', async () => {
      const empty: BriefingModel = {
        ...SAMPLE_MODEL,
        agenda: [],
        results: { indicators: [], completeness: { units: 0, submitted: 0, onTime: [], late: [], missing: [] }, tasks: [], ranking: [] },
        unitSummaries: [],
        difficulties: [],
        proposals: [],
        nextQuarter: { periodLabel: 'Quý III/2024', tasks: [] },
        appendix: { indicatorCodes: [], units: [] },
      };
      const { document } = await render(empty);
      expect(document.match(/<w:tbl>/g)).toHaveLength(2); // the header block and the signature
      for (const sentence of [
        'Chưa có chương trình hội nghị.',
        'Chưa có chỉ tiêu nào được theo dõi.',
        'Trong kỳ không có nhiệm vụ được giao cho các đơn vị.',
        'Các đơn vị không nêu khó khăn, vướng mắc.',
        'Các đơn vị không có đề xuất, kiến nghị.',
        'Chưa giao nhiệm vụ cho Quý III/2024.',
        'Chưa có số liệu của đơn vị nào.',
      ])
        expect(document).toContain(`>${sentence}<`);
    });

    it('should turn the appendix page to landscape when it has more indicators than fit a portrait page', async () => {
      const codes = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'];
      const model = { ...SAMPLE_MODEL, appendix: { indicatorCodes: codes, units: [{ code: 'BDV', name: 'Ban Dân vận Huyện ủy', values: { A7: 12345 } }] } };
      const [report, appendix] = sectionProperties((await render(model)).document);
      expect(report).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
      expect(appendix).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    });

    it('should escape markup characters and split lines when unit texts contain them', async () => {
      const unitSummaries = [{ code: 'X', name: 'Xã A & B <mới>', kind: 'commune' as const, results: 'Dòng một.\nDòng hai.', difficulties: null, proposals: null }];
      const { document } = await render({ ...SAMPLE_MODEL, unitSummaries });
      expect(document).toContain('>Xã A &amp; B &lt;mới&gt;<');
      expect(document).toMatch(/>- Kết quả: <\/w:t>.*?>Dòng một.<\/w:t><\/w:r><\/w:p><w:p>.*?>Dòng hai.</);
    });

    it('should say so when a unit wrote no summary', async () => {
      const unitSummaries = [{ code: 'X', name: 'Xã Đăk Pne', kind: 'commune' as const, results: null, difficulties: ' ', proposals: null }];
      const { document } = await render({ ...SAMPLE_MODEL, unitSummaries });
      expect(document).toContain('>Đơn vị chưa gửi nội dung tóm tắt.<');
    });

    it('should leave the chair title and locality out when they are not known', async () => {
      const header = { ...SAMPLE_MODEL.header, chairTitle: null, locality: null, secretariatName: null };
      const { document } = await render({ ...SAMPLE_MODEL, header });
      expect(document).toContain('>Ngày 01 tháng 7 năm 2024<');
      expect(document).not.toContain('TRƯỞNG BAN CHỈ ĐẠO');
      expect(document).not.toContain('Thường trực Ban Chỉ đạo)');
    });
  });

  describe('large programs', () => {
    let large: Parts;

    beforeAll(async () => {
      large = await render(largeModel(1000));
    });

    it('should keep the document small when the program has 1,000 units', () => {
      expect(Buffer.byteLength(large.document)).toBeLessThan(1_500_000);
      expect(large.document).toContain('Tổng số đơn vị phải báo cáo: 1000; đã gửi báo cáo: 900 (đúng hạn: 800; muộn: 100); chưa gửi: 100.');
    });

    it('should show only the first and last ranking rows with a sentence for the others', () => {
      const ranking = tableWith(large.document, 'Tỷ lệ đúng hạn');
      const rows = (ranking.match(/<w:tr>.*?<\/w:tr>/g) ?? []).filter((row) => row.includes('>Xã Số '));
      expect(rows).toHaveLength(2 * RANKING_EDGE);
      expect(rows[0]).toContain('>Xã Số 0<');
      expect(rows[RANKING_EDGE - 1]).toContain('>Xã Số 19<');
      expect(rows[RANKING_EDGE]).toContain('>Xã Số 980<');
      expect(rows[2 * RANKING_EDGE - 1]).toContain('>Xã Số 999<');
      expect(ranking).toContain('>(… 960 đơn vị khác: xem bảng xếp hạng đầy đủ trong tệp Excel/HTML kèm theo)<');
    });

    it('should cap each completeness list of unit names', () => {
      expect(large.document).toContain(`; Xã Số ${NAME_CAP - 1} và ${800 - NAME_CAP} đơn vị khác.<`);
      expect(large.document).not.toContain(`>Xã Số ${NAME_CAP};`);
      expect(large.document).toMatch(/>Xã Số 900; Xã Số 901; .*; Xã Số 999\.</);
    });

    it('should summarise only the units that wrote difficulties or proposals, capped, and point to the HTML', () => {
      const start = large.document.indexOf('4. Tóm tắt kết quả của các đơn vị');
      const summaries = large.document.slice(start, large.document.indexOf('II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ'));
      expect(summaries).toContain('Tóm tắt kết quả của tất cả 900 đơn vị: xem tệp HTML kèm theo.');
      expect(summaries.match(/- Kết quả: /g)).toHaveLength(SUMMARY_CAP);
      expect(summaries).toContain('>Xã Số 0<');
      expect(summaries).not.toContain('>Xã Số 1<');
    });

    it('should replace the appendix table by a sentence pointing to the Excel file', () => {
      const appendix = large.document.slice(large.document.indexOf('PHỤ LỤC: SỐ LIỆU CHỈ TIÊU THEO ĐƠN VỊ'));
      expect(appendix).toContain('Số liệu chỉ tiêu của từng đơn vị (900 đơn vị): xem tệp Excel (sheet “Theo đơn vị”) kèm theo.');
      expect(appendix).not.toContain('<w:tbl>');
      expect(sectionProperties(large.document)[1]).toContain('w:orient="portrait"');
    });

    it('should cap the opinions of section II and keep section III', () => {
      expect(large.document.match(/>- Xã Số \d+: </g)).toHaveLength(SUMMARY_CAP + 180);
      expect(large.document).toContain(`>(… và ${300 - SUMMARY_CAP} ý kiến khác của các đơn vị: xem tệp HTML kèm theo.)<`);
      expect(large.document).toContain('>III. NHIỆM VỤ QUÝ III/2024<');
    });

    it(`should keep every row when the program has exactly ${LARGE} units`, async () => {
      const { document } = await render(largeModel(LARGE));
      expect(document).not.toContain('xem tệp Excel');
      expect(document).not.toContain('đơn vị khác');
      expect((tableWith(document, 'Tỷ lệ đúng hạn').match(/>Xã Số /g) ?? []).length).toBe(LARGE);
    });
  });

  describe('determinism', () => {
    it('should give the same bytes when the same model is rendered twice at different times', async () => {
      const first = await renderDocx(SAMPLE_MODEL);
      jest.useFakeTimers({ now: new Date('2031-12-31T23:59:58Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      try {
        const second = await renderDocx(SAMPLE_MODEL);
        expect((await partsOf(second)).document).toBe((await partsOf(first)).document);
        expect(second.equals(first)).toBe(true);
      } finally {
        jest.useRealTimers();
      }
    });
  });
  describe('attachments appendix', () => {
    const withFiles = (url?: (id: number) => string): BriefingModel => ({
      ...SAMPLE_MODEL,
      attachments: SAMPLE_ATTACHMENTS.map((unit) => ({ ...unit, files: unit.files.map((file, i) => ({ ...file, url: url ? url(i) : file.url })) })),
    });

    it('should add a third section listing each file with its unit and size when units attached files', async () => {
      const { document } = await render(withFiles());
      expect(sectionProperties(document)).toHaveLength(3);
      const table = tableWith(document, 'Tệp đính kèm');
      for (const name of ['Báo cáo quý II.pdf', escapeXml('Ảnh buổi tuyên truyền <thôn 1>.jpg'), 'Số liệu chi tiết.xlsx', '1,2 MB', 'Ban Dân vận Huyện ủy'])
        expect(table).toContain(name);
      expect(document).toContain('PHỤ LỤC: TÀI LIỆU ĐÍNH KÈM BÁO CÁO CỦA CÁC ĐƠN VỊ');
    });

    it('should keep relative addresses out of the Word file and link absolute ones with a HYPERLINK field', async () => {
      expect((await render(withFiles())).document).not.toContain('HYPERLINK');
      const { document } = await render(withFiles((i) => `https://giaoban.konray.gov.vn/api/v1/attachments/${i}/download`));
      expect(document).toContain('w:instr="HYPERLINK &quot;https://giaoban.konray.gov.vn/api/v1/attachments/0/download&quot;"');
      const sizes = new Set([...document.matchAll(/<w:szC?s? w:val="(\d+)"\/>/g)].map((match) => match[1]));
      for (const size of sizes) expect(['26', '28']).toContain(size);
    });

    it('should give the same bytes when a model with links is rendered twice', async () => {
      const model = withFiles((i) => `https://giaoban.konray.gov.vn/api/v1/attachments/${i}/download`);
      expect((await renderDocx(model)).equals(await renderDocx(model))).toBe(true);
    });

    it(`should list at most ${SUMMARY_CAP} files and point to the HTML for the others in a large program`, async () => {
      const model = largeModel(LARGE + 1);
      model.attachments = Array.from({ length: 60 }, (_, u) => ({
        code: `U${u}`,
        name: `Xã Số ${u}`,
        kind: 'commune' as const,
        files: Array.from({ length: 5 }, (_, i) => ({ filename: `Tệp ${u}-${i}.pdf`, size: 1000, url: `/api/v1/attachments/${u}-${i}/download` })),
      }));
      const { document } = await render(model);
      expect((tableWith(document, 'Tệp đính kèm').match(/>Tệp \d+-\d+\.pdf</g) ?? []).length).toBe(SUMMARY_CAP);
      expect(document).toContain(`(… và ${300 - SUMMARY_CAP} tệp khác: xem tệp HTML kèm theo.)`);
    });
  });
});
