import fc from 'fast-check';
import { localDate } from '../calendar/working-days';
import { fileSizeVi, formatDateLongVi, formatDateTimeVi, formatDateVi, formatNumberVi, formatTimeVi, quarterLabelVi, quarterRoman } from './vietnamese';

const HCM = 'Asia/Ho_Chi_Minh';

describe('vietnamese', () => {
  describe('formatDateVi', () => {
    it('should write day/month/year without padding when the day is 10 or more and the month is 3 or more', () => {
      expect(formatDateVi(new Date('2024-06-25T17:00:00+07:00'), HCM)).toBe('25/6/2024');
      expect(formatDateVi(new Date('2024-12-31T08:00:00+07:00'), HCM)).toBe('31/12/2024');
    });

    it('should pad a day below 10 and the months 1 and 2 with a zero when Decree 30 asks for it', () => {
      expect(formatDateVi(new Date('2024-07-03T09:00:00+07:00'), HCM)).toBe('03/7/2024');
      expect(formatDateVi(new Date('2024-02-05T09:00:00+07:00'), HCM)).toBe('05/02/2024');
      expect(formatDateVi(new Date('2025-01-15T09:00:00+07:00'), HCM)).toBe('15/01/2025');
    });

    it('should give the date in the committee time zone when the instant is another day in UTC', () => {
      const instant = new Date('2024-06-24T18:30:00Z');
      expect(formatDateVi(instant, HCM)).toBe('25/6/2024');
      expect(formatDateVi(instant, 'UTC')).toBe('24/6/2024');
    });

    it('should use Asia/Ho_Chi_Minh when no time zone is given', () => {
      expect(formatDateVi(new Date('2024-06-24T18:30:00Z'))).toBe('25/6/2024');
    });

    it('should agree with localDate for any instant and time zone', () => {
      const zones = fc.constantFrom(HCM, 'UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati');
      const instants = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });
      fc.assert(
        fc.property(instants, zones, (instant, zone) => {
          const [year, month, day] = localDate(instant, zone).split('-').map(Number);
          const [d, m, y] = formatDateVi(instant, zone).split('/');
          expect([Number(d), Number(m), Number(y)]).toEqual([day, month, year]);
          expect(d).toHaveLength(2);
          expect(m).toHaveLength(month <= 2 || month >= 10 ? 2 : 1);
        }),
      );
    });

    it('should throw a RangeError when the date is invalid', () => {
      expect(() => formatDateVi(new Date('not a date'), HCM)).toThrow(RangeError);
    });

    it('should throw a RangeError when the time zone is unknown', () => {
      expect(() => formatDateVi(new Date('2024-06-25T10:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    });
  });

  describe('formatDateLongVi', () => {
    it('should write "ngày … tháng … năm …" when given an instant', () => {
      expect(formatDateLongVi(new Date('2024-06-25T17:00:00+07:00'), HCM)).toBe('ngày 25 tháng 6 năm 2024');
    });

    it('should pad the day and the months 1 and 2 when they are small', () => {
      expect(formatDateLongVi(new Date('2024-07-03T09:00:00+07:00'), HCM)).toBe('ngày 03 tháng 7 năm 2024');
      expect(formatDateLongVi(new Date('2024-02-01T09:00:00+07:00'), HCM)).toBe('ngày 01 tháng 02 năm 2024');
    });
  });

  describe('formatTimeVi and formatDateTimeVi', () => {
    it('should write the wall-clock time with two-digit hours when the time zone is the committee one', () => {
      expect(formatTimeVi(new Date('2024-06-25T10:00:00Z'), HCM)).toBe('17:00');
      expect(formatTimeVi(new Date('2024-06-24T17:05:00Z'), HCM)).toBe('00:05');
      expect(formatTimeVi(new Date('2024-06-25T01:30:00Z'), HCM)).toBe('08:30');
    });

    it('should write a deadline as "17:00 ngày 25/6/2024"', () => {
      expect(formatDateTimeVi(new Date('2024-06-25T17:00:00+07:00'), HCM)).toBe('17:00 ngày 25/6/2024');
    });
  });

  describe('formatNumberVi', () => {
    it('should separate thousands with dots when the number is an integer', () => {
      expect(formatNumberVi(8145)).toBe('8.145');
      expect(formatNumberVi(0)).toBe('0');
      expect(formatNumberVi(999)).toBe('999');
      expect(formatNumberVi(1000)).toBe('1.000');
      expect(formatNumberVi(1234567)).toBe('1.234.567');
      expect(formatNumberVi(-25000)).toBe('-25.000');
    });

    it('should write decimals after a comma without trailing zeros when the number has a fraction', () => {
      expect(formatNumberVi(1234.5)).toBe('1.234,5');
      expect(formatNumberVi(0.25)).toBe('0,25');
      expect(formatNumberVi(2.5, 0)).toBe('3');
      expect(formatNumberVi(12.3456)).toBe('12,35');
      expect(formatNumberVi(12.3456, 3)).toBe('12,346');
      expect(formatNumberVi(7.999)).toBe('8');
    });

    it('should not write a minus sign when a negative number rounds to zero', () => {
      expect(formatNumberVi(-0.001)).toBe('0');
      expect(formatNumberVi(-0)).toBe('0');
    });

    it('should write very large numbers without exponent notation', () => {
      expect(formatNumberVi(1e21)).toBe('1.000.000.000.000.000.000.000');
    });

    it('should throw a RangeError when the number is not finite or the decimals are invalid', () => {
      expect(() => formatNumberVi(Number.NaN)).toThrow(RangeError);
      expect(() => formatNumberVi(Number.POSITIVE_INFINITY)).toThrow(RangeError);
      expect(() => formatNumberVi(1, -1)).toThrow(RangeError);
      expect(() => formatNumberVi(1, 1.5)).toThrow(RangeError);
    });

    it('should read back as the same integer when the dots are removed', () => {
      fc.assert(
        fc.property(fc.maxSafeInteger(), (value) => {
          const text = formatNumberVi(value);
          expect(Number(text.replace(/\./g, ''))).toBe(value);
          expect(text).toMatch(/^-?\d{1,3}(\.\d{3})*$/);
        }),
      );
    });

    it('should read back as the value rounded to two decimals when the number has a fraction', () => {
      fc.assert(
        fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (value) => {
          const text = formatNumberVi(value);
          expect(text).toMatch(/^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$/);
          const read = Number(text.replace(/\./g, '').replace(',', '.'));
          expect(Math.abs(read - value)).toBeLessThanOrEqual(0.005 + Math.abs(value) * 1e-15);
        }),
      );
    });
  });

  describe('quarterRoman', () => {
    it('should give the Roman numeral of each quarter', () => {
      expect([1, 2, 3, 4].map(quarterRoman)).toEqual(['I', 'II', 'III', 'IV']);
    });

    it('should throw a RangeError when the quarter is not 1 to 4', () => {
      for (const quarter of [0, 5, 1.5, -1, Number.NaN]) expect(() => quarterRoman(quarter)).toThrow(RangeError);
    });
  });

  describe('quarterLabelVi', () => {
    it('should write "quý II/2024" when given quarter 2 of 2024', () => {
      expect(quarterLabelVi(2, 2024)).toBe('quý II/2024');
    });
  });
  describe('fileSizeVi', () => {
    it('should write bytes, kilobytes and megabytes the Vietnamese way', () => {
      expect(fileSizeVi(900)).toBe('900 byte');
      expect(fileSizeVi(356_000)).toBe('348 KB');
      expect(fileSizeVi(1_234_567)).toBe('1,2 MB');
      expect(fileSizeVi(10 * 1024 * 1024)).toBe('10 MB');
    });

    it('should switch to megabytes when the kilobytes round to 1.024', () => {
      expect(fileSizeVi(1024 * 1024 - 1)).toBe('1 MB');
    });
  });
});
