import { HolidaySeed, VIETNAM_HOLIDAYS } from './vietnam-holidays';
import { addDays, createCalendar, dayOfWeek } from './working-days';

const YEARS = [2024, 2025, 2026, 2027];
const VIETNAMESE_LETTER = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
// Fixed holidays of the Labour Code (art. 112) that are owed a day off when they fall on a weekend.
const FIXED_HOLIDAYS = ['Tết Dương lịch', 'Giỗ Tổ Hùng Vương', 'Ngày Chiến thắng', 'Ngày Quốc tế Lao động', 'Quốc khánh'];

function seeds(year: number): HolidaySeed[] {
  return VIETNAM_HOLIDAYS[year] ?? [];
}

function isWeekend(date: string): boolean {
  return dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
}

function datesNamed(year: number, name: string): string[] {
  return seeds(year)
    .filter((seed) => seed.name === name)
    .map((seed) => seed.date);
}

describe('VIETNAM_HOLIDAYS', () => {
  it('should cover exactly the years 2024 to 2027', () => {
    expect(Object.keys(VIETNAM_HOLIDAYS).map(Number)).toEqual(YEARS);
  });

  it('should hold only well-formed dates when every entry is parsed', () => {
    for (const seed of YEARS.flatMap(seeds)) {
      expect(seed.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(addDays(seed.date, 0)).toBe(seed.date);
      expect(['holiday', 'workday']).toContain(seed.kind);
    }
  });

  it.each(YEARS)('should keep every date of %i inside that year, in order and without duplicates', (year) => {
    const dates = seeds(year).map((seed) => seed.date);
    expect(dates.every((date) => date.startsWith(`${year}-`))).toBe(true);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
  });

  it('should build a calendar when all years are loaded together', () => {
    expect(() => createCalendar(YEARS.flatMap(seeds))).not.toThrow();
  });

  it.each(YEARS)('should start %i with Tết Dương lịch on 1 January', (year) => {
    expect(datesNamed(year, 'Tết Dương lịch')).toEqual([`${year}-01-01`]);
  });

  it.each([
    [2024, 'Giáp Thìn', '2024-02-08', '2024-02-14'],
    [2025, 'Ất Tỵ', '2025-01-25', '2025-02-02'],
    [2026, 'Bính Ngọ', '2026-02-14', '2026-02-22'],
    [2027, 'Đinh Mùi', '2027-02-04', '2027-02-10'],
  ])('should give the announced unbroken Tết break when the year is %i', (year, lunarYear, first, last) => {
    const dates = datesNamed(year, `Tết Nguyên đán ${lunarYear}`);
    const expected: string[] = [];
    for (let date = first; date <= last; date = addDays(date, 1)) expected.push(date);
    expect(dates).toEqual(expected);
  });

  it.each(YEARS)('should make Tết cost exactly five working days when the year is %i', (year) => {
    const tet = seeds(year).filter((seed) => seed.name.startsWith('Tết Nguyên đán') && seed.kind === 'holiday');
    expect(tet.filter((seed) => !isWeekend(seed.date))).toHaveLength(5);
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('should put Giỗ Tổ Hùng Vương on 10/3 of the lunar calendar when the year is %i', (year, date) => {
    expect(datesNamed(year, 'Giỗ Tổ Hùng Vương')).toEqual([date]);
  });

  it.each(YEARS)('should include 30/4 and 1/5 when the year is %i', (year) => {
    expect(datesNamed(year, 'Ngày Chiến thắng')).toEqual([`${year}-04-30`]);
    expect(datesNamed(year, 'Ngày Quốc tế Lao động')).toEqual([`${year}-05-01`]);
  });

  it.each([
    [2024, ['2024-09-02', '2024-09-03']],
    [2025, ['2025-09-01', '2025-09-02']],
    [2026, ['2026-09-01', '2026-09-02']],
    [2027, ['2027-09-02', '2027-09-03']],
  ])('should give 2/9 and one adjacent day for Quốc khánh when the year is %i', (year, dates) => {
    expect(datesNamed(year, 'Quốc khánh')).toEqual(dates);
    expect(seeds(year).find((seed) => seed.date === `${year}-09-02`)?.kind).toBe('holiday');
  });

  it.each([
    ['2024-04-29', '2024-05-04'],
    ['2025-05-02', '2025-04-26'],
    ['2026-01-02', '2026-01-10'],
    ['2026-08-31', '2026-08-22'],
  ])('should pair the swapped day %s with the make-up Saturday %s', (dayOff, makeUp) => {
    const all = YEARS.flatMap(seeds);
    expect(all.find((seed) => seed.date === dayOff)?.kind).toBe('holiday');
    expect(all.find((seed) => seed.date === makeUp)?.kind).toBe('workday');
    expect(dayOfWeek(makeUp)).toBe(6);
  });

  it('should only mark weekend days as make-up workdays', () => {
    const workdays = YEARS.flatMap(seeds).filter((seed) => seed.kind === 'workday');
    expect(workdays.length).toBeGreaterThan(0);
    expect(workdays.filter((seed) => !isWeekend(seed.date))).toEqual([]);
  });

  it('should give a day off on the next free weekday when a fixed holiday falls on a weekend', () => {
    const onWeekend = YEARS.flatMap(seeds).filter((seed) => FIXED_HOLIDAYS.includes(seed.name) && isWeekend(seed.date));
    expect(onWeekend.map((seed) => seed.date)).toEqual(['2026-04-26', '2027-05-01']);
    for (const holiday of onWeekend) {
      const compensation = `Nghỉ bù ${holiday.name}`;
      const taken = new Set(
        YEARS.flatMap(seeds)
          .filter((seed) => seed.name !== compensation)
          .map((seed) => seed.date),
      );
      let expected = addDays(holiday.date, 1);
      while (isWeekend(expected) || taken.has(expected)) expected = addDays(expected, 1);
      expect(datesNamed(Number(holiday.date.slice(0, 4)), compensation)).toEqual([expected]);
    }
  });

  it.each(YEARS)('should cost eleven working days net of make-up days when the year is %i', (year) => {
    // Labour Code 2019, art. 112: eleven paid days, all restored by compensation or swaps.
    const daysOff = seeds(year).filter((seed) => seed.kind === 'holiday' && !isWeekend(seed.date)).length;
    const makeUpDays = seeds(year).filter((seed) => seed.kind === 'workday').length;
    expect(daysOff - makeUpDays).toBe(11);
  });

  it('should write every name in Vietnamese with its diacritics, composed', () => {
    for (const seed of YEARS.flatMap(seeds)) {
      expect(seed.name).toMatch(VIETNAMESE_LETTER);
      expect(seed.name).toBe(seed.name.normalize('NFC'));
      expect(seed.name).toBe(seed.name.trim());
    }
  });
});
