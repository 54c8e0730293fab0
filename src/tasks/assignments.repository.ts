import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { SortOrder } from '../common/pagination';
import { AssignmentRole, AssignmentState, AssignmentStatus } from './assignment-state';
import { AssignmentEntity, AssignmentExtensionEntity } from './task.entity';

export interface AssignmentColumns {
  status: string;
  dueAt: string;
  completedAt: string;
}

export const ASSIGNMENT_COLUMNS: AssignmentColumns = { status: 'a.status', dueAt: 'a.due_at', completedAt: 'a.completed_at' };

/**
 * The four-way state of assignmentState() (assignment-state.ts) as an SQL expression of text:
 * `columns` name the assignment's status, effective due_at and completed_at, `now` is a
 * placeholder (`$3`) bound to ClockService.now(), never SQL now().
 */
export function assignmentStateSql(columns: AssignmentColumns, now: string): string {
  return `(CASE
    WHEN ${columns.status} = 'done' THEN CASE WHEN ${columns.completedAt} <= ${columns.dueAt} THEN 'done_on_time' ELSE 'done_late' END
    WHEN ${now}::timestamptz > ${columns.dueAt} THEN 'overdue'
    ELSE 'in_progress_on_time' END)`;
}

export const ASSIGNMENT_SORT_FIELDS = ['dueAt', 'completedAt', 'unitCode', 'createdAt', 'updatedAt'] as const;
export type AssignmentSortField = (typeof ASSIGNMENT_SORT_FIELDS)[number];

const SORT_COLUMNS: Record<AssignmentSortField, string> = {
  dueAt: 'a.due_at',
  completedAt: 'a.completed_at',
  unitCode: 'lower(u.code)',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
};

// An assignment with what a reader needs to recognise it: its unit and its task.
export interface AssignmentRecord extends AssignmentEntity {
  unitCode: string;
  unitName: string;
  taskTitle: string;
  taskDueAt: Date;
}

export interface AssignmentFilter {
  periodId?: string;
  taskId?: string;
  unitId?: string;
  status?: AssignmentStatus;
  state?: AssignmentState;
  now: Date;
  order: SortOrder<AssignmentSortField>;
  offset: number;
  limit: number;
}

export interface StatusChange {
  status: AssignmentStatus;
  completedAt: Date | null;
  note: string | null;
  updatedAt: Date;
  audit: AuditDraft;
}

export interface Extension {
  dueAt: Date;
  reason: string;
  actor: string;
  createdAt: Date;
  audit: AuditDraft;
}

export const ASSIGNMENT_SELECT = `a.id, a.task_id, a.period_id, a.unit_id, a.role, a.status, a.note, a.due_at, a.completed_at, a.created_at, a.updated_at,
  u.code AS unit_code, u.name AS unit_name, t.title AS task_title, t.due_at AS task_due_at`;

export const ASSIGNMENT_FROM = `assignments a JOIN units u ON u.id = a.unit_id JOIN tasks t ON t.id = a.task_id`;

// The same fields as ASSIGNMENT_SELECT, as a JSON object (for lists nested in another row).
export const ASSIGNMENT_JSON = `json_build_object('id', a.id, 'task_id', a.task_id, 'period_id', a.period_id, 'unit_id', a.unit_id, 'role', a.role,
  'status', a.status, 'note', a.note, 'due_at', a.due_at, 'completed_at', a.completed_at, 'created_at', a.created_at, 'updated_at', a.updated_at,
  'unit_code', u.code, 'unit_name', u.name, 'task_title', t.title, 'task_due_at', t.due_at)`;

// Leads first, then by unit code.
export const ASSIGNMENT_ORDER = `a.role = 'support', lower(u.code), a.id`;

export interface AssignmentRow {
  id: string;
  task_id: string;
  period_id: string;
  unit_id: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  note: string | null;
  due_at: Date | string;
  completed_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  unit_code: string;
  unit_name: string;
  task_title: string;
  task_due_at: Date | string;
}

// Rows read through JSON carry instants as text.
function instant(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function fromAssignmentRow(row: AssignmentRow): AssignmentRecord {
  return Object.assign(new AssignmentEntity(), {
    id: row.id,
    taskId: row.task_id,
    periodId: row.period_id,
    unitId: row.unit_id,
    role: row.role,
    status: row.status,
    note: row.note,
    dueAt: instant(row.due_at),
    completedAt: row.completed_at === null ? null : instant(row.completed_at),
    createdAt: instant(row.created_at),
    updatedAt: instant(row.updated_at),
    unitCode: row.unit_code,
    unitName: row.unit_name,
    taskTitle: row.task_title,
    taskDueAt: instant(row.task_due_at),
  });
}

// The assignment list in one query: the page and the total (count over the window).
export function assignmentListSql(filter: AssignmentFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.periodId) where.push(`a.period_id = $${params.push(filter.periodId)}`);
  if (filter.taskId) where.push(`a.task_id = $${params.push(filter.taskId)}`);
  if (filter.unitId) where.push(`a.unit_id = $${params.push(filter.unitId)}`);
  if (filter.status) where.push(`a.status = $${params.push(filter.status)}`);
  if (filter.state) where.push(`${assignmentStateSql(ASSIGNMENT_COLUMNS, `$${params.push(filter.now)}`)} = $${params.push(filter.state)}`);
  const direction = filter.order.direction === 'DESC' ? 'DESC' : 'ASC';
  const sql = `SELECT ${ASSIGNMENT_SELECT}, count(*) OVER () AS total
    FROM ${ASSIGNMENT_FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${SORT_COLUMNS[filter.order.field]} ${direction} NULLS LAST, lower(u.code), a.id
    OFFSET $${params.push(filter.offset)} LIMIT $${params.push(filter.limit)}`;
  return { sql, params };
}

@Injectable()
export class AssignmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: AssignmentFilter): Promise<{ assignments: AssignmentRecord[]; total: number }> {
    const { sql, params } = assignmentListSql(filter);
    const rows: Array<AssignmentRow & { total: string }> = await this.dataSource.query(sql, params);
    const total = rows.length ? Number(rows[0].total) : await this.count(filter);
    return { assignments: rows.map(fromAssignmentRow), total };
  }

  private async count(filter: AssignmentFilter): Promise<number> {
    // An empty page past the end still reports the total.
    if (filter.offset === 0) return 0;
    const { sql, params } = assignmentListSql({ ...filter, offset: 0, limit: 1 });
    const rows: Array<{ total: string }> = await this.dataSource.query(sql, params);
    return rows.length ? Number(rows[0].total) : 0;
  }

  async findById(id: string): Promise<AssignmentRecord | null> {
    const rows: AssignmentRow[] = await this.dataSource.query(`SELECT ${ASSIGNMENT_SELECT} FROM ${ASSIGNMENT_FROM} WHERE a.id = $1`, [id]);
    return rows.length ? fromAssignmentRow(rows[0]) : null;
  }

  async findByIds(ids: string[]): Promise<AssignmentRecord[]> {
    if (ids.length === 0) return [];
    const rows: AssignmentRow[] = await this.dataSource.query(`SELECT ${ASSIGNMENT_SELECT} FROM ${ASSIGNMENT_FROM} WHERE a.id = ANY($1::uuid[])`, [ids]);
    return rows.map(fromAssignmentRow);
  }

  async forTask(taskId: string): Promise<AssignmentRecord[]> {
    const rows: AssignmentRow[] = await this.dataSource.query(`SELECT ${ASSIGNMENT_SELECT} FROM ${ASSIGNMENT_FROM} WHERE a.task_id = $1 ORDER BY ${ASSIGNMENT_ORDER}`, [taskId]);
    return rows.map(fromAssignmentRow);
  }

  async forUnit(periodId: string, unitId: string): Promise<AssignmentRecord[]> {
    const rows: AssignmentRow[] = await this.dataSource.query(
      `SELECT ${ASSIGNMENT_SELECT} FROM ${ASSIGNMENT_FROM} WHERE a.period_id = $1 AND a.unit_id = $2 ORDER BY a.due_at, t.title, a.id`,
      [periodId, unitId],
    );
    return rows.map(fromAssignmentRow);
  }

  async extensionsOf(assignmentId: string): Promise<AssignmentExtensionEntity[]> {
    const rows: Array<{ id: string; due_at: Date; previous_due_at: Date; reason: string; actor: string; created_at: Date }> = await this.dataSource.query(
      `SELECT id, due_at, previous_due_at, reason, actor, created_at FROM assignment_extensions WHERE assignment_id = $1 ORDER BY created_at, id`,
      [assignmentId],
    );
    return rows.map((row) =>
      Object.assign(new AssignmentExtensionEntity(), {
        id: row.id,
        assignmentId,
        dueAt: row.due_at,
        previousDueAt: row.previous_due_at,
        reason: row.reason,
        actor: row.actor,
        createdAt: row.created_at,
      }),
    );
  }

  // Changes the status of each assignment as its plan says, reading it under a row lock, all in
  // one transaction. A plan returning undefined leaves its assignment alone; a plan that throws
  // rolls everything back. Returns the assignments after the change (null for an unknown id).
  changeStatuses(items: Array<{ id: string; plan: (current: AssignmentRecord) => StatusChange | undefined }>): Promise<Array<AssignmentRecord | null>> {
    return this.dataSource.transaction(async (manager) => {
      const results: Array<AssignmentRecord | null> = [];
      for (const { id, plan } of items) {
        const current = await this.lock(manager, id);
        const change = current && plan(current);
        if (change) {
          await manager.query(`UPDATE assignments SET status = $2, completed_at = $3, note = $4, updated_at = $5 WHERE id = $1`, [
            id,
            change.status,
            change.completedAt,
            change.note,
            change.updatedAt,
          ]);
          await insertAudit(manager, { ...change.audit, entityId: id });
        }
        results.push(current && (change ? await this.lock(manager, id) : current));
      }
      return results;
    });
  }

  // Moves an assignment's deadline and keeps the extension; null for an unknown id.
  extend(id: string, plan: (current: AssignmentRecord) => Extension): Promise<AssignmentRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, id);
      if (!current) return null;
      const extension = plan(current);
      await manager.query(`INSERT INTO assignment_extensions (assignment_id, due_at, previous_due_at, reason, actor, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        extension.dueAt,
        current.dueAt,
        extension.reason,
        extension.actor,
        extension.createdAt,
      ]);
      await manager.query(`UPDATE assignments SET due_at = $2, updated_at = $3 WHERE id = $1`, [id, extension.dueAt, extension.createdAt]);
      await insertAudit(manager, { ...extension.audit, entityId: id });
      return this.lock(manager, id);
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<AssignmentRecord | null> {
    const rows: AssignmentRow[] = await manager.query(`SELECT ${ASSIGNMENT_SELECT} FROM ${ASSIGNMENT_FROM} WHERE a.id = $1 FOR UPDATE OF a`, [id]);
    return rows.length ? fromAssignmentRow(rows[0]) : null;
  }
}
