import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/roles';
import { uuidParam } from '../common/uuid.pipe';
import { AssignmentDetailResponse, AssignmentPage, AssignmentQuery, CreateExtensionDto, UpdateAssignmentDto } from './assignments.dto';
import { AssignmentsService } from './assignments.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get()
  @ApiOkResponse({ type: AssignmentPage, description: 'by effective deadline unless sort is given' })
  list(@Query() query: AssignmentQuery): Promise<AssignmentPage> {
    return this.assignments.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: AssignmentDetailResponse })
  get(@Param('id', uuidParam()) id: string): Promise<AssignmentDetailResponse> {
    return this.assignments.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AssignmentDetailResponse })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdateAssignmentDto, @CurrentActor() actor: Actor): Promise<AssignmentDetailResponse> {
    return this.assignments.update(id, dto, actor);
  }

  @Post(':id/extensions')
  @ApiCreatedResponse({ type: AssignmentDetailResponse, description: 'the assignment with its new deadline and every extension' })
  extend(@Param('id', uuidParam()) id: string, @Body() dto: CreateExtensionDto, @CurrentActor() actor: Actor): Promise<AssignmentDetailResponse> {
    return this.assignments.extend(id, dto, actor);
  }
}
