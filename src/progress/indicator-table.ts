import { achievement, aggregate, Aggregation } from '../indicators/aggregation';

export interface PeriodTotalRow {
  indicatorId: string;
  code: string;
  name: string;
  measure: string;
  aggregation: Aggregation;
  year: number;
  quarter: number;
  total: number | null;
  target: number | null;
  byUnit: UnitValue[] | null;
}

export interface UnitValue {
  unitId: string;
  code: string;
  value: number;
}

export interface IndicatorFigures {
  indicator: { id: string; code: string; name: string; measure: string; aggregation: Aggregation };
  total: number | null;
  previousTotal: number | null;
  sameQuarterLastYear: number | null;
  yearToDate: number | null;
  target: number | null;
  achievement: number | null;
  byUnit: UnitValue[];
}

function previousQuarter(year: number, quarter: number): [number, number] {
  return quarter === 1 ? [year - 1, 4] : [year, quarter - 1];
}

// Turns per-quarter totals (already aggregated over units in SQL) into the figures of the
// briefing table: this quarter, the previous one, the same quarter last year, and the year to
// date, which aggregates this year's quarters up to this one the way the indicator says.
export function indicatorFigures(rows: readonly PeriodTotalRow[], year: number, quarter: number): IndicatorFigures[] {
  const byIndicator = new Map<string, PeriodTotalRow[]>();
  for (const row of rows) byIndicator.set(row.indicatorId, [...(byIndicator.get(row.indicatorId) ?? []), row]);
  const [previousYear, previous] = previousQuarter(year, quarter);
  return [...byIndicator.values()].map((quarters) => {
    const first = quarters[0];
    const totalOf = (y: number, q: number) => quarters.find((row) => row.year === y && row.quarter === q)?.total ?? null;
    const yearQuarters = quarters.filter((row) => row.year === year && row.quarter <= quarter && row.total !== null);
    const yearToDate = aggregate(
      first.aggregation,
      yearQuarters.map((row) => ({ value: row.total as number, at: row.quarter })),
    );
    return {
      indicator: { id: first.indicatorId, code: first.code, name: first.name, measure: first.measure, aggregation: first.aggregation },
      total: totalOf(year, quarter),
      previousTotal: totalOf(previousYear, previous),
      sameQuarterLastYear: totalOf(year - 1, quarter),
      yearToDate,
      target: first.target,
      achievement: achievement(yearToDate, first.target),
      byUnit: quarters.find((row) => row.year === year && row.quarter === quarter)?.byUnit ?? [],
    };
  });
}
