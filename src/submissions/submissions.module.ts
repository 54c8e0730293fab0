import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IndicatorsModule } from '../indicators/indicators.module';
import { SettingsModule } from '../settings/settings.module';
import { UnitsModule } from '../units/units.module';
import { SubmissionInput } from './submission-input';
import { SubmissionReviewService } from './submission-review.service';
import { SubmissionEntity, SubmissionRevisionEntity } from './submission.entity';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [TypeOrmModule.forFeature([SubmissionEntity, SubmissionRevisionEntity]), UnitsModule, IndicatorsModule, SettingsModule],
  controllers: [SubmissionsController],
  providers: [SubmissionsRepository, SubmissionInput, SubmissionsService, SubmissionReviewService],
  exports: [SubmissionsService, SubmissionReviewService],
})
export class SubmissionsModule {}
