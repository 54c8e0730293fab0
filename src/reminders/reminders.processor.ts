import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { BoundedWorkerHost } from '../infra/queue/bounded-worker-host';
import { JobPayloads, QUEUES } from '../infra/queue/jobs';
import { ReminderSenderService } from './reminder-sender.service';
import { ReminderSweepService } from './reminder-sweep.service';
import { RemindersRepository } from './reminders.repository';

type ReminderJob = Job<JobPayloads['reminders.sweep'], unknown, 'reminders.sweep'> | Job<JobPayloads['reminders.send'], unknown, 'reminders.send'>;

// 16 sends at once keep the SMTP pool's connections busy (src/infra/mail/mail-transport.ts) while
// others are in the database. Each send holds one pooled database connection for its row lock
// (RemindersRepository.whileLocked), so this stays below the pool's size (20, see
// src/infra/database/data-source-options.ts), leaving connections for the API and the sweeps.
export const REMINDER_SEND_CONCURRENCY = 16;

@Processor(QUEUES.reminders, { concurrency: REMINDER_SEND_CONCURRENCY })
export class RemindersProcessor extends BoundedWorkerHost {
  private readonly logger = new Logger(RemindersProcessor.name);

  constructor(
    private readonly sweeps: ReminderSweepService,
    private readonly sender: ReminderSenderService,
    private readonly reminders: RemindersRepository,
  ) {
    super();
  }

  async process(job: ReminderJob): Promise<unknown> {
    switch (job.name) {
      case 'reminders.sweep':
        return this.sweep();
      case 'reminders.send':
        return this.send(job as Job<JobPayloads['reminders.send']>);
    }
  }

  // What the job keeps in Redis: counts, not the reminders (ten thousand of them for a district).
  private async sweep(): Promise<{ created: number; requeued: number }> {
    const { created, requeued } = await this.sweeps.sweep();
    return { created: created.length, requeued };
  }

  private async send(job: Job<JobPayloads['reminders.send']>): Promise<string> {
    const { reminderId } = job.data;
    let outcome: Awaited<ReturnType<ReminderSenderService['send']>>;
    try {
      outcome = await this.sender.send(reminderId);
    } catch (error) {
      // BullMQ retries with exponential backoff; the last failure stays visible in the API.
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.reminders.markAttemptFailed(reminderId, error instanceof Error ? error.message : String(error), final);
      this.logger.warn(`reminder ${reminderId} attempt ${job.attemptsMade + 1} failed: ${String(error)}`);
      throw error;
    }
    if (outcome === 'missing') throw new UnrecoverableError(`reminder ${reminderId} does not exist`);
    return outcome;
  }
}
