import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SettingsModule } from '../settings/settings.module';
import { CalendarService } from './calendar.service';
import { HolidayEntity } from './holiday.entity';
import { HolidaysController } from './holidays.controller';
import { HolidaysRepository } from './holidays.repository';
import { HolidaysService } from './holidays.service';

@Module({
  imports: [TypeOrmModule.forFeature([HolidayEntity]), SettingsModule],
  controllers: [HolidaysController],
  providers: [HolidaysRepository, HolidaysService, CalendarService],
  exports: [CalendarService],
})
export class HolidaysModule {}
