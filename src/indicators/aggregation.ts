export const AGGREGATIONS = ['sum', 'avg', 'max', 'latest'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface AggregatedValue {
  value: number;
  // Orders the values for `latest`, e.g. a quarter index (year * 4 + quarter).
  at: number;
}

// The mean keeps at least this many decimal places.
export const AVERAGE_DECIMALS = 2;
// Achievement is a ratio; 4 places is a percentage with 2 decimals.
export const ACHIEVEMENT_DECIMALS = 4;

// A decimal as an integer count of 10^-places: exact where adding doubles is not (0.1 + 0.2).
interface Scaled {
  units: bigint;
  places: number;
}

// The decimal places of a number's shortest representation: 0.25 → 2, 1e-7 → 7, 1e21 → 0.
export function decimalPlaces(value: number): number {
  const [mantissa, exponent = '0'] = String(value).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

function toScaled(value: number, places: number): bigint {
  const [mantissa, exponent = '0'] = String(value).split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  // value = digits × 10^(exponent − fraction length); places ≥ fraction length − exponent.
  return BigInt(`${whole}${fraction}`) * 10n ** BigInt(places - fraction.length + Number(exponent));
}

function fromScaled({ units, places }: Scaled): number {
  const digits = (units < 0n ? -units : units).toString().padStart(places + 1, '0');
  const sign = units < 0n ? '-' : '';
  if (places === 0) return Number(`${sign}${digits}`);
  return Number(`${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`);
}

function exactSum(values: number[]): Scaled {
  const places = values.reduce((most, value) => Math.max(most, decimalPlaces(value)), 0);
  return { units: values.reduce((total, value) => total + toScaled(value, places), 0n), places };
}

// Half away from zero, like PostgreSQL's round(numeric).
function divideRounded(dividend: bigint, divisor: bigint): bigint {
  const negative = dividend < 0n !== divisor < 0n;
  const absolute = (n: bigint) => (n < 0n ? -n : n);
  const magnitude = (absolute(dividend) * 2n + absolute(divisor)) / (absolute(divisor) * 2n);
  return negative ? -magnitude : magnitude;
}

function exactMean(values: number[]): number {
  const sum = exactSum(values);
  // Rounded to the inputs' own precision when it is finer than AVERAGE_DECIMALS, so that the mean
  // always lies between the smallest and the largest value.
  const places = Math.max(AVERAGE_DECIMALS, sum.places);
  const units = divideRounded(sum.units * 10n ** BigInt(places - sum.places), BigInt(values.length));
  return fromScaled({ units, places });
}

function largest(values: number[]): number {
  let result = values[0];
  for (const value of values) if (value > result) result = value;
  return result;
}

// Of the values with the highest `at`, the largest: the result does not depend on input order.
function latest(values: AggregatedValue[]): number {
  let result = values[0];
  for (const candidate of values) {
    if (candidate.at > result.at || (candidate.at === result.at && candidate.value > result.value)) result = candidate;
  }
  return result.value;
}

/**
 * Aggregates an indicator's values (across units or quarters) the way the indicator says.
 * Sums are exact for decimal inputs (0.1 + 0.2 = 0.3); the mean is rounded half away from zero to
 * AVERAGE_DECIMALS places, or to the inputs' precision when that is finer. No values → null.
 */
export function aggregate(kind: Aggregation, values: readonly AggregatedValue[]): number | null {
  if (values.length === 0) return null;
  const bad = values.find((entry) => !Number.isFinite(entry.value) || !Number.isFinite(entry.at));
  if (bad) throw new RangeError(`cannot aggregate a non-finite value (${bad.value} at ${bad.at})`);
  const numbers = values.map((entry) => entry.value);
  switch (kind) {
    case 'sum':
      return fromScaled(exactSum(numbers));
    case 'avg':
      return exactMean(numbers);
    case 'max':
      return largest(numbers);
    case 'latest':
      return latest([...values]);
  }
}

/**
 * Year to date ÷ yearly target, rounded to ACHIEVEMENT_DECIMALS places (0.3075 = 30.75 %).
 * Null without a target, with a target of 0 (no meaningful ratio) or with nothing reported yet.
 */
export function achievement(yearToDate: number | null, target: number | null): number | null {
  if (yearToDate === null || target === null || target === 0) return null;
  if (!Number.isFinite(yearToDate) || !Number.isFinite(target)) return null;
  const places = Math.max(decimalPlaces(yearToDate), decimalPlaces(target));
  const scale = 10n ** BigInt(ACHIEVEMENT_DECIMALS);
  const units = divideRounded(toScaled(yearToDate, places) * scale, toScaled(target, places));
  return fromScaled({ units, places: ACHIEVEMENT_DECIMALS });
}
