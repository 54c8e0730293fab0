import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { SortOrder } from '../common/pagination';
import { AssignTo } from './assign-to';
import { TaskTemplateEntity } from './task-template.entity';

export const TEMPLATE_SORT_FIELDS = ['due', 'title', 'createdAt'] as const;
export type TemplateSortField = (typeof TEMPLATE_SORT_FIELDS)[number];

const SORT_COLUMNS: Record<TemplateSortField, string> = { due: 'due_month, due_day, due_time', title: 'title', createdAt: 'created_at' };

export type NewTaskTemplate = Omit<TaskTemplateEntity, 'id'>;

export interface TemplateFilter {
  order: SortOrder<TemplateSortField>;
  offset: number;
  limit: number;
}

interface TemplateRow {
  id: string;
  title: string;
  description: string | null;
  assign_to: AssignTo;
  due_month: number;
  due_day: number;
  due_time: string;
  created_at: Date;
  total?: string;
}

const COLUMNS = 'id, title, description, assign_to, due_month, due_day, due_time, created_at';

function fromRow(row: TemplateRow): TaskTemplateEntity {
  return Object.assign(new TaskTemplateEntity(), {
    id: row.id,
    title: row.title,
    description: row.description,
    assignTo: row.assign_to,
    dueMonth: row.due_month,
    dueDay: row.due_day,
    dueTime: row.due_time,
    createdAt: row.created_at,
  });
}

// The template list in one query: the page and the total (count over the window).
export function templateListSql(filter: TemplateFilter): { sql: string; params: unknown[] } {
  const direction = filter.order.direction === 'DESC' ? 'DESC' : 'ASC';
  const order = SORT_COLUMNS[filter.order.field]
    .split(', ')
    .map((column) => `${column} ${direction}`)
    .join(', ');
  return { sql: `SELECT ${COLUMNS}, count(*) OVER () AS total FROM task_templates ORDER BY ${order}, id OFFSET $1 LIMIT $2`, params: [filter.offset, filter.limit] };
}

@Injectable()
export class TaskTemplatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: TemplateFilter): Promise<{ templates: TaskTemplateEntity[]; total: number }> {
    const { sql, params } = templateListSql(filter);
    const rows: TemplateRow[] = await this.dataSource.query(sql, params);
    if (rows.length || filter.offset === 0) return { templates: rows.map(fromRow), total: rows.length ? Number(rows[0].total) : 0 };
    // An empty page past the end still reports the total.
    const [count]: Array<{ total: string }> = await this.dataSource.query(`SELECT count(*) AS total FROM task_templates`);
    return { templates: [], total: Number(count.total) };
  }

  // Every template, in due order: a program has a handful, not thousands.
  async all(): Promise<TaskTemplateEntity[]> {
    const rows: TemplateRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM task_templates ORDER BY due_month, due_day, due_time, title, id`);
    return rows.map(fromRow);
  }

  async findById(id: string): Promise<TaskTemplateEntity | null> {
    const rows: TemplateRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM task_templates WHERE id = $1`, [id]);
    return rows.length ? fromRow(rows[0]) : null;
  }

  create(template: NewTaskTemplate, audit: AuditDraft): Promise<TaskTemplateEntity> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: TemplateRow[] = await manager.query(
        `INSERT INTO task_templates (title, description, assign_to, due_month, due_day, due_time, created_at) VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [template.title, template.description, JSON.stringify(template.assignTo), template.dueMonth, template.dueDay, template.dueTime, template.createdAt],
      );
      await insertAudit(manager, { ...audit, entityId: row.id });
      return fromRow(row);
    });
  }

  // Tasks already made from the template stay; they only lose the link to it. False for an unknown id.
  delete(id: string, describe: (template: TaskTemplateEntity) => AuditDraft): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows: TemplateRow[] = await manager.query(`SELECT ${COLUMNS} FROM task_templates WHERE id = $1 FOR UPDATE`, [id]);
      if (!rows.length) return false;
      await manager.query(`DELETE FROM task_templates WHERE id = $1`, [id]);
      await insertAudit(manager, { ...describe(fromRow(rows[0])), entityId: id });
      return true;
    });
  }
}
