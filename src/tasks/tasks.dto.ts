import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, isUUID, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { ListQuery } from '../common/pagination';
import { QueryBoolean, Trim } from '../common/transforms';
import { INSTANT_EXAMPLE, IsInstant } from '../periods/instant';
import { ASSIGN_TO_KEYWORDS, AssignTo, isAssignToKeyword } from './assign-to';
import { ASSIGNMENT_ROLES, ASSIGNMENT_STATES, ASSIGNMENT_STATUSES, AssignmentRole, AssignmentState, AssignmentStatus, assignmentState, StateCounts } from './assignment-state';
import { AssignmentRecord } from './assignments.repository';
import { TaskEntity } from './task.entity';

// Far above the units of any district; keeps a request's work bounded.
export const MAX_UNITS_PER_TASK = 10_000;
export const MAX_TITLE_LENGTH = 500;
export const MAX_DESCRIPTION_LENGTH = 10_000;

function isUnitIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_UNITS_PER_TASK && value.every((item) => isUUID(item));
}

// Named isUUID, the key flattenValidationErrors() (common/errors.ts) re-checks item by item, so
// that the error of a list names each wrong item (assignTo[1]) rather than the whole list.
function unitIdsConstraint(acceptsKeyword: boolean, wholeMessage: string) {
  return ValidateBy({
    name: 'isUUID',
    validator: {
      validate: (value) => (acceptsKeyword && isAssignToKeyword(value)) || isUnitIdList(value),
      defaultMessage: (args) => (Array.isArray(args?.value) && args.value.length <= MAX_UNITS_PER_TASK ? `each value in ${args.property} must be a UUID` : wholeMessage),
    },
  });
}

export const IsAssignTo = () => unitIdsConstraint(true, `must be "all", "communes", "agencies" or an array of at most ${MAX_UNITS_PER_TASK} unit ids`);

export const IsUnitIds = () => unitIdsConstraint(false, `must be an array of at most ${MAX_UNITS_PER_TASK} unit ids`);

// Unit ids are compared as text once read, so they are lower-cased like PostgreSQL writes them.
export const LowerEach = () =>
  Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.toLowerCase() : item)) : value));

export const ASSIGN_TO_SCHEMA = {
  oneOf: [
    { type: 'string', enum: [...ASSIGN_TO_KEYWORDS] },
    { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: MAX_UNITS_PER_TASK },
  ],
  description:
    'the lead units: "all" = every active unit; "communes" = the active communes and townships (the grassroots level); "agencies" = the active agencies; or the ids of active units',
  example: 'communes',
};

export class CreateTaskDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  periodId!: string;

  @ApiProperty({ example: 'Tổ chức hội nghị sơ kết 6 tháng Cuộc vận động', maxLength: MAX_TITLE_LENGTH })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TITLE_LENGTH)
  title!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: MAX_DESCRIPTION_LENGTH })
  @IsOptional()
  @Trim()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string | null;

  @ApiProperty({ format: 'date-time', example: INSTANT_EXAMPLE, description: 'ISO 8601 with an offset' })
  @IsInstant()
  dueAt!: string;

  @ApiProperty(ASSIGN_TO_SCHEMA)
  @LowerEach()
  @IsAssignTo()
  assignTo!: AssignTo;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'units that cooperate (role support); a unit that also leads is a lead', maxItems: MAX_UNITS_PER_TASK })
  @ValidateIf((_object, value) => value !== undefined)
  @LowerEach()
  @IsUnitIds()
  supportUnitIds?: string[];
}

// A task stays in its period. assignTo and supportUnitIds, when given, replace the lead and the
// support units. skipNullProperties: false, so that null for a required field is a 400.
export class UpdateTaskDto extends PartialType(OmitType(CreateTaskDto, ['periodId'] as const), { skipNullProperties: false }) {}

export class TaskQuery extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  periodId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "tasks assigned to this unit; each item then lists that unit's assignments" })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES, description: 'tasks with an assignment (of unitId, if given) in this status' })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATUSES)
  status?: AssignmentStatus;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATES, description: 'tasks with an assignment (of unitId, if given) in this state' })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATES)
  state?: AssignmentState;

  @ApiPropertyOptional({ description: 'true: tasks with an overdue assignment (of unitId, if given); false: tasks with none' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;
}

export class StateCountsResponse {
  @ApiProperty() total!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() inProgress!: number;
  @ApiProperty() done!: number;
  @ApiProperty() inProgressOnTime!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() doneOnTime!: number;
  @ApiProperty() doneLate!: number;
}

export class TaskAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ enum: ASSIGNMENT_ROLES }) role!: AssignmentRole;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status!: AssignmentStatus;
  @ApiProperty({ enum: ASSIGNMENT_STATES, description: 'four-way state, judged against dueAt at the time of the request' }) state!: AssignmentState;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'date-time', description: 'the effective deadline, after extensions' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
}

class TaskFields {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) periodId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty(ASSIGN_TO_SCHEMA) assignTo!: AssignTo;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the template the task was made from' }) templateId!: string | null;
  @ApiProperty({ type: StateCountsResponse, description: 'assignments by status and by state' }) counts!: StateCountsResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TaskResponse extends TaskFields {
  @ApiProperty({ type: [TaskAssignmentResponse], description: 'leads first, then by unit code' }) assignments!: TaskAssignmentResponse[];
}

export class TaskListItem extends TaskFields {
  @ApiPropertyOptional({ type: [TaskAssignmentResponse], description: "only with the unitId filter: that unit's assignments" }) assignments?: TaskAssignmentResponse[];
}

export class TaskPage {
  @ApiProperty({ type: [TaskListItem] }) items!: TaskListItem[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export function toTaskAssignmentResponse(assignment: AssignmentRecord, now: Date): TaskAssignmentResponse {
  return {
    id: assignment.id,
    unitId: assignment.unitId,
    unitCode: assignment.unitCode,
    unitName: assignment.unitName,
    role: assignment.role,
    status: assignment.status,
    state: assignmentState(assignment, now),
    note: assignment.note,
    dueAt: assignment.dueAt.toISOString(),
    completedAt: assignment.completedAt?.toISOString() ?? null,
  };
}

function toTaskFields(task: TaskEntity, counts: StateCounts): TaskFields {
  return {
    id: task.id,
    periodId: task.periodId,
    title: task.title,
    description: task.description,
    dueAt: task.dueAt.toISOString(),
    assignTo: task.assignTo,
    templateId: task.templateId,
    counts,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

export function toTaskResponse(task: TaskEntity, counts: StateCounts, assignments: AssignmentRecord[], now: Date): TaskResponse {
  return { ...toTaskFields(task, counts), assignments: assignments.map((assignment) => toTaskAssignmentResponse(assignment, now)) };
}

export function toTaskListItem(task: TaskEntity, counts: StateCounts, assignments: AssignmentRecord[] | undefined, now: Date): TaskListItem {
  return { ...toTaskFields(task, counts), ...(assignments ? { assignments: assignments.map((assignment) => toTaskAssignmentResponse(assignment, now)) } : {}) };
}
