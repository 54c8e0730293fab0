import { Injectable } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { invalidField } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { MailService } from '../mail/mail.service';
import { SendTestEmailDto, SettingsResponse, TestEmailResponse, toSettingsResponse, UpdateSettingsDto } from './settings.dto';
import { SettingsRepository } from './settings.repository';

@Injectable()
export class SettingsService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly mail: MailService,
    private readonly clock: ClockService,
  ) {}

  async get(): Promise<SettingsResponse> {
    return toSettingsResponse(await this.settings.get());
  }

  async update(dto: UpdateSettingsDto, actor: Actor): Promise<SettingsResponse> {
    const before = toSettingsResponse(await this.settings.get());
    // The DTO has a property for every field, undefined when not sent: only the sent ones change.
    const sent = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as UpdateSettingsDto;
    const changes = diffChanges(before as unknown as Record<string, unknown>, { ...before, ...sent });
    if (Object.keys(changes).length === 0) return before;
    const at = this.clock.now();
    const updated = await this.settings.update(sent, at, { at, actor: actor.name, action: 'update', entity: 'settings', changes });
    return toSettingsResponse(updated);
  }

  // Lets the secretariat check the mail configuration end to end before the first reminders go out.
  async sendTestEmail(dto: SendTestEmailDto): Promise<TestEmailResponse> {
    const settings = await this.settings.get();
    const to = dto.to?.length ? dto.to : settings.secretariatEmail ? [settings.secretariatEmail] : [];
    if (to.length === 0) throw invalidField('to', 'is required while the settings have no secretariatEmail');
    const program = settings.programName ?? 'Giao ban';
    const mail = await this.mail.queueMail({
      kind: 'test',
      toAddresses: to,
      ccAddresses: [],
      subject: `[Giao ban] Thư kiểm tra cấu hình gửi thư — ${program}`,
      textBody: `Đây là thư kiểm tra do Giao ban gửi để xác nhận việc gửi thư điện tử hoạt động.\n\n${settings.committeeName ?? ''}\n${settings.secretariatName ?? ''}`.trim(),
      htmlBody: `<p>Đây là thư kiểm tra do <strong>Giao ban</strong> gửi để xác nhận việc gửi thư điện tử hoạt động.</p>`,
    });
    return { mailId: mail.id, to, status: 'queued' };
  }
}
