import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SortOrder } from '../common/pagination';
import { AuditAction, AuditEntry, FieldChange } from './audit';

// Written in the same transaction as the change it describes, so neither exists without the other.
export async function insertAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await manager.query(`INSERT INTO audit_log (at, actor, action, entity, entity_id, changes) VALUES ($1, $2, $3, $4, $5, $6)`, [
    entry.at,
    entry.actor,
    entry.action,
    entry.entity,
    entry.entityId,
    JSON.stringify(entry.changes),
  ]);
}

export interface AuditRecord {
  id: string;
  at: Date;
  actor: string;
  action: AuditAction;
  entity: string;
  entityId: string;
  changes: Record<string, FieldChange>;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  offset: number;
  limit: number;
  order: SortOrder<'at'>;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: AuditFilter): Promise<{ rows: AuditRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [
      ['entity', filter.entity],
      ['entity_id', filter.entityId],
      ['actor', filter.actor],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const direction = filter.order.direction === 'DESC' ? 'DESC' : 'ASC';
    // ORDER BY audit_log.id, the bigint: a bare "id" would name the text column of the output
    // and sort "10" before "9".
    const rows: Array<AuditRecord & { total: string }> = await this.dataSource.query(
      `SELECT id::text, at, actor, action, entity, entity_id AS "entityId", changes, count(*) OVER () AS total
       FROM audit_log ${whereSql} ORDER BY audit_log.id ${direction} OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, filter.offset, filter.limit],
    );
    const total = rows.length ? Number(rows[0].total) : await this.count(whereSql, params);
    return { rows: rows.map(({ total: _total, ...row }) => row), total };
  }

  private async count(whereSql: string, params: unknown[]): Promise<number> {
    const [row]: Array<{ total: string }> = await this.dataSource.query(`SELECT count(*) AS total FROM audit_log ${whereSql}`, params);
    return Number(row.total);
  }
}
