import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { HolidaysModule } from '../holidays/holidays.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { PeriodsModule } from '../periods/periods.module';
import { SettingsModule } from '../settings/settings.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { TasksModule } from '../tasks/tasks.module';
import { UnitsModule } from '../units/units.module';
import { PortalLinksController } from './portal-links.controller';
import { PortalLinksService } from './portal-links.service';
import { PortalRateLimiter, PortalRateLimitGuard } from './portal-rate-limit';
import { PortalTokenEntity } from './portal-token.entity';
import { PortalTokensRepository } from './portal-tokens.repository';
import { PortalViews } from './portal-views.service';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';

// The unit portal: links (tokens) issued by the admin API and the reminders, and the unit's form
// at /portal/:token. Reports are written through SubmissionsService only, files through
// AttachmentsService.
@Module({
  imports: [
    TypeOrmModule.forFeature([PortalTokenEntity]),
    PeriodsModule,
    UnitsModule,
    SettingsModule,
    HolidaysModule,
    TasksModule,
    IndicatorsModule,
    SubmissionsModule,
    AttachmentsModule,
  ],
  controllers: [PortalLinksController, PortalController],
  providers: [PortalTokensRepository, PortalLinksService, PortalViews, PortalService, PortalRateLimiter, PortalRateLimitGuard],
  exports: [PortalLinksService],
})
export class PortalModule {}
