import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Actor, CurrentActor } from '../auth/roles';
import { readUploadedFile } from '../common/upload';
import { uuidParam } from '../common/uuid.pipe';
import { CreateUnitDto, ImportQuery, ImportResult, UnitPage, UnitQuery, UnitResponse, UpdateUnitDto } from './units.dto';
import { UnitsImportService } from './units-import.service';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly importer: UnitsImportService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: UnitResponse })
  create(@Body() dto: CreateUnitDto, @CurrentActor() actor: Actor): Promise<UnitResponse> {
    return this.units.create(dto, actor);
  }

  @Get()
  @ApiOkResponse({ type: UnitPage })
  list(@Query() query: UnitQuery): Promise<UnitPage> {
    return this.units.list(query);
  }

  @Post('import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '.csv or .xlsx with columns code,name,kind,parentCode,emails,headEmail (emails separated by ;)' } },
    },
  })
  @ApiOkResponse({ type: ImportResult })
  async import(@Req() request: FastifyRequest, @Query() query: ImportQuery, @CurrentActor() actor: Actor): Promise<ImportResult> {
    return this.importer.import((await readUploadedFile(request)).content, query.partial ?? false, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: UnitResponse })
  get(@Param('id', uuidParam()) id: string): Promise<UnitResponse> {
    return this.units.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UnitResponse })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdateUnitDto, @CurrentActor() actor: Actor): Promise<UnitResponse> {
    return this.units.update(id, dto, actor);
  }

  @Delete(':id')
  @ApiOkResponse({ type: UnitResponse, description: 'the unit, deactivated; its history is kept' })
  deactivate(@Param('id', uuidParam()) id: string, @CurrentActor() actor: Actor): Promise<UnitResponse> {
    return this.units.deactivate(id, actor);
  }
}
