import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { indicatorFigures } from './indicator-table';
import { PeriodIndicatorResponse, PeriodStatusResponse, ScorecardQuery, ScorecardResponse, UnitStatus } from './progress.dto';
import { BoardRow, PeriodRow, ProgressRepository } from './progress.repository';

const COUNTED = new Set(['submitted', 'accepted']);

function unitStatus(row: BoardRow, now: Date): UnitStatus {
  const counted = row.submissionStatus !== null && COUNTED.has(row.submissionStatus);
  const late = counted && row.submittedAt ? row.submittedAt > row.reportDueAt : now > row.reportDueAt;
  return {
    unitId: row.unitId,
    code: row.code,
    name: row.name,
    submission: row.submissionStatus ?? 'missing',
    submittedAt: row.submittedAt ? row.submittedAt.toISOString() : null,
    reportDueAt: row.reportDueAt.toISOString(),
    late,
    tasks: { total: row.tasksTotal, done: row.tasksDone, overdue: row.tasksOverdue },
  };
}

// The secretariat's view of a quarter: who reported, who is late, the indicator totals, and how
// units rank on keeping their deadlines.
@Injectable()
export class ProgressService {
  constructor(
    private readonly progress: ProgressRepository,
    private readonly clock: ClockService,
  ) {}

  // One query; a second only when the board is empty, to tell an unknown period (404) from a
  // period without units.
  async status(periodId: string): Promise<PeriodStatusResponse> {
    const now = this.clock.now();
    const rows = await this.progress.board(periodId, now);
    const period = rows.length ? { id: periodId, year: rows[0].year, quarter: rows[0].quarter } : await this.requirePeriod(periodId);
    const units = rows.map((row) => unitStatus(row, now));
    const submitted = units.filter((unit) => COUNTED.has(unit.submission));
    const late = submitted.filter((unit) => unit.late).length;
    return {
      period: { id: period.id, year: period.year, quarter: period.quarter },
      units,
      totals: { units: units.length, submitted: submitted.length, onTime: submitted.length - late, late, missing: units.length - submitted.length },
    };
  }

  async indicators(periodId: string): Promise<PeriodIndicatorResponse[]> {
    const rows = await this.progress.indicatorTotals(periodId);
    if (rows.length === 0) {
      await this.requirePeriod(periodId);
      return [];
    }
    return indicatorFigures(rows, rows[0].periodYear, rows[0].periodQuarter);
  }

  async scorecards(query: ScorecardQuery): Promise<ScorecardResponse[]> {
    const rows = await this.progress.scorecards(query.year, query.quarter, this.clock.now());
    return rows.map((row) => ({
      unitId: row.unitId,
      code: row.code,
      name: row.name,
      tasks: { total: row.total, doneOnTime: row.doneOnTime, doneLate: row.doneLate, inProgressOnTime: row.inProgressOnTime, overdue: row.overdue, onTimeRate: row.onTimeRate },
      reports: { onTime: row.reportsOnTime, late: row.reportsLate, missing: row.reportsMissing },
      rank: row.rank,
    }));
  }

  private async requirePeriod(id: string): Promise<PeriodRow> {
    const period = await this.progress.findPeriod(id);
    if (!period) throw notFound('period', id);
    return period;
  }
}
