import fc from 'fast-check';
import { byDate, isCalendarDate, isYear, yearListErrors } from './holiday-rules';

describe('holiday rules', () => {
  describe(isCalendarDate.name, () => {
    it('should accept a real day when written YYYY-MM-DD', () => {
      expect(isCalendarDate('2024-02-29')).toBe(true);
      expect(isCalendarDate('2000-02-29')).toBe(true);
      expect(isCalendarDate('2025-12-31')).toBe(true);
    });

    it('should refuse a day that does not exist when the month is shorter', () => {
      expect(isCalendarDate('2025-02-29')).toBe(false);
      expect(isCalendarDate('2100-02-29')).toBe(false);
      expect(isCalendarDate('2025-04-31')).toBe(false);
      expect(isCalendarDate('2025-13-01')).toBe(false);
      expect(isCalendarDate('2025-00-10')).toBe(false);
      expect(isCalendarDate('2025-01-00')).toBe(false);
    });

    it('should refuse anything but YYYY-MM-DD when given other formats or types', () => {
      for (const value of ['2025-1-01', '02/09/2025', '2025-09-02T00:00:00Z', ' 2025-09-02', '', 20250902, null, undefined, new Date()]) {
        expect(isCalendarDate(value)).toBe(false);
      }
    });

    it('should agree with Date on every day when the date is generated', () => {
      fc.assert(
        fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
          expect(isCalendarDate(date.toISOString().slice(0, 10))).toBe(true);
        }),
      );
    });
  });

  describe(isYear.name, () => {
    it('should accept the years 2000 to 2100 only when given an integer', () => {
      expect([1999, 2000, 2025, 2100, 2101, 2025.5, Number.NaN, '2025'].map(isYear)).toEqual([false, true, true, true, false, false, false, false]);
    });
  });

  describe(yearListErrors.name, () => {
    it('should find nothing wrong when every entry is a distinct day of the year', () => {
      const entries = [
        { date: '2025-09-01', name: 'Quốc khánh', kind: 'holiday' as const },
        { date: '2025-09-02', name: 'Quốc khánh', kind: 'holiday' as const },
        { date: '2025-04-26', name: 'Làm bù', kind: 'workday' as const },
        // A holiday on a Sunday: pointless for the arithmetic, but allowed.
        { date: '2025-02-02', name: 'Tết', kind: 'holiday' as const },
      ];
      expect(yearListErrors(2025, entries)).toEqual([]);
    });

    it('should find nothing wrong when the list is empty', () => {
      expect(yearListErrors(2025, [])).toEqual([]);
    });

    it('should name the date when it is in another year', () => {
      const entries = [
        { date: '2025-01-01', name: 'a', kind: 'holiday' as const },
        { date: '2026-01-01', name: 'b', kind: 'holiday' as const },
        { date: '2024-12-31', name: 'c', kind: 'holiday' as const },
      ];
      expect(yearListErrors(2025, entries)).toEqual([
        { field: '[1].date', message: 'must be a date in 2025' },
        { field: '[2].date', message: 'must be a date in 2025' },
      ]);
    });

    it('should name the later entry when a date is given twice', () => {
      const entries = [
        { date: '2025-09-02', name: 'a', kind: 'holiday' as const },
        { date: '2025-09-01', name: 'b', kind: 'holiday' as const },
        { date: '2025-09-02', name: 'c', kind: 'holiday' as const },
      ];
      expect(yearListErrors(2025, entries)).toEqual([{ field: '[2].date', message: 'repeats 2025-09-02, already given at [0]' }]);
    });

    it('should name the kind when a make-up working day is a weekday', () => {
      const entries = [
        { date: '2025-04-26', name: 'Saturday', kind: 'workday' as const },
        { date: '2025-04-27', name: 'Sunday', kind: 'workday' as const },
        { date: '2025-04-28', name: 'Monday', kind: 'workday' as const },
      ];
      expect(yearListErrors(2025, entries)).toEqual([{ field: '[2].kind', message: 'a make-up working day must be a Saturday or Sunday' }]);
    });
  });

  describe(byDate.name, () => {
    it('should order entries by date when sorting', () => {
      const sorted = [{ date: '2025-09-02' }, { date: '2024-12-31' }, { date: '2025-01-01' }, { date: '2025-01-01' }].sort(byDate);
      expect(sorted.map((entry) => entry.date)).toEqual(['2024-12-31', '2025-01-01', '2025-01-01', '2025-09-02']);
    });
  });
});
