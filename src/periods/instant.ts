import { ValidateBy } from 'class-validator';
import { isCalendarDate } from '../holidays/holiday-rules';

// An instant as API.md has it: ISO 8601 date and time with an offset (Z or ±hh:mm), seconds and
// fractions optional. A time without an offset is refused rather than read in some time zone.
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

export const INSTANT_EXAMPLE = '2024-07-05T17:00:00+07:00';

export function isInstant(value: unknown): value is string {
  const match = typeof value === 'string' ? INSTANT_PATTERN.exec(value) : null;
  if (!match) return false;
  const [, date, hours, minutes, seconds = '00', offsetHours = '00', offsetMinutes = '00'] = match;
  // Date would roll 2024-02-30 over to March and 24:00 over to the next day: both are refused.
  return isCalendarDate(date) && Number(hours) <= 23 && Number(minutes) <= 59 && Number(seconds) <= 59 && Number(offsetHours) <= 18 && Number(offsetMinutes) <= 59;
}

export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: { validate: (value) => isInstant(value), defaultMessage: () => `must be an ISO 8601 instant with an offset, e.g. ${INSTANT_EXAMPLE}` },
  });
