import { isWorkingDay, nextWorkingDay, previousWorkingDay, WorkingCalendar, zonedInstant } from '../calendar/working-days';

// When a template's task falls due within a quarter: a month of the quarter (1..3), a day of that
// month and a wall-clock time in the committee's time zone.
export interface TemplateDue {
  month: number;
  day: number;
  time: string;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// The due day of a template's task in a quarter: month m of quarter q is calendar month
// 3(q-1)+m; a day past the month's end is its last day (31 → 30 June); a day off moves back to
// the previous working day, or forward to the next one when moving back would leave the month
// (the 1st falling on a Sunday must not make a task of this quarter due in the previous one). A
// month without any working day, which no real calendar has, keeps the clamped day.
export function templateDueDate(year: number, quarter: number, due: Pick<TemplateDue, 'month' | 'day'>, calendar: WorkingCalendar): string {
  const month = 3 * (quarter - 1) + due.month;
  const prefix = `${year}-${pad(month)}-`;
  const date = `${prefix}${pad(Math.min(due.day, daysInMonth(year, month)))}`;
  if (isWorkingDay(calendar, date)) return date;
  const before = previousWorkingDay(calendar, date);
  if (before.startsWith(prefix)) return before;
  const after = nextWorkingDay(calendar, date);
  return after.startsWith(prefix) ? after : date;
}

// The due instant of a template's task in a quarter, at the template's time in the calendar's time zone.
export function templateDueAt(year: number, quarter: number, due: TemplateDue, calendar: WorkingCalendar): Date {
  return zonedInstant(templateDueDate(year, quarter, due, calendar), due.time, calendar.timeZone);
}
