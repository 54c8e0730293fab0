import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditDraft, AuditEntry } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { SortOrder } from '../common/pagination';
import { PeriodEntity } from './period.entity';

export const PERIOD_SORT_FIELDS = ['year', 'quarter', 'reportDueAt', 'briefingAt', 'createdAt', 'updatedAt'] as const;
export type PeriodSortField = (typeof PERIOD_SORT_FIELDS)[number];

// year sorts by quarter within the year, and quarter by year within the quarter.
const SORT_COLUMNS: Record<PeriodSortField, (direction: string) => string> = {
  year: (direction) => `year ${direction}, quarter ${direction}`,
  quarter: (direction) => `quarter ${direction}, year ${direction}`,
  reportDueAt: (direction) => `report_due_at ${direction}`,
  briefingAt: (direction) => `briefing_at ${direction}`,
  createdAt: (direction) => `created_at ${direction}`,
  updatedAt: (direction) => `updated_at ${direction}`,
};

const ALIAS = /^[a-z_][a-z0-9_]*$/;

/**
 * The SQL expression for a unit's report deadline in a period: its latest extension, else the
 * period's deadline. `period` and `unit` are the aliases of the periods and units rows in the
 * query (the unit alias needs only an `id` column). Served by report_extensions_period_unit.
 */
export function effectiveReportDueAtSql(period = 'p', unit = 'u'): string {
  if (!ALIAS.test(period) || !ALIAS.test(unit)) throw new Error(`effectiveReportDueAtSql: invalid alias ${period} or ${unit}`);
  return `coalesce((SELECT e.report_due_at FROM report_extensions e WHERE e.period_id = ${period}.id AND e.unit_id = ${unit}.id ORDER BY e.created_at DESC LIMIT 1), ${period}.report_due_at)`;
}

export interface PeriodFilter {
  year?: number;
  quarter?: number;
  order: SortOrder<PeriodSortField>;
  offset: number;
  limit: number;
}

export type NewPeriod = Omit<PeriodEntity, 'id'> & { id?: string };

// The period list in one query: the page and the total (count over the window).
export function periodListSql(filter: PeriodFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.year !== undefined) where.push(`year = $${params.push(filter.year)}`);
  if (filter.quarter !== undefined) where.push(`quarter = $${params.push(filter.quarter)}`);
  const direction = filter.order.direction === 'DESC' ? 'DESC' : 'ASC';
  const sql = `SELECT ${PERIOD_COLUMNS}, count(*) OVER () AS total
    FROM periods ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${SORT_COLUMNS[filter.order.field](direction)}, id
    OFFSET $${params.push(filter.offset)} LIMIT $${params.push(filter.limit)}`;
  return { sql, params };
}

const PERIOD_COLUMNS = 'id, year, quarter, report_due_at, briefing_at, briefing_place, created_at, updated_at';

interface PeriodRow {
  id: string;
  year: number;
  quarter: number;
  report_due_at: Date;
  briefing_at: Date;
  briefing_place: string | null;
  created_at: Date;
  updated_at: Date;
  total?: string;
}

function fromRow(row: PeriodRow): PeriodEntity {
  return Object.assign(new PeriodEntity(), {
    id: row.id,
    year: row.year,
    quarter: row.quarter,
    reportDueAt: row.report_due_at,
    briefingAt: row.briefing_at,
    briefingPlace: row.briefing_place,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

@Injectable()
export class PeriodsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: PeriodFilter): Promise<{ periods: PeriodEntity[]; total: number }> {
    const { sql, params } = periodListSql(filter);
    const rows: PeriodRow[] = await this.dataSource.query(sql, params);
    const total = rows.length ? Number(rows[0].total) : await this.count(filter);
    return { periods: rows.map(fromRow), total };
  }

  private async count(filter: PeriodFilter): Promise<number> {
    // An empty page past the end still reports the total.
    if (filter.offset === 0) return 0;
    const { sql, params } = periodListSql({ ...filter, offset: 0, limit: 1 });
    const rows: PeriodRow[] = await this.dataSource.query(sql, params);
    return rows.length ? Number(rows[0].total) : 0;
  }

  async findById(id: string): Promise<PeriodEntity | null> {
    const rows: PeriodRow[] = await this.dataSource.query(`SELECT ${PERIOD_COLUMNS} FROM periods WHERE id = $1`, [id]);
    return rows.length ? fromRow(rows[0]) : null;
  }

  async findByQuarter(year: number, quarter: number): Promise<PeriodEntity | null> {
    const rows: PeriodRow[] = await this.dataSource.query(`SELECT ${PERIOD_COLUMNS} FROM periods WHERE year = $1 AND quarter = $2`, [year, quarter]);
    return rows.length ? fromRow(rows[0]) : null;
  }

  create(period: NewPeriod, audit: AuditDraft): Promise<PeriodEntity> {
    return this.dataSource.transaction(async (manager) => {
      const created = await manager.save(manager.create(PeriodEntity, period));
      await insertAudit(manager, { ...audit, entityId: created.id });
      return created;
    });
  }

  update(id: string, changes: Partial<NewPeriod>, audit: AuditDraft): Promise<PeriodEntity> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.update(PeriodEntity, { id }, changes);
      await insertAudit(manager, { ...audit, entityId: id });
      return manager.findOneByOrFail(PeriodEntity, { id });
    });
  }

  // Deletes a period with everything hanging off it (the foreign keys cascade).
  remove(id: string, audit: AuditEntry): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM periods WHERE id = $1`, [id]);
      await insertAudit(manager, audit);
    });
  }
}
