import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/roles';
import { uuidParam } from '../common/uuid.pipe';
import { AgendaItemsPipe } from './agenda-items.pipe';
import { AgendaItemsService } from './agenda-items.service';
import {
  AGENDA_BODY_DESCRIPTION,
  AgendaItemDto,
  AgendaItemResponse,
  CreatedPeriodResponse,
  CreatePeriodDto,
  ExtensionDto,
  ExtensionResponse,
  PeriodPage,
  PeriodQuery,
  PeriodResponse,
  UpdatePeriodDto,
} from './periods.dto';
import { PeriodsService } from './periods.service';
import { ReportExtensionsService } from './report-extensions.service';

@ApiTags('periods')
@ApiBearerAuth()
@Controller('periods')
export class PeriodsController {
  constructor(
    private readonly periods: PeriodsService,
    private readonly extensions: ReportExtensionsService,
    private readonly agenda: AgendaItemsService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedPeriodResponse })
  create(@Body() dto: CreatePeriodDto, @CurrentActor() actor: Actor): Promise<CreatedPeriodResponse> {
    return this.periods.create(dto, actor);
  }

  @Get()
  @ApiOkResponse({ type: PeriodPage, description: 'latest quarter first unless sort is given' })
  list(@Query() query: PeriodQuery): Promise<PeriodPage> {
    return this.periods.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PeriodResponse })
  get(@Param('id', uuidParam()) id: string): Promise<PeriodResponse> {
    return this.periods.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PeriodResponse })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdatePeriodDto, @CurrentActor() actor: Actor): Promise<PeriodResponse> {
    return this.periods.update(id, dto, actor);
  }

  @Get(':id/units/:unitId/extension')
  @ApiOkResponse({ type: ExtensionResponse })
  extension(@Param('id', uuidParam()) id: string, @Param('unitId', uuidParam('unitId')) unitId: string): Promise<ExtensionResponse> {
    return this.extensions.get(id, unitId);
  }

  @Post(':id/units/:unitId/extension')
  @ApiCreatedResponse({ type: ExtensionResponse })
  extend(
    @Param('id', uuidParam()) id: string,
    @Param('unitId', uuidParam('unitId')) unitId: string,
    @Body() dto: ExtensionDto,
    @CurrentActor() actor: Actor,
  ): Promise<ExtensionResponse> {
    return this.extensions.extend(id, unitId, dto, actor);
  }

  @Get(':id/agenda-items')
  @ApiOkResponse({ type: [AgendaItemResponse], description: 'in time order' })
  agendaItems(@Param('id', uuidParam()) id: string): Promise<AgendaItemResponse[]> {
    return this.agenda.list(id);
  }

  @Put(':id/agenda-items')
  @ApiBody({ type: [AgendaItemDto], description: AGENDA_BODY_DESCRIPTION })
  @ApiOkResponse({ type: [AgendaItemResponse], description: 'the saved agenda, in time order' })
  replaceAgendaItems(@Param('id', uuidParam()) id: string, @Body(AgendaItemsPipe) items: AgendaItemDto[], @CurrentActor() actor: Actor): Promise<AgendaItemResponse[]> {
    return this.agenda.replace(id, items, actor);
  }
}
