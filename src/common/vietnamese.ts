import { DEFAULT_TIME_ZONE } from '../calendar/working-days';

// Vietnamese formatting for e-mails, the portal and the briefing pack: pure, no I/O.
//
// Dates follow Decree 30/2020/NĐ-CP: a day below 10 and the months 1 and 2 take a leading zero
// ("ngày 03 tháng 02 năm 2024"), other numbers are written as they are ("25/6/2024").

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Digests and packs format the same few deadlines thousands of times; formatToParts is slow.
const wallClocks = new Map<string, WallClock>();
const WALL_CLOCK_CACHE_MAX = 10_000;

function wallClock(instant: Date, timeZone: string): WallClock {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid date');
  const key = `${instant.getTime()}|${timeZone}`;
  const cached = wallClocks.get(key);
  if (cached) return cached;
  const computed = computeWallClock(instant, timeZone);
  if (wallClocks.size >= WALL_CLOCK_CACHE_MAX) wallClocks.clear();
  wallClocks.set(key, computed);
  return computed;
}

function computeWallClock(instant: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute) };
}

function dayText(day: number): string {
  return day < 10 ? `0${day}` : String(day);
}

function monthText(month: number): string {
  return month <= 2 ? `0${month}` : String(month);
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}

// "25/6/2024", "03/7/2024", "05/02/2024".
export function formatDateVi(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const { year, month, day } = wallClock(instant, timeZone);
  return `${dayText(day)}/${monthText(month)}/${year}`;
}

// "ngày 25 tháng 6 năm 2024".
export function formatDateLongVi(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const { year, month, day } = wallClock(instant, timeZone);
  return `ngày ${dayText(day)} tháng ${monthText(month)} năm ${year}`;
}

// "17:00".
export function formatTimeVi(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const { hour, minute } = wallClock(instant, timeZone);
  return `${two(hour)}:${two(minute)}`;
}

// "17:00 ngày 25/6/2024", as deadlines are written in letters to units.
export function formatDateTimeVi(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return `${formatTimeVi(instant, timeZone)} ngày ${formatDateVi(instant, timeZone)}`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

// "8.145", "1.234,5": dots between thousands, a comma before decimals, at most
// `maxFractionDigits` decimals (rounded) and no trailing zeros.
export function formatNumberVi(value: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot format ${value} as a number`);
  if (!Number.isInteger(maxFractionDigits) || maxFractionDigits < 0 || maxFractionDigits > 20) throw new RangeError(`Invalid number of decimals: ${maxFractionDigits}`);
  const magnitude = Math.abs(value);
  // toFixed switches to exponent notation from 1e21; such numbers have no decimals anyway.
  const fixed = magnitude >= 1e21 ? BigInt(magnitude).toString() : magnitude.toFixed(maxFractionDigits);
  const [whole, fraction = ''] = fixed.split('.');
  const decimals = fraction.replace(/0+$/, '');
  const text = groupThousands(whole) + (decimals ? `,${decimals}` : '');
  return value < 0 && /[1-9]/.test(fixed) ? `-${text}` : text;
}

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;

// 2 → "II", as quarters are named in Vietnamese documents ("quý II/2024").
export function quarterRoman(quarter: number): string {
  const roman = Number.isInteger(quarter) ? ROMAN_QUARTERS[quarter - 1] : undefined;
  if (!roman) throw new RangeError(`Invalid quarter: ${quarter}`);
  return roman;
}

// "quý II/2024".
export function quarterLabelVi(quarter: number, year: number): string {
  return `quý ${quarterRoman(quarter)}/${year}`;
}

// 900 → "900 byte", 356000 → "348 KB", 1234567 → "1,2 MB" (1 KB = 1.024 byte).
export function fileSizeVi(bytes: number): string {
  if (bytes < 1024) return `${formatNumberVi(bytes)} byte`;
  const kilobytes = Math.round(bytes / 1024);
  if (kilobytes < 1024) return `${formatNumberVi(kilobytes)} KB`;
  return `${formatNumberVi(bytes / (1024 * 1024), 1)} MB`;
}
