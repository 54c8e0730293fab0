import { Injectable } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { invalid, notFound } from '../common/errors';
import { parseSort, toPage } from '../common/pagination';
import { ClockService } from '../infra/clock/clock.service';
import { AssigneesService } from './assignees.service';
import { isAssignToKeyword } from './assign-to';
import { TaskTemplateEntity } from './task-template.entity';
import { CreateTaskTemplateDto, TaskTemplatePage, TaskTemplateQuery, TaskTemplateResponse, toTaskTemplateResponse } from './task-templates.dto';
import { NewTaskTemplate, TaskTemplatesRepository, TEMPLATE_SORT_FIELDS } from './task-templates.repository';

export const TEMPLATE_AUDIT_ENTITY = 'task_template';

function auditedFields(template: NewTaskTemplate | TaskTemplateEntity): Record<string, unknown> {
  return { title: template.title, description: template.description, assignTo: template.assignTo, due: { month: template.dueMonth, day: template.dueDay, time: template.dueTime } };
}

@Injectable()
export class TaskTemplatesService {
  constructor(
    private readonly templates: TaskTemplatesRepository,
    private readonly assignees: AssigneesService,
    private readonly clock: ClockService,
  ) {}

  async list(query: TaskTemplateQuery): Promise<TaskTemplatePage> {
    const order = parseSort(query.sort, TEMPLATE_SORT_FIELDS, 'due');
    const { templates, total } = await this.templates.list({ order, offset: (query.page - 1) * query.limit, limit: query.limit });
    return toPage(templates.map(toTaskTemplateResponse), total, query);
  }

  // Listed units must be active now; a keyword is resolved only when a period is created, so a
  // template for "communes" may exist before any commune does.
  async create(dto: CreateTaskTemplateDto, actor: Actor): Promise<TaskTemplateResponse> {
    if (!isAssignToKeyword(dto.assignTo)) {
      const { errors } = await this.assignees.listed(dto.assignTo, 'assignTo');
      if (dto.assignTo.length === 0) errors.push({ field: 'assignTo', message: 'names no active unit' });
      if (errors.length > 0) throw invalid(errors);
    }
    const now = this.clock.now();
    const template: NewTaskTemplate = {
      title: dto.title,
      description: dto.description ?? null,
      assignTo: isAssignToKeyword(dto.assignTo) ? dto.assignTo : [...new Set(dto.assignTo)],
      dueMonth: dto.due.month,
      dueDay: dto.due.day,
      dueTime: dto.due.time,
      createdAt: now,
    };
    const audit = { at: now, actor: actor.name, action: 'create' as const, entity: TEMPLATE_AUDIT_ENTITY, changes: diffChanges(undefined, auditedFields(template)) };
    return toTaskTemplateResponse(await this.templates.create(template, audit));
  }

  // Tasks already made from the template stay.
  async delete(id: string, actor: Actor): Promise<void> {
    const at = this.clock.now();
    const found = await this.templates.delete(id, (template) => ({
      at,
      actor: actor.name,
      action: 'delete',
      entity: TEMPLATE_AUDIT_ENTITY,
      changes: diffChanges(auditedFields(template), undefined),
    }));
    if (!found) throw notFound('task template', id);
  }
}
