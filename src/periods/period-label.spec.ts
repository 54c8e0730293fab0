import fc from 'fast-check';
import { periodLabel } from './period-label';

describe(periodLabel.name, () => {
  it('should name each quarter with its Roman numeral when given quarters 1 to 4', () => {
    expect([1, 2, 3, 4].map((quarter) => periodLabel(2024, quarter))).toEqual(['Quý I/2024', 'Quý II/2024', 'Quý III/2024', 'Quý IV/2024']);
  });

  it('should write the year in full when the year is at either end of the range', () => {
    expect(periodLabel(2000, 1)).toBe('Quý I/2000');
    expect(periodLabel(2100, 4)).toBe('Quý IV/2100');
  });

  it('should throw when the quarter is not 1 to 4', () => {
    for (const quarter of [0, 5, -1, 2.5, Number.NaN]) expect(() => periodLabel(2024, quarter)).toThrow(RangeError);
  });

  it('should throw when the year is not an integer', () => {
    expect(() => periodLabel(2024.5, 1)).toThrow(RangeError);
  });

  it('should end with the year and differ between quarters when any year and quarter are given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), (year) => {
        const labels = [1, 2, 3, 4].map((quarter) => periodLabel(year, quarter));
        expect(labels.every((label) => label.startsWith('Quý ') && label.endsWith(`/${year}`))).toBe(true);
        expect(new Set(labels).size).toBe(4);
      }),
    );
  });
});
