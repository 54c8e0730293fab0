import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { DayKind } from '../calendar/working-days';
import { Trim } from '../common/transforms';
import { DAY_KINDS, HolidayEntity } from './holiday.entity';
import { isCalendarDate, MAX_YEAR, MIN_YEAR } from './holiday-rules';

const IsCalendarDate = () => ValidateBy({ name: 'isCalendarDate', validator: { validate: (value) => isCalendarDate(value), defaultMessage: () => 'must be a date YYYY-MM-DD' } });

export class HolidayDto {
  @ApiProperty({ format: 'date', example: '2025-09-02' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ example: 'Quốc khánh' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: DAY_KINDS, description: 'holiday: a day off; workday: a Saturday or Sunday worked in exchange for a day off' })
  @IsIn(DAY_KINDS)
  kind!: DayKind;
}

export class HolidayQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR, description: 'without it, every year', example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;
}

export class HolidayResponse {
  @ApiProperty({ format: 'date', example: '2025-09-02' }) date!: string;
  @ApiProperty({ example: 'Quốc khánh' }) name!: string;
  @ApiProperty({ enum: DAY_KINDS }) kind!: DayKind;
}

export function toHolidayResponse(holiday: Pick<HolidayEntity, 'date' | 'name' | 'kind'>): HolidayResponse {
  return { date: holiday.date, name: holiday.name, kind: holiday.kind };
}
