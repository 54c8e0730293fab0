import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/roles';
import { uuidParam } from '../common/uuid.pipe';
import { CreateTaskTemplateDto, TaskTemplatePage, TaskTemplateQuery, TaskTemplateResponse } from './task-templates.dto';
import { TaskTemplatesService } from './task-templates.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('task-templates')
export class TaskTemplatesController {
  constructor(private readonly templates: TaskTemplatesService) {}

  @Post()
  @ApiCreatedResponse({ type: TaskTemplateResponse })
  create(@Body() dto: CreateTaskTemplateDto, @CurrentActor() actor: Actor): Promise<TaskTemplateResponse> {
    return this.templates.create(dto, actor);
  }

  @Get()
  @ApiOkResponse({ type: TaskTemplatePage, description: 'by due month, day and time unless sort is given' })
  list(@Query() query: TaskTemplateQuery): Promise<TaskTemplatePage> {
    return this.templates.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the template is deleted; tasks made from it stay' })
  delete(@Param('id', uuidParam()) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.templates.delete(id, actor);
  }
}
