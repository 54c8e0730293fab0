import { quarterRoman } from '../common/vietnamese';

// How a quarter is named in the API and on the first line of documents: "Quý II/2024".
export function periodLabel(year: number, quarter: number): string {
  if (!Number.isInteger(year)) throw new RangeError(`Invalid year: ${year}`);
  return `Quý ${quarterRoman(quarter)}/${year}`;
}
