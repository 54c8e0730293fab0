import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/roles';
import { HolidayDto, HolidayQuery, HolidayResponse } from './holidays.dto';
import { HolidayListPipe, YearPipe } from './holidays.pipes';
import { HolidaysService } from './holidays.service';
import { MAX_ENTRIES_PER_YEAR, MAX_YEAR, MIN_YEAR } from './holiday-rules';

@ApiTags('holidays')
@ApiBearerAuth()
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @ApiOkResponse({ type: [HolidayResponse], description: 'days off and make-up working days, by date' })
  list(@Query() query: HolidayQuery): Promise<HolidayResponse[]> {
    return this.holidays.list(query);
  }

  @Put(':year')
  @ApiParam({ name: 'year', schema: { type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR }, example: 2025 })
  @ApiBody({ type: [HolidayDto], description: `the whole year (at most ${MAX_ENTRIES_PER_YEAR} entries): every date in it, none twice; a workday must be a Saturday or Sunday` })
  @ApiOkResponse({ type: [HolidayResponse], description: "the year's entries, by date" })
  replaceYear(@Param('year', YearPipe) year: number, @Body(HolidayListPipe) entries: HolidayDto[], @CurrentActor() actor: Actor): Promise<HolidayResponse[]> {
    return this.holidays.replaceYear(year, entries, actor);
  }
}
