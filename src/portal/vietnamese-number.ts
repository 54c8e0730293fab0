// Numbers as a commune clerk types them, the Vietnamese way: a dot (or a space) between groups of
// thousands and a comma before the decimals.
//
// Accepted: "8145", "8.145", "1.234.567", "8 145", "1,5", "8.145,25", "0", "007" (white space
// around is ignored). Refused as ambiguous: a dot that is not followed by exactly three digits
// ("1.5", "8.14"), which is how English writes decimals, and several commas ("1,234,567").
// Refused: a sign, letters, exponents, more than MAX_FRACTION_DIGITS decimals, more than
// MAX_PORTAL_NUMBER.

export const MAX_FRACTION_DIGITS = 6;
export const MAX_PORTAL_NUMBER = 1e15;

export type NumberProblem = 'negative' | 'ambiguous' | 'invalid' | 'too_large' | 'too_many_decimals';

export type ParsedNumber = { ok: true; value: number } | { ok: false; problem: NumberProblem };

const SPACES = /[\u00a0\u202f]/g;
const PLAIN = /^(\d+)(?:,(\d+))?$/;
const DOT_GROUPED = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
const SPACE_GROUPED = /^(\d{1,3}(?: \d{3})+)(?:,(\d+))?$/;
// Digits, dots, commas and spaces in an order none of the patterns accepts.
const NUMBER_LIKE = /^[\d., ]+$/;

function problemOf(text: string): NumberProblem {
  if (/^-\s*[\d.,]/.test(text)) return 'negative';
  if (!NUMBER_LIKE.test(text) || !/\d/.test(text)) return 'invalid';
  if (text.includes('.') || (text.match(/,/g) ?? []).length > 1) return 'ambiguous';
  return 'invalid';
}

export function parseVietnameseNumber(input: string): ParsedNumber {
  const text = input.replace(SPACES, ' ').trim();
  const match = PLAIN.exec(text) ?? DOT_GROUPED.exec(text) ?? SPACE_GROUPED.exec(text);
  if (!match) return { ok: false, problem: problemOf(text) };
  const whole = match[1].replace(/[. ]/g, '');
  const fraction = match[2] ?? '';
  if (fraction.length > MAX_FRACTION_DIGITS) return { ok: false, problem: 'too_many_decimals' };
  const value = Number(fraction ? `${whole}.${fraction}` : whole);
  if (!Number.isFinite(value) || value > MAX_PORTAL_NUMBER) return { ok: false, problem: 'too_large' };
  return { ok: true, value };
}
