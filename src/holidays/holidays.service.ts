import { Injectable } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { invalid } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { CalendarService } from './calendar.service';
import { byDate, Holiday, yearListErrors } from './holiday-rules';
import { HolidayDto, HolidayQuery, HolidayResponse, toHolidayResponse } from './holidays.dto';
import { HolidaysRepository } from './holidays.repository';

@Injectable()
export class HolidaysService {
  constructor(
    private readonly holidays: HolidaysRepository,
    private readonly calendar: CalendarService,
    private readonly clock: ClockService,
  ) {}

  async list(query: HolidayQuery): Promise<HolidayResponse[]> {
    return (await this.holidays.list(query.year)).map(toHolidayResponse);
  }

  // Replaces every entry of the year with the given ones; the audit log keeps both lists.
  async replaceYear(year: number, dtos: HolidayDto[], actor: Actor): Promise<HolidayResponse[]> {
    const errors = yearListErrors(year, dtos);
    if (errors.length > 0) throw invalid(errors);
    const entries: Holiday[] = dtos.map(toHolidayResponse).sort(byDate);
    const at = this.clock.now();
    const saved = await this.holidays.replaceYear(year, entries, at, (before) => {
      const changes = diffChanges({ entries: before.map(toHolidayResponse) }, { entries });
      return Object.keys(changes).length > 0 ? { at, actor: actor.name, action: 'update', entity: 'holidays', changes } : undefined;
    });
    this.calendar.invalidate();
    return saved.map(toHolidayResponse);
  }
}
