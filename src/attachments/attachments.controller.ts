import { ArgumentsHost, Catch, Controller, Delete, ExceptionFilter, Get, HttpCode, Param, Post, Req, Res, StreamableFile, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, CurrentActor } from '../auth/roles';
import { readUploadedFile } from '../common/upload';
import { uuidParam } from '../common/uuid.pipe';
import { AttachmentRejected } from './attachment-rejected';
import { contentDisposition } from './attachment-rules';
import { AttachmentResponse } from './attachments.dto';
import { AttachmentsService } from './attachments.service';

// The admin API's multipart field is `file` (the portal's is `files`): refusals name it.
@Catch(AttachmentRejected)
export class AdminAttachmentRejectedFilter implements ExceptionFilter {
  catch(exception: AttachmentRejected, host: ArgumentsHost): void {
    const body = exception.bodyFor('file');
    void host.switchToHttp().getResponse<FastifyReply>().status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

@ApiTags('attachments')
@ApiBearerAuth()
@UseFilters(new AdminAttachmentRejectedFilter())
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get('periods/:id/units/:unitId/attachments')
  @ApiOkResponse({ type: [AttachmentResponse], description: 'oldest first' })
  list(@Param('id', uuidParam()) periodId: string, @Param('unitId', uuidParam('unitId')) unitId: string): Promise<AttachmentResponse[]> {
    return this.attachments.list(periodId, unitId);
  }

  @Post('periods/:id/units/:unitId/attachments')
  @ApiOperation({
    summary: "Attach a file to a unit's report for a period, on the unit's behalf",
    description:
      'PDF, DOCX, XLSX, JPEG or PNG, at most 10 MB, judged by its content; the name must agree (400 naming file). ' +
      'At most 5 per unit and period (409); an accepted report cannot change (409); larger than 10 MB: 413.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AttachmentResponse })
  async add(
    @Param('id', uuidParam()) periodId: string,
    @Param('unitId', uuidParam('unitId')) unitId: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<AttachmentResponse> {
    return this.attachments.add(periodId, unitId, await readUploadedFile(request), actor);
  }

  @Get('submissions/:id/attachments')
  @ApiOkResponse({ type: [AttachmentResponse], description: "the files of the report's unit and period, oldest first" })
  listForSubmission(@Param('id', uuidParam()) submissionId: string): Promise<AttachmentResponse[]> {
    return this.attachments.listForSubmission(submissionId);
  }

  @Get('attachments/:id/download')
  @ApiProduces(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'image/jpeg',
    'image/png',
  )
  @ApiOkResponse({ description: 'the bytes, as an attachment under the name it was sent with' })
  async download(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.attachments.open(id);
    void reply
      .header('content-type', file.mimeType)
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(file.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store');
    return new StreamableFile(file.stream);
  }

  @Delete('attachments/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the file is removed; the audit log keeps its name, size and checksum' })
  remove(@Param('id', uuidParam()) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.attachments.removeById(id, actor);
  }
}
