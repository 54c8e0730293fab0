import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/roles';
import { conflict } from '../common/errors';
import { formatDateTimeVi, quarterLabelVi } from '../common/vietnamese';
import { ClockService } from '../infra/clock/clock.service';
import { MailService } from '../mail/mail.service';
import { SettingsRepository } from '../settings/settings.repository';
import { BriefingCompilerService } from './briefing-compiler.service';
import { BriefingDataRepository } from './briefing-data.repository';
import { SendBriefingDto, SendBriefingResponse } from './briefings.dto';
import { BriefingsRepository } from './briefings.repository';
import { BriefingsService } from './briefings.service';
import { meetingInvite } from './ics';

const MEETING_MINUTES = 180;

// Mails the pack (DOCX and HTML attached) with a calendar invitation to the participants,
// through the mail queue like every other e-mail.
@Injectable()
export class BriefingSenderService {
  constructor(
    private readonly briefings: BriefingsRepository,
    private readonly service: BriefingsService,
    private readonly compiler: BriefingCompilerService,
    private readonly data: BriefingDataRepository,
    private readonly settings: SettingsRepository,
    private readonly mail: MailService,
    private readonly clock: ClockService,
  ) {}

  async send(id: string, dto: SendBriefingDto, _actor: Pick<Actor, 'name'>): Promise<SendBriefingResponse> {
    const briefing = await this.service.require(id);
    if (briefing.status !== 'done') throw conflict(`briefing ${id} is ${briefing.status}; only a compiled pack can be sent`, 'status');
    const [period, settings] = await Promise.all([this.data.period(briefing.periodId), this.settings.get()]);
    if (!period) throw conflict(`the period of briefing ${id} no longer exists`, 'periodId');
    const secretariat = settings.secretariatEmail;
    const recipients = dto.to?.length ? [...new Set(dto.to)] : [...new Set([...(await this.briefings.emailsOfActiveUnits()), ...(secretariat ? [secretariat] : [])])];
    if (recipients.length === 0) throw conflict('there is nobody to send the pack to: no active unit has an e-mail', 'to');
    const label = quarterLabelVi(period.quarter, period.year);
    const when = formatDateTimeVi(period.briefingAt, settings.timezone);
    const place = period.briefingPlace ? ` tại ${period.briefingPlace}` : '';
    const committee = settings.committeeName ?? 'Ban Chỉ đạo';
    const summary = `Hội nghị giao ban ${label}`;
    const text = [
      `${committee} trân trọng kính mời đại biểu dự ${summary.charAt(0).toLowerCase()}${summary.slice(1)}, vào lúc ${when}${place}.`,
      '',
      'Tài liệu hội nghị (báo cáo tổng hợp, chương trình, số liệu chỉ tiêu) được gửi kèm thư này: tệp Word (.docx) và bản xem trên trình duyệt (.html).',
      '',
      settings.secretariatName ?? '',
      committee,
    ].join('\n');
    const ics = meetingInvite({
      uid: `briefing-${period.id}@giaoban`,
      sequence: briefing.version,
      start: period.briefingAt,
      durationMinutes: MEETING_MINUTES,
      timeZone: settings.timezone,
      summary: `${summary} — ${committee}`,
      description: text,
      location: period.briefingPlace,
      organizer: { name: settings.secretariatName ?? committee, email: secretariat ?? 'no-reply@giaoban.local' },
      attendees: recipients,
      stamp: this.clock.now(),
    });
    const directory = this.compiler.directory(id);
    const mail = await this.mail.queueMail({
      kind: 'briefing',
      toAddresses: recipients,
      ccAddresses: [],
      subject: `[Giao ban] Giấy mời và tài liệu ${summary.charAt(0).toLowerCase()}${summary.slice(1)} (${when})`,
      textBody: text,
      htmlBody: null,
      attachments: [
        {
          filename: this.compiler.fileName(briefing, period, 'docx'),
          path: join(directory, 'pack.docx'),
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        },
        { filename: this.compiler.fileName(briefing, period, 'html'), path: join(directory, 'pack.html'), contentType: 'text/html; charset=utf-8' },
      ],
      icalEvent: ics,
    });
    await this.briefings.markSent(id, this.clock.now());
    return { mailId: mail.id, recipients: recipients.length, status: 'queued' };
  }
}
