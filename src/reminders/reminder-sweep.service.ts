import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { CalendarService } from '../holidays/calendar.service';
import { ClockService } from '../infra/clock/clock.service';
import { QueueService } from '../infra/queue/queue.service';
import { MailService } from '../mail/mail.service';
import { PortalLinksService } from '../portal/portal-links.service';
import { PORTAL_LINK_LIFETIME_MS } from '../portal/portal-token';
import { SettingsRepository } from '../settings/settings.repository';
import { planReminders, PlannedReminder } from './planner';
import { ReminderPolicy } from './reminder-policy';
import { ReminderPolicyService } from './reminder-policy.service';
import { PlannedRow, RemindersRepository } from './reminders.repository';

const SWEEP_CHUNK = 500;

export interface SweepResult {
  // The reminders this sweep recorded, with their ids (another sweep may have recorded some first).
  created: RecordedReminder[];
  requeued: number;
}

export type RecordedReminder = PlannedReminder & { id: string };

// Data flow step 2: ask the planner which reminders are due now, record each once, enqueue a send
// job per new row (job id = reminder id), and enqueue again what a lost Redis dropped.
@Injectable()
export class ReminderSweepService {
  private readonly logger = new Logger(ReminderSweepService.name);

  constructor(
    private readonly reminders: RemindersRepository,
    private readonly policies: ReminderPolicyService,
    private readonly calendars: CalendarService,
    private readonly queue: QueueService,
    private readonly mail: MailService,
    private readonly portalLinks: PortalLinksService,
    private readonly settings: SettingsRepository,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async plan(now = this.clock.now()): Promise<PlannedReminder[]> {
    const [policy, calendar] = await Promise.all([this.policies.current(), this.calendars.calendar()]);
    const items = await this.reminders.openItems(now, horizonDays(policy));
    const periodIds = [...new Set(items.map((item) => item.periodId))];
    const alreadySent = new Set(await this.reminders.recordedKeys(periodIds));
    return planReminders({ policy, calendar, now, items, alreadySent });
  }

  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const [planned, { portalBaseUrl }] = await Promise.all([this.plan(now), this.settings.get()]);
    // Recorded and enqueued a chunk at a time, so the first digests go out while the rest are
    // still being recorded. A row recorded but not enqueued (a crash between the two) is found
    // by requeueStale.
    const created: RecordedReminder[] = [];
    for (let start = 0; start < planned.length; start += SWEEP_CHUNK) {
      const recorded = await this.recordPlanned(planned.slice(start, start + SWEEP_CHUNK), now, portalBaseUrl);
      await this.queue.enqueueMany(
        'reminders.send',
        recorded.map(({ id }) => ({ payload: { reminderId: id }, jobId: id })),
      );
      created.push(...recorded);
    }
    const requeued = await this.requeueStale(now);
    if (created.length || requeued) this.logger.log(`reminder sweep: ${created.length} new, ${requeued} enqueued again`);
    return { created, requeued };
  }

  /**
   * Records planned reminders (not enqueued), each under a new id and with the hash of the portal
   * link derived from that id, so that its send writes no link of its own. Returns the ids of the
   * reminders recorded; one another sweep recorded first is skipped.
   */
  async record(planned: PlannedReminder[], now: Date): Promise<string[]> {
    const { portalBaseUrl } = await this.settings.get();
    return (await this.recordPlanned(planned, now, portalBaseUrl)).map(({ id }) => id);
  }

  private async recordPlanned(planned: PlannedReminder[], now: Date, portalBaseUrl: string | null): Promise<RecordedReminder[]> {
    if (planned.length === 0) return [];
    const withIds: RecordedReminder[] = planned.map((reminder) => ({ ...reminder, id: randomUUID() }));
    const linkHashes = await this.portalLinks.reminderLinkHashes(
      withIds.map(({ id }) => id),
      portalBaseUrl,
    );
    const recorded = new Set(
      await this.reminders.insertPlanned(
        withIds.map((reminder) => toPlannedRow(reminder, linkHashes.get(reminder.id) ?? null)),
        now,
        PORTAL_LINK_LIFETIME_MS,
      ),
    );
    return withIds.filter(({ id }) => recorded.has(id));
  }

  private async requeueStale(now: Date): Promise<number> {
    const olderThan = new Date(now.getTime() - this.config.reminderRequeueAfterSeconds * 1000);
    await this.mail.requeueStale(olderThan);
    const stale = await this.reminders.claimStale(olderThan, now);
    await this.queue.enqueueMany(
      'reminders.send',
      stale.map((reminderId) => ({ payload: { reminderId }, jobId: requeuedJobId(reminderId, now) })),
    );
    return stale.length;
  }
}

// A reminder enqueued again gets a job id of its own claim: BullMQ ignores an add whose id it
// still holds in any state, and a job can end (failed after stalling twice, or its failure not
// recorded while the database was away) with the reminder still queued. Two jobs for one reminder
// send one e-mail: each send takes the reminder's row lock and reads its status.
export function requeuedJobId(reminderId: string, claimedAt: Date): string {
  return `${reminderId}-requeued-${claimedAt.getTime()}`;
}

// The same for a failed reminder the secretariat retries (POST /reminders/:id/retry).
export function retryJobId(reminderId: string, retriedAt: Date): string {
  return `${reminderId}-retry-${retriedAt.getTime()}`;
}

// How far from now a deadline can still have a step due: the longest reach of the policy, in
// calendar days (a working week is 5 of 7 days, plus room for holidays).
export function horizonDays(policy: ReminderPolicy): number {
  const workingDays = Math.max(0, ...policy.beforeDue) + policy.overdueEvery * policy.overdueMax;
  return Math.ceil((workingDays * 7) / 5) + 30;
}

function toPlannedRow(reminder: RecordedReminder, linkHash: string | null): PlannedRow {
  return {
    id: reminder.id,
    linkHash,
    unitId: reminder.unitId,
    periodId: reminder.periodId,
    kind: reminder.kind,
    step: reminder.step,
    scheduledFor: reminder.scheduledFor,
    items: reminder.items.map((item) => ({ kind: item.kind, itemId: item.itemId, dueAt: item.dueAt.toISOString() })),
  };
}
