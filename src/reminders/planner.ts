import { addWorkingDays, isWorkingDay, localDate, WorkingCalendar, workingDayOnOrBefore, zonedInstant } from '../calendar/working-days';
import { ReminderPolicy, validatePolicy } from './reminder-policy';

// The reminder planner: which digests are due now. Pure: the sweep passes the policy, the
// calendar, the time and what is open, and records what comes back.
//
// One schedule per (unit, period), counted from the earliest due instant among that unit's open
// items in the period (the anchor), so that one digest per step covers all of them; the digest
// lists every open item, items[0] being the anchor. When the anchor item is done, the next
// earliest deadline becomes the anchor. A reminder is recorded once per (unit, period, kind,
// step) whatever the anchor was, so a step already used for an earlier deadline of the same
// period is not sent again for a later one.
//
// With D the anchor's local day (in policy.timezone) and D' the last working day on or before D:
// - before_due n goes out on the working day from which n working days remain until D, i.e. n
//   working days before D' (for a Saturday deadline, before_due 1 is on Thursday: Friday is left);
// - due_today goes out on D, only when D is a working day (on a Friday before a Saturday
//   deadline "today is the deadline" would be wrong, and before_due 1 is on Thursday);
// - overdue i goes out i × overdueEvery working days after D, as an escalation once the unit has
//   had escalateAfter - 1 overdue reminders (see overdueKind).
// Each at policy.sendAt local time, so always on a working day at sendAt.

export type ReminderKind = 'before_due' | 'due_today' | 'overdue' | 'escalation';

// Something a unit still has to do in a period. The sweep passes open items only: assignments not
// done, and the report while it is missing, a draft or returned.
export interface PendingItem {
  unitId: string;
  periodId: string;
  kind: 'report' | 'task';
  // The assignment id, or 'report'.
  itemId: string;
  // The effective due instant, after extensions.
  dueAt: Date;
}

export interface ReminderStep {
  kind: ReminderKind;
  // before_due: the working days left (n of beforeDue); due_today: 0; overdue and escalation: i.
  step: number;
  // The local send day, always a working day, and sendAt on it.
  sendOn: string;
  scheduledFor: Date;
}

export interface PlannedReminder {
  unitId: string;
  periodId: string;
  kind: ReminderKind;
  step: number;
  // When the step was due: earlier than now when a sweep catches up.
  scheduledFor: Date;
  // Every open item of the unit in the period, by due instant: items[0].dueAt is the anchor.
  items: PendingItem[];
}

export interface PlanInput {
  policy: ReminderPolicy;
  calendar: WorkingCalendar;
  now: Date;
  items: readonly PendingItem[];
  // reminderKey() of every reminder already recorded, whatever its status.
  alreadySent: ReadonlySet<string>;
}

export type ReminderKeyParts = Pick<PlannedReminder, 'unitId' | 'periodId' | 'kind' | 'step'>;

interface Schedule {
  dueOn: string;
  lastWorkingDay: string;
  steps: ReminderStep[];
}

// The same key as the unique index of the reminders table: (unit, period, kind, step).
export function reminderKey({ unitId, periodId, kind, step }: ReminderKeyParts): string {
  return `${unitId}|${periodId}|${kind}|${step}`;
}

// Reminders go out on working days from sendAt to midnight, committee time. A sweep outside that
// window sends nothing, so a catch-up after downtime waits for the next working morning, where
// the step of the day, if any, supersedes it (no catch-up a minute before the next step).
export function isSendWindow(policy: ReminderPolicy, calendar: WorkingCalendar, now: Date): boolean {
  const today = localDate(now, policy.timezone);
  return isWorkingDay(calendar, today) && now.getTime() >= zonedInstant(today, policy.sendAt, policy.timezone).getTime();
}

// Every step for a deadline, in send order (send days strictly increase), with the kinds they have
// when every step goes out on time. For previews and tests; the planner picks from it.
export function reminderSchedule(policy: ReminderPolicy, calendar: WorkingCalendar, dueAt: Date): ReminderStep[] {
  return scheduleForDay(policy, calendar, localDate(dueAt, policy.timezone)).steps;
}

// The reminders to record now: for each (unit, period) with open items, the latest step that is
// due and still current (see isCurrent), unless already recorded. Missed earlier steps are never
// sent: after downtime only the latest one goes out, once. At most one reminder per (unit,
// period) per call, sorted by unit then period. Throws a RangeError on an invalid policy.
export function planReminders(input: PlanInput): PlannedReminder[] {
  assertValidPolicy(input.policy);
  if (!isSendWindow(input.policy, input.calendar, input.now)) return [];
  const sweep: Sweep = { ...input, today: localDate(input.now, input.policy.timezone), byInstant: new Map(), byDay: new Map() };
  return groupByUnitAndPeriod(input.items).flatMap((group) => planGroup(sweep, group) ?? []);
}

// One sweep's inputs, and its schedules cached by due instant and due day: most units share the
// period's report deadline.
interface Sweep extends PlanInput {
  today: string;
  byInstant: Map<number, Schedule>;
  byDay: Map<string, Schedule>;
}

// The last overdue step stays due for overdueEvery working days, as if a next one followed: the
// chase of that deadline ends there, and a sweep long after it sends nothing for it.
function chaseEnded({ steps }: Schedule, { today, policy, calendar }: Sweep): boolean {
  const last = steps[steps.length - 1];
  if (!last || (last.kind !== 'overdue' && last.kind !== 'escalation')) return false;
  return today >= addWorkingDays(calendar, last.sendOn, policy.overdueEvery);
}

// The digest's steps count from the earliest deadline still being chased: a task whose chase has
// ended stays listed in the digest but no longer silences the reminders of a report due later.
function planGroup(sweep: Sweep, items: PendingItem[]): PlannedReminder | undefined {
  const { unitId, periodId } = items[0];
  const anchor = items.find((item) => !chaseEnded(scheduleFor(sweep, item.dueAt), sweep));
  if (!anchor) return undefined;
  const dueAt = anchor.dueAt;
  const schedule = scheduleFor(sweep, dueAt);
  const step = schedule.steps.findLast((candidate) => candidate.scheduledFor.getTime() <= sweep.now.getTime() && isCurrent(candidate, schedule, sweep, dueAt));
  if (!step) return undefined;
  const recorded: RecordedCheck = (kind, number) => sweep.alreadySent.has(reminderKey({ unitId, periodId, kind, step: number }));
  if (isRecorded(step, recorded)) return undefined;
  const kind = step.kind === 'overdue' || step.kind === 'escalation' ? overdueKind(step.step, sweep.policy, recorded) : step.kind;
  return { unitId, periodId, kind, step: step.step, scheduledFor: step.scheduledFor, items };
}

function scheduleFor(sweep: Sweep, dueAt: Date): Schedule {
  const cached = sweep.byInstant.get(dueAt.getTime());
  if (cached) return cached;
  const dueOn = localDate(dueAt, sweep.policy.timezone);
  const schedule = sweep.byDay.get(dueOn) ?? scheduleForDay(sweep.policy, sweep.calendar, dueOn);
  sweep.byDay.set(dueOn, schedule);
  sweep.byInstant.set(dueAt.getTime(), schedule);
  return schedule;
}

type RecordedCheck = (kind: ReminderKind, step: number) => boolean;

// Overdue step i is one reminder whichever kind it went out as.
function isRecorded({ kind, step }: ReminderStep, recorded: RecordedCheck): boolean {
  if (kind === 'overdue' || kind === 'escalation') return recorded('overdue', step) || recorded('escalation', step);
  return recorded(kind, step);
}

// "Escalation from the 2nd overdue reminder on" counts the overdue reminders the unit was sent
// for the period: the head is written to only after the unit itself was told escalateAfter - 1
// times ("dù đã được nhắc"). When every step goes out on time this is step >= escalateAfter; after
// downtime, a report returned past its deadline or a task added overdue, the first overdue
// reminder goes to the unit, not straight to its head.
function overdueKind(step: number, policy: ReminderPolicy, recorded: RecordedCheck): ReminderKind {
  let sentBefore = 0;
  for (let earlier = 1; earlier < step; earlier++) if (recorded('overdue', earlier) || recorded('escalation', earlier)) sentBefore++;
  return sentBefore >= policy.escalateAfter - 1 ? 'escalation' : 'overdue';
}

function assertValidPolicy(policy: ReminderPolicy): void {
  const errors = validatePolicy(policy);
  if (errors.length > 0) throw new RangeError(`Invalid reminder policy: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}`);
}

function scheduleForDay(policy: ReminderPolicy, calendar: WorkingCalendar, dueOn: string): Schedule {
  const lastWorkingDay = workingDayOnOrBefore(calendar, dueOn);
  const days: Array<Omit<ReminderStep, 'scheduledFor'>> = [];
  for (const n of [...policy.beforeDue].sort((a, b) => b - a)) days.push({ kind: 'before_due', step: n, sendOn: addWorkingDays(calendar, lastWorkingDay, -n) });
  if (policy.onDueDay && lastWorkingDay === dueOn) days.push({ kind: 'due_today', step: 0, sendOn: dueOn });
  for (let i = 1; i <= policy.overdueMax; i++) {
    // For n > 0, n working days after a day off are n working days after the working day before it.
    days.push({ kind: i >= policy.escalateAfter ? 'escalation' : 'overdue', step: i, sendOn: addWorkingDays(calendar, dueOn, i * policy.overdueEvery) });
  }
  return { dueOn, lastWorkingDay, steps: days.map((day) => ({ ...day, scheduledFor: zonedInstant(day.sendOn, policy.sendAt, policy.timezone) })) };
}

// A step that is due may have gone stale: before the deadline only before_due (while at least
// one working day remains, as the digest says "còn n ngày làm việc") and due_today (on the due
// day, up to the due instant, which is still on time) apply; once past the due instant, only
// overdue and escalation. So a sweep after the deadline never sends "due in n days".
function isCurrent(step: ReminderStep, schedule: Schedule, { now, today }: Sweep, dueAt: Date): boolean {
  switch (step.kind) {
    case 'before_due':
      return today < schedule.lastWorkingDay;
    case 'due_today':
      return today === schedule.dueOn && now.getTime() <= dueAt.getTime();
    case 'overdue':
    case 'escalation':
      return now.getTime() > dueAt.getTime();
  }
}

// Items of one unit and period together, earliest due first (then the report, then by id, so the
// digest is the same whatever order the sweep read them in); groups by unit id, then period id.
function groupByUnitAndPeriod(items: readonly PendingItem[]): PendingItem[][] {
  const groups = new Map<string, Map<string, PendingItem[]>>();
  for (const item of items) {
    let byPeriod = groups.get(item.unitId);
    if (!byPeriod) groups.set(item.unitId, (byPeriod = new Map()));
    const group = byPeriod.get(item.periodId);
    if (group) group.push(item);
    else byPeriod.set(item.periodId, [item]);
  }
  return [...groups.keys()].sort(compareText).flatMap((unitId) => {
    const byPeriod = groups.get(unitId)!;
    return [...byPeriod.keys()].sort(compareText).map((periodId) => byPeriod.get(periodId)!.sort(byDueAt));
  });
}

function byDueAt(a: PendingItem, b: PendingItem): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || Number(a.kind === 'task') - Number(b.kind === 'task') || compareText(a.itemId, b.itemId);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
