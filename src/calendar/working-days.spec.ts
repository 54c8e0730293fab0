import fc from 'fast-check';
import { VIETNAM_HOLIDAYS } from './vietnam-holidays';
import {
  addDays,
  addWorkingDays,
  CalendarEntry,
  createCalendar,
  dayOfWeek,
  DayKind,
  isWorkingDay,
  localDate,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
  zonedInstant,
} from './working-days';

const HCM = 'Asia/Ho_Chi_Minh';
const vietnam = createCalendar(Object.values(VIETNAM_HOLIDAYS).flat());
const weekdaysOnly = createCalendar([]);
const MALFORMED_DATES = ['2024-2-01', '2024-02-30', '2023-02-29', '2024-13-01', '0000-01-01', '', '2024-02-01T00:00', ' 2024-02-01', '20240201'];

// A model of the calendar that walks day by day with Date, sharing no code with the module.
interface Model {
  holidays: Set<string>;
  workdays: Set<string>;
}

function shift(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

function modelIsWorking(model: Model, date: string): boolean {
  if (model.holidays.has(date)) return false;
  if (model.workdays.has(date)) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function modelAdd(model: Model, date: string, n: number): string {
  let result = date;
  for (let left = Math.abs(n); left > 0;) {
    result = shift(result, Math.sign(n));
    if (modelIsWorking(model, result)) left--;
  }
  return result;
}

function modelBetween(model: Model, from: string, to: string): number {
  if (to < from) return 0 - modelBetween(model, to, from); // 0 - x, not -x: toBe tells -0 from 0
  let count = 0;
  for (let date = shift(from, 1); date <= to; date = shift(date, 1)) if (modelIsWorking(model, date)) count++;
  return count;
}

function dateIn(first: string, last: string): fc.Arbitrary<string> {
  return fc.integer({ min: Date.parse(first) / 86_400_000, max: Date.parse(last) / 86_400_000 }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
}

const seededDate = dateIn('2023-10-01', '2028-03-31');
const seededWorkingDate = seededDate.filter((date) => isWorkingDay(vietnam, date));
const steps = fc.integer({ min: -300, max: 300 });
const nonZeroSteps = steps.filter((n) => n !== 0);

// Random calendars, dense enough to make long runs of days off and weekend workdays.
const randomEntries: fc.Arbitrary<CalendarEntry[]> = fc
  .array(fc.record({ date: dateIn('2023-12-01', '2025-01-31'), kind: fc.constantFrom<DayKind>('holiday', 'workday') }), { maxLength: 120 })
  .map((entries) => [...new Map(entries.map((entry) => [entry.date, entry])).values()]);

function modelOf(entries: CalendarEntry[]): Model {
  const dates = (kind: DayKind) => new Set(entries.filter((entry) => entry.kind === kind).map((entry) => entry.date));
  return { holidays: dates('holiday'), workdays: dates('workday') };
}

function withProcessTimeZone<T>(timeZone: string, run: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = timeZone;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

describe(createCalendar.name, () => {
  it.each(MALFORMED_DATES)('should throw a RangeError when an entry date is malformed (%p)', (date) => {
    expect(() => createCalendar([{ date, kind: 'holiday' }])).toThrow(RangeError);
  });

  it('should throw a RangeError when a date is both a holiday and a workday', () => {
    const entries: CalendarEntry[] = [
      { date: '2024-06-22', kind: 'workday' },
      { date: '2024-06-22', kind: 'holiday' },
    ];
    expect(() => createCalendar(entries)).toThrow(RangeError);
  });

  it('should accept a date listed twice when both entries agree', () => {
    const calendar = createCalendar([
      { date: '2024-06-20', kind: 'holiday' },
      { date: '2024-06-20', kind: 'holiday' },
    ]);
    expect(isWorkingDay(calendar, '2024-06-20')).toBe(false);
  });

  it('should throw a RangeError when an entry kind is unknown', () => {
    expect(() => createCalendar([{ date: '2024-06-20', kind: 'vacation' as DayKind }])).toThrow(RangeError);
  });

  it('should throw a RangeError when the time zone is unknown', () => {
    expect(() => createCalendar([], 'Asia/Saigon_City')).toThrow(RangeError);
  });

  it('should use Asia/Ho_Chi_Minh when no time zone is given', () => {
    expect(createCalendar([]).timeZone).toBe(HCM);
    expect(createCalendar([], 'Europe/Berlin').timeZone).toBe('Europe/Berlin');
  });

  it('should not be changed when the caller later changes its entries', () => {
    const entries: CalendarEntry[] = [{ date: '2024-06-20', kind: 'holiday' }];
    const calendar = createCalendar(entries);
    entries[0].kind = 'workday';
    entries.push({ date: '2024-06-21', kind: 'holiday' });
    expect(isWorkingDay(calendar, '2024-06-20')).toBe(false);
    expect(isWorkingDay(calendar, '2024-06-21')).toBe(true);
  });
});

describe(isWorkingDay.name, () => {
  it('should count Monday to Friday as working days when there is no holiday', () => {
    const week = ['2024-06-17', '2024-06-18', '2024-06-19', '2024-06-20', '2024-06-21', '2024-06-22', '2024-06-23'];
    expect(week.map((date) => isWorkingDay(vietnam, date))).toEqual([true, true, true, true, true, false, false]);
  });

  it('should not count any day of Tết when the government gave it off', () => {
    const tet2024 = ['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14'];
    expect(tet2024.filter((date) => isWorkingDay(vietnam, date))).toEqual([]);
    expect(isWorkingDay(vietnam, '2024-02-07')).toBe(true);
    expect(isWorkingDay(vietnam, '2024-02-15')).toBe(true);
  });

  it.each(['2024-05-04', '2025-04-26', '2026-01-10', '2026-08-22'])('should count the make-up Saturday %s as a working day', (date) => {
    expect(isWorkingDay(vietnam, date)).toBe(true);
  });

  it.each(['2024-04-29', '2025-05-02', '2026-01-02', '2026-08-31'])('should not count %s when it was swapped for a Saturday', (date) => {
    expect(isWorkingDay(vietnam, date)).toBe(false);
  });

  it('should not count a Saturday when it is not marked as a workday', () => {
    expect(isWorkingDay(vietnam, '2024-05-11')).toBe(false);
  });

  it('should change nothing when a holiday falls on a weekend or a workday on a weekday', () => {
    const calendar = createCalendar([
      { date: '2024-06-22', kind: 'holiday' },
      { date: '2024-06-19', kind: 'workday' },
    ]);
    expect(isWorkingDay(calendar, '2024-06-22')).toBe(false);
    expect(isWorkingDay(calendar, '2024-06-19')).toBe(true);
    expect(workingDaysBetween(calendar, '2024-06-16', '2024-06-23')).toBe(5);
  });

  it.each(MALFORMED_DATES)('should throw a RangeError when the date is malformed (%p)', (date) => {
    expect(() => isWorkingDay(vietnam, date)).toThrow(RangeError);
  });

  it('should agree with a day-by-day model when the calendar is random', () => {
    fc.assert(
      fc.property(randomEntries, dateIn('2023-11-01', '2025-03-01'), (entries, date) => {
        expect(isWorkingDay(createCalendar(entries), date)).toBe(modelIsWorking(modelOf(entries), date));
      }),
      { numRuns: 500 },
    );
  });
});

describe(addWorkingDays.name, () => {
  it.each([
    ['2024-02-07', 1, '2024-02-15'],
    ['2024-02-15', -1, '2024-02-07'],
    ['2025-01-24', 1, '2025-02-03'],
    ['2025-01-24', 5, '2025-02-07'],
    ['2025-02-03', -2, '2025-01-23'],
    ['2026-02-13', 1, '2026-02-23'],
  ])('should skip the whole of Tết when adding from %s by %i', (date, n, expected) => {
    expect(addWorkingDays(vietnam, date, n)).toBe(expected);
  });

  it('should go from Friday to Monday when adding one day over a weekend', () => {
    expect(addWorkingDays(vietnam, '2024-06-21', 1)).toBe('2024-06-24');
    expect(addWorkingDays(vietnam, '2024-06-24', -1)).toBe('2024-06-21');
  });

  it('should return the date itself when n is 0 even on a day off', () => {
    expect(addWorkingDays(vietnam, '2024-02-10', 0)).toBe('2024-02-10');
    expect(addWorkingDays(vietnam, '2024-06-20', 0)).toBe('2024-06-20');
  });

  it('should land on the nearest working day when starting from a day off', () => {
    expect(addWorkingDays(vietnam, '2024-02-10', 1)).toBe('2024-02-15');
    expect(addWorkingDays(vietnam, '2024-02-10', -1)).toBe('2024-02-07');
  });

  it('should count the make-up Saturday when it lies in the range', () => {
    expect(addWorkingDays(vietnam, '2024-04-26', 1)).toBe('2024-05-02');
    expect(addWorkingDays(vietnam, '2024-05-03', 1)).toBe('2024-05-04');
    expect(addWorkingDays(vietnam, '2024-05-06', -1)).toBe('2024-05-04');
    expect(addWorkingDays(weekdaysOnly, '2024-05-03', 1)).toBe('2024-05-06');
  });

  it('should skip New Year when crossing into the next year', () => {
    expect(addWorkingDays(vietnam, '2024-12-31', 1)).toBe('2025-01-02');
    expect(addWorkingDays(vietnam, '2025-12-31', 1)).toBe('2026-01-05');
  });

  it('should move a whole number of weeks when n is a multiple of five on plain weekdays', () => {
    expect(addWorkingDays(weekdaysOnly, '2024-01-01', 260)).toBe('2024-12-30');
    expect(addWorkingDays(weekdaysOnly, '2024-12-30', -260)).toBe('2024-01-01');
  });

  it('should reach the edges of the supported range when the result is still inside it', () => {
    expect(addWorkingDays(weekdaysOnly, '9999-12-30', 1)).toBe('9999-12-31');
    expect(addWorkingDays(weekdaysOnly, '0001-01-02', -1)).toBe('0001-01-01');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('should throw a RangeError when n is %p', (n) => {
    expect(() => addWorkingDays(vietnam, '2024-06-20', n)).toThrow(RangeError);
  });

  it('should throw a RangeError instead of looping when the result is past the supported range', () => {
    expect(() => addWorkingDays(vietnam, '2024-06-20', 1e12)).toThrow(RangeError);
    expect(() => addWorkingDays(vietnam, '2024-06-20', -1e12)).toThrow(RangeError);
    expect(() => addWorkingDays(weekdaysOnly, '9999-12-31', 1)).toThrow(RangeError);
    expect(() => addWorkingDays(weekdaysOnly, '0001-01-01', -1)).toThrow(RangeError);
  });

  it.each(MALFORMED_DATES)('should throw a RangeError when the date is malformed (%p)', (date) => {
    expect(() => addWorkingDays(vietnam, date, 0)).toThrow(RangeError);
  });

  it('should come back to the start when adding n then -n from a working day', () => {
    fc.assert(
      fc.property(seededWorkingDate, steps, (date, n) => {
        expect(addWorkingDays(vietnam, addWorkingDays(vietnam, date, n), -n)).toBe(date);
      }),
      { numRuns: 500 },
    );
  });

  it('should be inverted by workingDaysBetween when starting from a working day', () => {
    fc.assert(
      fc.property(seededWorkingDate, steps, (date, n) => {
        expect(workingDaysBetween(vietnam, date, addWorkingDays(vietnam, date, n))).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('should always land on a working day in the direction of n when n is not 0', () => {
    fc.assert(
      fc.property(seededDate, nonZeroSteps, (date, n) => {
        const result = addWorkingDays(vietnam, date, n);
        expect(isWorkingDay(vietnam, result)).toBe(true);
        expect(n > 0 ? result > date : result < date).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('should agree with a day-by-day model when the calendar is random', () => {
    fc.assert(
      fc.property(randomEntries, dateIn('2023-11-15', '2025-02-15'), fc.integer({ min: -60, max: 60 }), (entries, date, n) => {
        expect(addWorkingDays(createCalendar(entries), date, n)).toBe(modelAdd(modelOf(entries), date, n));
      }),
      { numRuns: 500 },
    );
  });
});

describe(workingDaysBetween.name, () => {
  it.each([
    ['2024-06-20', '2024-06-20', 0],
    ['2024-06-21', '2024-06-24', 1],
    ['2024-06-24', '2024-06-21', -1],
    ['2024-06-22', '2024-06-23', 0],
    ['2024-02-07', '2024-02-15', 1],
    ['2024-02-01', '2024-02-29', 15],
    ['2024-04-26', '2024-05-06', 4],
  ])('should count working days after %s up to and including %s', (from, to, expected) => {
    expect(workingDaysBetween(vietnam, from, to)).toBe(expected);
  });

  it.each([2024, 2025, 2026, 2027])('should count 250 or 251 working days when spanning the year %i', (year) => {
    const expected = { 2024: 251, 2025: 250, 2026: 250, 2027: 250 }[year];
    expect(workingDaysBetween(vietnam, `${year - 1}-12-31`, `${year}-12-31`)).toBe(expected);
  });

  it.each(MALFORMED_DATES)('should throw a RangeError when a date is malformed (%p)', (date) => {
    expect(() => workingDaysBetween(vietnam, date, '2024-06-20')).toThrow(RangeError);
    expect(() => workingDaysBetween(vietnam, '2024-06-20', date)).toThrow(RangeError);
  });

  it('should change sign when from and to are swapped', () => {
    fc.assert(
      fc.property(seededDate, seededDate, (from, to) => {
        expect(workingDaysBetween(vietnam, to, from) + workingDaysBetween(vietnam, from, to)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('should add up when a range is split in two', () => {
    fc.assert(
      fc.property(seededDate, seededDate, seededDate, (a, b, c) => {
        expect(workingDaysBetween(vietnam, a, b) + workingDaysBetween(vietnam, b, c)).toBe(workingDaysBetween(vietnam, a, c));
      }),
    );
  });

  it('should never decrease when the end moves later', () => {
    fc.assert(
      fc.property(seededDate, seededDate, fc.integer({ min: 0, max: 60 }), (from, to, extra) => {
        const later = addDays(to, extra);
        expect(workingDaysBetween(vietnam, from, later)).toBeGreaterThanOrEqual(workingDaysBetween(vietnam, from, to));
        expect(workingDaysBetween(vietnam, from, later) - workingDaysBetween(vietnam, from, to)).toBeLessThanOrEqual(extra);
      }),
      { numRuns: 500 },
    );
  });

  it('should count across 1970 the same way when the dates are before the Unix epoch', () => {
    expect(workingDaysBetween(weekdaysOnly, '1969-12-26', '1970-01-05')).toBe(6);
    expect(addWorkingDays(weekdaysOnly, '1969-12-31', 1)).toBe('1970-01-01');
    expect(addWorkingDays(weekdaysOnly, '1970-01-02', -1)).toBe('1970-01-01');
  });

  it('should agree with a day-by-day model over two centuries when only weekends are off', () => {
    const empty = modelOf([]);
    fc.assert(
      fc.property(dateIn('1900-01-01', '2100-12-31'), fc.integer({ min: -100, max: 100 }), (from, days) => {
        const to = addDays(from, days);
        expect(workingDaysBetween(weekdaysOnly, from, to)).toBe(modelBetween(empty, from, to));
        expect(addWorkingDays(weekdaysOnly, from, days)).toBe(modelAdd(empty, from, days));
      }),
      { numRuns: 500 },
    );
  });

  it('should agree with a day-by-day model when the calendar is random', () => {
    fc.assert(
      fc.property(randomEntries, dateIn('2023-11-15', '2025-02-15'), dateIn('2023-11-15', '2025-02-15'), (entries, from, to) => {
        expect(workingDaysBetween(createCalendar(entries), from, to)).toBe(modelBetween(modelOf(entries), from, to));
      }),
      { numRuns: 300 },
    );
  });
});

describe(nextWorkingDay.name, () => {
  it('should skip the 30/4 break when starting the Friday before it', () => {
    expect(nextWorkingDay(vietnam, '2024-04-26')).toBe('2024-05-02');
  });

  it('should give the make-up Saturday when starting the Friday before it', () => {
    expect(nextWorkingDay(vietnam, '2025-04-25')).toBe('2025-04-26');
  });
});

describe(previousWorkingDay.name, () => {
  it('should skip the 30/4 break when starting the day after it', () => {
    expect(previousWorkingDay(vietnam, '2024-05-02')).toBe('2024-04-26');
  });

  it('should give the make-up Saturday when starting the Monday after it', () => {
    expect(previousWorkingDay(vietnam, '2024-05-06')).toBe('2024-05-04');
  });
});

describe(workingDayOnOrAfter.name, () => {
  it('should return the date itself when it is a working day', () => {
    expect(workingDayOnOrAfter(vietnam, '2024-02-07')).toBe('2024-02-07');
  });

  it('should move to the first working day when the date is a day off', () => {
    expect(workingDayOnOrAfter(vietnam, '2024-02-10')).toBe('2024-02-15');
    expect(workingDayOnOrAfter(vietnam, '2026-04-26')).toBe('2026-04-28');
  });
});

describe(workingDayOnOrBefore.name, () => {
  it('should return the date itself when it is a working day', () => {
    expect(workingDayOnOrBefore(vietnam, '2024-05-04')).toBe('2024-05-04');
  });

  it('should move to the last working day when the date is a day off', () => {
    expect(workingDayOnOrBefore(vietnam, '2025-02-01')).toBe('2025-01-24');
  });
});

describe(addDays.name, () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-06-20', 0, '2024-06-20'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('should count calendar days when adding to %s by %i', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('should throw a RangeError when the result leaves years 0001 to 9999 or n is not an integer', () => {
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('2024-06-20', 0.5)).toThrow(RangeError);
  });
});

describe(dayOfWeek.name, () => {
  it.each([
    ['1970-01-01', 4],
    ['1969-12-31', 3],
    ['2024-06-21', 5],
    ['2024-06-23', 0],
    ['0001-01-01', 1],
  ])('should give the weekday of %s as %i', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });

  it('should agree with Date#getUTCDay when the date is random', () => {
    fc.assert(
      fc.property(dateIn('1900-01-01', '2200-12-31'), (date) => {
        expect(dayOfWeek(date)).toBe(new Date(`${date}T00:00:00Z`).getUTCDay());
      }),
    );
  });

  it('should not depend on the machine time zone when the process runs far from UTC', () => {
    expect(withProcessTimeZone('Pacific/Kiritimati', () => dayOfWeek('2024-06-21'))).toBe(5);
    expect(withProcessTimeZone('Pacific/Pago_Pago', () => dayOfWeek('2024-06-21'))).toBe(5);
  });
});

describe(localDate.name, () => {
  it('should stay on the same day when the instant is one second before local midnight', () => {
    expect(localDate(new Date('2024-06-20T16:59:59Z'), HCM)).toBe('2024-06-20');
  });

  it('should move to the next day when the instant is local midnight', () => {
    expect(localDate(new Date('2024-06-20T17:00:00Z'), HCM)).toBe('2024-06-21');
  });

  it('should follow the zone it is given when zones disagree on the date', () => {
    const instant = new Date('2024-06-20T20:00:00Z');
    expect(localDate(instant, HCM)).toBe('2024-06-21');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2024-06-20');
    expect(localDate(instant, 'UTC')).toBe('2024-06-20');
  });

  it('should pad the year to four digits when it is before 1000', () => {
    expect(localDate(new Date('0999-06-01T00:00:00Z'), 'UTC')).toBe('0999-06-01');
  });

  it('should not depend on the machine time zone when the process runs far from UTC', () => {
    const instant = new Date('2024-06-20T16:59:59Z');
    expect(withProcessTimeZone('Pacific/Kiritimati', () => localDate(instant, HCM))).toBe('2024-06-20');
  });

  it('should throw a RangeError when the instant is invalid or the zone unknown', () => {
    expect(() => localDate(new Date('not a date'), HCM)).toThrow(RangeError);
    expect(() => localDate(new Date('2024-06-20T00:00:00Z'), 'Nowhere/Land')).toThrow(RangeError);
    expect(() => localDate(new Date('2024-06-20T00:00:00Z'), '')).toThrow(RangeError);
  });

  it('should turn over exactly at local midnight when the instant is around it', () => {
    fc.assert(
      fc.property(dateIn('2000-01-01', '2100-12-31'), (date) => {
        const midnight = zonedInstant(date, '00:00', HCM).getTime();
        expect(localDate(new Date(midnight), HCM)).toBe(date);
        expect(localDate(new Date(midnight - 1), HCM)).toBe(addDays(date, -1));
      }),
    );
  });
});

describe(zonedInstant.name, () => {
  it('should read the wall time seven hours ahead of UTC when the zone is Asia/Ho_Chi_Minh', () => {
    expect(zonedInstant('2024-06-25', '17:00', HCM)).toEqual(new Date('2024-06-25T10:00:00Z'));
    expect(zonedInstant('2024-06-25', '00:00', HCM)).toEqual(new Date('2024-06-24T17:00:00Z'));
  });

  it('should follow daylight saving time when the zone has it', () => {
    expect(zonedInstant('2024-07-01', '08:00', 'Europe/Berlin')).toEqual(new Date('2024-07-01T06:00:00Z'));
    expect(zonedInstant('2024-01-15', '08:00', 'Europe/Berlin')).toEqual(new Date('2024-01-15T07:00:00Z'));
    expect(zonedInstant('2024-06-25', '08:00', 'Asia/Kolkata')).toEqual(new Date('2024-06-25T02:30:00Z'));
  });

  it('should move forward by the gap when the wall time is skipped by the clocks', () => {
    expect(zonedInstant('2024-03-31', '02:30', 'Europe/Berlin')).toEqual(new Date('2024-03-31T01:30:00Z'));
  });

  it('should take the earlier instant when the wall time happens twice', () => {
    expect(zonedInstant('2024-10-27', '02:30', 'Europe/Berlin')).toEqual(new Date('2024-10-27T00:30:00Z'));
    expect(zonedInstant('2024-11-03', '01:30', 'America/New_York')).toEqual(new Date('2024-11-03T05:30:00Z'));
  });

  it('should not depend on the machine time zone when the process runs far from UTC', () => {
    expect(withProcessTimeZone('America/New_York', () => zonedInstant('2024-06-25', '17:00', HCM))).toEqual(new Date('2024-06-25T10:00:00Z'));
  });

  it.each(['24:00', '8:00', '08:60', '0800', '08:00:00', ''])('should throw a RangeError when the time is %p', (time) => {
    expect(() => zonedInstant('2024-06-25', time, HCM)).toThrow(RangeError);
  });

  it('should throw a RangeError when the date is malformed or the zone unknown', () => {
    expect(() => zonedInstant('2024-02-30', '08:00', HCM)).toThrow(RangeError);
    expect(() => zonedInstant('2024-06-25', '08:00', 'Nowhere/Land')).toThrow(RangeError);
  });

  it('should be seven hours before the same reading in UTC when the zone is Asia/Ho_Chi_Minh', () => {
    fc.assert(
      fc.property(dateIn('1980-01-01', '2100-12-31'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (date, hour, minute) => {
        const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        expect(zonedInstant(date, time, HCM).getTime()).toBe(Date.parse(`${date}T${time}:00Z`) - 7 * 3_600_000);
      }),
    );
  });

  it('should give back the same local date when read with localDate in a zone without daylight saving', () => {
    const zones = fc.constantFrom(HCM, 'UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Pacific/Pago_Pago');
    fc.assert(
      fc.property(dateIn('2000-01-01', '2100-12-31'), fc.integer({ min: 0, max: 1439 }), zones, (date, minutes, zone) => {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const instant = zonedInstant(date, time, zone);
        expect(localDate(instant, zone)).toBe(date);
        expect(instant.getTime() - zonedInstant(date, '00:00', zone).getTime()).toBe(minutes * 60_000);
      }),
    );
  });
});
