import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/roles';
import { uuidParam } from '../common/uuid.pipe';
import { IndicatorTargetsService } from './indicator-targets.service';
import {
  CreateIndicatorDto,
  IndicatorPage,
  IndicatorQuery,
  IndicatorResponse,
  MAX_TARGETS_PER_REQUEST,
  TargetDto,
  TargetQuery,
  TargetResponse,
  UpdateIndicatorDto,
} from './indicators.dto';
import { IndicatorsService } from './indicators.service';
import { TargetListPipe } from './targets.pipe';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly targets: IndicatorTargetsService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: IndicatorResponse })
  create(@Body() dto: CreateIndicatorDto, @CurrentActor() actor: Actor): Promise<IndicatorResponse> {
    return this.indicators.create(dto, actor);
  }

  @Get()
  @ApiOkResponse({ type: IndicatorPage, description: 'in display order (position, then code) unless sort is given' })
  list(@Query() query: IndicatorQuery): Promise<IndicatorPage> {
    return this.indicators.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: IndicatorResponse })
  get(@Param('id', uuidParam()) id: string): Promise<IndicatorResponse> {
    return this.indicators.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: IndicatorResponse })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdateIndicatorDto, @CurrentActor() actor: Actor): Promise<IndicatorResponse> {
    return this.indicators.update(id, dto, actor);
  }

  @Get(':id/targets')
  @ApiOkResponse({ type: [TargetResponse], description: 'by year; in each year the program target first, then the units by code' })
  listTargets(@Param('id', uuidParam()) id: string, @Query() query: TargetQuery): Promise<TargetResponse[]> {
    return this.targets.list(id, query);
  }

  @Put(':id/targets')
  @ApiBody({
    type: [TargetDto],
    description: `targets to create or update (at most ${MAX_TARGETS_PER_REQUEST}), each (year, unit) once; targets not listed are kept`,
  })
  @ApiOkResponse({ type: [TargetResponse], description: "all the indicator's targets, every year" })
  upsertTargets(@Param('id', uuidParam()) id: string, @Body(TargetListPipe) targets: TargetDto[], @CurrentActor() actor: Actor): Promise<TargetResponse[]> {
    return this.targets.upsert(id, targets, actor);
  }
}
