import { Injectable } from '@nestjs/common';
import { localDate, WorkingCalendar, workingDaysBetween } from '../calendar/working-days';
import { CalendarService } from '../holidays/calendar.service';
import { ClockService } from '../infra/clock/clock.service';
import { MailTransportProvider, senderAddress } from '../mail/mail-transport.provider';
import { PortalLinksService } from '../portal/portal-links.service';
import { SettingsEntity } from '../settings/settings.entity';
import { SettingsRepository } from '../settings/settings.repository';
import { DigestModel, renderDigest } from './digest/render-digest';
import { DigestFacts } from './reminder-digest.repository';
import { ReminderPolicy } from './reminder-policy';
import { ReminderPolicyService } from './reminder-policy.service';
import { LockedReminder, ReminderLock, ReminderRow, RemindersRepository } from './reminders.repository';

export type SendOutcome = 'sent' | 'already sent' | 'not queued' | 'cancelled' | 'missing';

export interface Envelope {
  to: string[];
  cc: string[];
}

// Escalations go to the head of the unit (its own addresses when it has no head) with the
// secretariat in copy; every other reminder to the unit's addresses.
export function envelopeFor(kind: ReminderRow['kind'], unit: DigestFacts['unit'], secretariatEmail: string | null): Envelope {
  if (kind !== 'escalation') return { to: unit.emails, cc: [] };
  return { to: unit.headEmail ? [unit.headEmail] : unit.emails, cc: secretariatEmail ? [secretariatEmail] : [] };
}

const CONTEXT_TTL_MS = 5_000;

interface SendContext {
  settings: SettingsEntity;
  policy: ReminderPolicy;
  calendar: WorkingCalendar;
}

// Data flow step 3: one digest per unit and step, rendered from what is pending at send time.
@Injectable()
export class ReminderSenderService {
  private cachedContext?: { expiresAt: number; value: Promise<SendContext> };

  constructor(
    private readonly reminders: RemindersRepository,
    private readonly settings: SettingsRepository,
    private readonly calendars: CalendarService,
    private readonly policies: ReminderPolicyService,
    private readonly transport: MailTransportProvider,
    private readonly portalLinks: PortalLinksService,
    private readonly clock: ClockService,
  ) {}

  // A retried or duplicated job must not send a second e-mail: the row lock makes jobs for the
  // same reminder take turns, and each reads the status the previous one left.
  // The settings, policy and calendar are read before the lock is taken: a send holding its
  // connection must never wait for another one, or as many sends as the pool has connections
  // would wait for each other for ever.
  // The digest carries the portal link derived from the reminder's id, which the sweep stored
  // when it recorded the reminder; the locked read says whether it still works. When it does not
  // (recorded without a key or a base URL, or the unit's links replaced since), the lock is let go
  // and a link is issued on its own, committed before the e-mail goes out: a link in a mail that
  // went out works even if the process dies before the send is recorded.
  async send(reminderId: string): Promise<SendOutcome> {
    const context = await this.context();
    const portalBaseUrl = context.settings.portalBaseUrl;
    const derived = await this.portalLinks.derivedReminderLink(reminderId, portalBaseUrl);
    const outcome = await this.reminders.whileLocked(reminderId, derived?.tokenHash ?? null, (current, lock) => {
      if (!current) return Promise.resolve('missing' as const);
      const works = derived !== null && current.linkExpiresAt !== null && current.linkExpiresAt > this.clock.now();
      if (portalBaseUrl && !works && current.status === 'queued') return Promise.resolve('needs a link' as const);
      return this.sendLocked(current, lock, context, works ? derived.url : null);
    });
    if (outcome !== 'needs a link') return outcome;
    const link = await this.portalLinks.issueForReminder(reminderId, portalBaseUrl);
    return this.reminders.whileLocked(reminderId, null, (current, lock) =>
      current ? this.sendLocked(current, lock, context, link?.url ?? null) : Promise.resolve('missing' as const),
    );
  }

  // The locked read brought the digest facts along, as they are now.
  private async sendLocked(reminder: LockedReminder, lock: ReminderLock, { settings, policy, calendar }: SendContext, portalUrl: string | null): Promise<SendOutcome> {
    if (reminder.status === 'sent') return 'already sent';
    if (reminder.status !== 'queued') return 'not queued';
    const { facts } = reminder;
    if (!facts || !facts.unit.active || (!facts.report && facts.tasks.length === 0)) {
      await lock.markCancelled('nothing is pending any more');
      return 'cancelled';
    }
    const envelope = envelopeFor(reminder.kind, facts.unit, settings.secretariatEmail);
    const rendered = renderDigest(this.model(reminder, facts, settings, policy, calendar, portalUrl));
    const sent = await this.transport.send({ id: reminder.id, from: senderAddress(settings), to: envelope.to, cc: envelope.cc, ...rendered });
    await lock.markSent(sent.messageId, envelope.to, envelope.cc, this.clock.now());
    return 'sent';
  }

  // A burst of thousands of digests reads the same settings, policy and calendar: kept for a few
  // seconds instead of three queries per e-mail. A change reaches the next burst.
  private context(): Promise<SendContext> {
    const now = Date.now();
    if (!this.cachedContext || this.cachedContext.expiresAt <= now) {
      const loading = Promise.all([this.settings.get(), this.policies.current(), this.calendars.calendar()]).then(([settings, policy, calendar]) => ({
        settings,
        policy,
        calendar,
      }));
      this.cachedContext = { expiresAt: now + CONTEXT_TTL_MS, value: loading };
      loading.catch(() => (this.cachedContext = undefined));
    }
    return this.cachedContext.value;
  }

  private model(reminder: LockedReminder, facts: DigestFacts, settings: SettingsEntity, policy: ReminderPolicy, calendar: WorkingCalendar, portalUrl: string | null): DigestModel {
    const now = this.clock.now();
    const dueDates = [...(facts.report ? [facts.report.dueAt] : []), ...facts.tasks.map((task) => task.dueAt)];
    const anchorDueAt = new Date(Math.min(...dueDates.map((date) => date.getTime())));
    // The policy's time zone decides the due day, as it does for the planner.
    const timeZone = policy.timezone;
    return {
      kind: reminder.kind,
      step: reminder.step,
      unit: { code: facts.unit.code, name: facts.unit.name },
      period: { year: facts.period.year, quarter: facts.period.quarter },
      committeeName: settings.committeeName,
      secretariatName: settings.secretariatName,
      secretariatEmail: settings.secretariatEmail,
      programName: settings.programName,
      timeZone,
      now,
      anchorDueAt,
      workingDaysLeft: workingDaysBetween(calendar, localDate(now, timeZone), localDate(anchorDueAt, timeZone)),
      report: facts.report,
      tasks: facts.tasks.map((task) => ({
        title: task.title,
        dueAt: task.dueAt,
        role: task.role,
        state: now > task.dueAt ? ('overdue' as const) : ('in_progress_on_time' as const),
      })),
      portalUrl,
    };
  }
}
