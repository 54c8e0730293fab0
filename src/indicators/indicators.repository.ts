import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { SortOrder } from '../common/pagination';
import { IndicatorEntity } from './indicator.entity';

export const INDICATOR_SORT_FIELDS = ['position', 'code', 'name', 'createdAt', 'updatedAt'] as const;
export type IndicatorSortField = (typeof INDICATOR_SORT_FIELDS)[number];

const SORT_COLUMNS: Record<IndicatorSortField, string> = { position: 'position', code: 'lower(code)', name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' };

export interface IndicatorFilter {
  active?: boolean;
  order: SortOrder<IndicatorSortField>;
  offset: number;
  limit: number;
}

export type NewIndicator = Omit<IndicatorEntity, 'id'> & { id?: string };

/**
 * The SQL aggregate of an indicator's values that matches aggregate() in aggregation.ts, for
 * queries grouped by indicator: `kind` is the indicator's aggregation column, `value` a numeric
 * expression, `at` the ordering key for `latest`. No rows → NULL, as aggregate() gives null.
 */
export function aggregateSql(kind: string, value: string, at: string): string {
  return `CASE ${kind}
    WHEN 'sum' THEN sum(${value})
    WHEN 'avg' THEN round(avg(${value}), greatest(2, max(scale(${value}))))
    WHEN 'max' THEN max(${value})
    WHEN 'latest' THEN (array_agg(${value} ORDER BY ${at} DESC, ${value} DESC))[1]
  END`;
}

// The indicator list in one query: the page and the total (count over the window).
export function indicatorListSql(filter: IndicatorFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = filter.active === undefined ? '' : `WHERE active = $${params.push(filter.active)}`;
  const direction = filter.order.direction === 'DESC' ? 'DESC' : 'ASC';
  const sql = `SELECT id, code, name, measure, aggregation, position, active, created_at, updated_at, count(*) OVER () AS total
    FROM indicators ${where}
    ORDER BY ${SORT_COLUMNS[filter.order.field]} ${direction}, position, lower(code), id
    OFFSET $${params.push(filter.offset)} LIMIT $${params.push(filter.limit)}`;
  return { sql, params };
}

interface IndicatorRow {
  id: string;
  code: string;
  name: string;
  measure: string;
  aggregation: IndicatorEntity['aggregation'];
  position: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  total: string;
}

function fromRow(row: IndicatorRow): IndicatorEntity {
  return Object.assign(new IndicatorEntity(), {
    id: row.id,
    code: row.code,
    name: row.name,
    measure: row.measure,
    aggregation: row.aggregation,
    position: row.position,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

@Injectable()
export class IndicatorsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: IndicatorFilter): Promise<{ indicators: IndicatorEntity[]; total: number }> {
    const { sql, params } = indicatorListSql(filter);
    const rows: IndicatorRow[] = await this.dataSource.query(sql, params);
    const total = rows.length ? Number(rows[0].total) : await this.count(filter);
    return { indicators: rows.map(fromRow), total };
  }

  private async count(filter: IndicatorFilter): Promise<number> {
    // An empty page past the end still reports the total.
    if (filter.offset === 0) return 0;
    const { sql, params } = indicatorListSql({ ...filter, offset: 0, limit: 1 });
    const rows: IndicatorRow[] = await this.dataSource.query(sql, params);
    return rows.length ? Number(rows[0].total) : 0;
  }

  // Every indicator (or every active one) in display order: there are tens, not thousands.
  async all(active?: boolean): Promise<IndicatorEntity[]> {
    const { sql, params } = indicatorListSql({ active, order: { field: 'position', direction: 'ASC' }, offset: 0, limit: 10_000 });
    const rows: IndicatorRow[] = await this.dataSource.query(sql, params);
    return rows.map(fromRow);
  }

  findById(id: string): Promise<IndicatorEntity | null> {
    return this.dataSource.getRepository(IndicatorEntity).findOneBy({ id });
  }

  async findByCodes(codes: string[]): Promise<IndicatorEntity[]> {
    if (codes.length === 0) return [];
    return this.dataSource
      .getRepository(IndicatorEntity)
      .createQueryBuilder('indicator')
      .where('lower(indicator.code) IN (:...codes)', { codes: codes.map((code) => code.toLowerCase()) })
      .orderBy('indicator.position')
      .addOrderBy('lower(indicator.code)')
      .getMany();
  }

  // After the last indicator; two concurrent creates may share a position, the code breaks the tie.
  async nextPosition(): Promise<number> {
    const [row]: Array<{ next: number }> = await this.dataSource.query(`SELECT coalesce(max(position), 0) + 1 AS next FROM indicators`);
    return Number(row.next);
  }

  create(indicator: NewIndicator, audit: AuditDraft): Promise<IndicatorEntity> {
    return this.dataSource.transaction(async (manager) => {
      const created = await manager.save(manager.create(IndicatorEntity, indicator));
      await insertAudit(manager, { ...audit, entityId: created.id });
      return created;
    });
  }

  update(id: string, changes: Partial<NewIndicator>, audit: AuditDraft): Promise<IndicatorEntity> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.update(IndicatorEntity, { id }, changes);
      await insertAudit(manager, { ...audit, entityId: id });
      return manager.findOneByOrFail(IndicatorEntity, { id });
    });
  }
}
