import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Aggregation } from '../indicators/aggregation';
import { aggregateSql } from '../indicators/indicators.repository';
import { PeriodTotalRow } from './indicator-table';
import { PERIOD_STATUS_SQL, periodIndicatorTotalsSql, SCORECARDS_SQL } from './progress.sql';

export interface PeriodRow {
  id: string;
  year: number;
  quarter: number;
}

export interface BoardRow {
  year: number;
  quarter: number;
  unitId: string;
  code: string;
  name: string;
  submissionStatus: 'draft' | 'submitted' | 'accepted' | 'returned' | null;
  submittedAt: Date | null;
  reportDueAt: Date;
  tasksTotal: number;
  tasksDone: number;
  tasksOverdue: number;
}

export interface ScorecardRow {
  unitId: string;
  code: string;
  name: string;
  total: number;
  doneOnTime: number;
  doneLate: number;
  inProgressOnTime: number;
  overdue: number;
  onTimeRate: number | null;
  reportsOnTime: number;
  reportsLate: number;
  reportsMissing: number;
  rank: number;
}

const TOTALS_SQL = periodIndicatorTotalsSql(aggregateSql);

const number = (value: string | number | null): number | null => (value === null ? null : Number(value));

@Injectable()
export class ProgressRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findPeriod(id: string): Promise<PeriodRow | null> {
    const [row]: PeriodRow[] = await this.dataSource.query('SELECT id, year, quarter FROM periods WHERE id = $1', [id]);
    return row ?? null;
  }

  async board(periodId: string, now: Date): Promise<BoardRow[]> {
    const rows: Array<Record<string, any>> = await this.dataSource.query(PERIOD_STATUS_SQL, [periodId, now]);
    return rows.map((row) => ({
      year: Number(row.year),
      quarter: Number(row.quarter),
      unitId: row.unit_id,
      code: row.code,
      name: row.name,
      submissionStatus: row.submission_status,
      submittedAt: row.submitted_at,
      reportDueAt: row.report_due_at,
      tasksTotal: Number(row.tasks_total),
      tasksDone: Number(row.tasks_done),
      tasksOverdue: Number(row.tasks_overdue),
    }));
  }

  // Rows of every related quarter; period_year/period_quarter say which one the request is about.
  async indicatorTotals(periodId: string): Promise<Array<PeriodTotalRow & { periodYear: number; periodQuarter: number }>> {
    const rows: Array<Record<string, any>> = await this.dataSource.query(TOTALS_SQL, [periodId]);
    return rows.map((row) => ({
      indicatorId: row.indicator_id,
      code: row.code,
      name: row.name,
      measure: row.measure,
      aggregation: row.aggregation as Aggregation,
      year: Number(row.year),
      quarter: Number(row.quarter),
      total: number(row.total),
      target: number(row.target),
      byUnit: row.by_unit ? (row.by_unit as Array<{ unitId: string; code: string; value: string | number }>).map((item) => ({ ...item, value: Number(item.value) })) : null,
      periodYear: Number(row.period_year),
      periodQuarter: Number(row.period_quarter),
    }));
  }

  async scorecards(year: number, quarter: number | undefined, now: Date): Promise<ScorecardRow[]> {
    const rows: Array<Record<string, any>> = await this.dataSource.query(SCORECARDS_SQL, [year, quarter ?? null, now]);
    return rows.map((row) => ({
      unitId: row.unit_id,
      code: row.code,
      name: row.name,
      total: Number(row.total),
      doneOnTime: Number(row.done_on_time),
      doneLate: Number(row.done_late),
      inProgressOnTime: Number(row.in_progress_on_time),
      overdue: Number(row.overdue),
      onTimeRate: number(row.on_time_rate),
      reportsOnTime: Number(row.reports_on_time),
      reportsLate: Number(row.reports_late),
      reportsMissing: Number(row.reports_missing),
      rank: Number(row.rank),
    }));
  }
}
