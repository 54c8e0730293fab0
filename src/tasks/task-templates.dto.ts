import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ListQuery } from '../common/pagination';
import { Trim } from '../common/transforms';
import { AssignTo } from './assign-to';
import { TaskTemplateEntity } from './task-template.entity';
import { ASSIGN_TO_SCHEMA, IsAssignTo, LowerEach, MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH } from './tasks.dto';

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export class TemplateDueDto {
  @ApiProperty({ minimum: 1, maximum: 3, description: 'month of the quarter', example: 3 })
  @IsInt()
  @Min(1)
  @Max(3)
  month!: number;

  @ApiProperty({ minimum: 1, maximum: 31, description: "day of that month; past the month's end, its last day", example: 25 })
  @IsInt()
  @Min(1)
  @Max(31)
  day!: number;

  @ApiProperty({ pattern: TIME_PATTERN.source, example: '17:00', description: "wall-clock time HH:mm in the committee's time zone" })
  @IsString()
  @Matches(TIME_PATTERN, { message: 'must be a time HH:mm' })
  time!: string;
}

export class CreateTaskTemplateDto {
  @ApiProperty({ example: 'Báo cáo kết quả thực hiện Cuộc vận động quý', maxLength: MAX_TITLE_LENGTH })
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

  @ApiProperty(ASSIGN_TO_SCHEMA)
  @LowerEach()
  @IsAssignTo()
  assignTo!: AssignTo;

  @ApiProperty({
    type: TemplateDueDto,
    description: 'when the task falls due in each quarter; a day off moves it to the previous working day, or to the next one when the previous would leave the month',
  })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TemplateDueDto)
  due!: TemplateDueDto;
}

export class TaskTemplateQuery extends ListQuery {}

export class TemplateDueResponse {
  @ApiProperty({ minimum: 1, maximum: 3 }) month!: number;
  @ApiProperty({ minimum: 1, maximum: 31 }) day!: number;
  @ApiProperty({ example: '17:00' }) time!: string;
}

export class TaskTemplateResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty(ASSIGN_TO_SCHEMA) assignTo!: AssignTo;
  @ApiProperty({ type: TemplateDueResponse }) due!: TemplateDueResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TaskTemplatePage {
  @ApiProperty({ type: [TaskTemplateResponse] }) items!: TaskTemplateResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export function toTaskTemplateResponse(template: TaskTemplateEntity): TaskTemplateResponse {
  return {
    id: template.id,
    title: template.title,
    description: template.description,
    assignTo: template.assignTo,
    due: { month: template.dueMonth, day: template.dueDay, time: template.dueTime },
    createdAt: template.createdAt.toISOString(),
  };
}
