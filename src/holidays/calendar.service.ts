import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { CalendarEntry, createCalendar, WorkingCalendar } from '../calendar/working-days';
import { SettingsRepository } from '../settings/settings.repository';
import { HolidaysRepository } from './holidays.repository';

// Another process's edit of the holidays is seen within this long; an edit on this process at once.
export const HOLIDAYS_CACHE_TTL_MS = 60_000;

interface CachedEntries {
  loadedAt: number;
  entries: Promise<CalendarEntry[]>;
}

// The working-day calendar that deadlines, reminders and task status are computed with: the
// holidays table read in the committee's time zone.
//
// The holiday rows are cached in memory: HolidaysService invalidates the cache when it changes
// them, and other processes' changes are picked up when the cache expires (a TTL, measured on
// the monotonic clock rather than ClockService, which tests move). The time zone is read from the
// settings on every call (one primary-key lookup), so that a PATCH /settings on any process takes
// effect at once without the settings feature knowing about this cache.
@Injectable()
export class CalendarService {
  private cached?: CachedEntries;
  private built?: { entries: CalendarEntry[]; timeZone: string; calendar: WorkingCalendar };

  constructor(
    private readonly holidays: HolidaysRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async calendar(): Promise<WorkingCalendar> {
    const [entries, settings] = await Promise.all([this.entries(), this.settings.get()]);
    if (this.built?.entries !== entries || this.built.timeZone !== settings.timezone) {
      this.built = { entries, timeZone: settings.timezone, calendar: createCalendar(entries, settings.timezone) };
    }
    return this.built.calendar;
  }

  // Called after the holidays change; the next calendar() reads them again.
  invalidate(): void {
    this.cached = undefined;
  }

  private entries(): Promise<CalendarEntry[]> {
    const now = performance.now();
    if (this.cached && now - this.cached.loadedAt < HOLIDAYS_CACHE_TTL_MS) return this.cached.entries;
    // Callers arriving during the load share it; a failed load is not kept.
    const cached: CachedEntries = { loadedAt: now, entries: this.holidays.list() };
    this.cached = cached;
    void cached.entries.catch(() => {
      if (this.cached === cached) this.cached = undefined;
    });
    return cached.entries;
  }
}
