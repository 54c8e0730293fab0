import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ListQuery } from '../common/pagination';
import { Trim } from '../common/transforms';
import { isLate } from './submission-rules';
import { MAX_INDICATOR_VALUE, MAX_VALUES_PER_SUBMISSION } from './submission-validation';
import {
  ASSIGNMENT_STATUSES,
  AssignmentStatus,
  REVISION_ACTIONS,
  RevisionAction,
  RevisionChanges,
  SubmissionRecord,
  SubmissionRevisionEntity,
  SUBMISSION_STATUSES,
  SubmissionStatus,
} from './submission.entity';

export const MAX_SECTION_LENGTH = 50_000;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_COMMENT_LENGTH = 5000;
export const MAX_TASK_UPDATES = 500;

export class SectionsDto {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: MAX_SECTION_LENGTH, description: 'Kết quả thực hiện: what the unit did this quarter' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(MAX_SECTION_LENGTH)
  results?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: MAX_SECTION_LENGTH, description: 'Khó khăn, vướng mắc: difficulties' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(MAX_SECTION_LENGTH)
  difficulties?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: MAX_SECTION_LENGTH, description: 'Đề xuất, kiến nghị: proposals' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(MAX_SECTION_LENGTH)
  proposals?: string | null;
}

export class TaskUpdateDto {
  @ApiProperty({ format: 'uuid', description: 'an assignment of this unit in this period' })
  @IsUUID()
  assignmentId!: string;

  @ApiProperty({ enum: ASSIGNMENT_STATUSES, description: 'done sets the completion time to now; leaving done clears it' })
  @IsIn(ASSIGNMENT_STATUSES)
  status!: AssignmentStatus;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: MAX_NOTE_LENGTH, description: "omitted: the assignment's note is kept; null or empty: cleared" })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(MAX_NOTE_LENGTH)
  note?: string | null;
}

export class UpsertSubmissionDto {
  @ApiProperty({
    type: SectionsDto,
    description: 'the narrative sections; replaces the stored ones (a section omitted, null or blank is empty). Text is trimmed.',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => SectionsDto)
  sections!: SectionsDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', minimum: 0, maximum: MAX_INDICATOR_VALUE },
    example: { TT_BUOI: 12, TT_LUOT: 8145 },
    description:
      `indicator values by indicator code (codes ignore case; at most ${MAX_VALUES_PER_SUBMISSION}). Replaces the stored set: a code omitted is removed. ` +
      'An unknown or inactive code, or a value that is not a finite number ≥ 0, is a 400 naming values.CODE.',
  })
  @IsObject()
  values!: Record<string, unknown>;

  @ApiPropertyOptional({
    type: [TaskUpdateDto],
    maxItems: MAX_TASK_UPDATES,
    description: "progress on the unit's own assignments in this period; another unit's or period's assignment is a 400 naming taskUpdates[i].assignmentId",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TASK_UPDATES)
  @ValidateNested({ each: true })
  @Type(() => TaskUpdateDto)
  taskUpdates?: TaskUpdateDto[];

  @ApiPropertyOptional({
    default: false,
    description:
      'true sends the report: a draft or returned report becomes submitted. submittedAt is set once, on the first submission, and lateness is judged on it: ' +
      'resubmitting after a return keeps the first submittedAt, and only lastSubmittedAt moves. Omitted or false saves without changing the status ' +
      '(a submitted report edited before review stays submitted).',
  })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

export class ReturnSubmissionDto {
  @ApiProperty({
    example: 'Đề nghị bổ sung số liệu chỉ tiêu TT_LUOT và kết quả thực hiện nhiệm vụ 2.',
    maxLength: MAX_COMMENT_LENGTH,
    description: 'what the unit must fix; e-mailed to the unit',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_COMMENT_LENGTH)
  comment!: string;
}

export class SubmissionQuery extends ListQuery {
  @ApiPropertyOptional({ enum: SUBMISSION_STATUSES })
  @IsOptional()
  @IsIn(SUBMISSION_STATUSES)
  status?: SubmissionStatus;
}

export class SectionsResponse {
  @ApiProperty({ nullable: true, type: String }) results!: string | null;
  @ApiProperty({ nullable: true, type: String }) difficulties!: string | null;
  @ApiProperty({ nullable: true, type: String }) proposals!: string | null;
}

export class SubmissionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) periodId!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status!: SubmissionStatus;
  @ApiProperty({ type: SectionsResponse }) sections!: SectionsResponse;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { TT_BUOI: 12 }, description: 'by indicator code, in display order' })
  values!: Record<string, number>;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'the first submission; kept when the report is returned and sent again' })
  submittedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'the latest submission' }) lastSubmittedAt!: string | null;
  @ApiProperty({ description: 'submittedAt is after reportDueAt; false while not submitted' }) late!: boolean;
  @ApiProperty({ format: 'date-time', description: "the unit's effective deadline: its latest report extension, else the period's reportDueAt" })
  reportDueAt!: string;
  @ApiProperty({ description: 'the number of the latest revision; each stored change adds one' }) revision!: number;
  @ApiProperty({ nullable: true, type: String, description: 'the comment of the latest return; cleared on acceptance' }) reviewComment!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'the latest accept or return' }) reviewedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class SubmissionPage {
  @ApiProperty({ type: [SubmissionResponse] }) items!: SubmissionResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class RevisionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '1 for the first' }) revision!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'the API key name, or "portal" for the unit itself' }) actor!: string;
  @ApiProperty({ enum: REVISION_ACTIONS }) action!: RevisionAction;
  @ApiProperty({ enum: SUBMISSION_STATUSES, description: 'the status after the change' }) status!: SubmissionStatus;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { status: { from: 'draft', to: 'submitted' }, values: { TT_BUOI: { from: 10, to: 12 } }, tasks: { '<assignmentId>': { status: { from: 'pending', to: 'done' } } } },
    description:
      'what changed, each as { from, to }: status, sections.NAME, values.CODE, tasks.ASSIGNMENT_ID.{status,note,completedAt}, submittedAt, lastSubmittedAt, reviewComment, reviewedAt',
  })
  changes!: RevisionChanges;
}

function iso(instant: Date | null): string | null {
  return instant ? instant.toISOString() : null;
}

export function toSubmissionResponse(submission: SubmissionRecord): SubmissionResponse {
  return {
    id: submission.id,
    periodId: submission.periodId,
    unitId: submission.unitId,
    unitCode: submission.unitCode,
    unitName: submission.unitName,
    status: submission.status,
    sections: { results: submission.sections.results ?? null, difficulties: submission.sections.difficulties ?? null, proposals: submission.sections.proposals ?? null },
    values: submission.values,
    submittedAt: iso(submission.submittedAt),
    lastSubmittedAt: iso(submission.lastSubmittedAt),
    late: isLate(submission.submittedAt, submission.reportDueAt),
    reportDueAt: submission.reportDueAt.toISOString(),
    revision: submission.revision,
    reviewComment: submission.reviewComment,
    reviewedAt: iso(submission.reviewedAt),
    createdAt: submission.createdAt.toISOString(),
    updatedAt: submission.updatedAt.toISOString(),
  };
}

export function toRevisionResponse(revision: SubmissionRevisionEntity): RevisionResponse {
  return {
    id: revision.id,
    revision: revision.revision,
    at: revision.at.toISOString(),
    actor: revision.actor,
    action: revision.action,
    status: revision.status,
    changes: revision.changes,
  };
}
