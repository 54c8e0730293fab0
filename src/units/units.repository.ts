import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { SortOrder } from '../common/pagination';
import { UnitEntity, UnitKind } from './unit.entity';

export const UNIT_SORT_FIELDS = ['code', 'name', 'kind', 'createdAt', 'updatedAt'] as const;
export type UnitSortField = (typeof UNIT_SORT_FIELDS)[number];

const SORT_COLUMNS: Record<UnitSortField, string> = { code: 'lower(code)', name: 'name', kind: 'kind', createdAt: 'created_at', updatedAt: 'updated_at' };

export interface UnitFilter {
  kind?: UnitKind;
  active?: boolean;
  searchKey?: string;
  order: SortOrder<UnitSortField>;
  offset: number;
  limit: number;
}

export type NewUnit = Omit<UnitEntity, 'id'> & { id?: string };

export type UnitBatchItem = { kind: 'create'; unit: NewUnit; audit: AuditDraft } | { kind: 'update'; id: string; changes: Partial<NewUnit>; audit: AuditDraft };

// The unit list in one query: the page and the total (count over the window).
export function unitListSql(filter: UnitFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.kind) where.push(`kind = $${params.push(filter.kind)}`);
  if (filter.active !== undefined) where.push(`active = $${params.push(filter.active)}`);
  if (filter.searchKey) where.push(`search_key LIKE $${params.push(`%${filter.searchKey.replace(/[\\%_]/g, '\\$&')}%`)}`);
  const direction = filter.order.direction === 'DESC' ? 'DESC' : 'ASC';
  const sql = `SELECT id, code, name, kind, parent_id, emails, head_email, active, created_at, updated_at, count(*) OVER () AS total
    FROM units ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${SORT_COLUMNS[filter.order.field]} ${direction}, id
    OFFSET $${params.push(filter.offset)} LIMIT $${params.push(filter.limit)}`;
  return { sql, params };
}

interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: string | null;
  emails: string[];
  head_email: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  total: string;
}

function fromRow(row: UnitRow): UnitEntity {
  return Object.assign(new UnitEntity(), {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    emails: row.emails,
    headEmail: row.head_email,
    active: row.active,
    searchKey: '',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: UnitFilter): Promise<{ units: UnitEntity[]; total: number }> {
    const { sql, params } = unitListSql(filter);
    const rows: UnitRow[] = await this.dataSource.query(sql, params);
    const total = rows.length ? Number(rows[0].total) : await this.count(filter);
    return { units: rows.map(fromRow), total };
  }

  private async count(filter: UnitFilter): Promise<number> {
    // An empty page past the end still reports the total.
    if (filter.offset === 0) return 0;
    const { sql, params } = unitListSql({ ...filter, offset: 0, limit: 1 });
    const rows: UnitRow[] = await this.dataSource.query(sql, params);
    return rows.length ? Number(rows[0].total) : 0;
  }

  findById(id: string): Promise<UnitEntity | null> {
    return this.dataSource.getRepository(UnitEntity).findOneBy({ id });
  }

  async findByCodes(codes: string[]): Promise<UnitEntity[]> {
    if (codes.length === 0) return [];
    return this.dataSource
      .getRepository(UnitEntity)
      .createQueryBuilder('unit')
      .where('lower(unit.code) IN (:...codes)', { codes: codes.map((code) => code.toLowerCase()) })
      .getMany();
  }

  async findByIds(ids: string[]): Promise<UnitEntity[]> {
    return ids.length ? this.dataSource.getRepository(UnitEntity).findBy({ id: In(ids) }) : [];
  }

  // The ids of a unit and all its ancestors, to refuse a parent that would make a cycle.
  async ancestorIds(id: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH RECURSIVE chain(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM units WHERE id = $1
         UNION ALL SELECT u.id, u.parent_id, c.depth + 1 FROM units u JOIN chain c ON u.id = c.parent_id WHERE c.depth < 100
       ) SELECT id FROM chain`,
      [id],
    );
    return rows.map((row) => row.id);
  }

  create(unit: NewUnit, audit: AuditDraft): Promise<UnitEntity> {
    return this.dataSource.transaction((manager) => this.insert(manager, unit, audit));
  }

  update(id: string, changes: Partial<NewUnit>, audit: AuditDraft): Promise<UnitEntity> {
    return this.dataSource.transaction((manager) => this.change(manager, id, changes, audit));
  }

  // Applies a whole import in one transaction: every row or none.
  // Items come parents first, so that each parent exists before its children reference it.
  async applyBatch(batch: UnitBatchItem[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const item of batch) {
        if (item.kind === 'create') await this.insert(manager, item.unit, item.audit);
        else await this.change(manager, item.id, item.changes, item.audit);
      }
    });
  }

  private async insert(manager: EntityManager, unit: NewUnit, audit: AuditDraft): Promise<UnitEntity> {
    const created = await manager.save(manager.create(UnitEntity, unit));
    await insertAudit(manager, { ...audit, entityId: created.id });
    return created;
  }

  private async change(manager: EntityManager, id: string, changes: Partial<NewUnit>, audit: AuditDraft): Promise<UnitEntity> {
    await manager.update(UnitEntity, { id }, changes);
    await insertAudit(manager, { ...audit, entityId: id });
    return manager.findOneByOrFail(UnitEntity, { id });
  }
}
