import { DynamicModule, Module } from '@nestjs/common';
import { HolidaysModule } from '../holidays/holidays.module';
import { PeriodsModule } from '../periods/periods.module';
import { ProgressModule } from '../progress/progress.module';
import { SettingsModule } from '../settings/settings.module';
import { BriefingAutomationService } from './briefing-automation.service';
import { BriefingCompilerService } from './briefing-compiler.service';
import { BriefingDataRepository } from './briefing-data.repository';
import { BriefingSenderService } from './briefing-sender.service';
import { BriefingsController } from './briefings.controller';
import { BriefingsProcessor } from './briefings.processor';
import { BriefingsRepository } from './briefings.repository';
import { BriefingsService } from './briefings.service';

@Module({})
export class BriefingsModule {
  static forRoot(worker: boolean): DynamicModule {
    return {
      module: BriefingsModule,
      imports: [ProgressModule, PeriodsModule, SettingsModule, HolidaysModule],
      controllers: [BriefingsController],
      providers: [
        BriefingsRepository,
        BriefingDataRepository,
        BriefingCompilerService,
        BriefingsService,
        BriefingSenderService,
        BriefingAutomationService,
        ...(worker ? [BriefingsProcessor] : []),
      ],
      exports: [BriefingsService],
    };
  }
}
