import { indicatorFigures, PeriodTotalRow } from './indicator-table';

function row(year: number, quarter: number, total: number | null, overrides: Partial<PeriodTotalRow> = {}): PeriodTotalRow {
  return { indicatorId: 'i1', code: 'MH_RAMAT', name: 'Mô hình ra mắt', measure: 'mô hình', aggregation: 'sum', year, quarter, total, target: 20, byUnit: null, ...overrides };
}

describe('indicatorFigures', () => {
  it('should add this year’s quarters up to this one when the indicator sums', () => {
    const [figures] = indicatorFigures([row(2023, 2, 3), row(2024, 1, 5), row(2024, 2, 7)], 2024, 2);
    expect(figures).toMatchObject({ total: 7, previousTotal: 5, sameQuarterLastYear: 3, yearToDate: 12, target: 20, achievement: 0.6 });
  });

  it('should take last year’s fourth quarter as the previous one when the period is a first quarter', () => {
    const [figures] = indicatorFigures([row(2023, 4, 9), row(2024, 1, 4)], 2024, 1);
    expect(figures).toMatchObject({ total: 4, previousTotal: 9, yearToDate: 4 });
  });

  it('should give nulls when no quarter has a value and no achievement without a target', () => {
    const [figures] = indicatorFigures([row(2024, 2, null, { target: null })], 2024, 2);
    expect(figures).toMatchObject({ total: null, previousTotal: null, sameQuarterLastYear: null, yearToDate: null, achievement: null });
  });

  it('should take the latest quarter’s total as the year to date when the indicator is a stock', () => {
    const rows = [row(2024, 1, 40, { aggregation: 'latest' }), row(2024, 2, 35, { aggregation: 'latest' })];
    expect(indicatorFigures(rows, 2024, 2)[0].yearToDate).toBe(35);
  });

  it('should not count later quarters of the year when they already have values', () => {
    const [figures] = indicatorFigures([row(2024, 1, 5), row(2024, 2, 7), row(2024, 3, 100)], 2024, 2);
    expect(figures.yearToDate).toBe(12);
  });
});
