import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AGGREGATIONS, Aggregation } from '../indicators/aggregation';

const SUBMISSION_STATES = ['missing', 'draft', 'submitted', 'accepted', 'returned'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

class TaskCounts {
  @ApiProperty() total!: number;
  @ApiProperty() done!: number;
  @ApiProperty() overdue!: number;
}

export class UnitStatus {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SUBMISSION_STATES }) submission!: SubmissionState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'the unit’s report deadline, after extensions' }) reportDueAt!: string;
  @ApiProperty({ description: 'submitted after the deadline, or still not submitted once the deadline has passed' }) late!: boolean;
  @ApiProperty() tasks!: TaskCounts;
}

class StatusTotals {
  @ApiProperty() units!: number;
  @ApiProperty({ description: 'submitted or accepted reports' }) submitted!: number;
  @ApiProperty() onTime!: number;
  @ApiProperty() late!: number;
  @ApiProperty({ description: 'units without a submitted or accepted report (none, draft or returned)' }) missing!: number;
}

class PeriodSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() year!: number;
  @ApiProperty() quarter!: number;
}

export class PeriodStatusResponse {
  @ApiProperty() period!: PeriodSummary;
  @ApiProperty({ type: [UnitStatus] }) units!: UnitStatus[];
  @ApiProperty() totals!: StatusTotals;
}

class IndicatorSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() measure!: string;
  @ApiProperty({ enum: AGGREGATIONS }) aggregation!: Aggregation;
}

class UnitValue {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() value!: number;
}

export class PeriodIndicatorResponse {
  @ApiProperty() indicator!: IndicatorSummary;
  @ApiProperty({ type: Number, nullable: true }) total!: number | null;
  @ApiProperty({ type: Number, nullable: true }) previousTotal!: number | null;
  @ApiProperty({ type: Number, nullable: true }) sameQuarterLastYear!: number | null;
  @ApiProperty({ type: Number, nullable: true }) yearToDate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the program-wide target of the year' }) target!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'yearToDate ÷ target' }) achievement!: number | null;
  @ApiProperty({ type: [UnitValue] }) byUnit!: UnitValue[];
}

export class ScorecardQuery {
  @ApiProperty({ example: 2024 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 4, description: 'omit for the whole year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  quarter?: number;
}

class ScorecardTasks {
  @ApiProperty() total!: number;
  @ApiProperty() doneOnTime!: number;
  @ApiProperty() doneLate!: number;
  @ApiProperty() inProgressOnTime!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'doneOnTime ÷ total; null without tasks' }) onTimeRate!: number | null;
}

class ScorecardReports {
  @ApiProperty() onTime!: number;
  @ApiProperty() late!: number;
  @ApiProperty({ description: 'periods whose deadline has passed without a submitted report' }) missing!: number;
}

export class ScorecardResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() tasks!: ScorecardTasks;
  @ApiProperty() reports!: ScorecardReports;
  @ApiProperty({ description: 'by on-time rate, then fewer overdue tasks; equal scores share a rank' }) rank!: number;
}
