import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BriefingModel } from '../model/briefing-model';
import { SAMPLE_ATTACHMENTS, SAMPLE_MODEL } from '../model/sample-model';
import { escapeInline, renderMarkdown } from './markdown';

const GOLDEN = join(__dirname, '__golden__', 'sample.md');
const cellText = fc.string({
  unit: fc.oneof(fc.constantFrom('|', '\\', '`', '*', '<', '&', '#', '-', '\n', ' ', 'a', 'Đ'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
  maxLength: 30,
});

function sampleWith(change: (model: BriefingModel) => void): BriefingModel {
  const model = structuredClone(SAMPLE_MODEL);
  change(model);
  return model;
}

// The cells of each pipe-table line: `|` preceded by a backslash belongs to the text.
function tableLines(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) => line.split(/(?<!\\)\|/).slice(1, -1));
}

describe('renderMarkdown', () => {
  describe('golden file', () => {
    it('should render the sample model exactly as the golden file when nothing changed', () => {
      expect(renderMarkdown(SAMPLE_MODEL)).toBe(readFileSync(GOLDEN, 'utf8'));
    });

    it('should give the same text when the same model is rendered twice', () => {
      const before = structuredClone(SAMPLE_MODEL);
      expect(renderMarkdown(SAMPLE_MODEL)).toBe(renderMarkdown(structuredClone(SAMPLE_MODEL)));
      expect(SAMPLE_MODEL).toEqual(before);
    });
  });

  describe('content', () => {
    const markdown = renderMarkdown(SAMPLE_MODEL);

    it('should open with the committee, the national motto, the place and date and the title', () => {
      expect(markdown.startsWith('**BAN CHỈ ĐẠO CUỘC VẬN ĐỘNG HUYỆN KON RẪY**\\\nBan Dân vận Huyện ủy (Thường trực Ban Chỉ đạo)\n\n')).toBe(true);
      expect(markdown).toContain('**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\\\n**Độc lập - Tự do - Hạnh phúc**\n\n*Kon Rẫy, ngày 01 tháng 7 năm 2024*');
      expect(markdown).toContain('# BÁO CÁO\n\n**Kết quả thực hiện Cuộc vận động “Làm thay đổi nếp nghĩ, cách làm của đồng bào dân tộc thiểu số” Quý II/2024**');
    });

    it('should use headings for the sections in the order of the Word document', () => {
      const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
      expect(headings).toEqual([
        '# BÁO CÁO',
        '## CHƯƠNG TRÌNH HỘI NGHỊ',
        '## I. KẾT QUẢ THỰC HIỆN',
        '### 1. Kết quả thực hiện các chỉ tiêu',
        '### 2. Tình hình gửi báo cáo của các đơn vị',
        '### 3. Kết quả thực hiện nhiệm vụ',
        '#### Xếp hạng các đơn vị theo tỷ lệ hoàn thành nhiệm vụ đúng hạn',
        '### 4. Tóm tắt kết quả của các đơn vị',
        '#### Ban Dân vận Huyện ủy',
        '#### Công an huyện',
        '#### Xã Đăk Ruồng',
        '## II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ',
        '### 1. Khó khăn, vướng mắc',
        '### 2. Đề xuất, kiến nghị',
        '## III. NHIỆM VỤ QUÝ III/2024',
        '## PHỤ LỤC: SỐ LIỆU CHỈ TIÊU THEO ĐƠN VỊ',
      ]);
      expect(markdown.indexOf('**TM. BAN CHỈ ĐẠO**\\\n**PHÓ BÍ THƯ THƯỜNG TRỰC HUYỆN ỦY - TRƯỞNG BAN CHỈ ĐẠO**')).toBeLessThan(markdown.indexOf('---\n\n## PHỤ LỤC'));
    });

    it('should write numbers, percentages and missing values the Vietnamese way in pipe tables', () => {
      expect(markdown).toContain(
        '| STT | Chỉ tiêu | ĐVT | Quý này | Quý trước | Cùng kỳ năm trước | Lũy kế năm | Kế hoạch năm | Tỷ lệ đạt |\n| :---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      );
      expect(markdown).toContain('| 1 | Buổi tuyên truyền chuyên đề, lồng ghép | buổi | 110 | 96 | — | 206 | 400 | 51,5% |');
      expect(markdown).toContain('| 2 | Lượt người tham dự tuyên truyền | lượt người | 8.145 | 7.020 | 6.512 | 15.165 | — | — |');
      expect(markdown).toContain('| 2 | Công an huyện | 6 | 2.480 | — |');
    });

    it('should count the reports and name the on-time, late and missing units', () => {
      expect(markdown).toContain(
        [
          'Tổng số đơn vị phải báo cáo: 4; đã gửi báo cáo: 3 (đúng hạn: 2; muộn: 1); chưa gửi: 1.',
          '',
          '- *Gửi đúng hạn:* Ban Dân vận Huyện ủy; Xã Đăk Ruồng.',
          '- *Gửi muộn:* Công an huyện (gửi lúc 15:00 ngày 28/6/2024).',
          '- *Chưa gửi:* Ban Chỉ huy Quân sự huyện.',
        ].join('\n'),
      );
    });

    it('should give the four-way task counts and the on-time ranking', () => {
      expect(markdown).toContain('| 1 | Rà soát, đánh giá hiệu quả hoạt động của các mô hình | 20/6/2024 | 4 | 2 | 1 | 0 | 1 |');
      expect(markdown).toContain('| 4 | Ban Chỉ huy Quân sự huyện | 1 | 0 | 1 | 0% |');
    });

    it('should contain no HTML when rendered', () => {
      expect(markdown).not.toMatch(/(?<!\\)</);
    });
  });

  describe('escaping', () => {
    it('should backslash-escape markup characters when given text', () => {
      expect(escapeInline('a|b *c* _d_ [e](f) <b> `g` ~h~ #1 \\')).toBe('a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<b\\> \\`g\\` \\~h\\~ \\#1 \\\\');
      expect(escapeInline('Tổ 1 & 2, &amp;')).toBe('Tổ 1 & 2, \\&amp;');
      expect(escapeInline('Xã Đăk Ruồng - Kon Rẫy')).toBe('Xã Đăk Ruồng - Kon Rẫy');
    });

    it('should escape a pipe in a table cell when a unit name contains one', () => {
      const markdown = renderMarkdown(sampleWith((model) => (model.appendix.units[1].name = 'Tổ 1 | Tổ 2 <b>&"')));
      expect(markdown).toContain('| 2 | Tổ 1 \\| Tổ 2 \\<b\\>&" | 6 | 2.480 | — |');
    });

    it('should keep every table row as wide as its header when any text is in a cell', () => {
      const widths = (markdown: string) => tableLines(markdown).map((cells) => cells.length);
      const baseline = widths(renderMarkdown(SAMPLE_MODEL));
      expect(baseline).toEqual([3, 3, 3, 3, 3, 9, 9, 9, 9, 9, 8, 8, 8, 6, 6, 6, 6, 6, 6, 4, 4, 4, 5, 5, 5, 5, 5]);
      fc.assert(
        fc.property(cellText, cellText, (name, title) => {
          const markdown = renderMarkdown(
            sampleWith((model) => {
              model.results.ranking[0].name = name;
              model.appendix.units[0].name = name;
              model.agenda[0].title = title;
            }),
          );
          expect(widths(markdown)).toEqual(baseline);
        }),
      );
    });

    it('should keep a unit text as plain lines when it looks like markup', () => {
      const markdown = renderMarkdown(
        sampleWith((model) => {
          model.unitSummaries[0].results = 'Tổ chức *4* buổi\n- ra mắt [mô hình](http://x)\n1. tiếp tục\n# 2 lượt\n+ <b>hết</b>';
        }),
      );
      expect(markdown).toContain(
        ['- *Kết quả:* Tổ chức \\*4\\* buổi\\', '  \\- ra mắt \\[mô hình\\](http://x)\\', '  1\\. tiếp tục\\', '  \\# 2 lượt\\', '  \\+ \\<b\\>hết\\</b\\>'].join('\n'),
      );
    });
  });

  describe('missing data', () => {
    it('should say so in each section when the sections are empty', () => {
      const markdown = renderMarkdown(
        sampleWith((model) => {
          model.agenda = [];
          model.results = { indicators: [], completeness: { units: 0, submitted: 0, onTime: [], late: [], missing: [] }, tasks: [], ranking: [] };
          model.unitSummaries = [];
          model.difficulties = [];
          model.proposals = [];
          model.nextQuarter = null;
          model.appendix = { indicatorCodes: [], units: [] };
        }),
      );
      expect(tableLines(markdown)).toEqual([]);
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
        expect(markdown).toContain(`\n*${sentence}*\n`);
      }
      expect(markdown).toContain('- *Gửi muộn:* không có.');
    });
  });
  describe('attachments appendix', () => {
    it('should link each file in the table and escape its name when units attached files', () => {
      const markdown = renderMarkdown(sampleWith((model) => (model.attachments = structuredClone(SAMPLE_ATTACHMENTS))));
      expect(markdown).toContain('## PHỤ LỤC: TÀI LIỆU ĐÍNH KÈM BÁO CÁO CỦA CÁC ĐƠN VỊ');
      expect(markdown).toContain('| 1 | Ban Dân vận Huyện ủy | [Báo cáo quý II.pdf](/api/v1/attachments/6f1c2a44-8a0e-4d2b-9a57-0c1de3f4a001/download) | 1,2 MB |');
      expect(markdown).toContain('[Ảnh buổi tuyên truyền \\<thôn 1\\>.jpg](/api/v1/attachments/6f1c2a44-8a0e-4d2b-9a57-0c1de3f4a002/download)');
    });

    it('should percent-encode spaces and parentheses of a link address', () => {
      const markdown = renderMarkdown(
        sampleWith(
          (model) => (model.attachments = [{ code: 'BDV', name: 'Ban Dân vận Huyện ủy', kind: 'agency', files: [{ filename: 'a.pdf', size: 10, url: 'https://x.vn/a b(1)' }] }]),
        ),
      );
      expect(markdown).toContain('[a.pdf](https://x.vn/a%20b%281%29) | 10 byte |');
    });
  });
});
