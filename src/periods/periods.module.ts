import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TasksModule } from '../tasks/tasks.module';
import { UnitsModule } from '../units/units.module';
import { AgendaItemsRepository } from './agenda-items.repository';
import { AgendaItemsService } from './agenda-items.service';
import { PeriodEntity } from './period.entity';
import { PeriodsController } from './periods.controller';
import { PeriodsRepository } from './periods.repository';
import { PeriodsService } from './periods.service';
import { ReportExtensionsRepository } from './report-extensions.repository';
import { ReportExtensionsService } from './report-extensions.service';

@Module({
  // A period created fromTemplates asks the tasks feature for its tasks; tasks do not import periods.
  imports: [TypeOrmModule.forFeature([PeriodEntity]), UnitsModule, TasksModule],
  controllers: [PeriodsController],
  providers: [PeriodsRepository, PeriodsService, ReportExtensionsRepository, ReportExtensionsService, AgendaItemsRepository, AgendaItemsService],
  exports: [PeriodsService, ReportExtensionsService, AgendaItemsService],
})
export class PeriodsModule {}
