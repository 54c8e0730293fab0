import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/roles';
import { uuidParam } from '../common/uuid.pipe';
import { SubmissionReviewService } from './submission-review.service';
import { ReturnSubmissionDto, RevisionResponse, SubmissionPage, SubmissionQuery, SubmissionResponse, UpsertSubmissionDto } from './submissions.dto';
import { SubmissionsService } from './submissions.service';

@ApiTags('submissions')
@ApiBearerAuth()
@Controller()
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly review: SubmissionReviewService,
  ) {}

  @Get('periods/:id/submissions')
  @ApiOkResponse({ type: SubmissionPage, description: 'by unit code unless sort is given (unitCode, unitName, status, submittedAt, lastSubmittedAt, updatedAt)' })
  list(@Param('id', uuidParam()) periodId: string, @Query() query: SubmissionQuery): Promise<SubmissionPage> {
    return this.submissions.list(periodId, query);
  }

  @Put('periods/:periodId/submissions/:unitId')
  @ApiOperation({
    summary: "Create or replace a unit's report for a period, optionally submitting it",
    description:
      'Sections and values replace the stored ones. An accepted report cannot be edited (409); a submitted one can until it is reviewed, and stays submitted. ' +
      'An inactive unit is a 409. Every stored change adds a revision; a PUT that changes nothing adds none.',
  })
  @ApiOkResponse({ type: SubmissionResponse })
  upsert(
    @Param('periodId', uuidParam('periodId')) periodId: string,
    @Param('unitId', uuidParam('unitId')) unitId: string,
    @Body() dto: UpsertSubmissionDto,
    @CurrentActor() actor: Actor,
  ): Promise<SubmissionResponse> {
    return this.submissions.upsert(periodId, unitId, dto, actor);
  }

  @Get('submissions/:id')
  @ApiOkResponse({ type: SubmissionResponse })
  get(@Param('id', uuidParam()) id: string): Promise<SubmissionResponse> {
    return this.submissions.get(id);
  }

  @Get('submissions/:id/revisions')
  @ApiOkResponse({ type: [RevisionResponse], description: 'every stored change, oldest first' })
  revisions(@Param('id', uuidParam()) id: string): Promise<RevisionResponse[]> {
    return this.submissions.revisions(id);
  }

  @Post('submissions/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a submitted report (else 409); e-mails the unit a confirmation' })
  @ApiOkResponse({ type: SubmissionResponse })
  accept(@Param('id', uuidParam()) id: string, @CurrentActor() actor: Actor): Promise<SubmissionResponse> {
    return this.review.accept(id, actor);
  }

  @Post('submissions/:id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return a submitted or accepted report for revision (else 409); e-mails the unit the comment and its deadline' })
  @ApiOkResponse({ type: SubmissionResponse })
  return(@Param('id', uuidParam()) id: string, @Body() dto: ReturnSubmissionDto, @CurrentActor() actor: Actor): Promise<SubmissionResponse> {
    return this.review.return(id, dto, actor);
  }
}
