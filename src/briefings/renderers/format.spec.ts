import JSZip from 'jszip';
import { SAMPLE_MODEL } from '../model/sample-model';
import {
  assigneesLabel,
  DASH,
  kindLabel,
  meetingLine,
  nextPeriodLabel,
  nextQuarterTitle,
  percentVi,
  placeDateLine,
  reportSubtitle,
  stampZipEntries,
  upperVi,
  valueVi,
} from './format';

async function zipOf(files: Record<string, string>, date: Date): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('briefing renderer format', () => {
  describe('percentVi', () => {
    it('should write a ratio as a Vietnamese percentage with at most one decimal when given a number', () => {
      expect(percentVi(0.515)).toBe('51,5%');
      expect(percentVi(0.6)).toBe('60%');
      expect(percentVi(1)).toBe('100%');
      expect(percentVi(0)).toBe('0%');
      expect(percentVi(1.23456)).toBe('123,5%');
      expect(percentVi(12.5)).toBe('1.250%');
    });

    it('should write a dash when the ratio is null', () => {
      expect(percentVi(null)).toBe(DASH);
    });
  });

  describe('valueVi', () => {
    it('should group thousands with dots and use a decimal comma when given a number', () => {
      expect(valueVi(8145)).toBe('8.145');
      expect(valueVi(110)).toBe('110');
      expect(valueVi(0)).toBe('0');
      expect(valueVi(1234.5)).toBe('1.234,5');
    });

    it('should write a dash when the value is null', () => {
      expect(valueVi(null)).toBe('—');
    });
  });

  describe('kindLabel', () => {
    it('should name every kind of unit in Vietnamese', () => {
      expect(kindLabel('agency')).toBe('Cơ quan, đơn vị');
      expect(kindLabel('commune')).toBe('Xã');
      expect(kindLabel('township')).toBe('Thị trấn');
      expect(kindLabel('other')).toBe('Khác');
    });
  });

  describe('assigneesLabel', () => {
    it('should keep the label the model gives', () => {
      expect(assigneesLabel('Các xã, thị trấn')).toBe('Các xã, thị trấn');
    });

    it('should write a dash when the label is blank', () => {
      expect(assigneesLabel('  ')).toBe(DASH);
    });
  });

  describe('placeDateLine', () => {
    it('should write the locality and the long date of the document when the locality is known', () => {
      expect(placeDateLine(SAMPLE_MODEL.header)).toBe('Kon Rẫy, ngày 01 tháng 7 năm 2024');
    });

    it('should start with a capital when there is no locality', () => {
      expect(placeDateLine({ ...SAMPLE_MODEL.header, locality: null })).toBe('Ngày 01 tháng 7 năm 2024');
    });

    it('should take the date in the committee time zone when the instant is the day before in UTC', () => {
      expect(placeDateLine({ ...SAMPLE_MODEL.header, documentDate: '2024-06-30T18:00:00.000Z' })).toBe('Kon Rẫy, ngày 01 tháng 7 năm 2024');
      expect(placeDateLine({ ...SAMPLE_MODEL.header, documentDate: '2024-06-30T18:00:00.000Z', timeZone: 'UTC' })).toBe('Kon Rẫy, ngày 30 tháng 6 năm 2024');
    });
  });

  describe('reportSubtitle', () => {
    it('should name the program and the period', () => {
      expect(reportSubtitle(SAMPLE_MODEL.header)).toBe(`Kết quả thực hiện ${SAMPLE_MODEL.header.programName} Quý II/2024`);
    });

    it('should speak of tasks when there is no program name', () => {
      expect(reportSubtitle({ ...SAMPLE_MODEL.header, programName: null })).toBe('Kết quả thực hiện nhiệm vụ Quý II/2024');
    });
  });

  describe('meetingLine', () => {
    it('should give the local time, date and place of the meeting', () => {
      expect(meetingLine(SAMPLE_MODEL.header)).toBe('Thời gian: 08:00 ngày 03/7/2024. Địa điểm: Hội trường UBND xã Đăk Ruồng.');
    });

    it('should leave the place out when it is not known', () => {
      expect(meetingLine({ ...SAMPLE_MODEL.header, meetingPlace: null })).toBe('Thời gian: 08:00 ngày 03/7/2024.');
    });
  });

  describe('nextPeriodLabel', () => {
    it('should give the next quarter of the same year when the quarter is 1 to 3', () => {
      expect(nextPeriodLabel({ year: 2024, quarter: 1 })).toBe('Quý II/2024');
      expect(nextPeriodLabel({ year: 2024, quarter: 2 })).toBe('Quý III/2024');
      expect(nextPeriodLabel({ year: 2024, quarter: 3 })).toBe('Quý IV/2024');
    });

    it('should give the first quarter of the next year when the quarter is 4', () => {
      expect(nextPeriodLabel({ year: 2024, quarter: 4 })).toBe('Quý I/2025');
    });

    it('should throw when the quarter is not 1 to 4', () => {
      expect(() => nextPeriodLabel({ year: 2024, quarter: 0 })).toThrow(RangeError);
    });
  });

  describe('nextQuarterTitle', () => {
    it('should upper-case the period label with its diacritics', () => {
      expect(nextQuarterTitle('Quý III/2024')).toBe('III. NHIỆM VỤ QUÝ III/2024');
    });
  });

  describe('upperVi', () => {
    it('should keep the Vietnamese diacritics when upper-casing', () => {
      expect(upperVi('Ban Chỉ đạo Cuộc vận động huyện Kon Rẫy')).toBe('BAN CHỈ ĐẠO CUỘC VẬN ĐỘNG HUYỆN KON RẪY');
    });
  });

  describe('stampZipEntries', () => {
    const files = { 'a.xml': '<a>Độc lập</a>', 'dir/b.xml': '<b/>' };

    it('should give the same bytes when the same files were zipped at different times', async () => {
      const instant = new Date('2024-07-01T02:00:00.000Z');
      const early = await zipOf(files, new Date('2020-01-01T00:00:00Z'));
      const late = await zipOf(files, new Date('2023-05-06T07:08:10Z'));
      expect(early.equals(late)).toBe(false);
      expect(stampZipEntries(early, instant).equals(stampZipEntries(late, instant))).toBe(true);
    });

    it('should keep the zip readable with every entry dated at the instant', async () => {
      const stamped = stampZipEntries(await zipOf(files, new Date('2020-01-01T00:00:00Z')), new Date('2024-07-01T02:03:04.000Z'));
      const zip = await JSZip.loadAsync(stamped);
      expect(await zip.file('a.xml')?.async('string')).toBe('<a>Độc lập</a>');
      const dates = Object.values(zip.files).map(({ date }) => [
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
        date.getUTCSeconds(),
      ]);
      expect(dates).toEqual(Object.values(zip.files).map(() => [2024, 7, 1, 2, 3, 4]));
    });

    it('should not change the buffer it is given', async () => {
      const zip = await zipOf(files, new Date('2020-01-01T00:00:00Z'));
      const copy = Buffer.from(zip);
      stampZipEntries(zip, new Date('2024-07-01T02:00:00.000Z'));
      expect(zip.equals(copy)).toBe(true);
    });

    it('should throw when the buffer is not a zip file', () => {
      expect(() => stampZipEntries(Buffer.from('not a zip'), new Date())).toThrow('Not a zip file');
    });
  });
});
