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
    await this.queue.enqueue('mail.send', { mailId: created.id }, { jobId: `mail-${created.id}` });
    return created;
  }

  findById(id: string): Promise<MailMessageEntity | null> {
    return this.mails.findById(id);
  }
}
