import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { SortOrder } from '../common/pagination';
import { UnitKind } from '../units/unit.entity';
import { AssignmentChanges, AssignTo, ExistingAssignment, WantedAssignment } from './assign-to';
import { AssignmentState, AssignmentStatus, StateCounts } from './assignment-state';
import { ASSIGNMENT_COLUMNS, ASSIGNMENT_JSON, ASSIGNMENT_ORDER, AssignmentRecord, AssignmentRow, assignmentStateSql, fromAssignmentRow } from './assignments.repository';
import { TaskEntity } from './task.entity';

export const TASK_SORT_FIELDS = ['dueAt', 'title', 'createdAt', 'updatedAt'] as const;
export type TaskSortField = (typeof TASK_SORT_FIELDS)[number];

const SORT_COLUMNS: Record<TaskSortField, string> = { dueAt: 'due_at', title: 'title', createdAt: 'created_at', updatedAt: 'updated_at' };

export type NewTask = Omit<TaskEntity, 'id'>;

export interface PeriodRef {
  id: string;
  year: number;
  quarter: number;
}

export interface TaskFilter {
  periodId?: string;
  // Tasks with an assignment of this unit, in this status and this state (those given).
  unitId?: string;
  status?: AssignmentStatus;
  state?: AssignmentState;
  // true: tasks with an overdue assignment (of unitId if given); false: tasks with none.
  overdue?: boolean;
  now: Date;
  order: SortOrder<TaskSortField>;
  offset: number;
  limit: number;
}

export interface TaskListItem {
  task: TaskEntity;
  counts: StateCounts;
  // The assignments of the filter's unit, when there is one.
  unitAssignments?: AssignmentRecord[];
}

export interface TaskUpdate {
  fields: Partial<Pick<TaskEntity, 'title' | 'description' | 'dueAt' | 'assignTo'>>;
  assignments: AssignmentChanges;
  updatedAt: Date;
  audit: AuditDraft;
}

export interface TaskDraft {
  task: NewTask;
  assignments: WantedAssignment[];
  audit: AuditDraft;
}

interface TaskRow {
  id: string;
  period_id: string;
  title: string;
  description: string | null;
  due_at: Date;
  assign_to: AssignTo;
  template_id: string | null;
  created_at: Date;
  updated_at: Date;
}

interface TaskListRow extends TaskRow {
  total: string;
  assignments_total: string;
  pending: string;
  in_progress: string;
  done: string;
  in_progress_on_time: string;
  overdue: string;
  done_on_time: string;
  done_late: string;
  unit_assignments?: AssignmentRow[];
}

const TASK_COLUMNS = 'id, period_id, title, description, due_at, assign_to, template_id, created_at, updated_at';

function fromRow(row: TaskRow): TaskEntity {
  return Object.assign(new TaskEntity(), {
    id: row.id,
    periodId: row.period_id,
    title: row.title,
    description: row.description,
    dueAt: row.due_at,
    assignTo: row.assign_to,
    templateId: row.template_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

function countsOf(row: TaskListRow): StateCounts {
  return {
    total: Number(row.assignments_total),
    pending: Number(row.pending),
    inProgress: Number(row.in_progress),
    done: Number(row.done),
    inProgressOnTime: Number(row.in_progress_on_time),
    overdue: Number(row.overdue),
    doneOnTime: Number(row.done_on_time),
    doneLate: Number(row.done_late),
  };
}

// The task list in one query: the page of tasks with the total (count over the window), each
// task's assignment counts by status and state, and the filter unit's own assignments.
export function taskListSql(filter: TaskFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const now = `$${params.push(filter.now)}`;
  const state = assignmentStateSql(ASSIGNMENT_COLUMNS, now);
  const unit = filter.unitId ? `$${params.push(filter.unitId)}` : undefined;
  const where: string[] = [];
  if (filter.periodId) where.push(`t.period_id = $${params.push(filter.periodId)}`);
  const matching = [`a.task_id = t.id`, ...(unit ? [`a.unit_id = ${unit}`] : [])];
  if (filter.status) matching.push(`a.status = $${params.push(filter.status)}`);
  if (filter.state) matching.push(`${state} = $${params.push(filter.state)}`);
  if (filter.overdue === true) matching.push(`${state} = 'overdue'`);
  if (matching.length > 1) where.push(`EXISTS (SELECT 1 FROM assignments a WHERE ${matching.join(' AND ')})`);
  if (filter.overdue === false) where.push(`NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id${unit ? ` AND a.unit_id = ${unit}` : ''} AND ${state} = 'overdue')`);
  const direction = filter.order.direction === 'DESC' ? 'DESC' : 'ASC';
  const column = SORT_COLUMNS[filter.order.field];
  const sql = `WITH page AS (
      SELECT ${TASK_COLUMNS}, count(*) OVER () AS total FROM tasks t
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY t.${column} ${direction}, t.id
      OFFSET $${params.push(filter.offset)} LIMIT $${params.push(filter.limit)}
    )
    SELECT page.*, c.*${unit ? ', m.unit_assignments' : ''}
    FROM page
    CROSS JOIN LATERAL (
      SELECT count(*) AS assignments_total,
        count(*) FILTER (WHERE s.status = 'pending') AS pending,
        count(*) FILTER (WHERE s.status = 'in_progress') AS in_progress,
        count(*) FILTER (WHERE s.status = 'done') AS done,
        count(*) FILTER (WHERE s.state = 'in_progress_on_time') AS in_progress_on_time,
        count(*) FILTER (WHERE s.state = 'overdue') AS overdue,
        count(*) FILTER (WHERE s.state = 'done_on_time') AS done_on_time,
        count(*) FILTER (WHERE s.state = 'done_late') AS done_late
      FROM (SELECT a.status, ${state} AS state FROM assignments a WHERE a.task_id = page.id) s
    ) c
    ${
      unit
        ? `CROSS JOIN LATERAL (
      SELECT coalesce(json_agg(${ASSIGNMENT_JSON} ORDER BY ${ASSIGNMENT_ORDER}), '[]'::json) AS unit_assignments
      FROM assignments a JOIN units u ON u.id = a.unit_id JOIN tasks t ON t.id = a.task_id
      WHERE a.task_id = page.id AND a.unit_id = ${unit}
    ) m`
        : ''
    }
    ORDER BY page.${column} ${direction}, page.id`;
  return { sql, params };
}

@Injectable()
export class TasksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: TaskFilter): Promise<{ items: TaskListItem[]; total: number }> {
    const { sql, params } = taskListSql(filter);
    const rows: TaskListRow[] = await this.dataSource.query(sql, params);
    const total = rows.length ? Number(rows[0].total) : await this.count(filter);
    const items = rows.map((row) => ({
      task: fromRow(row),
      counts: countsOf(row),
      ...(row.unit_assignments ? { unitAssignments: row.unit_assignments.map(fromAssignmentRow) } : {}),
    }));
    return { items, total };
  }

  private async count(filter: TaskFilter): Promise<number> {
    // An empty page past the end still reports the total.
    if (filter.offset === 0) return 0;
    const { sql, params } = taskListSql({ ...filter, offset: 0, limit: 1 });
    const rows: TaskListRow[] = await this.dataSource.query(sql, params);
    return rows.length ? Number(rows[0].total) : 0;
  }

  async findById(id: string): Promise<TaskEntity | null> {
    const rows: TaskRow[] = await this.dataSource.query(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = $1`, [id]);
    return rows.length ? fromRow(rows[0]) : null;
  }

  // The periods table belongs to the periods feature, which builds on this one: read it directly.
  async findPeriod(id: string): Promise<PeriodRef | null> {
    const rows: PeriodRef[] = await this.dataSource.query(`SELECT id, year, quarter FROM periods WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  // Which of these units exist, and whether each is active.
  async unitStates(ids: string[]): Promise<Map<string, { active: boolean }>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; active: boolean }> = await this.dataSource.query(`SELECT id, active FROM units WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, { active: row.active }]));
  }

  // The active units of these kinds (of every kind without kinds), by code.
  async activeUnitIds(kinds?: readonly UnitKind[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM units WHERE active AND ($1::text[] IS NULL OR kind = ANY($1::text[])) ORDER BY lower(code), id`,
      [kinds ? [...kinds] : null],
    );
    return rows.map((row) => row.id);
  }

  // The task and its assignments with its audit entry; null when the period no longer exists.
  create(draft: TaskDraft): Promise<string | null> {
    return this.dataSource.transaction((manager) => this.insert(manager, draft));
  }

  // Creates the tasks of a period's templates, skipping the templates that already have a task in
  // the period, so that a second call adds nothing. Concurrent calls for a period are serialised.
  createForPeriod(periodId: string, drafts: TaskDraft[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tasks_from_templates'), hashtext($1))`, [periodId]);
      const existing: Array<{ template_id: string }> = await manager.query(`SELECT DISTINCT template_id FROM tasks WHERE period_id = $1 AND template_id IS NOT NULL`, [periodId]);
      const done = new Set(existing.map((row) => row.template_id));
      let created = 0;
      for (const draft of drafts) {
        if (draft.task.templateId && done.has(draft.task.templateId)) continue;
        if (!(await this.insert(manager, draft))) throw new Error(`period ${periodId} does not exist (or is not committed yet): create the period before its tasks`);
        created += 1;
      }
      return created;
    });
  }

  // Applies a change planned from the task and its assignments as read under a row lock; the plan
  // may throw (nothing is written) or return undefined (nothing to change). False for an unknown id.
  update(id: string, plan: (task: TaskEntity, assignments: ExistingAssignment[]) => TaskUpdate | undefined): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lock(manager, id);
      if (!locked) return false;
      const update = plan(locked.task, locked.assignments);
      if (!update) return true;
      const { fields, assignments, updatedAt } = update;
      const dueAt = fields.dueAt ?? locked.task.dueAt;
      await manager.query(`UPDATE tasks SET title = $2, description = $3, due_at = $4, assign_to = $5::jsonb, updated_at = $6 WHERE id = $1`, [
        id,
        fields.title ?? locked.task.title,
        fields.description === undefined ? locked.task.description : fields.description,
        dueAt,
        JSON.stringify(fields.assignTo ?? locked.task.assignTo),
        updatedAt,
      ]);
      // An assignment with an extension keeps its own deadline.
      if (fields.dueAt) {
        await manager.query(
          `UPDATE assignments a SET due_at = $2, updated_at = $3 WHERE a.task_id = $1 AND NOT EXISTS (SELECT 1 FROM assignment_extensions e WHERE e.assignment_id = a.id)`,
          [id, dueAt, updatedAt],
        );
      }
      if (assignments.removed.length) await manager.query(`DELETE FROM assignments WHERE id = ANY($1::uuid[])`, [assignments.removed.map((item) => item.id)]);
      if (assignments.roleChanged.length) {
        await manager.query(`UPDATE assignments a SET role = x.role, updated_at = $3 FROM unnest($1::uuid[], $2::text[]) AS x (id, role) WHERE a.id = x.id`, [
          assignments.roleChanged.map((item) => item.id),
          assignments.roleChanged.map((item) => item.to),
          updatedAt,
        ]);
      }
      await this.insertAssignments(manager, { id, periodId: locked.task.periodId, dueAt, at: updatedAt }, assignments.added);
      await insertAudit(manager, { ...update.audit, entityId: id });
      return true;
    });
  }

  // Deletes a task with its assignments and their extensions; false for an unknown id.
  delete(id: string, describe: (task: TaskEntity, assignments: ExistingAssignment[]) => AuditDraft): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lock(manager, id);
      if (!locked) return false;
      await manager.query(`DELETE FROM tasks WHERE id = $1`, [id]);
      await insertAudit(manager, { ...describe(locked.task, locked.assignments), entityId: id });
      return true;
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<{ task: TaskEntity; assignments: ExistingAssignment[] } | null> {
    const rows: TaskRow[] = await manager.query(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows.length) return null;
    const assignments: Array<{ id: string; unit_id: string; role: ExistingAssignment['role']; status: AssignmentStatus }> = await manager.query(
      `SELECT a.id, a.unit_id, a.role, a.status FROM assignments a JOIN units u ON u.id = a.unit_id WHERE a.task_id = $1 ORDER BY ${ASSIGNMENT_ORDER} FOR UPDATE OF a`,
      [id],
    );
    return { task: fromRow(rows[0]), assignments: assignments.map((row) => ({ id: row.id, unitId: row.unit_id, role: row.role, status: row.status })) };
  }

  private async insert(manager: EntityManager, { task, assignments, audit }: TaskDraft): Promise<string | null> {
    // The period row is share-locked so that it cannot vanish before the task refers to it.
    const periods: unknown[] = await manager.query(`SELECT 1 FROM periods WHERE id = $1 FOR KEY SHARE`, [task.periodId]);
    if (!periods.length) return null;
    const [{ id }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO tasks (period_id, title, description, due_at, assign_to, template_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) RETURNING id`,
      [task.periodId, task.title, task.description, task.dueAt, JSON.stringify(task.assignTo), task.templateId, task.createdAt, task.updatedAt],
    );
    await this.insertAssignments(manager, { id, periodId: task.periodId, dueAt: task.dueAt, at: task.createdAt }, assignments);
    await insertAudit(manager, { ...audit, entityId: id });
    return id;
  }

  private async insertAssignments(manager: EntityManager, task: { id: string; periodId: string; dueAt: Date; at: Date }, assignments: WantedAssignment[]): Promise<void> {
    if (assignments.length === 0) return;
    await manager.query(
      `INSERT INTO assignments (task_id, period_id, unit_id, role, status, due_at, created_at, updated_at)
       SELECT $1, $2, x.unit_id, x.role, 'pending', $3, $4, $4 FROM unnest($5::uuid[], $6::text[]) AS x (unit_id, role)`,
      [task.id, task.periodId, task.dueAt, task.at, assignments.map((item) => item.unitId), assignments.map((item) => item.role)],
    );
  }
}
