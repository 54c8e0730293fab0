import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { HolidaysModule } from '../holidays/holidays.module';
import { PortalModule } from '../portal/portal.module';
import { SettingsModule } from '../settings/settings.module';
import { ReminderDigestRepository } from './reminder-digest.repository';
import { ReminderPolicyService } from './reminder-policy.service';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderSenderService } from './reminder-sender.service';
import { ReminderSweepService } from './reminder-sweep.service';
import { RemindersController } from './reminders.controller';
import { RemindersProcessor } from './reminders.processor';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

// The api role serves the reminder API (a manual run included); the worker role also runs the
// cron that triggers sweeps and the processor that sweeps and sends.
@Module({})
export class RemindersModule {
  static forRoot(worker: boolean): DynamicModule {
    return {
      module: RemindersModule,
      imports: [HolidaysModule, SettingsModule, PortalModule, ...(worker ? [ScheduleModule.forRoot()] : [])],
      controllers: [RemindersController],
      providers: [
        RemindersRepository,
        ReminderDigestRepository,
        ReminderPolicyService,
        ReminderSweepService,
        ReminderSenderService,
        RemindersService,
        ...(worker ? [RemindersProcessor, ReminderScheduler] : []),
      ],
      exports: [ReminderSweepService],
    };
  }
}
