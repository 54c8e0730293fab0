import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { createMailTransport, MailTransport, OutgoingMail } from '../infra/mail/mail-transport';
import { SettingsEntity } from '../settings/settings.entity';

// One pooled transport per process for every kind of e-mail (notices, reminders, briefings).
@Injectable()
export class MailTransportProvider implements OnApplicationShutdown {
  private transport?: MailTransport;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  send(mail: OutgoingMail): Promise<{ messageId: string }> {
    this.transport ??= createMailTransport(this.config.smtpUrl, this.config.dataDir);
    return this.transport.send(mail);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

// Mail goes out in the secretariat's name, from its address when the settings have one.
export function senderAddress(settings: Pick<SettingsEntity, 'secretariatName' | 'secretariatEmail'>): string {
  const name = (settings.secretariatName ?? 'Giao ban').replace(/"/g, "'");
  return `"${name}" <${settings.secretariatEmail ?? 'no-reply@giaoban.local'}>`;
}
