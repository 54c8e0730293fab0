import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { ClockService } from '../infra/clock/clock.service';
import { BoundedWorkerHost } from '../infra/queue/bounded-worker-host';
import { JobPayloads, QUEUES } from '../infra/queue/jobs';
import { SettingsRepository } from '../settings/settings.repository';
import { MailTransportProvider, senderAddress } from './mail-transport.provider';
import { MailRepository } from './mail.repository';

@Processor(QUEUES.mail, { concurrency: 8 })
export class MailProcessor extends BoundedWorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly mails: MailRepository,
    private readonly settings: SettingsRepository,
    private readonly clock: ClockService,
    private readonly transport: MailTransportProvider,
  ) {
    super();
  }

  async process(job: Job<JobPayloads['mail.send']>): Promise<string> {
    const mail = await this.mails.findById(job.data.mailId);
    if (!mail) throw new UnrecoverableError(`mail ${job.data.mailId} does not exist`);
    // A retried or duplicated job must not send a second e-mail.
    if (mail.status === 'sent') return 'already sent';
    const from = senderAddress(await this.settings.get());
    try {
      const sent = await this.transport.send({
        id: mail.id,
        from,
        to: mail.toAddresses,
        cc: mail.ccAddresses,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody ?? undefined,
        attachments: mail.attachments,
        icalEvent: mail.icalEvent ?? undefined,
      });
      await this.mails.markSent(mail.id, sent.messageId, this.clock.now());
      return 'sent';
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.mails.markAttemptFailed(mail.id, error instanceof Error ? error.message : String(error), final);
      this.logger.warn(`mail ${mail.id} attempt ${job.attemptsMade + 1} failed: ${String(error)}`);
      throw error;
    }
  }
}
