import { Injectable } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { invalid } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { DEFAULT_REMINDER_POLICY, ReminderPolicy, validatePolicy } from './reminder-policy';
import { RemindersRepository } from './reminders.repository';

// The policy lives in PostgreSQL (NULL: the defaults) and is read by every sweep, so a change
// applies from the next tick on every worker.
@Injectable()
export class ReminderPolicyService {
  constructor(
    private readonly reminders: RemindersRepository,
    private readonly clock: ClockService,
  ) {}

  async current(): Promise<ReminderPolicy> {
    const stored = (await this.reminders.policy()) as Partial<ReminderPolicy> | null;
    return { ...DEFAULT_REMINDER_POLICY, ...(stored ?? {}) };
  }

  async replace(input: unknown, actor: Actor): Promise<ReminderPolicy> {
    const errors = validatePolicy(input);
    if (errors.length) throw invalid(errors);
    const before = await this.current();
    const policy = { ...DEFAULT_REMINDER_POLICY, ...(input as Partial<ReminderPolicy>) };
    const changes = diffChanges(before as unknown as Record<string, unknown>, policy);
    if (Object.keys(changes).length === 0) return before;
    const at = this.clock.now();
    await this.reminders.savePolicy(policy, at, { at, actor: actor.name, action: 'update', entity: 'reminder_policy', changes });
    return policy;
  }
}
