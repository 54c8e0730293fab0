import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/roles';
import { uuidParam } from '../common/uuid.pipe';
import { CreateTaskDto, TaskPage, TaskQuery, TaskResponse, UpdateTaskDto } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  @ApiCreatedResponse({ type: TaskResponse, description: 'the task with one assignment per unit' })
  create(@Body() dto: CreateTaskDto, @CurrentActor() actor: Actor): Promise<TaskResponse> {
    return this.tasks.create(dto, actor);
  }

  @Get()
  @ApiOkResponse({ type: TaskPage, description: 'by deadline unless sort is given; each task with its assignment counts' })
  list(@Query() query: TaskQuery): Promise<TaskPage> {
    return this.tasks.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskResponse })
  get(@Param('id', uuidParam()) id: string): Promise<TaskResponse> {
    return this.tasks.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({
    type: TaskResponse,
    description: 'a new dueAt moves the deadline of every assignment not extended on its own; taking a unit whose assignment is done off the task is a 409',
  })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdateTaskDto, @CurrentActor() actor: Actor): Promise<TaskResponse> {
    return this.tasks.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the task is deleted with its assignments and their extensions' })
  delete(@Param('id', uuidParam()) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.tasks.delete(id, actor);
  }
}
