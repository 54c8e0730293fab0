import { Injectable } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { FieldError, invalid, invalidField, notFound } from '../common/errors';
import { Page, parseSort, toPage } from '../common/pagination';
import { CalendarService } from '../holidays/calendar.service';
import { ClockService } from '../infra/clock/clock.service';
import { AssigneesService } from './assignees.service';
import { wantedAssignments } from './assign-to';
import { countStates } from './assignment-state';
import { AssignmentsRepository } from './assignments.repository';
import { TaskTemplatesRepository } from './task-templates.repository';
import { auditedTaskFields, planTaskUpdate, TASK_AUDIT_ENTITY, TaskEdit } from './task-update';
import { TaskEntity } from './task.entity';
import { templateDueAt } from './template-due';
import { CreateTaskDto, TaskListItem, TaskQuery, TaskResponse, toTaskListItem, toTaskResponse, UpdateTaskDto } from './tasks.dto';
import { NewTask, TASK_SORT_FIELDS, TaskDraft, TasksRepository } from './tasks.repository';

// The period a task belongs to, as the periods feature knows it.
export interface PeriodOfTasks {
  id: string;
  year: number;
  quarter: number;
}

@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly templates: TaskTemplatesRepository,
    private readonly assignees: AssigneesService,
    private readonly calendar: CalendarService,
    private readonly clock: ClockService,
  ) {}

  async list(query: TaskQuery): Promise<Page<TaskListItem>> {
    const order = parseSort(query.sort, TASK_SORT_FIELDS, 'dueAt');
    const now = this.clock.now();
    const { items, total } = await this.tasks.list({
      periodId: query.periodId,
      unitId: query.unitId?.toLowerCase(),
      status: query.status,
      state: query.state,
      overdue: query.overdue,
      now,
      order,
      offset: (query.page - 1) * query.limit,
      limit: query.limit,
    });
    return toPage(
      items.map((item) => toTaskListItem(item.task, item.counts, item.unitAssignments, now)),
      total,
      query,
    );
  }

  async get(id: string): Promise<TaskResponse> {
    const task = await this.tasks.findById(id);
    if (!task) throw notFound('task', id);
    return this.respond(task);
  }

  // The task and one assignment per unit, in one transaction with its audit entry.
  async create(dto: CreateTaskDto, actor: Actor): Promise<TaskResponse> {
    const periodId = dto.periodId.toLowerCase();
    const [period, leads, supports] = await Promise.all([
      this.tasks.findPeriod(periodId),
      this.assignees.leads(dto.assignTo),
      this.assignees.listed(dto.supportUnitIds ?? [], 'supportUnitIds'),
    ]);
    const periodErrors: FieldError[] = period ? [] : [{ field: 'periodId', message: `period ${periodId} does not exist` }];
    const errors = [...periodErrors, ...leads.errors, ...supports.errors];
    if (errors.length > 0) throw invalid(errors);
    const now = this.clock.now();
    const task: NewTask = {
      periodId,
      title: dto.title,
      description: dto.description ?? null,
      dueAt: new Date(dto.dueAt),
      assignTo: Array.isArray(dto.assignTo) ? [...new Set(dto.assignTo)] : dto.assignTo,
      templateId: null,
      createdAt: now,
      updatedAt: now,
    };
    const id = await this.tasks.create(this.draft(task, wantedAssignments(leads.unitIds, supports.unitIds), actor));
    if (!id) throw invalidField('periodId', `period ${periodId} does not exist`);
    return this.get(id);
  }

  // Title, description and deadline; assignTo and supportUnitIds replace the lead and support
  // units. A new deadline moves every assignment's deadline except those extended on their own.
  async update(id: string, dto: UpdateTaskDto, actor: Actor): Promise<TaskResponse> {
    if (!(await this.tasks.findById(id))) throw notFound('task', id);
    const [leads, supports] = await Promise.all([
      dto.assignTo === undefined ? undefined : this.assignees.leads(dto.assignTo),
      dto.supportUnitIds === undefined ? undefined : this.assignees.listed(dto.supportUnitIds, 'supportUnitIds'),
    ]);
    const errors = [...(leads?.errors ?? []), ...(supports?.errors ?? [])];
    if (errors.length > 0) throw invalid(errors);
    const edit: TaskEdit = {
      title: dto.title,
      description: dto.description,
      dueAt: dto.dueAt === undefined ? undefined : new Date(dto.dueAt),
      assignTo: Array.isArray(dto.assignTo) ? [...new Set(dto.assignTo)] : dto.assignTo,
      leadUnitIds: leads?.unitIds,
      supportUnitIds: supports?.unitIds,
    };
    const now = this.clock.now();
    const found = await this.tasks.update(id, (task, assignments) => planTaskUpdate(task, assignments, edit, now, actor.name));
    if (!found) throw notFound('task', id);
    return this.get(id);
  }

  // The task goes with its assignments and their extensions; the audit log keeps what it was.
  async delete(id: string, actor: Actor): Promise<void> {
    const at = this.clock.now();
    const found = await this.tasks.delete(id, (task, assignments) => ({
      at,
      actor: actor.name,
      action: 'delete',
      entity: TASK_AUDIT_ENTITY,
      changes: diffChanges(auditedTaskFields(task, assignments), undefined),
    }));
    if (!found) throw notFound('task', id);
  }

  /**
   * Creates one task per template for the period, due on the template's month of the quarter
   * and day at its time in the committee's time zone (see templateDueDate for days off), and
   * returns how many it created. A template whose units are all inactive is skipped, and so is
   * one that already has a task in the period, so that calling this twice creates nothing more.
   * Runs in a transaction of its own: the period must be committed first.
   */
  async createFromTemplates(period: PeriodOfTasks, actor: Actor): Promise<number> {
    const [templates, calendar] = await Promise.all([this.templates.all(), this.calendar.calendar()]);
    const now = this.clock.now();
    const drafts: TaskDraft[] = [];
    for (const template of templates) {
      const unitIds = await this.assignees.activeLeads(template.assignTo);
      if (unitIds.length === 0) continue;
      const task: NewTask = {
        periodId: period.id,
        title: template.title,
        description: template.description,
        dueAt: templateDueAt(period.year, period.quarter, { month: template.dueMonth, day: template.dueDay, time: template.dueTime }, calendar),
        assignTo: template.assignTo,
        templateId: template.id,
        createdAt: now,
        updatedAt: now,
      };
      drafts.push(this.draft(task, wantedAssignments(unitIds, []), actor));
    }
    return this.tasks.createForPeriod(period.id, drafts);
  }

  private draft(task: NewTask, assignments: TaskDraft['assignments'], actor: Actor): TaskDraft {
    const changes = diffChanges(undefined, auditedTaskFields(task, assignments));
    return { task, assignments, audit: { at: task.createdAt, actor: actor.name, action: 'create', entity: TASK_AUDIT_ENTITY, changes } };
  }

  private async respond(task: TaskEntity): Promise<TaskResponse> {
    const assignments = await this.assignments.forTask(task.id);
    const now = this.clock.now();
    return toTaskResponse(task, countStates(assignments, now), assignments, now);
  }
}
