import { Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ClockService } from '../infra/clock/clock.service';
import { BoundedWorkerHost } from '../infra/queue/bounded-worker-host';
import { createMailTransport, MailTransport } from '../infra/mail/mail-transport';
import { JobPayloads, QUEUES } from '../infra/queue/jobs';
import { SettingsRepository } from '../settings/settings.repository';
import { MailRepository } from './mail.repository';

@Processor(QUEUES.mail, { concurrency: 8 })
export class MailProcessor extends BoundedWorkerHost implements OnModuleDestroy {
  private readonly logger = new Logger(MailProcessor.name);
  private readonly transport: MailTransport;

  constructor(
    private readonly mails: MailRepository,
    private readonly settings: SettingsRepository,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    this.transport = createMailTransport(config.smtpUrl, config.dataDir);
  }

  async process(job: Job<JobPayloads['mail.send']>): Promise<string> {
    const mail = await this.mails.findById(job.data.mailId);
    if (!mail) throw new UnrecoverableError(`mail ${job.data.mailId} does not exist`);
    // A retried or duplicated job must not send a second e-mail.
    if (mail.status === 'sent') return 'already sent';
    const settings = await this.settings.get();
    const fromName = settings.secretariatName ?? 'Giao ban';
    const from = settings.secretariatEmail ? `"${fromName}" <${settings.secretariatEmail}>` : `"${fromName}" <no-reply@giaoban.local>`;
    try {
      const sent = await this.transport.send({
        id: mail.id,
        from,
        to: mail.toAddresses,
        cc: mail.ccAddresses,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody ?? undefined,
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

  onModuleDestroy(): void {
    this.transport.close();
  }
}
