import fc from 'fast-check';
import { AssignmentState, auditChanges, diffTasks, editConflict, EditInput, isLate, planEdit, planReview, reviewConflict, SubmissionState } from './submission-rules';
import { SUBMISSION_STATUSES, SubmissionStatus } from './submission.entity';

const T0 = new Date('2024-06-20T02:00:00Z');
const T1 = new Date('2024-06-26T02:00:00Z');

function state(overrides: Partial<SubmissionState> = {}): SubmissionState {
  return { status: 'draft', sections: {}, values: {}, submittedAt: null, lastSubmittedAt: null, reviewComment: null, reviewedAt: null, ...overrides };
}

function input(overrides: Partial<EditInput> = {}): EditInput {
  return { sections: {}, values: {}, taskUpdates: [], submit: false, ...overrides };
}

const NO_TASKS = new Map<string, AssignmentState>();

describe('submission rules', () => {
  describe('isLate', () => {
    const due = new Date('2024-06-25T10:00:00Z');

    it('should be false when the report is submitted at or before the deadline', () => {
      expect(isLate(new Date('2024-06-25T10:00:00Z'), due)).toBe(false);
      expect(isLate(new Date('2024-06-25T09:59:59Z'), due)).toBe(false);
    });

    it('should be true when the report is submitted a millisecond after the deadline', () => {
      expect(isLate(new Date('2024-06-25T10:00:00.001Z'), due)).toBe(true);
    });

    it('should be false when the report is not submitted', () => {
      expect(isLate(null, due)).toBe(false);
    });
  });

  describe('editConflict and reviewConflict', () => {
    it('should refuse edits only when the report is accepted', () => {
      expect(SUBMISSION_STATUSES.filter((status) => editConflict(status) !== null)).toEqual(['accepted']);
    });

    it('should allow accept only from submitted and return only from submitted or accepted', () => {
      expect(SUBMISSION_STATUSES.filter((status) => reviewConflict(status, 'accept') === null)).toEqual(['submitted']);
      expect(SUBMISSION_STATUSES.filter((status) => reviewConflict(status, 'return') === null)).toEqual(['submitted', 'accepted']);
      expect(reviewConflict('draft', 'return')).toContain('draft');
    });
  });

  describe('planEdit', () => {
    it('should create a draft with every field in its changes when there is no report yet', () => {
      const plan = planEdit(null, input({ sections: { results: 'Kết quả' }, values: { TT: 3 } }), NO_TASKS, T0);
      expect(plan).toEqual({
        next: state({ sections: { results: 'Kết quả' }, values: { TT: 3 } }),
        action: 'create',
        changes: { status: { from: null, to: 'draft' }, sections: { results: { from: null, to: 'Kết quả' } }, values: { TT: { from: null, to: 3 } } },
        assignments: [],
      });
    });

    it('should submit a new report with both submission times set to now when submit is true', () => {
      const plan = planEdit(null, input({ submit: true }), NO_TASKS, T0);
      expect(plan?.action).toBe('submit');
      expect(plan?.next).toMatchObject({ status: 'submitted', submittedAt: T0, lastSubmittedAt: T0 });
      expect(plan?.changes).toEqual({
        status: { from: null, to: 'submitted' },
        submittedAt: { from: null, to: T0.toISOString() },
        lastSubmittedAt: { from: null, to: T0.toISOString() },
      });
    });

    it('should return null when an existing report would not change', () => {
      const current = state({ status: 'submitted', values: { TT: 3 }, submittedAt: T0, lastSubmittedAt: T0 });
      expect(planEdit(current, input({ values: { TT: 3 } }), NO_TASKS, T1)).toBeNull();
      expect(planEdit(current, input({ values: { TT: 3 }, submit: true }), NO_TASKS, T1)).toBeNull();
      expect(planEdit(state(), input(), NO_TASKS, T1)).toBeNull();
    });

    it('should keep the first submittedAt and move lastSubmittedAt when a returned report is submitted again', () => {
      const current = state({ status: 'returned', submittedAt: T0, lastSubmittedAt: T0, reviewComment: 'Bổ sung', reviewedAt: T0 });
      const plan = planEdit(current, input({ submit: true }), NO_TASKS, T1);
      expect(plan?.next).toMatchObject({ status: 'submitted', submittedAt: T0, lastSubmittedAt: T1, reviewComment: 'Bổ sung' });
      expect(plan?.changes).toEqual({ status: { from: 'returned', to: 'submitted' }, lastSubmittedAt: { from: T0.toISOString(), to: T1.toISOString() } });
    });

    it('should keep a submitted report submitted with an update when it is edited without submit', () => {
      const current = state({ status: 'submitted', values: { TT: 3 }, submittedAt: T0, lastSubmittedAt: T0 });
      const plan = planEdit(current, input({ values: { TT: 4 } }), NO_TASKS, T1);
      expect(plan).toMatchObject({ action: 'update', next: { status: 'submitted', lastSubmittedAt: T0 }, changes: { values: { TT: { from: 3, to: 4 } } } });
      expect(plan?.changes).not.toHaveProperty('status');
    });

    it('should keep a returned report returned when it is edited without submit', () => {
      const plan = planEdit(state({ status: 'returned', submittedAt: T0 }), input({ sections: { proposals: 'Đề xuất' } }), NO_TASKS, T1);
      expect(plan).toMatchObject({ action: 'update', next: { status: 'returned' } });
    });

    it('should never move the first submission time once it is set, whatever is sent', () => {
      const statuses = fc.constantFrom<SubmissionStatus>('draft', 'submitted', 'returned');
      const values = fc.dictionary(fc.constantFrom('A', 'B', 'C'), fc.nat(5));
      fc.assert(
        fc.property(statuses, values, values, fc.boolean(), fc.boolean(), (status, before, after, submit, submittedBefore) => {
          const current = state({ status, values: before, submittedAt: status === 'draft' && !submittedBefore ? null : T0, lastSubmittedAt: T0 });
          const plan = planEdit(current, input({ values: after, submit }), NO_TASKS, T1);
          const next = plan?.next ?? current;
          if (current.submittedAt) expect(next.submittedAt).toBe(T0);
          if (next.status === 'submitted') expect(next.submittedAt).not.toBeNull();
          if (!submit) expect(next.status).toBe(current.status);
          if (plan) expect(Object.keys(plan.changes).length).toBeGreaterThan(0);
        }),
      );
    });
  });

  describe('diffTasks', () => {
    const pending: AssignmentState = { id: 'a', status: 'pending', note: 'cũ', completedAt: null };
    const done: AssignmentState = { id: 'b', status: 'done', note: null, completedAt: T0 };
    const assignments = new Map([pending, done].map((assignment) => [assignment.id, assignment]));

    it('should set completedAt to now when a task becomes done and keep the note when none is sent', () => {
      expect(diffTasks(assignments, [{ assignmentId: 'a', status: 'done' }], T1)).toEqual({
        changes: { a: { status: { from: 'pending', to: 'done' }, completedAt: { from: null, to: T1.toISOString() } } },
        writes: [{ id: 'a', status: 'done', note: 'cũ', completedAt: T1 }],
      });
    });

    it('should keep completedAt while a task stays done and clear it when it leaves done', () => {
      expect(diffTasks(assignments, [{ assignmentId: 'b', status: 'done' }], T1)).toEqual({ writes: [] });
      expect(diffTasks(assignments, [{ assignmentId: 'b', status: 'in_progress' }], T1).writes).toEqual([{ id: 'b', status: 'in_progress', note: null, completedAt: null }]);
    });

    it('should clear the note when null is sent', () => {
      expect(diffTasks(assignments, [{ assignmentId: 'a', status: 'pending', note: null }], T1).changes).toEqual({ a: { note: { from: 'cũ', to: null } } });
    });

    it('should throw when an update names an assignment that was not read', () => {
      expect(() => diffTasks(assignments, [{ assignmentId: 'z', status: 'done' }], T1)).toThrow('was not checked');
    });
  });

  describe('planReview', () => {
    it('should accept with the review time and clear an earlier comment', () => {
      const plan = planReview(state({ status: 'submitted', submittedAt: T0, reviewComment: 'Bổ sung', reviewedAt: T0 }), { kind: 'accept' }, T1);
      expect(plan.action).toBe('accept');
      expect(plan.next).toMatchObject({ status: 'accepted', reviewComment: null, reviewedAt: T1, submittedAt: T0 });
      expect(plan.changes).toEqual({
        status: { from: 'submitted', to: 'accepted' },
        reviewComment: { from: 'Bổ sung', to: null },
        reviewedAt: { from: T0.toISOString(), to: T1.toISOString() },
      });
    });

    it('should return with the comment and the review time', () => {
      const plan = planReview(state({ status: 'accepted', submittedAt: T0 }), { kind: 'return', comment: 'Số liệu chưa khớp' }, T1);
      expect(plan.next).toMatchObject({ status: 'returned', reviewComment: 'Số liệu chưa khớp', reviewedAt: T1, submittedAt: T0 });
    });
  });

  describe('auditChanges', () => {
    it('should flatten sections, values and tasks into dotted field names', () => {
      expect(
        auditChanges({
          status: { from: 'draft', to: 'submitted' },
          sections: { results: { from: null, to: 'A' } },
          values: { from: { from: 1, to: 2 }, to: { from: null, to: 3 } },
          tasks: { a: { status: { from: 'pending', to: 'done' } } },
        }),
      ).toEqual({
        status: { from: 'draft', to: 'submitted' },
        'sections.results': { from: null, to: 'A' },
        'values.from': { from: 1, to: 2 },
        'values.to': { from: null, to: 3 },
        'tasks.a.status': { from: 'pending', to: 'done' },
      });
    });
  });
});
