import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../common/uuid.pipe';
import { PeriodIndicatorResponse, PeriodStatusResponse, ScorecardQuery, ScorecardResponse } from './progress.dto';
import { ProgressService } from './progress.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller()
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get('periods/:id/status')
  @ApiOkResponse({ type: PeriodStatusResponse })
  status(@Param('id', uuidParam()) id: string): Promise<PeriodStatusResponse> {
    return this.progress.status(id);
  }

  @Get('periods/:id/indicators')
  @ApiOkResponse({ type: [PeriodIndicatorResponse] })
  indicators(@Param('id', uuidParam()) id: string): Promise<PeriodIndicatorResponse[]> {
    return this.progress.indicators(id);
  }

  @Get('scorecards')
  @ApiOkResponse({ type: [ScorecardResponse] })
  scorecards(@Query() query: ScorecardQuery): Promise<ScorecardResponse[]> {
    return this.progress.scorecards(query);
  }
}
