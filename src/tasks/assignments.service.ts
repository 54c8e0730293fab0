import { Injectable } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { FieldError, invalid, invalidField, notFound } from '../common/errors';
import { parseSort, toPage } from '../common/pagination';
import { ClockService } from '../infra/clock/clock.service';
import { AssignmentStatus, changeStatus } from './assignment-state';
import {
  AssignmentDetailResponse,
  AssignmentPage,
  AssignmentQuery,
  CreateExtensionDto,
  toAssignmentDetailResponse,
  toAssignmentResponse,
  UpdateAssignmentDto,
} from './assignments.dto';
import { ASSIGNMENT_SORT_FIELDS, AssignmentRecord, AssignmentsRepository, StatusChange } from './assignments.repository';

export const ASSIGNMENT_AUDIT_ENTITY = 'assignment';

export interface UnitTaskUpdate {
  assignmentId: string;
  status: AssignmentStatus;
  note?: string | null;
}

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly assignments: AssignmentsRepository,
    private readonly clock: ClockService,
  ) {}

  async list(query: AssignmentQuery): Promise<AssignmentPage> {
    const order = parseSort(query.sort, ASSIGNMENT_SORT_FIELDS, 'dueAt');
    const now = this.clock.now();
    const { assignments, total } = await this.assignments.list({
      periodId: query.periodId,
      taskId: query.taskId,
      unitId: query.unitId,
      status: query.status,
      state: query.state,
      now,
      order,
      offset: (query.page - 1) * query.limit,
      limit: query.limit,
    });
    return toPage(
      assignments.map((assignment) => toAssignmentResponse(assignment, now)),
      total,
      query,
    );
  }

  async get(id: string): Promise<AssignmentDetailResponse> {
    const assignment = await this.assignments.findById(id);
    if (!assignment) throw notFound('assignment', id);
    return this.detail(assignment);
  }

  // Done sets completedAt to now (kept while the assignment stays done); leaving done clears it.
  async update(id: string, dto: UpdateAssignmentDto, actor: Actor): Promise<AssignmentDetailResponse> {
    const at = this.clock.now();
    const [updated] = await this.assignments.changeStatuses([{ id, plan: (current) => this.statusChange(current, dto, at, actor) }]);
    if (!updated) throw notFound('assignment', id);
    return this.detail(updated);
  }

  // A later deadline, kept with the reason; the state is judged against it from now on. A done
  // assignment may be extended too: it is then judged on time if done by the new deadline.
  async extend(id: string, dto: CreateExtensionDto, actor: Actor): Promise<AssignmentDetailResponse> {
    const at = this.clock.now();
    const dueAt = new Date(dto.dueAt);
    const extended = await this.assignments.extend(id, (current) => {
      if (dueAt.getTime() <= current.dueAt.getTime()) throw invalidField('dueAt', `must be later than the current deadline ${current.dueAt.toISOString()}`);
      const changes = { ...diffChanges({ dueAt: current.dueAt.toISOString() }, { dueAt: dueAt.toISOString() }), reason: { to: dto.reason } };
      return { dueAt, reason: dto.reason, actor: actor.name, createdAt: at, audit: { at, actor: actor.name, action: 'update', entity: ASSIGNMENT_AUDIT_ENTITY, changes } };
    });
    if (!extended) throw notFound('assignment', id);
    return this.detail(extended);
  }

  // For other features (the portal, submissions): entities, not responses.

  // A unit's assignments in a period, by deadline.
  forUnit(periodId: string, unitId: string): Promise<AssignmentRecord[]> {
    return this.assignments.forUnit(periodId, unitId);
  }

  /**
   * Applies a unit's own progress report to its assignments of a period, all or none, each change
   * audited. An assignment that is not the unit's in that period is a 400 naming
   * `${field}[i].assignmentId`. The rules are those of PATCH /assignments/:id, with `at` as the
   * completion instant (done ⇔ completed_at set).
   */
  async applyUnitUpdates(periodId: string, unitId: string, updates: UnitTaskUpdate[], at: Date, actor: Actor, field = 'taskUpdates'): Promise<AssignmentRecord[]> {
    const ids = updates.map((update) => update.assignmentId.toLowerCase());
    const found = new Map((await this.assignments.findByIds([...new Set(ids)])).map((assignment) => [assignment.id, assignment]));
    const errors: FieldError[] = ids.flatMap((id, index) => {
      const assignment = found.get(id);
      return assignment?.periodId === periodId.toLowerCase() && assignment.unitId === unitId.toLowerCase()
        ? []
        : [{ field: `${field}[${index}].assignmentId`, message: `is not an assignment of this unit in this period` }];
    });
    if (errors.length > 0) throw invalid(errors);
    const results = await this.assignments.changeStatuses(
      updates.map((update, index) => ({ id: ids[index], plan: (current: AssignmentRecord) => this.statusChange(current, update, at, actor) })),
    );
    return results.filter((result): result is AssignmentRecord => result !== null);
  }

  private statusChange(current: AssignmentRecord, update: { status: AssignmentStatus; note?: string | null }, at: Date, actor: Actor): StatusChange | undefined {
    const next = { ...changeStatus(current, update.status, at), note: update.note === undefined ? current.note : update.note };
    const audited = (fields: { status: AssignmentStatus; completedAt: Date | null; note: string | null }) => ({
      status: fields.status,
      completedAt: fields.completedAt?.toISOString() ?? null,
      note: fields.note,
    });
    const changes = diffChanges(audited(current), audited(next));
    if (Object.keys(changes).length === 0) return undefined;
    return { ...next, updatedAt: at, audit: { at, actor: actor.name, action: 'update', entity: ASSIGNMENT_AUDIT_ENTITY, changes } };
  }

  private async detail(assignment: AssignmentRecord): Promise<AssignmentDetailResponse> {
    return toAssignmentDetailResponse(assignment, await this.assignments.extensionsOf(assignment.id), this.clock.now());
  }
}
