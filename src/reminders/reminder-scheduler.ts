import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { QueueService } from '../infra/queue/queue.service';

const INTERVAL_NAME = 'reminder-sweep';

// The worker's cron: every tick only enqueues a sweep job whose id is derived from the tick, so
// however many workers run, BullMQ keeps one sweep per tick. The tick is wall-clock time (not the
// business clock): it only names the job.
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderScheduler.name);

  constructor(
    private readonly queue: QueueService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const intervalMs = this.config.reminderSweepIntervalSeconds * 1000;
    const handle = setInterval(() => void this.tick(), intervalMs);
    this.registry.addInterval(INTERVAL_NAME, handle);
    // A first sweep at start-up catches up after downtime without waiting a whole interval.
    void this.tick();
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
  }

  async tick(at = Date.now()): Promise<void> {
    const tick = Math.floor(at / (this.config.reminderSweepIntervalSeconds * 1000));
    try {
      await this.queue.enqueue('reminders.sweep', { tick }, { jobId: `sweep-${tick}`, attempts: 1 });
      await this.queue.enqueue('briefings.sweep', { tick }, { jobId: `briefings-sweep-${tick}`, attempts: 1 });
    } catch (error) {
      this.logger.warn(`could not enqueue the reminder sweep: ${String(error)}`);
    }
  }
}
