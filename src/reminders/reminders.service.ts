import { Injectable } from '@nestjs/common';
import { conflict, notFound } from '../common/errors';
import { Page, toPage } from '../common/pagination';
import { ClockService } from '../infra/clock/clock.service';
import { QueueService } from '../infra/queue/queue.service';
import { PlannedReminder } from './planner';
import { retryJobId, ReminderSweepService } from './reminder-sweep.service';
import { PlannedReminderResponse, ReminderQuery, ReminderResponse, RunResponse, toReminderResponse } from './reminders.dto';
import { RemindersRepository } from './reminders.repository';

function toPlannedResponse(reminder: PlannedReminder): PlannedReminderResponse {
  return {
    unitId: reminder.unitId,
    periodId: reminder.periodId,
    kind: reminder.kind,
    step: reminder.step,
    scheduledFor: reminder.scheduledFor.toISOString(),
    items: reminder.items.map((item) => ({ kind: item.kind, itemId: item.itemId, dueAt: item.dueAt.toISOString() })),
  };
}

// As PostgreSQL orders uuids (byte by byte, which the lower-case text form keeps).
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

@Injectable()
export class RemindersService {
  constructor(
    private readonly reminders: RemindersRepository,
    private readonly sweeps: ReminderSweepService,
    private readonly queue: QueueService,
    private readonly clock: ClockService,
  ) {}

  async list(query: ReminderQuery): Promise<Page<ReminderResponse>> {
    const { rows, total } = await this.reminders.list({ ...query, offset: (query.page - 1) * query.limit, limit: query.limit });
    return toPage(rows.map(toReminderResponse), total, query);
  }

  // The preview answers what the planner would create now; a real run records and enqueues it,
  // exactly as the cron's sweep does.
  async run(dryRun: boolean): Promise<RunResponse> {
    if (dryRun) return { dryRun, reminders: (await this.sweeps.plan()).map(toPlannedResponse) };
    // Answered from what the sweep recorded, in the order of the reminder list (unit, period).
    const { created } = await this.sweeps.sweep();
    const ordered = [...created].sort((a, b) => compareIds(a.unitId, b.unitId) || compareIds(a.periodId, b.periodId));
    return { dryRun, reminders: ordered.map(toPlannedResponse) };
  }

  async retry(id: string): Promise<ReminderResponse> {
    const reminder = await this.reminders.findById(id);
    if (!reminder) throw notFound('reminder', id);
    const at = this.clock.now();
    if (!(await this.reminders.requeue(id, at))) throw conflict(`reminder ${id} is ${reminder.status}; only a failed reminder can be retried`, 'status');
    // A job id of this retry's own: the failed job keeps the reminder's id in Redis for a week.
    await this.queue.enqueue('reminders.send', { reminderId: id }, { jobId: retryJobId(id, at) });
    return toReminderResponse((await this.reminders.findById(id))!);
  }
}
