import fc from 'fast-check';
import { VIETNAM_HOLIDAYS } from '../calendar/vietnam-holidays';
import { addWorkingDays, createCalendar, isWorkingDay, localDate, workingDaysBetween, zonedInstant } from '../calendar/working-days';
import { isSendWindow, PendingItem, PlannedReminder, planReminders, ReminderKind, reminderKey, reminderSchedule } from './planner';
import { DEFAULT_REMINDER_POLICY, ReminderPolicy } from './reminder-policy';

const HCM = 'Asia/Ho_Chi_Minh';
const vietnam = createCalendar(Object.values(VIETNAM_HOLIDAYS).flat());
const UNIT = 'unit-a';
const PERIOD = 'period-2024-q2';
const HOUR = 3_600_000;

// A wall-clock time in Viet Nam (UTC+7 all year), written YYYY-MM-DDTHH:mm.
function vn(local: string): Date {
  return new Date(`${local}:00+07:00`);
}

function vnText(instant: Date): string {
  return new Date(instant.getTime() + 7 * HOUR).toISOString().slice(0, 16);
}

function report(dueAt: string, unitId = UNIT, periodId = PERIOD): PendingItem {
  return { unitId, periodId, kind: 'report', itemId: 'report', dueAt: vn(dueAt) };
}

function task(itemId: string, dueAt: string, unitId = UNIT, periodId = PERIOD): PendingItem {
  return { unitId, periodId, kind: 'task', itemId, dueAt: vn(dueAt) };
}

function policyWith(changes: Partial<ReminderPolicy>): ReminderPolicy {
  return { ...DEFAULT_REMINDER_POLICY, ...changes };
}

function keys(...steps: Array<[ReminderKind, number]>): string[] {
  return steps.map(([kind, step]) => reminderKey({ unitId: UNIT, periodId: PERIOD, kind, step }));
}

function plan(now: string, items: PendingItem[], sent: string[] = [], policy = DEFAULT_REMINDER_POLICY): PlannedReminder[] {
  return planReminders({ policy, calendar: vietnam, now: vn(now), items, alreadySent: new Set(sent) });
}

function brief(reminders: PlannedReminder[]): string[] {
  return reminders.map((r) => `${r.unitId} ${r.kind} ${r.step} ${vnText(r.scheduledFor)} ${r.items.map((item) => item.itemId).join('+')}`);
}

function schedule(dueAt: string, policy = DEFAULT_REMINDER_POLICY): string[] {
  return reminderSchedule(policy, vietnam, vn(dueAt)).map((step) => `${step.kind} ${step.step} ${vnText(step.scheduledFor)}`);
}

// Runs the planner every `everyMinutes` from `from` to `to` (Viet Nam time), as the sweep does:
// what it returns is recorded and passed back as alreadySent. `itemsAt` says what is open when.
function simulate(itemsAt: (now: Date) => PendingItem[], from: string, to: string, everyMinutes = 30, policy = DEFAULT_REMINDER_POLICY): string[] {
  const recorded = new Set<string>();
  const log: string[] = [];
  for (let at = vn(from).getTime(); at <= vn(to).getTime(); at += everyMinutes * 60_000) {
    const now = new Date(at);
    for (const reminder of planReminders({ policy, calendar: vietnam, now, items: itemsAt(now), alreadySent: recorded })) {
      recorded.add(reminderKey(reminder));
      log.push(`${vnText(now)} ${reminder.kind} ${reminder.step} ${reminder.items.map((item) => item.itemId).join('+')}`);
    }
  }
  return log;
}

function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

describe('reminder planner', () => {
  describe(reminderKey.name, () => {
    it('should join unit, period, kind and step as the sweep reads them from the reminders table', () => {
      expect(reminderKey({ unitId: 'u1', periodId: 'p1', kind: 'escalation', step: 3 })).toBe('u1|p1|escalation|3');
    });
  });

  describe(reminderSchedule.name, () => {
    it('should list every step at 08:00 when a report is due on Tuesday 25/6/2024 at 17:00 with the default policy', () => {
      expect(schedule('2024-06-25T17:00')).toEqual([
        'before_due 7 2024-06-14T08:00',
        'before_due 3 2024-06-20T08:00',
        'before_due 1 2024-06-24T08:00',
        'due_today 0 2024-06-25T08:00',
        'overdue 1 2024-06-27T08:00',
        'escalation 2 2024-07-01T08:00',
        'escalation 3 2024-07-03T08:00',
        'escalation 4 2024-07-05T08:00',
        'escalation 5 2024-07-09T08:00',
      ]);
    });

    it('should give the local send day and the instant sendAt on it when asked for one step', () => {
      const [first] = reminderSchedule(DEFAULT_REMINDER_POLICY, vietnam, vn('2024-06-25T17:00'));
      expect(first).toEqual({ kind: 'before_due', step: 7, sendOn: '2024-06-14', scheduledFor: new Date('2024-06-14T01:00:00Z') });
    });

    it('should remind like a Friday deadline without due_today when the deadline is a Saturday', () => {
      expect(schedule('2024-06-29T17:00')).toEqual([
        'before_due 7 2024-06-19T08:00',
        'before_due 3 2024-06-25T08:00',
        'before_due 1 2024-06-27T08:00',
        'overdue 1 2024-07-02T08:00',
        'escalation 2 2024-07-04T08:00',
        'escalation 3 2024-07-08T08:00',
        'escalation 4 2024-07-10T08:00',
        'escalation 5 2024-07-12T08:00',
      ]);
      expect(schedule('2024-06-28T17:00')).toEqual([...schedule('2024-06-29T17:00').slice(0, 3), 'due_today 0 2024-06-28T08:00', ...schedule('2024-06-29T17:00').slice(3)]);
    });

    it('should count from the working day before when the deadline is a public holiday (Quốc khánh 2/9/2024)', () => {
      expect(schedule('2024-09-02T17:00', policyWith({ overdueMax: 2 }))).toEqual([
        'before_due 7 2024-08-21T08:00',
        'before_due 3 2024-08-27T08:00',
        'before_due 1 2024-08-29T08:00',
        // 2 and 3 September are both days off.
        'overdue 1 2024-09-05T08:00',
        'escalation 2 2024-09-09T08:00',
      ]);
    });

    it('should skip the Tết days when the deadline is the Monday right after Tết 2025', () => {
      expect(schedule('2025-02-03T17:00')).toEqual([
        'before_due 7 2025-01-16T08:00',
        'before_due 3 2025-01-22T08:00',
        'before_due 1 2025-01-24T08:00',
        'due_today 0 2025-02-03T08:00',
        'overdue 1 2025-02-05T08:00',
        'escalation 2 2025-02-07T08:00',
        'escalation 3 2025-02-11T08:00',
        'escalation 4 2025-02-13T08:00',
        'escalation 5 2025-02-17T08:00',
      ]);
    });

    it('should count from the last day before Tết when the deadline falls inside Tết 2025', () => {
      expect(schedule('2025-01-31T17:00', policyWith({ overdueMax: 1 }))).toEqual([
        'before_due 7 2025-01-15T08:00',
        'before_due 3 2025-01-21T08:00',
        'before_due 1 2025-01-23T08:00',
        'overdue 1 2025-02-04T08:00',
      ]);
    });

    it('should count the make-up Saturday 4/5/2024 as a working day when the 30/4–1/5 holidays are around', () => {
      expect(schedule('2024-05-06T17:00', policyWith({ overdueMax: 1 }))).toEqual([
        'before_due 7 2024-04-23T08:00',
        'before_due 3 2024-05-02T08:00',
        'before_due 1 2024-05-04T08:00',
        'due_today 0 2024-05-06T08:00',
        'overdue 1 2024-05-08T08:00',
      ]);
      expect(schedule('2024-05-03T17:00', policyWith({ beforeDue: [], overdueEvery: 1, overdueMax: 2, escalateAfter: 3 }))).toEqual([
        'due_today 0 2024-05-03T08:00',
        'overdue 1 2024-05-04T08:00',
        'overdue 2 2024-05-06T08:00',
      ]);
      expect(schedule('2024-05-04T11:00', policyWith({ beforeDue: [1], overdueMax: 0, escalateAfter: 1 }))).toEqual([
        'before_due 1 2024-05-03T08:00',
        'due_today 0 2024-05-04T08:00',
      ]);
    });

    it('should take the due day in the policy time zone when the due instant is near midnight', () => {
      const policy = policyWith({ beforeDue: [], overdueMax: 0, escalateAfter: 1 });
      // 00:30 on 25 June in Viet Nam is still 24 June in UTC.
      expect(reminderSchedule(policy, vietnam, vn('2024-06-25T00:30')).map((step) => step.sendOn)).toEqual(['2024-06-25']);
      expect(reminderSchedule(policyWith({ ...policy, timezone: 'UTC' }), vietnam, vn('2024-06-25T00:30'))).toEqual([
        { kind: 'due_today', step: 0, sendOn: '2024-06-24', scheduledFor: new Date('2024-06-24T08:00:00Z') },
      ]);
    });

    it('should follow the policy when it turns steps off, reorders them or escalates differently', () => {
      expect(schedule('2024-06-25T17:00', policyWith({ onDueDay: false, overdueMax: 1 }))).toEqual([
        'before_due 7 2024-06-14T08:00',
        'before_due 3 2024-06-20T08:00',
        'before_due 1 2024-06-24T08:00',
        'overdue 1 2024-06-27T08:00',
      ]);
      expect(schedule('2024-06-25T17:00', policyWith({ beforeDue: [1, 7, 3] }))).toEqual(schedule('2024-06-25T17:00'));
      expect(schedule('2024-06-25T17:00', policyWith({ beforeDue: [], onDueDay: false, overdueMax: 0, escalateAfter: 1 }))).toEqual([]);
      expect(schedule('2024-06-25T17:00', policyWith({ beforeDue: [], onDueDay: false, overdueEvery: 1, overdueMax: 3, escalateAfter: 1 }))).toEqual([
        'escalation 1 2024-06-26T08:00',
        'escalation 2 2024-06-27T08:00',
        'escalation 3 2024-06-28T08:00',
      ]);
      expect(schedule('2024-06-25T17:00', policyWith({ beforeDue: [2], onDueDay: false, overdueMax: 2, escalateAfter: 3, sendAt: '13:30' }))).toEqual([
        'before_due 2 2024-06-21T13:30',
        'overdue 1 2024-06-27T13:30',
        'overdue 2 2024-07-01T13:30',
      ]);
    });

    it('should put every step on a working day at sendAt with the counts the policy gives when deadline and policy are generated', () => {
      const policies = fc
        .record({
          beforeDue: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 6 }),
          onDueDay: fc.boolean(),
          overdueEvery: fc.integer({ min: 1, max: 30 }),
          overdueMax: fc.integer({ min: 0, max: 20 }),
          sendAt: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
          timezone: fc.constantFrom(HCM, 'UTC', 'Europe/Paris', 'America/New_York'),
        })
        .chain((policy) => fc.integer({ min: 1, max: policy.overdueMax + 1 }).map((escalateAfter) => ({ ...policy, escalateAfter })));
      const dueAts = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
      fc.assert(
        fc.property(policies, dueAts, (policy, dueAt) => {
          const dueOn = localDate(dueAt, policy.timezone);
          const steps = reminderSchedule(policy, vietnam, dueAt);
          const dueToday = policy.onDueDay && isWorkingDay(vietnam, dueOn);
          expect(steps).toHaveLength(policy.beforeDue.length + Number(dueToday) + policy.overdueMax);
          steps.forEach((step, index) => {
            expect(isWorkingDay(vietnam, step.sendOn)).toBe(true);
            expect(localDate(step.scheduledFor, policy.timezone)).toBe(step.sendOn);
            // Daylight saving changes on Sundays, never a working day here, so sendAt always exists.
            expect(localTime(step.scheduledFor, policy.timezone)).toBe(policy.sendAt);
            if (index > 0) expect(step.sendOn > steps[index - 1].sendOn).toBe(true);
            if (step.kind === 'before_due') expect(workingDaysBetween(vietnam, step.sendOn, dueOn)).toBe(step.step);
            if (step.kind === 'due_today') expect(step.sendOn).toBe(dueOn);
            if (step.kind === 'overdue' || step.kind === 'escalation') {
              expect(workingDaysBetween(vietnam, dueOn, step.sendOn)).toBe(step.step * policy.overdueEvery);
              expect(step.kind).toBe(step.step >= policy.escalateAfter ? 'escalation' : 'overdue');
            }
          });
        }),
      );
    });
  });

  describe(isSendWindow.name, () => {
    it('should be open on a working day from sendAt to midnight only', () => {
      const open = (now: string) => isSendWindow(DEFAULT_REMINDER_POLICY, vietnam, vn(now));
      expect(['2024-06-20T07:59', '2024-06-20T08:00', '2024-06-20T23:59', '2024-06-22T10:00', '2024-09-02T10:00', '2024-05-04T08:00'].map(open)).toEqual([
        false,
        true,
        true,
        // Saturday, Quốc khánh, then the make-up Saturday.
        false,
        false,
        true,
      ]);
    });
  });

  describe(planReminders.name, () => {
    const due = '2024-06-25T17:00';

    it('should send each step once at 08:00 when a sweep runs every half hour through the whole quarter end', () => {
      expect(simulate(() => [report(due)], '2024-06-10T00:00', '2024-07-15T00:00')).toEqual([
        '2024-06-14T08:00 before_due 7 report',
        '2024-06-20T08:00 before_due 3 report',
        '2024-06-24T08:00 before_due 1 report',
        '2024-06-25T08:00 due_today 0 report',
        '2024-06-27T08:00 overdue 1 report',
        '2024-07-01T08:00 escalation 2 report',
        '2024-07-03T08:00 escalation 3 report',
        '2024-07-05T08:00 escalation 4 report',
        '2024-07-09T08:00 escalation 5 report',
      ]);
    });

    it('should count from the report when an earlier task’s chase has ended', () => {
      // The task was due 31/5; its last overdue step (14/6) has had its 2 working days by 20/6.
      expect(brief(plan('2024-06-20T08:30', [task('t-may', '2024-05-31T17:00'), report(due)]))).toEqual(['unit-a before_due 3 2024-06-20T08:00 t-may+report']);
    });

    it('should end the chase once the last overdue step has had its interval when nobody swept meanwhile', () => {
      // The last step (overdue 5) is due on 9/7; 2 working days later, 11/7, the chase has ended. (It
      // goes to the unit, not its head, as no earlier overdue reminder was recorded.)
      expect(brief(plan('2024-07-10T09:00', [report(due)]))).toEqual(['unit-a overdue 5 2024-07-09T08:00 report']);
      expect(plan('2024-07-11T09:00', [report(due)])).toEqual([]);
      expect(plan('2024-09-20T09:00', [report(due)])).toEqual([]);
    });

    it('should return only the latest due step when earlier steps were missed', () => {
      expect(brief(plan('2024-06-20T08:30', [report(due)]))).toEqual(['unit-a before_due 3 2024-06-20T08:00 report']);
      expect(brief(plan('2024-06-19T15:00', [report(due)]))).toEqual(['unit-a before_due 7 2024-06-14T08:00 report']);
      expect(brief(plan('2024-07-04T10:00', [report(due)], keys(['before_due', 7], ['before_due', 3], ['before_due', 1], ['due_today', 0], ['overdue', 1])))).toEqual([
        'unit-a escalation 3 2024-07-03T08:00 report',
      ]);
    });

    it('should send nothing before sendAt when a missed step waits, and the day’s step at sendAt', () => {
      // A catch-up of before_due 7 at 07:59 would be followed by before_due 3 a minute later.
      expect(plan('2024-06-20T07:59', [report(due)])).toEqual([]);
      expect(brief(plan('2024-06-20T08:00', [report(due)]))).toEqual(['unit-a before_due 3 2024-06-20T08:00 report']);
    });

    it('should send nothing on a weekend or a holiday when a step is pending, and catch up on the next working day', () => {
      expect(plan('2024-06-22T10:00', [report(due)], keys(['before_due', 7]))).toEqual([]);
      expect(plan('2024-06-23T10:00', [report(due)], keys(['before_due', 7]))).toEqual([]);
      expect(brief(plan('2024-06-24T08:00', [report(due)], keys(['before_due', 7])))).toEqual(['unit-a before_due 1 2024-06-24T08:00 report']);
      expect(plan('2024-09-03T10:00', [report('2024-09-10T17:00')])).toEqual([]);
      // before_due 3 for 10/9 is on 5/9; 7 was on 28/8.
      expect(brief(plan('2024-09-04T10:00', [report('2024-09-10T17:00')]))).toEqual(['unit-a before_due 7 2024-08-28T08:00 report']);
    });

    it('should send nothing when no step is due yet', () => {
      expect(plan('2024-06-13T16:00', [report(due)])).toEqual([]);
    });

    it('should send nothing when the latest due step is already recorded, without falling back to an earlier one', () => {
      expect(plan('2024-06-21T09:00', [report(due)], keys(['before_due', 3]))).toEqual([]);
      expect(brief(plan('2024-06-21T09:00', [report(due)], keys(['before_due', 7])))).toEqual(['unit-a before_due 3 2024-06-20T08:00 report']);
    });

    it('should not be suppressed by the keys of another unit or period', () => {
      const others = [
        reminderKey({ unitId: 'unit-b', periodId: PERIOD, kind: 'before_due', step: 3 }),
        reminderKey({ unitId: UNIT, periodId: 'period-2024-q1', kind: 'before_due', step: 3 }),
      ];
      expect(brief(plan('2024-06-20T09:00', [report(due)], others))).toEqual(['unit-a before_due 3 2024-06-20T08:00 report']);
    });

    it('should remind on the due day until the due instant and not after, when the deadline passes', () => {
      expect(brief(plan('2024-06-25T08:00', [report(due)]))).toEqual(['unit-a due_today 0 2024-06-25T08:00 report']);
      // Up to and including the due instant, a report is on time.
      expect(brief(plan('2024-06-25T17:00', [report(due)]))).toEqual(['unit-a due_today 0 2024-06-25T08:00 report']);
      expect(plan('2024-06-25T17:01', [report(due)])).toEqual([]);
      expect(plan('2024-06-26T10:00', [report(due)])).toEqual([]);
    });

    it('should never send before_due on the due day or later when the day’s step is off or missed', () => {
      const noDueDay = policyWith({ onDueDay: false });
      expect(plan('2024-06-25T09:00', [report(due)], [], noDueDay)).toEqual([]);
      // A Saturday deadline: Friday has no working day left before it, so no "còn 0 ngày".
      expect(plan('2024-06-28T09:00', [report('2024-06-29T17:00')])).toEqual([]);
      expect(brief(plan('2024-06-27T09:00', [report('2024-06-29T17:00')]))).toEqual(['unit-a before_due 1 2024-06-27T08:00 report']);
    });

    it('should send overdue reminders every 2 working days and stop after the 5th when the report stays missing', () => {
      const sentBefore = keys(['before_due', 7], ['before_due', 3], ['before_due', 1], ['due_today', 0]);
      expect(brief(plan('2024-06-27T08:00', [report(due)], sentBefore))).toEqual(['unit-a overdue 1 2024-06-27T08:00 report']);
      expect(brief(plan('2024-07-01T08:00', [report(due)], [...sentBefore, ...keys(['overdue', 1])]))).toEqual(['unit-a escalation 2 2024-07-01T08:00 report']);
      const allSent = [...sentBefore, ...keys(['overdue', 1], ['escalation', 2], ['escalation', 3], ['escalation', 4], ['escalation', 5])];
      expect(plan('2024-07-20T10:00', [report(due)], allSent)).toEqual([]);
    });

    it('should write to the unit before its head when the first overdue reminder it gets is a late step', () => {
      // Sweep down from 26/6 to 2/7: step 2 is the first overdue reminder the unit gets.
      const sentBefore = keys(['before_due', 7], ['before_due', 3], ['before_due', 1], ['due_today', 0]);
      expect(brief(plan('2024-07-02T10:00', [report(due)], sentBefore))).toEqual(['unit-a overdue 2 2024-07-01T08:00 report']);
      expect(brief(plan('2024-07-03T08:00', [report(due)], [...sentBefore, ...keys(['overdue', 2])]))).toEqual(['unit-a escalation 3 2024-07-03T08:00 report']);
      // Step 2 recorded as overdue is not sent again as an escalation.
      expect(plan('2024-07-02T11:00', [report(due)], [...sentBefore, ...keys(['overdue', 2])])).toEqual([]);
      const escalateLater = policyWith({ escalateAfter: 3 });
      expect(brief(plan('2024-07-03T08:00', [report(due)], keys(['overdue', 1]), escalateLater))).toEqual(['unit-a overdue 3 2024-07-03T08:00 report']);
      expect(brief(plan('2024-07-03T08:00', [report(due)], keys(['overdue', 1], ['overdue', 2]), escalateLater))).toEqual(['unit-a escalation 3 2024-07-03T08:00 report']);
      const escalateAtOnce = policyWith({ escalateAfter: 1 });
      expect(brief(plan('2024-07-02T10:00', [report(due)], [], escalateAtOnce))).toEqual(['unit-a escalation 2 2024-07-01T08:00 report']);
    });

    it('should send one digest per unit covering its report and every open task, anchored on the earliest deadline', () => {
      const items = [report(due), task('t-support', '2024-07-10T17:00'), task('t-lead', '2024-06-21T17:00')];
      const [reminder, ...others] = plan('2024-06-20T09:00', items);
      expect(others).toEqual([]);
      // 21/6 is the anchor: 20/6 is before_due 1 for it.
      expect(brief([reminder])).toEqual(['unit-a before_due 1 2024-06-20T08:00 t-lead+report+t-support']);
      expect(reminder.items).toEqual([items[2], items[0], items[1]]);
    });

    it('should list the report first when a task shares its deadline, whatever order the items come in', () => {
      // Assignment ids are uuids: some sort before 'report'.
      const items = [task('0b-2', due), task('0a-1', due), report(due)];
      expect(brief(plan('2024-06-20T09:00', items))).toEqual(['unit-a before_due 3 2024-06-20T08:00 report+0a-1+0b-2']);
      expect(plan('2024-06-20T09:00', [...items].reverse())).toEqual(plan('2024-06-20T09:00', items));
    });

    it('should send one reminder per unit and period, none for a unit with nothing pending, sorted by unit then period', () => {
      const items = [report(due, 'unit-c'), report(due, 'unit-a', 'period-b'), report(due, 'unit-a', 'period-a'), task('t-1', '2024-06-24T17:00', 'unit-c')];
      expect(plan('2024-06-20T09:00', items).map((r) => `${r.unitId} ${r.periodId} ${r.kind} ${r.step} ${r.items.length}`)).toEqual([
        'unit-a period-a before_due 3 1',
        'unit-a period-b before_due 3 1',
        // unit-c's task due 24/6 is its anchor: before_due 3 for it was on 19/6.
        'unit-c period-2024-q2 before_due 3 2',
      ]);
      expect(plan('2024-06-20T09:00', [])).toEqual([]);
    });

    it('should stop reminding when the unit submits between two steps', () => {
      const submittedAt = vn('2024-06-21T10:00');
      expect(simulate((now) => (now < submittedAt ? [report(due)] : []), '2024-06-10T00:00', '2024-07-15T00:00')).toEqual([
        '2024-06-14T08:00 before_due 7 report',
        '2024-06-20T08:00 before_due 3 report',
      ]);
    });

    it('should go on for the tasks left when the unit submits its report but has open tasks', () => {
      const submittedAt = vn('2024-06-21T10:00');
      const open = (now: Date) => [...(now < submittedAt ? [report(due)] : []), task('t-1', due)];
      expect(simulate(open, '2024-06-10T00:00', '2024-06-28T00:00')).toEqual([
        '2024-06-14T08:00 before_due 7 report+t-1',
        '2024-06-20T08:00 before_due 3 report+t-1',
        '2024-06-24T08:00 before_due 1 t-1',
        '2024-06-25T08:00 due_today 0 t-1',
        '2024-06-27T08:00 overdue 1 t-1',
      ]);
    });

    it('should include an item added after the first reminder in the next step', () => {
      const addedAt = vn('2024-06-18T14:00');
      const open = (now: Date) => [report(due), ...(now >= addedAt ? [task('t-new', '2024-07-10T17:00')] : [])];
      expect(simulate(open, '2024-06-10T00:00', '2024-06-25T00:00')).toEqual([
        '2024-06-14T08:00 before_due 7 report',
        '2024-06-20T08:00 before_due 3 report+t-new',
        '2024-06-24T08:00 before_due 1 report+t-new',
      ]);
    });

    it('should move forward to the earlier deadline when an item due sooner is added, never repeating a step', () => {
      const addedAt = vn('2024-06-17T10:00');
      const open = (now: Date) => [report(due), ...(now >= addedAt ? [task('t-urgent', '2024-06-19T17:00')] : [])];
      expect(simulate(open, '2024-06-10T00:00', '2024-06-22T00:00')).toEqual([
        '2024-06-14T08:00 before_due 7 report',
        // For 19/6, before_due 3 was on 14/6: caught up when the task arrives.
        '2024-06-17T10:00 before_due 3 t-urgent+report',
        '2024-06-18T08:00 before_due 1 t-urgent+report',
        '2024-06-19T08:00 due_today 0 t-urgent+report',
        '2024-06-21T08:00 overdue 1 t-urgent+report',
      ]);
    });

    it('should not send a step again for a later deadline of the same period once it went out for an earlier one', () => {
      // The key is (unit, period, kind, step): the task used before_due 3 and 1, due_today and overdue 1.
      const doneAt = vn('2024-06-21T12:00');
      const open = (now: Date) => [report(due), ...(now < doneAt ? [task('t-urgent', '2024-06-19T17:00')] : [])];
      expect(simulate(open, '2024-06-17T00:00', '2024-07-02T00:00')).toEqual([
        '2024-06-17T08:00 before_due 3 t-urgent+report',
        '2024-06-18T08:00 before_due 1 t-urgent+report',
        '2024-06-19T08:00 due_today 0 t-urgent+report',
        '2024-06-21T08:00 overdue 1 t-urgent+report',
        '2024-07-01T08:00 escalation 2 report',
      ]);
    });

    it('should move the steps when the deadline is extended', () => {
      const extendedAt = vn('2024-06-21T10:00');
      const open = (now: Date) => [now < extendedAt ? report(due) : report('2024-07-02T17:00')];
      expect(simulate(open, '2024-06-10T00:00', '2024-07-05T00:00')).toEqual([
        '2024-06-14T08:00 before_due 7 report',
        '2024-06-20T08:00 before_due 3 report',
        // before_due 7 and 3 for 2/7 fall on 21/6 and 27/6 and are already recorded.
        '2024-07-01T08:00 before_due 1 report',
        '2024-07-02T08:00 due_today 0 report',
        '2024-07-04T08:00 overdue 1 report',
      ]);
    });

    it('should stop the overdue reminders when an overdue report gets an extension', () => {
      const extendedAt = vn('2024-06-28T09:00');
      const open = (now: Date) => [now < extendedAt ? report(due) : report('2024-07-05T17:00')];
      expect(simulate(open, '2024-06-10T00:00', '2024-07-12T00:00')).toEqual([
        '2024-06-14T08:00 before_due 7 report',
        '2024-06-20T08:00 before_due 3 report',
        '2024-06-24T08:00 before_due 1 report',
        '2024-06-25T08:00 due_today 0 report',
        '2024-06-27T08:00 overdue 1 report',
        // Every step for 5/7 up to overdue 1 is used; escalation 2 for it is on 11/7.
        '2024-07-11T08:00 escalation 2 report',
      ]);
    });

    it('should start again at the current step when a report is returned after its deadline', () => {
      const submittedAt = vn('2024-06-21T10:00');
      const returnedAt = vn('2024-07-02T10:00');
      const open = (now: Date) => (now < submittedAt || now >= returnedAt ? [report(due)] : []);
      expect(simulate(open, '2024-06-10T00:00', '2024-07-06T00:00')).toEqual([
        '2024-06-14T08:00 before_due 7 report',
        '2024-06-20T08:00 before_due 3 report',
        '2024-07-02T10:00 overdue 2 report',
        '2024-07-03T08:00 escalation 3 report',
        '2024-07-05T08:00 escalation 4 report',
      ]);
    });

    it('should refuse an invalid policy when asked to plan with it', () => {
      expect(() => plan('2024-06-20T09:00', [report(due)], [], policyWith({ overdueEvery: 0 }))).toThrow(
        new RangeError('Invalid reminder policy: overdueEvery must be an integer from 1 to 30'),
      );
    });

    describe('properties', () => {
      const units = ['u1', 'u2', 'u3'];
      const periods = ['p1', 'p2'];
      const start = vn('2024-04-01T00:00').getTime();
      const DAY = 24 * HOUR;
      const policies = fc
        .record({
          beforeDue: fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { maxLength: 4 }),
          onDueDay: fc.boolean(),
          overdueEvery: fc.integer({ min: 1, max: 3 }),
          overdueMax: fc.integer({ min: 0, max: 6 }),
          sendAt: fc.constantFrom('00:00', '07:30', '08:00', '13:45', '23:59'),
          timezone: fc.constant(HCM),
        })
        .chain((policy) => fc.integer({ min: 1, max: policy.overdueMax + 1 }).map((escalateAfter) => ({ ...policy, escalateAfter })));
      // An item open from addedAt until closedAt, its deadline moved to extendedTo at extendedAt.
      const lifecycles = fc.record({
        unitId: fc.constantFrom(...units),
        periodId: fc.constantFrom(...periods),
        kind: fc.constantFrom('report' as const, 'task' as const),
        itemId: fc.constantFrom('report', 'a1', 'a2', 'a3'),
        dueAt: fc.integer({ min: start, max: start + 80 * DAY }),
        addedAt: fc.integer({ min: start - 10 * DAY, max: start + 90 * DAY }),
        openFor: fc.option(fc.integer({ min: 0, max: 60 * DAY }), { nil: undefined }),
        extension: fc.option(fc.record({ after: fc.integer({ min: 0, max: 40 * DAY }), by: fc.integer({ min: -5 * DAY, max: 30 * DAY }) }), { nil: undefined }),
      });
      type Lifecycle = typeof lifecycles extends fc.Arbitrary<infer T> ? T : never;
      const sweeps = fc.array(fc.integer({ min: 1, max: 3 * 24 * 60 }), { minLength: 1, maxLength: 120 });

      function openAt(lifecycle: Lifecycle, at: number): PendingItem | undefined {
        if (at < lifecycle.addedAt || (lifecycle.openFor !== undefined && at >= lifecycle.addedAt + lifecycle.openFor)) return undefined;
        const { extension } = lifecycle;
        const dueAt = extension && at >= lifecycle.addedAt + extension.after ? lifecycle.dueAt + extension.by : lifecycle.dueAt;
        return { unitId: lifecycle.unitId, periodId: lifecycle.periodId, kind: lifecycle.kind, itemId: lifecycle.itemId, dueAt: new Date(dueAt) };
      }

      function itemsAt(lifecycles: Lifecycle[], at: number): PendingItem[] {
        return lifecycles.flatMap((lifecycle) => openAt(lifecycle, at) ?? []);
      }

      it('should never record a key or an overdue step twice and send at most one reminder per unit and period per run when sweeps run at increasing times', () => {
        fc.assert(
          fc.property(policies, fc.array(lifecycles, { maxLength: 8 }), sweeps, (policy, items, gaps) => {
            const recorded = new Set<string>();
            const overdueSteps = new Set<string>();
            let at = start;
            for (const gap of gaps) {
              at += gap * 60_000;
              const now = new Date(at);
              const planned = planReminders({ policy, calendar: vietnam, now, items: itemsAt(items, at), alreadySent: recorded });
              const groups = planned.map((r) => `${r.unitId}|${r.periodId}`);
              expect(new Set(groups).size).toBe(groups.length);
              for (const reminder of planned) {
                const key = reminderKey(reminder);
                expect(recorded.has(key)).toBe(false);
                recorded.add(key);
                if (reminder.kind === 'overdue' || reminder.kind === 'escalation') {
                  const step = `${reminder.unitId}|${reminder.periodId}|${reminder.step}`;
                  expect(overdueSteps.has(step)).toBe(false);
                  overdueSteps.add(step);
                }
              }
            }
          }),
          { numRuns: 200 },
        );
      });

      it('should only return due, current steps of the earliest deadline, in the send window, when run at any time', () => {
        const nows = fc.integer({ min: start, max: start + 120 * DAY });
        const sentKeys = fc.array(
          fc
            .record({
              unitId: fc.constantFrom(...units),
              periodId: fc.constantFrom(...periods),
              kind: fc.constantFrom<ReminderKind>('before_due', 'due_today', 'overdue', 'escalation'),
              step: fc.integer({ min: 0, max: 10 }),
            })
            .map(reminderKey),
          { maxLength: 20 },
        );
        fc.assert(
          fc.property(policies, fc.array(lifecycles, { maxLength: 8 }), nows, sentKeys, (policy, lifecycleList, at, sent) => {
            const now = new Date(at);
            const items = itemsAt(lifecycleList, at);
            const planned = planReminders({ policy, calendar: vietnam, now, items, alreadySent: new Set(sent) });
            if (planned.length > 0) expect(isSendWindow(policy, vietnam, now)).toBe(true);
            const today = localDate(now, HCM);
            for (const reminder of planned) {
              const group = items.filter((item) => item.unitId === reminder.unitId && item.periodId === reminder.periodId);
              expect(reminder.items).toHaveLength(group.length);
              // The anchor: the earliest deadline whose chase has not ended.
              const chased = group.filter((item) => {
                const all = reminderSchedule(policy, vietnam, item.dueAt);
                const end = all[all.length - 1];
                return !(end && (end.kind === 'overdue' || end.kind === 'escalation') && today >= addWorkingDays(vietnam, localDate(end.scheduledFor, HCM), policy.overdueEvery));
              });
              const anchor = new Date(Math.min(...chased.map((item) => item.dueAt.getTime())));
              expect(reminder.scheduledFor.getTime()).toBeLessThanOrEqual(at);
              expect(isWorkingDay(vietnam, localDate(reminder.scheduledFor, HCM))).toBe(true);
              expect(localTime(reminder.scheduledFor, HCM)).toBe(policy.sendAt);
              expect(sent).not.toContain(reminderKey(reminder));
              const steps = reminderSchedule(policy, vietnam, anchor);
              const step = steps.find((candidate) => candidate.step === reminder.step && candidate.scheduledFor.getTime() === reminder.scheduledFor.getTime());
              expect(step).toBeDefined();
              // Nothing later in the schedule is due yet.
              expect(steps.filter((candidate) => candidate.scheduledFor > reminder.scheduledFor && candidate.scheduledFor.getTime() <= at)).toEqual([]);
              const dueOn = localDate(anchor, HCM);
              if (reminder.kind === 'before_due') expect(workingDaysBetween(vietnam, today, dueOn)).toBeGreaterThanOrEqual(1);
              if (reminder.kind === 'due_today') expect([today, at <= anchor.getTime()]).toEqual([dueOn, true]);
              if (reminder.kind === 'overdue' || reminder.kind === 'escalation') expect(at).toBeGreaterThan(anchor.getTime());
              const last = steps[steps.length - 1];
              if (last.kind === 'overdue' || last.kind === 'escalation') expect(today < addWorkingDays(vietnam, localDate(last.scheduledFor, HCM), policy.overdueEvery)).toBe(true);
            }
          }),
          { numRuns: 300 },
        );
      });

      it('should only drop reminders, never change them, when keys are recorded', () => {
        fc.assert(
          fc.property(policies, fc.array(lifecycles, { maxLength: 8 }), fc.integer({ min: start, max: start + 120 * DAY }), (policy, lifecycleList, at) => {
            const input = { policy, calendar: vietnam, now: new Date(at), items: itemsAt(lifecycleList, at) };
            const fresh = planReminders({ ...input, alreadySent: new Set() });
            // Recording what a run returns makes the next run at the same time return nothing.
            expect(planReminders({ ...input, alreadySent: new Set(fresh.map(reminderKey)) })).toEqual([]);
            // Recording only before_due and due_today keys leaves the others as they were.
            const early = fresh.filter((r) => r.kind === 'before_due' || r.kind === 'due_today');
            const rest = planReminders({ ...input, alreadySent: new Set(early.map(reminderKey)) });
            expect(rest).toEqual(fresh.filter((r) => !early.includes(r)));
          }),
          { numRuns: 300 },
        );
      });

      it('should give the same reminders whatever order the items come in', () => {
        const lists = fc
          .array(lifecycles, { maxLength: 8 })
          .chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));
        fc.assert(
          fc.property(policies, lists, fc.integer({ min: start, max: start + 120 * DAY }), (policy, [list, shuffled], at) => {
            const run = (lifecycleList: Lifecycle[]) => planReminders({ policy, calendar: vietnam, now: new Date(at), items: itemsAt(lifecycleList, at), alreadySent: new Set() });
            expect(run(shuffled)).toEqual(run(list));
          }),
        );
      });

      it('should send nothing on a day off or before sendAt when run at any time', () => {
        fc.assert(
          fc.property(policies, fc.array(lifecycles, { minLength: 1, maxLength: 8 }), fc.integer({ min: start, max: start + 120 * DAY }), (policy, lifecycleList, at) => {
            const now = new Date(at);
            const today = localDate(now, HCM);
            const closed = !isWorkingDay(vietnam, today) || now < zonedInstant(today, policy.sendAt, HCM);
            if (closed) expect(planReminders({ policy, calendar: vietnam, now, items: itemsAt(lifecycleList, at), alreadySent: new Set() })).toEqual([]);
          }),
        );
      });
    });
  });
});
