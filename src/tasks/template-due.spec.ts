import fc from 'fast-check';
import { VIETNAM_HOLIDAYS } from '../calendar/vietnam-holidays';
import { createCalendar, isWorkingDay } from '../calendar/working-days';
import { templateDueAt, templateDueDate } from './template-due';

const vietnam = createCalendar(Object.values(VIETNAM_HOLIDAYS).flat());

describe(templateDueDate.name, () => {
  it('should take month m of quarter q as calendar month 3(q-1)+m', () => {
    expect(templateDueDate(2024, 2, { month: 3, day: 25 }, vietnam)).toBe('2024-06-25');
    expect(templateDueDate(2024, 1, { month: 1, day: 10 }, vietnam)).toBe('2024-01-10');
    expect(templateDueDate(2024, 4, { month: 2, day: 15 }, vietnam)).toBe('2024-11-15');
  });

  it("should use the month's last day when the day is past its end", () => {
    expect(templateDueDate(2024, 1, { month: 2, day: 31 }, vietnam)).toBe('2024-02-29');
    expect(templateDueDate(2025, 1, { month: 2, day: 30 }, vietnam)).toBe('2025-02-28');
  });

  it('should move a weekend day back to the previous working day when that is in the same month', () => {
    // 30 June 2024 is a Sunday.
    expect(templateDueDate(2024, 2, { month: 3, day: 31 }, vietnam)).toBe('2024-06-28');
  });

  it('should move a holiday back over the days off before it', () => {
    // 27 April to 1 May 2024 are days off (29 April bridged, worked back on Saturday 4 May).
    expect(templateDueDate(2024, 2, { month: 1, day: 30 }, vietnam)).toBe('2024-04-26');
  });

  it('should move forward instead when moving back would leave the month', () => {
    // 1 September 2024 is a Sunday, 2–3 September the National Day holiday.
    expect(templateDueDate(2024, 3, { month: 3, day: 1 }, vietnam)).toBe('2024-09-04');
    expect(templateDueDate(2024, 3, { month: 3, day: 2 }, vietnam)).toBe('2024-09-04');
    expect(templateDueDate(2024, 2, { month: 2, day: 1 }, vietnam)).toBe('2024-05-02');
  });

  it('should give a working day of the right month, never after the day asked for unless nothing earlier in the month works', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2024, max: 2027 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 31 }),
        (year, quarter, month, day) => {
          const date = templateDueDate(year, quarter, { month, day }, vietnam);
          const calendarMonth = 3 * (quarter - 1) + month;
          expect(date.slice(0, 7)).toBe(`${year}-${String(calendarMonth).padStart(2, '0')}`);
          expect(isWorkingDay(vietnam, date)).toBe(true);
          const asked = Math.min(day, new Date(Date.UTC(year, calendarMonth, 0)).getUTCDate());
          const chosen = Number(date.slice(8));
          if (chosen > asked) {
            for (let earlier = 1; earlier <= asked; earlier += 1) {
              expect(isWorkingDay(vietnam, `${date.slice(0, 8)}${String(earlier).padStart(2, '0')}`)).toBe(false);
            }
          } else {
            for (let between = chosen + 1; between <= asked; between += 1) {
              expect(isWorkingDay(vietnam, `${date.slice(0, 8)}${String(between).padStart(2, '0')}`)).toBe(false);
            }
          }
        },
      ),
    );
  });
});

describe(templateDueAt.name, () => {
  it("should give the template's time in the calendar's time zone", () => {
    expect(templateDueAt(2024, 2, { month: 3, day: 25, time: '17:00' }, vietnam).toISOString()).toBe('2024-06-25T10:00:00.000Z');
  });

  it('should read the time in another time zone when the calendar has one', () => {
    const paris = createCalendar([], 'Europe/Paris');
    expect(templateDueAt(2024, 2, { month: 3, day: 25, time: '17:00' }, paris).toISOString()).toBe('2024-06-25T15:00:00.000Z');
  });
});
