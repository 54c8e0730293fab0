import fc from 'fast-check';
import { formatNumberVi } from '../common/vietnamese';
import { MAX_PORTAL_NUMBER, parseVietnameseNumber } from './vietnamese-number';

describe(parseVietnameseNumber.name, () => {
  it.each([
    ['8145', 8145],
    ['8.145', 8145],
    ['1.234.567', 1_234_567],
    ['8 145', 8145],
    ['8\u00a0145', 8145],
    ['1,5', 1.5],
    ['8.145,25', 8145.25],
    ['0', 0],
    ['0,000001', 0.000001],
    ['007', 7],
    ['  12  ', 12],
    ['1.000', 1000],
  ])('should read %j as %d when written the Vietnamese way', (text, value) => {
    expect(parseVietnameseNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['1.5', 'ambiguous'],
    ['8.14', 'ambiguous'],
    ['8.1450', 'ambiguous'],
    ['1,234,567', 'ambiguous'],
    ['1.234,5.6', 'ambiguous'],
    ['-3', 'negative'],
    ['- 3', 'negative'],
    ['-1,5', 'negative'],
    ['abc', 'invalid'],
    ['12abc', 'invalid'],
    ['1e5', 'invalid'],
    ['+5', 'invalid'],
    ['.', 'invalid'],
    [',5', 'invalid'],
    ['5,', 'invalid'],
    ['Infinity', 'invalid'],
    ['0x10', 'invalid'],
    ['1,1234567', 'too_many_decimals'],
    ['1.000.000.000.000.001', 'too_large'],
  ])('should refuse %j as %s', (text, problem) => {
    expect(parseVietnameseNumber(text)).toEqual({ ok: false, problem });
  });

  it('should read back every number formatNumberVi writes with up to 6 decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: MAX_PORTAL_NUMBER / 10, noNaN: true }), (value) => {
        const text = formatNumberVi(value, 6);
        const parsed = parseVietnameseNumber(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(formatNumberVi(parsed.value, 6)).toBe(text);
      }),
    );
  });
});
