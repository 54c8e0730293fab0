import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ListQuery } from '../common/pagination';
import { Trim } from '../common/transforms';
import { AGENDA_TIME_PATTERN, AgendaItem, MAX_AGENDA_ITEMS } from './agenda';
import { INSTANT_EXAMPLE, IsInstant } from './instant';
import { periodLabel } from './period-label';
import { PeriodEntity } from './period.entity';

export const MIN_PERIOD_YEAR = 2000;
export const MAX_PERIOD_YEAR = 2100;

export class CreatePeriodDto {
  @ApiProperty({ example: 2024, minimum: MIN_PERIOD_YEAR, maximum: MAX_PERIOD_YEAR })
  @IsInt()
  @Min(MIN_PERIOD_YEAR)
  @Max(MAX_PERIOD_YEAR)
  year!: number;

  @ApiProperty({ example: 2, minimum: 1, maximum: 4, description: '(year, quarter) is unique' })
  @IsInt()
  @Min(1)
  @Max(4)
  quarter!: number;

  @ApiProperty({ format: 'date-time', example: '2024-06-14T17:00:00+07:00', description: "the units' report deadline; before briefingAt" })
  @IsInstant()
  reportDueAt!: string;

  @ApiProperty({ format: 'date-time', example: '2024-06-25T08:00:00+07:00', description: 'when the briefing meeting starts' })
  @IsInstant()
  briefingAt!: string;

  @ApiPropertyOptional({ example: 'Hội trường UBND huyện Kon Rẫy', nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  briefingPlace?: string | null;

  @ApiPropertyOptional({ default: false, description: 'create a task for the period from each task template' })
  @ValidateIf((_object, value) => value !== undefined)
  @IsBoolean()
  fromTemplates?: boolean;
}

// Year and quarter may change too, as long as no other period has them (409).
// skipNullProperties: false, so that null for a required field is a 400 rather than a database error.
export class UpdatePeriodDto extends PartialType(OmitType(CreatePeriodDto, ['fromTemplates'] as const), { skipNullProperties: false }) {}

export class PeriodQuery extends ListQuery {
  @ApiPropertyOptional({ example: 2024, minimum: MIN_PERIOD_YEAR, maximum: MAX_PERIOD_YEAR })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_PERIOD_YEAR)
  @Max(MAX_PERIOD_YEAR)
  year?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 4 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  quarter?: number;
}

export class PeriodResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ example: 2, minimum: 1, maximum: 4 }) quarter!: number;
  @ApiProperty({ example: 'Quý II/2024' }) label!: string;
  @ApiProperty({ format: 'date-time' }) reportDueAt!: string;
  @ApiProperty({ format: 'date-time' }) briefingAt!: string;
  @ApiProperty({ nullable: true, type: String }) briefingPlace!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CreatedPeriodResponse extends PeriodResponse {
  @ApiPropertyOptional({ description: 'tasks created from the templates; present when fromTemplates was true' }) tasksCreated?: number;
}

export class PeriodPage {
  @ApiProperty({ type: [PeriodResponse] }) items!: PeriodResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class ExtensionDto {
  @ApiProperty({ format: 'date-time', example: INSTANT_EXAMPLE, description: "the unit's new report deadline; after the period's" })
  @IsInstant()
  reportDueAt!: string;

  @ApiProperty({ example: 'Đơn vị đề nghị gia hạn do mưa lũ' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class ExtensionHistoryEntry {
  @ApiProperty({ format: 'date-time' }) reportDueAt!: string;
  @ApiProperty({ format: 'date-time', description: "the unit's deadline before this extension" }) previousDueAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'name of the API key that granted it' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ExtensionResponse {
  @ApiProperty({ format: 'uuid' }) periodId!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'date-time', description: "the unit's deadline: its latest extension, else the period's" }) reportDueAt!: string;
  @ApiProperty({ type: [ExtensionHistoryEntry], description: 'oldest first' }) history!: ExtensionHistoryEntry[];
}

export class AgendaItemDto {
  @ApiProperty({ example: '08:00', description: 'HH:mm, 00:00 to 23:59, in the committee time zone' })
  @IsString()
  @Matches(AGENDA_TIME_PATTERN, { message: 'must be a time HH:mm from 00:00 to 23:59' })
  time!: string;

  @ApiProperty({ example: 'Báo cáo kết quả thực hiện Cuộc vận động quý II/2024' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ example: 'Thường trực BCĐ', nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  presenter?: string | null;
}

export class AgendaItemResponse {
  @ApiProperty({ example: '08:00' }) time!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) presenter!: string | null;
}

export const AGENDA_BODY_DESCRIPTION = `the whole agenda (at most ${MAX_AGENDA_ITEMS} items), replacing the previous one; kept in time order`;

export function toPeriodResponse(period: PeriodEntity): PeriodResponse {
  return {
    id: period.id,
    year: period.year,
    quarter: period.quarter,
    label: periodLabel(period.year, period.quarter),
    reportDueAt: period.reportDueAt.toISOString(),
    briefingAt: period.briefingAt.toISOString(),
    briefingPlace: period.briefingPlace,
    createdAt: period.createdAt.toISOString(),
    updatedAt: period.updatedAt.toISOString(),
  };
}

export function toAgendaItemResponse(item: AgendaItem): AgendaItemResponse {
  return { time: item.time, title: item.title, presenter: item.presenter };
}
