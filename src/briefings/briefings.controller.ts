import { createReadStream } from 'node:fs';
import { Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Actor, CurrentActor } from '../auth/roles';
import { uuidParam } from '../common/uuid.pipe';
import { BriefingSenderService } from './briefing-sender.service';
import { BriefingFileParams, BriefingResponse, SendBriefingDto, SendBriefingResponse } from './briefings.dto';
import { BriefingsService } from './briefings.service';

@ApiTags('briefings')
@ApiBearerAuth()
@Controller()
export class BriefingsController {
  constructor(
    private readonly briefings: BriefingsService,
    private readonly sender: BriefingSenderService,
  ) {}

  @Post('periods/:id/briefings')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: BriefingResponse })
  request(@Param('id', uuidParam()) periodId: string, @CurrentActor() actor: Actor): Promise<BriefingResponse> {
    return this.briefings.request(periodId, actor);
  }

  @Get('periods/:id/briefings')
  @ApiOkResponse({ type: [BriefingResponse] })
  list(@Param('id', uuidParam()) periodId: string): Promise<BriefingResponse[]> {
    return this.briefings.list(periodId);
  }

  @Get('briefings/:id')
  @ApiOkResponse({ type: BriefingResponse })
  get(@Param('id', uuidParam()) id: string): Promise<BriefingResponse> {
    return this.briefings.get(id);
  }

  @Get('briefings/:id/files/:format')
  @ApiProduces(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'text/html',
    'text/markdown',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOkResponse({ description: 'the file' })
  async file(@Param() params: BriefingFileParams, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.briefings.file(params.id, params.format);
    void reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`);
    return new StreamableFile(createReadStream(file.path));
  }

  @Post('briefings/:id/send')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SendBriefingResponse })
  send(@Param('id', uuidParam()) id: string, @Body() dto: SendBriefingDto, @CurrentActor() actor: Actor): Promise<SendBriefingResponse> {
    return this.sender.send(id, dto, actor);
  }
}
