import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { ListQuery } from '../common/pagination';
import { Trim } from '../common/transforms';
import { INSTANT_EXAMPLE, IsInstant } from '../periods/instant';
import { ASSIGNMENT_STATES, ASSIGNMENT_STATUSES, AssignmentState, AssignmentStatus } from './assignment-state';
import { AssignmentRecord } from './assignments.repository';
import { AssignmentExtensionEntity } from './task.entity';
import { TaskAssignmentResponse, toTaskAssignmentResponse } from './tasks.dto';

export const MAX_NOTE_LENGTH = 5_000;
export const MAX_REASON_LENGTH = 2_000;

export class AssignmentQuery extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  periodId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  taskId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATUSES)
  status?: AssignmentStatus;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATES, description: 'four-way state at the time of the request' })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATES)
  state?: AssignmentState;
}

export class UpdateAssignmentDto {
  @ApiProperty({ enum: ASSIGNMENT_STATUSES, description: 'done sets completedAt to now; leaving done clears it' })
  @IsIn(ASSIGNMENT_STATUSES)
  status!: AssignmentStatus;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: MAX_NOTE_LENGTH, description: 'omitted: kept; null: cleared' })
  @IsOptional()
  @Trim()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(MAX_NOTE_LENGTH)
  note?: string | null;
}

export class CreateExtensionDto {
  @ApiProperty({ format: 'date-time', example: INSTANT_EXAMPLE, description: 'the new deadline: ISO 8601 with an offset, later than the current one' })
  @IsInstant()
  dueAt!: string;

  @ApiProperty({ example: 'Xã đề nghị gia hạn do mưa lũ', maxLength: MAX_REASON_LENGTH })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REASON_LENGTH)
  reason!: string;
}

export class ExtensionResponse {
  @ApiProperty({ format: 'date-time', description: 'the deadline the extension set' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', description: 'the deadline before it' }) previousDueAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'the API key that granted it' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AssignmentResponse extends TaskAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() taskTitle!: string;
  @ApiProperty({ format: 'date-time', description: "the task's deadline; dueAt differs after an extension" }) taskDueAt!: string;
  @ApiProperty({ format: 'uuid' }) periodId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AssignmentDetailResponse extends AssignmentResponse {
  @ApiProperty({ type: [ExtensionResponse], description: 'every extension, oldest first' }) extensions!: ExtensionResponse[];
}

export class AssignmentPage {
  @ApiProperty({ type: [AssignmentResponse] }) items!: AssignmentResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export function toAssignmentResponse(assignment: AssignmentRecord, now: Date): AssignmentResponse {
  return {
    ...toTaskAssignmentResponse(assignment, now),
    taskId: assignment.taskId,
    taskTitle: assignment.taskTitle,
    taskDueAt: assignment.taskDueAt.toISOString(),
    periodId: assignment.periodId,
    createdAt: assignment.createdAt.toISOString(),
    updatedAt: assignment.updatedAt.toISOString(),
  };
}

export function toExtensionResponse(extension: AssignmentExtensionEntity): ExtensionResponse {
  return {
    dueAt: extension.dueAt.toISOString(),
    previousDueAt: extension.previousDueAt.toISOString(),
    reason: extension.reason,
    actor: extension.actor,
    createdAt: extension.createdAt.toISOString(),
  };
}

export function toAssignmentDetailResponse(assignment: AssignmentRecord, extensions: AssignmentExtensionEntity[], now: Date): AssignmentDetailResponse {
  return { ...toAssignmentResponse(assignment, now), extensions: extensions.map(toExtensionResponse) };
}
