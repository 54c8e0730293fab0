import fc from 'fast-check';
import { ASSIGNMENT_STATUSES, AssignmentTiming, assignmentState, changeStatus, countStates } from './assignment-state';

const due = new Date('2024-06-25T10:00:00Z');

function at(ms: number): Date {
  return new Date(due.getTime() + ms);
}

const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms));
const timing: fc.Arbitrary<AssignmentTiming> = fc.oneof(
  fc.record({ status: fc.constantFrom('pending' as const, 'in_progress' as const), dueAt: instant, completedAt: fc.constant(null) }),
  fc.record({ status: fc.constant('done' as const), dueAt: instant, completedAt: instant }),
);

describe(assignmentState.name, () => {
  describe('open assignments', () => {
    it.each(['pending', 'in_progress'] as const)('should be in progress on time before the deadline and at exactly the deadline (%s)', (status) => {
      expect(assignmentState({ status, dueAt: due, completedAt: null }, at(-86_400_000))).toBe('in_progress_on_time');
      expect(assignmentState({ status, dueAt: due, completedAt: null }, at(-1))).toBe('in_progress_on_time');
      expect(assignmentState({ status, dueAt: due, completedAt: null }, due)).toBe('in_progress_on_time');
    });

    it.each(['pending', 'in_progress'] as const)('should be overdue one millisecond after the deadline (%s)', (status) => {
      expect(assignmentState({ status, dueAt: due, completedAt: null }, at(1))).toBe('overdue');
    });
  });

  describe('done assignments', () => {
    it('should be done on time when completed before or at exactly the deadline', () => {
      expect(assignmentState({ status: 'done', dueAt: due, completedAt: at(-1) }, at(10_000))).toBe('done_on_time');
      expect(assignmentState({ status: 'done', dueAt: due, completedAt: due }, at(10_000))).toBe('done_on_time');
    });

    it('should be done late when completed one millisecond after the deadline', () => {
      expect(assignmentState({ status: 'done', dueAt: due, completedAt: at(1) }, at(1))).toBe('done_late');
    });

    it('should not depend on the time of asking when the assignment is done', () => {
      fc.assert(
        fc.property(instant, instant, instant, instant, (dueAt, completedAt, first, second) => {
          const done: AssignmentTiming = { status: 'done', dueAt, completedAt };
          expect(assignmentState(done, first)).toBe(assignmentState(done, second));
          expect(assignmentState(done, first)).toBe(completedAt <= dueAt ? 'done_on_time' : 'done_late');
        }),
      );
    });
  });

  it('should never turn an overdue assignment back to on time as time goes on', () => {
    fc.assert(
      fc.property(timing, instant, fc.nat({ max: 10 ** 10 }), (assignment, now, later) => {
        if (assignmentState(assignment, now) === 'overdue') expect(assignmentState(assignment, new Date(now.getTime() + later))).toBe('overdue');
      }),
    );
  });

  it('should call an open assignment overdue exactly when now is after its deadline', () => {
    fc.assert(
      fc.property(timing, instant, (assignment, now) => {
        const state = assignmentState(assignment, now);
        if (assignment.status === 'done') expect(['done_on_time', 'done_late']).toContain(state);
        else expect(state).toBe(now > assignment.dueAt ? 'overdue' : 'in_progress_on_time');
      }),
    );
  });
});

describe(changeStatus.name, () => {
  const completedAt = new Date('2024-06-20T03:00:00Z');
  const now = new Date('2024-06-26T03:00:00Z');

  it('should set completedAt to now when an open assignment becomes done', () => {
    expect(changeStatus({ status: 'in_progress', completedAt: null }, 'done', now)).toEqual({ status: 'done', completedAt: now });
  });

  it('should keep completedAt when a done assignment is marked done again', () => {
    expect(changeStatus({ status: 'done', completedAt }, 'done', now)).toEqual({ status: 'done', completedAt });
  });

  it('should clear completedAt when an assignment leaves done', () => {
    expect(changeStatus({ status: 'done', completedAt }, 'in_progress', now)).toEqual({ status: 'in_progress', completedAt: null });
    expect(changeStatus({ status: 'done', completedAt }, 'pending', now)).toEqual({ status: 'pending', completedAt: null });
  });

  it('should keep the rule done ⇔ completedAt set for any change', () => {
    fc.assert(
      fc.property(timing, fc.constantFrom(...ASSIGNMENT_STATUSES), instant, (assignment, status, when) => {
        const next = changeStatus(assignment, status, when);
        expect(next.status).toBe(status);
        expect(next.completedAt !== null).toBe(status === 'done');
      }),
    );
  });
});

describe(countStates.name, () => {
  it('should count each assignment once by status and once by state', () => {
    fc.assert(
      fc.property(fc.array(timing, { maxLength: 30 }), instant, (assignments, now) => {
        const counts = countStates(assignments, now);
        expect(counts.total).toBe(assignments.length);
        expect(counts.pending + counts.inProgress + counts.done).toBe(counts.total);
        expect(counts.inProgressOnTime + counts.overdue + counts.doneOnTime + counts.doneLate).toBe(counts.total);
        expect(counts.doneOnTime + counts.doneLate).toBe(counts.done);
      }),
    );
  });
});
