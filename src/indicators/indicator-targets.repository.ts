import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { insertAudit } from '../audit/audit.repository';
import { IndicatorTargetEntity } from './indicator-target.entity';
import { TargetWrite } from './targets';

interface TargetRow {
  id: string;
  indicator_id: string;
  year: number;
  unit_id: string | null;
  value: string;
  created_at: Date;
  updated_at: Date;
}

function fromRow(row: TargetRow): IndicatorTargetEntity {
  return Object.assign(new IndicatorTargetEntity(), {
    id: row.id,
    indicatorId: row.indicator_id,
    year: row.year,
    unitId: row.unit_id,
    value: Number(row.value),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

const SELECT_TARGETS = `SELECT t.id, t.indicator_id, t.year, t.unit_id, t.value, t.created_at, t.updated_at
  FROM indicator_targets t LEFT JOIN units u ON u.id = t.unit_id`;
// By year; in each year the program's target first, then the units' by code.
const TARGET_ORDER = `ORDER BY t.year, t.unit_id IS NOT NULL, lower(u.code), t.unit_id`;

async function selectTargets(manager: EntityManager, indicatorId: string, year?: number): Promise<IndicatorTargetEntity[]> {
  const params: unknown[] = [indicatorId];
  const byYear = year === undefined ? '' : `AND t.year = $${params.push(year)}`;
  const rows: TargetRow[] = await manager.query(`${SELECT_TARGETS} WHERE t.indicator_id = $1 ${byYear} ${TARGET_ORDER}`, params);
  return rows.map(fromRow);
}

@Injectable()
export class IndicatorTargetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listForIndicator(indicatorId: string, year?: number): Promise<IndicatorTargetEntity[]> {
    return selectTargets(this.dataSource.manager, indicatorId, year);
  }

  // Every indicator's targets for a year (program-wide and per unit), for period totals.
  async listForYear(year: number): Promise<IndicatorTargetEntity[]> {
    const rows: TargetRow[] = await this.dataSource.query(`${SELECT_TARGETS} WHERE t.year = $1 ORDER BY t.indicator_id, t.unit_id IS NOT NULL, lower(u.code), t.unit_id`, [year]);
    return rows.map(fromRow);
  }

  /**
   * Applies the writes that `plan` derives from the indicator's current targets, with their audit
   * entries, in one transaction; returns all the indicator's targets afterwards, or null when the
   * indicator does not exist. The indicator's row is locked so that concurrent PUTs queue up and
   * each plans from what the previous one wrote.
   */
  upsert(indicatorId: string, plan: (existing: IndicatorTargetEntity[]) => TargetWrite[]): Promise<IndicatorTargetEntity[] | null> {
    return this.dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(`SELECT id FROM indicators WHERE id = $1 FOR UPDATE`, [indicatorId]);
      if (locked.length === 0) return null;
      for (const write of plan(await selectTargets(manager, indicatorId))) await this.apply(manager, write);
      return selectTargets(manager, indicatorId);
    });
  }

  private async apply(manager: EntityManager, write: TargetWrite): Promise<void> {
    if (write.kind === 'update') {
      await manager.query(`UPDATE indicator_targets SET value = $2, updated_at = $3 WHERE id = $1`, [write.id, write.value, write.at]);
      await insertAudit(manager, { ...write.audit, entityId: write.id });
      return;
    }
    const { indicatorId, year, unitId, value, at } = write.target;
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO indicator_targets (indicator_id, year, unit_id, value, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [indicatorId, year, unitId, value, at],
    );
    await insertAudit(manager, { ...write.audit, entityId: row.id });
  }
}
