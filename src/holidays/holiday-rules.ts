import { dayOfWeek, DayKind } from '../calendar/working-days';
import { FieldError } from '../common/errors';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const MAX_ENTRIES_PER_YEAR = 200;

export interface Holiday {
  date: string;
  name: string;
  kind: DayKind;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isYear(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR;
}

// A real day of the Gregorian calendar written YYYY-MM-DD: 2025-02-29 is not one.
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
  const parsed = new Date(0);
  parsed.setUTCFullYear(year, month - 1, day);
  return year >= 1 && parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

function isWeekend(date: string): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

// The rules for a year's list that its entries cannot check one by one: every date in the year,
// no date twice, and a make-up working day only where there would otherwise be none. A holiday on
// a weekend is allowed: pointless for the arithmetic, but the announced Tết ranges include them.
// Entries are expected to have passed the shape checks (real dates, known kinds).
export function yearListErrors(year: number, entries: readonly Holiday[]): FieldError[] {
  const errors: FieldError[] = [];
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (!entry.date.startsWith(`${year}-`)) {
      errors.push({ field: `[${index}].date`, message: `must be a date in ${year}` });
      return;
    }
    const first = firstIndex.get(entry.date);
    if (first !== undefined) errors.push({ field: `[${index}].date`, message: `repeats ${entry.date}, already given at [${first}]` });
    else firstIndex.set(entry.date, index);
    if (entry.kind === 'workday' && !isWeekend(entry.date)) errors.push({ field: `[${index}].kind`, message: 'a make-up working day must be a Saturday or Sunday' });
  });
  return errors;
}

export function byDate<T extends { date: string }>(a: T, b: T): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}
