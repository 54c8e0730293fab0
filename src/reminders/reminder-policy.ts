import { DEFAULT_TIME_ZONE } from '../calendar/working-days';
import { FieldError } from '../common/errors';

// When reminders go out. Every count is in working days of the committee's calendar.
export interface ReminderPolicy {
  // Before the due day: one reminder on the working day from which n working days remain.
  readonly beforeDue: readonly number[];
  // A reminder on the due day itself (only when the due day is a working day).
  readonly onDueDay: boolean;
  // Overdue reminder i (1..overdueMax) goes out i × overdueEvery working days after the due day.
  readonly overdueEvery: number;
  readonly overdueMax: number;
  // From overdue reminder escalateAfter on, the reminder is an escalation (the head of the unit,
  // the secretariat in copy); overdueMax + 1 never escalates.
  readonly escalateAfter: number;
  // HH:mm in `timezone`, which also decides a due instant's local day.
  readonly sendAt: string;
  readonly timezone: string;
}

export const REMINDER_POLICY_LIMITS = Object.freeze({
  beforeDueMax: 60,
  overdueEveryMax: 30,
  overdueMaxMax: 20,
});

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = Object.freeze({
  beforeDue: Object.freeze([7, 3, 1]),
  onDueDay: true,
  overdueEvery: 2,
  overdueMax: 5,
  escalateAfter: 2,
  sendAt: '08:00',
  timezone: DEFAULT_TIME_ZONE,
});

const POLICY_FIELDS: readonly (keyof ReminderPolicy)[] = ['beforeDue', 'onDueDay', 'overdueEvery', 'overdueMax', 'escalateAfter', 'sendAt', 'timezone'];
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
// An IANA name (Area/Location, or UTC, EST5EDT ...): Intl alone would also take offsets like "+07:00".
const ZONE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function isTimeZoneName(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 64 || !ZONE_NAME_PATTERN.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function beforeDueErrors(value: unknown): FieldError[] {
  const { beforeDueMax } = REMINDER_POLICY_LIMITS;
  if (!Array.isArray(value)) return [{ field: 'beforeDue', message: `must be an array of distinct integers from 1 to ${beforeDueMax}` }];
  // Distinct values from 1 to 60 cannot be more than 60; a longer array gets one error, not thousands.
  if (value.length > beforeDueMax) return [{ field: 'beforeDue', message: `must have at most ${beforeDueMax} entries` }];
  const errors: FieldError[] = [];
  const firstIndex = new Map<number, number>();
  for (const [index, days] of (value as unknown[]).entries()) {
    const field = `beforeDue[${index}]`;
    if (!isIntegerIn(days, 1, beforeDueMax)) {
      errors.push({ field, message: `must be an integer from 1 to ${beforeDueMax}` });
      continue;
    }
    const first = firstIndex.get(days);
    if (first !== undefined) errors.push({ field, message: `repeats ${days}, already given at [${first}]` });
    else firstIndex.set(days, index);
  }
  return errors;
}

// escalateAfter is checked against overdueMax when that is valid, else against the widest range.
function escalateAfterErrors(value: unknown, overdueMax: unknown): FieldError[] {
  const max = (isIntegerIn(overdueMax, 0, REMINDER_POLICY_LIMITS.overdueMaxMax) ? overdueMax : REMINDER_POLICY_LIMITS.overdueMaxMax) + 1;
  if (isIntegerIn(value, 1, max)) return [];
  return [{ field: 'escalateAfter', message: `must be an integer from 1 to ${max} (overdueMax + 1 never escalates)` }];
}

function fieldErrors(policy: Record<string, unknown>): FieldError[] {
  const { overdueEveryMax, overdueMaxMax } = REMINDER_POLICY_LIMITS;
  const errors: FieldError[] = [...beforeDueErrors(policy.beforeDue)];
  if (typeof policy.onDueDay !== 'boolean') errors.push({ field: 'onDueDay', message: 'must be a boolean' });
  if (!isIntegerIn(policy.overdueEvery, 1, overdueEveryMax)) errors.push({ field: 'overdueEvery', message: `must be an integer from 1 to ${overdueEveryMax}` });
  if (!isIntegerIn(policy.overdueMax, 0, overdueMaxMax)) errors.push({ field: 'overdueMax', message: `must be an integer from 0 to ${overdueMaxMax}` });
  errors.push(...escalateAfterErrors(policy.escalateAfter, policy.overdueMax));
  if (typeof policy.sendAt !== 'string' || !TIME_PATTERN.test(policy.sendAt)) errors.push({ field: 'sendAt', message: 'must be a time HH:mm from 00:00 to 23:59' });
  if (!isTimeZoneName(policy.timezone)) errors.push({ field: 'timezone', message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' });
  return errors;
}

// Checks a whole policy, as PUT /reminder-policy replaces it: every field is required and unknown
// fields are refused. Returns one error per wrong field (`beforeDue[1]` for an entry), none when
// the input is a valid ReminderPolicy. beforeDue may be in any order; the planner sorts it.
export function validatePolicy(input: unknown): FieldError[] {
  if (!isPlainObject(input)) return [{ field: 'body', message: `must be an object { ${POLICY_FIELDS.join(', ')} }` }];
  const known = new Set<string>(POLICY_FIELDS);
  const unknown = Object.keys(input)
    .filter((key) => !known.has(key))
    .map((field) => ({ field, message: 'is not a known field' }));
  const missing = POLICY_FIELDS.filter((field) => input[field] === undefined).map((field) => ({ field, message: 'is required' }));
  const missingFields = new Set<string>(missing.map((error) => error.field));
  return [...unknown, ...missing, ...fieldErrors(input).filter((error) => !missingFields.has(error.field))];
}

export function isReminderPolicy(input: unknown): input is ReminderPolicy {
  return validatePolicy(input).length === 0;
}
