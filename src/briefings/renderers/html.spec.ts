import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BriefingModel } from '../model/briefing-model';
import { SAMPLE_ATTACHMENTS, SAMPLE_MODEL } from '../model/sample-model';
import { escapeHtml, renderHtml } from './html';

const GOLDEN = join(__dirname, '__golden__', 'sample.html');

function sampleWith(change: (model: BriefingModel) => void): BriefingModel {
  const model = structuredClone(SAMPLE_MODEL);
  change(model);
  return model;
}

function emptyModel(): BriefingModel {
  return sampleWith((model) => {
    model.agenda = [];
    model.results = { indicators: [], completeness: { units: 0, submitted: 0, onTime: [], late: [], missing: [] }, tasks: [], ranking: [] };
    model.unitSummaries = [];
    model.difficulties = [];
    model.proposals = [];
    model.nextQuarter = null;
    model.appendix = { indicatorCodes: [], units: [] };
  });
}

// Every place a unit's name appears in the pack, renamed.
function renameUnit(model: BriefingModel, code: string, name: string): void {
  const { completeness, ranking } = model.results;
  for (const rows of [completeness.onTime, completeness.late, completeness.missing, ranking, model.unitSummaries, model.appendix.units]) {
    for (const row of rows) if (row.code === code) row.name = name;
  }
}

describe('renderHtml', () => {
  describe('golden file', () => {
    it('should render the sample model exactly as the golden file when nothing changed', () => {
      expect(renderHtml(SAMPLE_MODEL)).toBe(readFileSync(GOLDEN, 'utf8'));
    });

    it('should give the same page when the same model is rendered twice', () => {
      const before = structuredClone(SAMPLE_MODEL);
      expect(renderHtml(SAMPLE_MODEL)).toBe(renderHtml(structuredClone(SAMPLE_MODEL)));
      expect(SAMPLE_MODEL).toEqual(before);
    });
  });

  describe('page', () => {
    const html = renderHtml(SAMPLE_MODEL);

    it('should be a Vietnamese UTF-8 document with inline print CSS when rendered', () => {
      expect(html.startsWith('<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">')).toBe(true);
      expect(html).toContain('@page { size: A4; margin: 20mm 15mm 20mm 30mm }');
      expect(html).toMatch(/body \{ font-family: "Times New Roman", Times, serif; font-size: 13pt;/);
      expect(html.match(/<style>/g)).toHaveLength(1);
      expect(html.trimEnd().endsWith('</body>\n</html>')).toBe(true);
    });

    it('should load nothing from outside and run nothing when opened', () => {
      expect(html).not.toMatch(/<script|<link|<img|<iframe|\son\w+=|\ssrc=|\shref=|url\(|@import|@font-face/i);
      expect(html).not.toMatch(/https?:|\/\//);
    });

    it('should give every table a header row that repeats on each printed page', () => {
      const tables = html.match(/<table>\n<thead><tr>(<th>[^<]+<\/th>)+<\/tr><\/thead>/g) ?? [];
      expect(tables).toHaveLength(html.match(/<table>/g)?.length ?? -1);
      expect(tables).toHaveLength(6);
      expect(html).toContain('thead { display: table-header-group }');
    });

    it('should start the appendix on a new page when printed', () => {
      expect(html).toContain('<h2 class="centered new-page">PHỤ LỤC: SỐ LIỆU CHỈ TIÊU THEO ĐƠN VỊ</h2>');
      expect(html).toContain('.new-page { break-before: page; page-break-before: always }');
    });
  });

  describe('content', () => {
    const html = renderHtml(SAMPLE_MODEL);

    it('should open with the committee, the national motto and the place and date', () => {
      expect(html).toContain('<p>BAN CHỈ ĐẠO CUỘC VẬN ĐỘNG HUYỆN KON RẪY</p><p>Ban Dân vận Huyện ủy (Thường trực Ban Chỉ đạo)</p>');
      expect(html).toContain('<p class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p><span class="motto">Độc lập - Tự do - Hạnh phúc</span></p>');
      expect(html).toContain('<p class="place-date">Kon Rẫy, ngày 01 tháng 7 năm 2024</p>');
      expect(html).toContain(
        '<h1>BÁO CÁO<span class="subtitle">Kết quả thực hiện Cuộc vận động “Làm thay đổi nếp nghĩ, cách làm của đồng bào dân tộc thiểu số” Quý II/2024</span></h1>',
      );
      expect(html).toContain('<p class="note">Thời gian: 08:00 ngày 03/7/2024. Địa điểm: Hội trường UBND xã Đăk Ruồng.</p>');
    });

    it('should write numbers, percentages and missing values the Vietnamese way', () => {
      expect(html).toContain(
        '<td class="right">8.145</td><td class="right">7.020</td><td class="right">6.512</td><td class="right">15.165</td><td class="right">—</td><td class="right">—</td>',
      );
      expect(html).toContain('<td class="right">51,5%</td>');
      expect(html).toContain('<td class="right">60%</td>');
      expect(html).toContain('<td>Ban Dân vận Huyện ủy</td><td class="right">4</td><td class="right">310</td><td class="right">—</td>');
    });

    it('should count the reports and name the on-time, late and missing units', () => {
      expect(html).toContain('<p>Tổng số đơn vị phải báo cáo: 4; đã gửi báo cáo: 3 (đúng hạn: 2; muộn: 1); chưa gửi: 1.</p>');
      expect(html).toContain('<li><em>Gửi đúng hạn:</em> Ban Dân vận Huyện ủy; Xã Đăk Ruồng.</li>');
      expect(html).toContain('<li><em>Gửi muộn:</em> Công an huyện (gửi lúc 15:00 ngày 28/6/2024).</li>');
      expect(html).toContain('<li><em>Chưa gửi:</em> Ban Chỉ huy Quân sự huyện.</li>');
    });

    it('should give the four-way task counts and the on-time ranking', () => {
      expect(html).toContain(
        '<td>Rà soát, đánh giá hiệu quả hoạt động của các mô hình</td><td>20/6/2024</td><td class="right">4</td><td class="right">2</td><td class="right">1</td><td class="right">0</td><td class="right">1</td>',
      );
      expect(html).toContain(
        '<td class="center">4</td><td>Ban Chỉ huy Quân sự huyện</td><td class="right">1</td><td class="right">0</td><td class="right">1</td><td class="right">0%</td>',
      );
    });

    it('should put the sections in the order of the Word document', () => {
      const order = [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        '<h1>BÁO CÁO',
        '>CHƯƠNG TRÌNH HỘI NGHỊ</h2>',
        '<h2>I. KẾT QUẢ THỰC HIỆN</h2>',
        '<h3>1. Kết quả thực hiện các chỉ tiêu</h3>',
        '<h3>2. Tình hình gửi báo cáo của các đơn vị</h3>',
        '<h3>3. Kết quả thực hiện nhiệm vụ</h3>',
        '<h4>Xếp hạng các đơn vị theo tỷ lệ hoàn thành nhiệm vụ đúng hạn</h4>',
        '<h3>4. Tóm tắt kết quả của các đơn vị</h3>',
        '<h4>Ban Dân vận Huyện ủy</h4>',
        '<h4>Công an huyện</h4>',
        '<h4>Xã Đăk Ruồng</h4>',
        '<h2>II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ</h2>',
        '<h3>1. Khó khăn, vướng mắc</h3>',
        '<h3>2. Đề xuất, kiến nghị</h3>',
        '<h2>III. NHIỆM VỤ QUÝ III/2024</h2>',
        '<p>TM. BAN CHỈ ĐẠO</p><p>PHÓ BÍ THƯ THƯỜNG TRỰC HUYỆN ỦY - TRƯỞNG BAN CHỈ ĐẠO</p>',
        'PHỤ LỤC: SỐ LIỆU CHỈ TIÊU THEO ĐƠN VỊ</h2>',
      ];
      const positions = order.map((text) => html.indexOf(text));
      expect(positions).not.toContain(-1);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    });
  });

  describe('escaping', () => {
    it('should escape the five HTML characters when given text', () => {
      expect(escapeHtml(`<b>&"'</b>`)).toBe('&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;');
      expect(escapeHtml('Xã Đăk Ruồng')).toBe('Xã Đăk Ruồng');
    });

    it('should show a unit name as text when it contains <b>&"', () => {
      const name = 'Tổ <b>&"công tác"</b>';
      const html = renderHtml(
        sampleWith((model) => {
          renameUnit(model, 'BCHQS', name);
          renameUnit(model, 'CAH', name);
          model.difficulties = [{ unit: name, text: '<script>alert(1)</script>' }];
          model.header.committeeName = name;
        }),
      );
      const escaped = 'Tổ &lt;b&gt;&amp;&quot;công tác&quot;&lt;/b&gt;';
      expect(html).not.toContain('<b>');
      expect(html).not.toContain('<script');
      expect(html).toContain(`<li><em>Chưa gửi:</em> ${escaped}.</li>`);
      expect(html).toContain(`<h4>${escaped}</h4>`);
      expect(html).toContain(`<td>${escaped}</td>`);
      expect(html).toContain(`<li><em>${escaped}:</em> &lt;script&gt;alert(1)&lt;/script&gt;</li>`);
      expect(html).toContain('<p>TỔ &lt;B&gt;&amp;&quot;CÔNG TÁC&quot;&lt;/B&gt;</p>');
    });

    it('should add no markup when any single-line text stands for a unit name', () => {
      const tags = (html: string) => html.match(/</g)?.length ?? 0;
      const baseline = tags(renderHtml(sampleWith((model) => renameUnit(model, 'CAH', 'X'))));
      fc.assert(
        fc.property(
          fc
            .string({
              unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", '/', ' ', 'b', 'Đ', 'ẫ'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
              maxLength: 30,
            })
            .filter((name) => !/[\r\n]/.test(name)),
          (name) => tags(renderHtml(sampleWith((model) => renameUnit(model, 'CAH', name)))) === baseline,
        ),
      );
    });

    it('should keep the lines of a unit text as line breaks when it has several', () => {
      const html = renderHtml(
        sampleWith((model) => {
          model.unitSummaries[0].results = '  Tổ chức 4 buổi.\r\n\n- Ra mắt 1 mô hình & 2 tổ <tự quản>.  ';
        }),
      );
      expect(html).toContain('<li><em>Kết quả:</em> Tổ chức 4 buổi.<br>- Ra mắt 1 mô hình &amp; 2 tổ &lt;tự quản&gt;.</li>');
    });
  });

  describe('missing data', () => {
    it('should say so in each section when the sections are empty', () => {
      const html = renderHtml(emptyModel());
      expect(html).not.toContain('<table>');
      for (const sentence of [
        'Chưa có chương trình hội nghị.',
        'Chưa có chỉ tiêu nào được theo dõi.',
        'Trong kỳ không có nhiệm vụ được giao cho các đơn vị.',
        'Chưa có đơn vị nào gửi báo cáo.',
        'Các đơn vị không nêu khó khăn, vướng mắc.',
        'Các đơn vị không có đề xuất, kiến nghị.',
        'Chưa có kế hoạch nhiệm vụ Quý III/2024.',
        'Chưa có số liệu của đơn vị nào.',
      ]) {
        expect(html).toContain(`<p class="empty">${sentence}</p>`);
      }
      expect(html).toContain('<p>Tổng số đơn vị phải báo cáo: 0; đã gửi báo cáo: 0 (đúng hạn: 0; muộn: 0); chưa gửi: 0.</p>');
      expect(html).toContain('<li><em>Chưa gửi:</em> không có.</li>');
      expect(html).toContain('<h2>III. NHIỆM VỤ QUÝ III/2024</h2>');
      expect(html).not.toContain('Xếp hạng');
    });

    it('should say a unit sent nothing when its summary is blank', () => {
      const html = renderHtml(
        sampleWith((model) => {
          model.unitSummaries[0] = { ...model.unitSummaries[0], results: ' ', difficulties: null, proposals: '' };
        }),
      );
      expect(html).toContain('<h4>Ban Dân vận Huyện ủy</h4>\n<p class="empty">Đơn vị chưa gửi nội dung tóm tắt.</p>');
    });

    it('should say no tasks are assigned when the next quarter has none', () => {
      const html = renderHtml(sampleWith((model) => (model.nextQuarter = { periodLabel: 'Quý I/2025', tasks: [] })));
      expect(html).toContain('<h2>III. NHIỆM VỤ QUÝ I/2025</h2>\n<p class="empty">Chưa giao nhiệm vụ cho Quý I/2025.</p>');
    });

    it('should leave out optional header lines and write a dash for a missing presenter when they are null', () => {
      const html = renderHtml(
        sampleWith(({ header }) => {
          Object.assign(header, { locality: null, secretariatName: null, chairTitle: null, meetingPlace: null, documentDate: '2024-06-30T18:00:00.000Z' });
        }),
      );
      expect(html).toContain('<div class="issuer"><p>BAN CHỈ ĐẠO CUỘC VẬN ĐỘNG HUYỆN KON RẪY</p></div>');
      expect(html).toContain('<p class="place-date">Ngày 01 tháng 7 năm 2024</p>');
      expect(html).toContain('<p class="note">Thời gian: 08:00 ngày 03/7/2024.</p>');
      expect(html).toContain('<div class="signer"><p>TM. BAN CHỈ ĐẠO</p></div>');
      expect(html).toContain('<td class="center">07:30</td><td>Đón tiếp đại biểu</td><td>—</td>');
    });
  });
  describe('attachments appendix', () => {
    const withFiles = sampleWith((model) => (model.attachments = structuredClone(SAMPLE_ATTACHMENTS)));

    it('should add no attachments appendix when no unit attached files', () => {
      expect(renderHtml(SAMPLE_MODEL)).not.toContain('TÀI LIỆU ĐÍNH KÈM');
    });

    it('should list each file on a new page with its unit, a link to it and its size when units attached files', () => {
      const html = renderHtml(withFiles);
      expect(html).toContain('<h2 class="centered new-page">PHỤ LỤC: TÀI LIỆU ĐÍNH KÈM BÁO CÁO CỦA CÁC ĐƠN VỊ</h2>');
      expect(html).toContain(
        '<tr><td class="center">1</td><td>Ban Dân vận Huyện ủy</td><td><a href="/api/v1/attachments/6f1c2a44-8a0e-4d2b-9a57-0c1de3f4a001/download">Báo cáo quý II.pdf</a></td><td class="right">1,2 MB</td></tr>',
      );
      expect(html).toContain('<td class="center">3</td><td>Xã Đăk Ruồng</td>');
      expect(html).toContain('<td class="right">18 KB</td>');
      expect(html.indexOf('PHỤ LỤC: SỐ LIỆU CHỈ TIÊU')).toBeLessThan(html.indexOf('PHỤ LỤC: TÀI LIỆU ĐÍNH KÈM'));
    });

    it('should escape file names and link only to the download addresses when names hold markup', () => {
      const html = renderHtml(withFiles);
      expect(html).toContain('>Ảnh buổi tuyên truyền &lt;thôn 1&gt;.jpg</a>');
      expect(html.match(/\shref="[^"]*"/g)).toEqual(SAMPLE_ATTACHMENTS.flatMap((unit) => unit.files.map((file) => ` href="${file.url}"`)));
      expect(html).not.toMatch(/<script|<link|<img|<iframe|\son\w+=|\ssrc=|url\(|@import|@font-face/i);
    });
  });
});
