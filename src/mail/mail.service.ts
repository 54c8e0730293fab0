import { Injectable } from '@nestjs/common';
import { ClockService } from '../infra/clock/clock.service';
import { QueueService } from '../infra/queue/queue.service';
import { MailMessageEntity } from './mail-message.entity';
import { MailRepository, NewMail } from './mail.repository';

// Records an e-mail in PostgreSQL, then enqueues its delivery: the row is the truth, the job only
// a trigger.
@Injectable()
export class MailService {
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

  // Delivery of a mail recorded in another transaction (insertMail), once that has committed. The
  // job id is the mail's, so however many times it is enqueued, it is sent once; with Redis away,
  // it waits no longer than QueueService allows.
  async enqueueRecorded(mailId: string): Promise<void> {
    await this.queue.enqueue('mail.send', { mailId }, { jobId: `mail-${mailId}` });
  }

  // Enqueues again (same job id, so a job still in Redis is not doubled) every mail still queued
  // after the grace time: a flushed Redis delays mail, never loses it.
  // A job that finished without the mail being sent is dropped first, or the add would be ignored.
  async requeueStale(olderThan: Date): Promise<number> {
    const ids = await this.mails.queuedBefore(olderThan);
    await this.queue.forgetFinished(
      'mail.send',
      ids.map((mailId) => `mail-${mailId}`),
    );
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
