import { Inject, Injectable, Logger } from '@nestjs/common';
import { addWorkingDays, localDate, zonedInstant } from '../calendar/working-days';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { CalendarService } from '../holidays/calendar.service';
import { ClockService } from '../infra/clock/clock.service';
import { QueueService } from '../infra/queue/queue.service';
import { SettingsRepository } from '../settings/settings.repository';
import { BriefingSenderService } from './briefing-sender.service';
import { BriefingsRepository } from './briefings.repository';
import { BriefingsService } from './briefings.service';

const AUTOMATION = { name: 'automation' };

// Each worker tick: enqueue again the compiles a lost Redis dropped, and, when the settings ask
// for it, compile the pack N working days before the meeting and send it once it is ready.
@Injectable()
export class BriefingAutomationService {
  private readonly logger = new Logger(BriefingAutomationService.name);

  constructor(
    private readonly briefings: BriefingsRepository,
    private readonly service: BriefingsService,
    private readonly sender: BriefingSenderService,
    private readonly settings: SettingsRepository,
    private readonly calendars: CalendarService,
    private readonly queue: QueueService,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(): Promise<{ requeued: number; requested: number; sent: number }> {
    const now = this.clock.now();
    const stale = await this.briefings.claimStale(new Date(now.getTime() - this.config.reminderRequeueAfterSeconds * 1000), now);
    for (const briefingId of stale) await this.queue.enqueue('briefings.compile', { briefingId }, { jobId: `${briefingId}-${now.getTime()}`, attempts: 3 });
    const settings = await this.settings.get();
    if (!settings.briefingCompileDaysBefore) return { requeued: stale.length, requested: 0, sent: 0 };
    const calendar = await this.calendars.calendar();
    // A meeting on or before the day N working days from today is within reach.
    const lastDay = addWorkingDays(calendar, localDate(now, calendar.timeZone), settings.briefingCompileDaysBefore);
    const until = zonedInstant(lastDay, '23:59', calendar.timeZone);
    let requested = 0;
    for (const period of await this.briefings.periodsWithoutPack(now, until)) {
      await this.service.request(period.id, AUTOMATION);
      requested += 1;
    }
    const sent = settings.briefingAutoSend ? await this.sendReady(now, until) : 0;
    if (stale.length || requested || sent) this.logger.log(`briefings: ${stale.length} enqueued again, ${requested} compiles requested, ${sent} packs sent`);
    return { requeued: stale.length, requested, sent };
  }

  private async sendReady(now: Date, until: Date): Promise<number> {
    let sent = 0;
    for (const period of await this.briefings.periodsWithinReach(now, until)) {
      const latest = await this.briefings.latestForPeriod(period.id);
      if (latest?.status !== 'done' || latest.sentAt || latest.requestedBy !== AUTOMATION.name) continue;
      await this.sender.send(latest.id, {}, AUTOMATION);
      sent += 1;
    }
    return sent;
  }
}
