import { Injectable, Logger } from '@nestjs/common';
import { ClockService } from '../infra/clock/clock.service';
import { QueueService } from '../infra/queue/queue.service';
import { MailMessageEntity } from './mail-message.entity';
import { MailRepository, NewMail } from './mail.repository';

// How long a request waits for Redis to take a mail's job. Redis down must not hang the request
// that recorded the mail: the job is added when Redis is back, or by the sweep (requeueStale).
export const ENQUEUE_WAIT_MS = 2_000;

// Records an e-mail in PostgreSQL, then enqueues its delivery: the row is the truth, the job only
// a trigger.
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);

  constructor(
    private readonly mails: MailRepository,
    private readonly queue: QueueService,
    private readonly clock: ClockService,
  ) {}

  async queueMail(mail: Omit<NewMail, 'createdAt'>): Promise<MailMessageEntity> {
    const created = await this.mails.create({ ...mail, createdAt: this.clock.now() });
    await this.enqueueRecorded(created.id);
    return created;
  }

  // Delivery of a mail recorded in another transaction (insertMail), once that has committed.
  // Waits at most ENQUEUE_WAIT_MS for Redis; the job id is the mail's, so however many times it
  // is enqueued, it is sent once.
  async enqueueRecorded(mailId: string): Promise<void> {
    const adding = this.queue.enqueue('mail.send', { mailId }, { jobId: `mail-${mailId}` });
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'waited'>((resolve) => {
      timer = setTimeout(() => resolve('waited'), ENQUEUE_WAIT_MS);
      timer.unref();
    });
    try {
      if ((await Promise.race([adding, waited])) !== 'waited') return;
    } finally {
      clearTimeout(timer);
    }
    this.logger.warn(`mail ${mailId} is recorded; Redis did not take its job within ${ENQUEUE_WAIT_MS} ms, so it is enqueued when Redis is back`);
    adding.catch((error: unknown) => this.logger.warn(`mail ${mailId} is recorded, its job not enqueued (the sweep will): ${String(error)}`));
  }

  // Enqueues again (same job id, so a job still in Redis is not doubled) every mail still queued
  // after the grace time: a flushed Redis delays mail, never loses it.
  async requeueStale(olderThan: Date): Promise<number> {
    const ids = await this.mails.queuedBefore(olderThan);
    await this.queue.enqueueMany(
      'mail.send',
      ids.map((mailId) => ({ payload: { mailId }, jobId: `mail-${mailId}` })),
    );
    return ids.length;
  }

  findById(id: string): Promise<MailMessageEntity | null> {
    return this.mails.findById(id);
  }
}
