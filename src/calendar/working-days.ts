export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export type DayKind = 'holiday' | 'workday';

export interface CalendarEntry {
  date: string;
  kind: DayKind;
}

// Calendar days are counted as day numbers (days since 1970-01-01). Only the exceptions to
// "Monday to Friday" matter, so a holiday on a weekend or a workday on a weekday is not kept.
export interface WorkingCalendar {
  readonly timeZone: string;
  readonly weekdaysOff: readonly number[];
  readonly weekendWorkdays: readonly number[];
}

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MIN_DAY = -719_162; // 0001-01-01
const MAX_DAY = 2_932_896; // 9999-12-31
const FIRST_MONDAY = 4; // 1970-01-05

export function createCalendar(entries: readonly CalendarEntry[], timeZone = DEFAULT_TIME_ZONE): WorkingCalendar {
  formatterFor(timeZone);
  const kinds = new Map<number, DayKind>();
  for (const { date, kind } of entries) {
    if (kind !== 'holiday' && kind !== 'workday') throw new RangeError(`Invalid day kind "${String(kind)}" for ${date}`);
    const day = toDayNumber(date);
    const listed = kinds.get(day);
    if (listed !== undefined && listed !== kind) throw new RangeError(`${date} is listed both as a holiday and as a workday`);
    kinds.set(day, kind);
  }
  const days = [...kinds.keys()].sort((a, b) => a - b);
  return Object.freeze({
    timeZone,
    weekdaysOff: Object.freeze(days.filter((day) => kinds.get(day) === 'holiday' && !isWeekend(day))),
    weekendWorkdays: Object.freeze(days.filter((day) => kinds.get(day) === 'workday' && isWeekend(day))),
  });
}

export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  return isWorkingDayNumber(calendar, toDayNumber(date));
}

// Counts the working days d with from < d <= to, negated when to < from, so that
// workingDaysBetween(a, b) + workingDaysBetween(b, c) === workingDaysBetween(a, c).
export function workingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  return workingDaysThrough(calendar, toDayNumber(to)) - workingDaysThrough(calendar, toDayNumber(from));
}

// Moves n working days away from date, skipping days off; the result is always a working day
// unless n is 0, which returns date unchanged. Runs in logarithmic time, so a hostile n throws
// a RangeError (past year 9999) instead of looping.
export function addWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Invalid number of working days: ${n}`);
  const day = toDayNumber(date);
  if (n === 0) return date;
  // The answer is the first day whose running count reaches the target.
  const target = n > 0 ? workingDaysThrough(calendar, day) + n : workingDaysThrough(calendar, day - 1) + n + 1;
  const [low, high] = n > 0 ? boundAbove(calendar, day, target) : boundBelow(calendar, day - 1, target);
  return fromDayNumber(firstDayReaching(calendar, low, high, target));
}

export function nextWorkingDay(calendar: WorkingCalendar, date: string): string {
  return addWorkingDays(calendar, date, 1);
}

export function previousWorkingDay(calendar: WorkingCalendar, date: string): string {
  return addWorkingDays(calendar, date, -1);
}

export function workingDayOnOrAfter(calendar: WorkingCalendar, date: string): string {
  return isWorkingDay(calendar, date) ? date : nextWorkingDay(calendar, date);
}

export function workingDayOnOrBefore(calendar: WorkingCalendar, date: string): string {
  return isWorkingDay(calendar, date) ? date : previousWorkingDay(calendar, date);
}

export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Invalid number of days: ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

// 0 = Sunday ... 6 = Saturday, as Date#getUTCDay.
export function dayOfWeek(date: string): number {
  return weekday(toDayNumber(date));
}

export function localDate(instant: Date, timeZone: string): string {
  const { year, month, day } = wallClock(instantMs(instant), timeZone);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const match = typeof time === 'string' ? TIME_PATTERN.exec(time) : null;
  if (!match) throw new RangeError(`Invalid time "${String(time)}": expected HH:mm`);
  const wall = toDayNumber(date) * MS_PER_DAY + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  const offsetBefore = offsetAt(wall - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(wall + MS_PER_DAY, timeZone);
  // Like Temporal's 'compatible': a repeated wall time (clocks set back) resolves to the earlier
  // instant, a skipped one (clocks set forward) is read with the offset in force before the jump.
  const candidates = [Math.max(offsetBefore, offsetAfter), Math.min(offsetBefore, offsetAfter)];
  const offset = candidates.find((candidate) => wallTimeAt(wall - candidate, timeZone) === wall) ?? offsetBefore;
  return new Date(wall - offset);
}

function isWorkingDayNumber(calendar: WorkingCalendar, day: number): boolean {
  const sorted = isWeekend(day) ? calendar.weekendWorkdays : calendar.weekdaysOff;
  const listed = countThrough(sorted, day) - countThrough(sorted, day - 1) === 1;
  return isWeekend(day) === listed;
}

// A running count of working days (zero on 1970-01-04, negative before): differences of it
// count the working days in a range without walking through the range.
function workingDaysThrough(calendar: WorkingCalendar, day: number): number {
  return weekdaysThrough(day) - countThrough(calendar.weekdaysOff, day) + countThrough(calendar.weekendWorkdays, day);
}

function weekdaysThrough(day: number): number {
  const sinceMonday = day - FIRST_MONDAY;
  const weeks = Math.floor(sinceMonday / 7);
  return weeks * 5 + Math.min(sinceMonday - weeks * 7 + 1, 5);
}

function countThrough(sorted: readonly number[], day: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= day) low = middle + 1;
    else high = middle;
  }
  return low;
}

// Returns [low, high] with count(low) < target <= count(high), searching forwards from day.
function boundAbove(calendar: WorkingCalendar, day: number, target: number): [number, number] {
  let low = day;
  for (let step = Math.ceil(((target - workingDaysThrough(calendar, day)) * 7) / 5) + 7; ; step *= 2) {
    const high = Math.min(day + step, MAX_DAY);
    if (workingDaysThrough(calendar, high) >= target) return [low, high];
    if (high === MAX_DAY) throw new RangeError('Working-day arithmetic went past 9999-12-31');
    low = high;
  }
}

// Returns [low, high] with count(low) < target <= count(high), searching backwards from day.
function boundBelow(calendar: WorkingCalendar, day: number, target: number): [number, number] {
  let high = day;
  for (let step = Math.ceil(((workingDaysThrough(calendar, day) - target) * 7) / 5) + 7; ; step *= 2) {
    const low = Math.max(day - step, MIN_DAY - 1);
    if (workingDaysThrough(calendar, low) < target) return [low, high];
    if (low === MIN_DAY - 1) throw new RangeError('Working-day arithmetic went before 0001-01-01');
    high = low;
  }
}

function firstDayReaching(calendar: WorkingCalendar, low: number, high: number, target: number): number {
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (workingDaysThrough(calendar, middle) >= target) high = middle;
    else low = middle;
  }
  return high;
}

function toDayNumber(date: string): number {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (!match) throw new RangeError(`Invalid date "${String(date)}": expected YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = utcMs(year, month, day);
  const parsed = new Date(ms);
  if (year < 1 || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) {
    throw new RangeError(`Invalid date "${date}": no such calendar day`);
  }
  return ms / MS_PER_DAY;
}

function fromDayNumber(day: number): string {
  if (day < MIN_DAY || day > MAX_DAY) throw new RangeError('Date out of range 0001-01-01 to 9999-12-31');
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  const dow = weekday(day);
  return dow === 0 || dow === 6;
}

// Date.UTC reads years 0-99 as 1900-1999, so the year is set separately.
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return new Date(Date.UTC(2000, 0, 1, hour, minute, second)).setUTCFullYear(year, month - 1, day);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function instantMs(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  // A day of margin keeps every zone's local date inside years 0001-9999.
  if (!(ms >= (MIN_DAY + 1) * MS_PER_DAY && ms <= MAX_DAY * MS_PER_DAY)) throw new RangeError('Invalid or out-of-range instant');
  return ms;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  if (typeof timeZone !== 'string' || timeZone === '') throw new RangeError('A time zone name is required');
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of formatterFor(timeZone).formatToParts(ms)) {
    if (type in clock) clock[type as keyof WallClock] = Number(value);
  }
  return clock;
}

// The zone's wall-clock reading at an instant, as milliseconds of a UTC clock showing it.
function wallTimeAt(ms: number, timeZone: string): number {
  const { year, month, day, hour, minute, second } = wallClock(ms, timeZone);
  return utcMs(year, month, day, hour, minute, second);
}

function offsetAt(ms: number, timeZone: string): number {
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return wallTimeAt(wholeSeconds, timeZone) - wholeSeconds;
}
