import { Actor } from '../auth/roles';
import { conflict } from '../common/errors';
import { auditChanges, SubmissionState, Transition } from './submission-rules';
import { ResolvedValue } from './submission-validation';
import { SubmissionRecord } from './submission.entity';
import { SubmissionWrite } from './submissions.repository';

export const SUBMISSION_AUDIT_ENTITY = 'submission';
export const ASSIGNMENT_AUDIT_ENTITY = 'assignment';

// A change is planned on the revision it read and stored only if that is still the latest; after
// this many lost races the caller is asked to try again.
export const MAX_WRITE_ATTEMPTS = 3;

export function raceLost(): never {
  throw conflict('the report was changed by someone else at the same time; send the change again');
}

// Who changes a report: an API key (its name is recorded), or the unit's portal ({ name: 'portal' }).
export type SubmissionActor = Pick<Actor, 'name'>;

export function stateOf(record: SubmissionRecord): SubmissionState {
  return {
    status: record.status,
    sections: record.sections,
    values: record.values,
    submittedAt: record.submittedAt,
    lastSubmittedAt: record.lastSubmittedAt,
    reviewComment: record.reviewComment,
    reviewedAt: record.reviewedAt,
  };
}

// The rows one planned change writes: the submission (conditional on the revision it was planned
// on), its values when they changed, the assignments, the revision row and the audit entries.
export function toWrite(
  target: { current: SubmissionRecord | null; periodId: string; unitId: string },
  plan: Transition,
  actor: SubmissionActor,
  at: Date,
  values?: ResolvedValue[],
): SubmissionWrite {
  const { current } = target;
  const { next } = plan;
  const tasks = plan.changes.tasks ?? {};
  return {
    id: current?.id,
    expectedRevision: current?.revision,
    periodId: target.periodId,
    unitId: target.unitId,
    status: next.status,
    sections: next.sections,
    submittedAt: next.submittedAt,
    lastSubmittedAt: next.lastSubmittedAt,
    reviewComment: next.reviewComment,
    reviewedAt: next.reviewedAt,
    revision: (current?.revision ?? 0) + 1,
    at,
    values: plan.changes.values && values ? values.map((value) => ({ indicatorId: value.indicatorId, value: value.value })) : undefined,
    assignments: plan.assignments,
    log: { actor: actor.name, action: plan.action, changes: plan.changes },
    audits: [
      { at, actor: actor.name, action: current ? 'update' : 'create', entity: SUBMISSION_AUDIT_ENTITY, changes: auditChanges(plan.changes) },
      ...plan.assignments.map((assignment) => ({
        at,
        actor: actor.name,
        action: 'update' as const,
        entity: ASSIGNMENT_AUDIT_ENTITY,
        entityId: assignment.id,
        changes: { ...tasks[assignment.id] },
      })),
    ],
  };
}
