import { effectiveReportDueAtSql, periodListSql } from './periods.repository';

describe(effectiveReportDueAtSql.name, () => {
  it('should read the latest extension of the unit, else the period deadline, with the given aliases', () => {
    expect(effectiveReportDueAtSql('per', 'un')).toBe(
      'coalesce((SELECT e.report_due_at FROM report_extensions e WHERE e.period_id = per.id AND e.unit_id = un.id ORDER BY e.created_at DESC LIMIT 1), per.report_due_at)',
    );
    expect(effectiveReportDueAtSql()).toContain('e.period_id = p.id AND e.unit_id = u.id');
  });

  it('should throw when an alias is not a plain identifier', () => {
    expect(() => effectiveReportDueAtSql('p; DROP TABLE periods', 'u')).toThrow();
    expect(() => effectiveReportDueAtSql('p', 'u.id')).toThrow();
  });
});

describe(periodListSql.name, () => {
  it('should sort by year then quarter in the same direction and bind every value', () => {
    const { sql, params } = periodListSql({ year: 2024, order: { field: 'year', direction: 'DESC' }, offset: 50, limit: 25 });
    expect(sql).toContain('WHERE year = $1');
    expect(sql).toContain('ORDER BY year DESC, quarter DESC, id');
    expect(params).toEqual([2024, 50, 25]);
  });
});
