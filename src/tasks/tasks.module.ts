import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HolidaysModule } from '../holidays/holidays.module';
import { AssigneesService } from './assignees.service';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { TaskTemplateEntity } from './task-template.entity';
import { TaskTemplatesController } from './task-templates.controller';
import { TaskTemplatesRepository } from './task-templates.repository';
import { TaskTemplatesService } from './task-templates.service';
import { AssignmentEntity, AssignmentExtensionEntity, TaskEntity } from './task.entity';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

// Tasks of a period, their assignments to units (with deadline extensions), and the templates
// a new period's tasks can be made from. The periods feature imports this module, not the reverse.
@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity, AssignmentEntity, AssignmentExtensionEntity, TaskTemplateEntity]), HolidaysModule],
  controllers: [TasksController, AssignmentsController, TaskTemplatesController],
  providers: [TasksRepository, AssignmentsRepository, TaskTemplatesRepository, AssigneesService, TasksService, AssignmentsService, TaskTemplatesService],
  exports: [TasksService, AssignmentsService],
})
export class TasksModule {}
