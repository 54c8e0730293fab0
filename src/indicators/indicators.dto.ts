import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ListQuery } from '../common/pagination';
import { QueryBoolean, Trim } from '../common/transforms';
import { Aggregation, AGGREGATIONS } from './aggregation';
import { IndicatorTargetEntity } from './indicator-target.entity';
import { IndicatorEntity } from './indicator.entity';

// Codes are the keys of a submission's `values`, so they keep to letters, digits, . _ -
export const INDICATOR_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;
export const MAX_POSITION = 1_000_000;
export const MIN_TARGET_YEAR = 2000;
export const MAX_TARGET_YEAR = 2100;
// Far above any real count, and small enough for a JS number to hold exactly.
export const MAX_TARGET_VALUE = 1e15;
export const MAX_TARGETS_PER_REQUEST = 1000;

export class CreateIndicatorDto {
  @ApiProperty({ example: 'TT_BUOI', description: 'unique, case-insensitive; letters, digits, . _ -' })
  @Trim()
  @IsString()
  @Matches(INDICATOR_CODE_PATTERN, { message: 'must be 1–50 letters, digits, dots, dashes or underscores' })
  code!: string;

  @ApiProperty({ example: 'Buổi tuyên truyền chuyên đề, lồng ghép' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ example: 'buổi', description: 'unit of measure' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  measure!: string;

  // Omitted means sum; null is refused, as the column is not nullable.
  @ApiPropertyOptional({ enum: AGGREGATIONS, default: 'sum', description: 'how values add up across units and quarters' })
  @ValidateIf((_object, value) => value !== undefined)
  @IsIn(AGGREGATIONS)
  aggregation?: Aggregation;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_POSITION, description: 'display order; default: after the last indicator' })
  @ValidateIf((_object, value) => value !== undefined)
  @IsInt()
  @Min(0)
  @Max(MAX_POSITION)
  position?: number;

  @ApiPropertyOptional({ default: true })
  @ValidateIf((_object, value) => value !== undefined)
  @IsBoolean()
  active?: boolean;
}

// skipNullProperties: false, so that null for a required field is a 400 rather than a database error.
export class UpdateIndicatorDto extends PartialType(CreateIndicatorDto, { skipNullProperties: false }) {}

export class IndicatorQuery extends ListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

export class IndicatorResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() measure!: string;
  @ApiProperty({ enum: AGGREGATIONS }) aggregation!: Aggregation;
  @ApiProperty() position!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class IndicatorPage {
  @ApiProperty({ type: [IndicatorResponse] }) items!: IndicatorResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class TargetDto {
  @ApiProperty({ example: 2024, minimum: MIN_TARGET_YEAR, maximum: MAX_TARGET_YEAR })
  @IsInt()
  @Min(MIN_TARGET_YEAR)
  @Max(MAX_TARGET_YEAR)
  year!: number;

  @ApiProperty({ example: 400, minimum: 0, maximum: MAX_TARGET_VALUE })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_TARGET_VALUE)
  value!: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: "a unit's own target; omitted or null: the whole program's" })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;
}

export class TargetQuery {
  @ApiPropertyOptional({ example: 2024, minimum: MIN_TARGET_YEAR, maximum: MAX_TARGET_YEAR })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_TARGET_YEAR)
  @Max(MAX_TARGET_YEAR)
  year?: number;
}

export class TargetResponse {
  @ApiProperty() year!: number;
  @ApiProperty() value!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "null: the whole program's target" }) unitId!: string | null;
}

export function toIndicatorResponse(indicator: IndicatorEntity): IndicatorResponse {
  return {
    id: indicator.id,
    code: indicator.code,
    name: indicator.name,
    measure: indicator.measure,
    aggregation: indicator.aggregation,
    position: indicator.position,
    active: indicator.active,
    createdAt: indicator.createdAt.toISOString(),
    updatedAt: indicator.updatedAt.toISOString(),
  };
}

export function toTargetResponse(target: IndicatorTargetEntity): TargetResponse {
  return { year: target.year, value: target.value, unitId: target.unitId };
}
