import { FieldChange } from '../audit/audit';
import { AssignmentStatus, Change, RevisionAction, RevisionChanges, SECTION_NAMES, Sections, SubmissionStatus, TaskChange } from './submission.entity';

// The rules of a report's life, without I/O. A new report is a draft; submit moves a draft or
// returned report to submitted; accept moves submitted to accepted; return moves submitted or
// accepted to returned. Draft, submitted and returned reports can be edited, accepted ones cannot.

export interface SubmissionState {
  status: SubmissionStatus;
  sections: Sections;
  // By the indicator's current code.
  values: Record<string, number>;
  submittedAt: Date | null;
  lastSubmittedAt: Date | null;
  reviewComment: string | null;
  reviewedAt: Date | null;
}

export interface AssignmentState {
  id: string;
  status: AssignmentStatus;
  note: string | null;
  completedAt: Date | null;
}

// note: undefined keeps the assignment's note, null clears it.
export interface TaskUpdate {
  assignmentId: string;
  status: AssignmentStatus;
  note?: string | null;
}

export interface EditInput {
  sections: Sections;
  values: Record<string, number>;
  taskUpdates: TaskUpdate[];
  submit: boolean;
}

export interface Transition {
  next: SubmissionState;
  action: RevisionAction;
  changes: RevisionChanges;
  assignments: AssignmentState[];
}

export type Review = { kind: 'accept' } | { kind: 'return'; comment: string };

const EMPTY: SubmissionState = { status: 'draft', sections: {}, values: {}, submittedAt: null, lastSubmittedAt: null, reviewComment: null, reviewedAt: null };

function iso(instant: Date | null): string | null {
  return instant ? instant.toISOString() : null;
}

function instantChange(from: Date | null, to: Date | null): Change<string | null> | undefined {
  return from?.getTime() === to?.getTime() ? undefined : { from: iso(from), to: iso(to) };
}

function nonEmpty<T extends object>(record: T): T | undefined {
  return Object.keys(record).length > 0 ? record : undefined;
}

// Late when first submitted after the effective deadline; on time at the deadline itself. A
// report not submitted yet is not late (it is missing, which the period status shows).
export function isLate(submittedAt: Date | null, reportDueAt: Date): boolean {
  return submittedAt !== null && submittedAt.getTime() > reportDueAt.getTime();
}

export function editConflict(status: SubmissionStatus): string | null {
  return status === 'accepted' ? 'an accepted report cannot be edited; return it first' : null;
}

export function reviewConflict(status: SubmissionStatus, review: Review['kind']): string | null {
  if (review === 'accept') return status === 'submitted' ? null : `only a submitted report can be accepted; this one is ${status}`;
  return status === 'submitted' || status === 'accepted' ? null : `only a submitted or accepted report can be returned; this one is ${status}`;
}

export function diffSections(before: Sections, after: Sections): RevisionChanges['sections'] {
  const changes: NonNullable<RevisionChanges['sections']> = {};
  for (const name of SECTION_NAMES) {
    const from = before[name] ?? null;
    const to = after[name] ?? null;
    if (from !== to) changes[name] = { from, to };
  }
  return nonEmpty(changes);
}

export function diffValues(before: Record<string, number>, after: Record<string, number>): RevisionChanges['values'] {
  const changes: Record<string, Change<number | null>> = {};
  for (const code of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[code] ?? null;
    const to = after[code] ?? null;
    if (from !== to) changes[code] = { from, to };
  }
  return nonEmpty(changes);
}

// The assignments a report changes, with completedAt set when one becomes done and cleared when
// it leaves done; an update that changes nothing is left out.
export function diffTasks(current: ReadonlyMap<string, AssignmentState>, updates: TaskUpdate[], now: Date): { changes?: Record<string, TaskChange>; writes: AssignmentState[] } {
  const changes: Record<string, TaskChange> = {};
  const writes: AssignmentState[] = [];
  for (const update of updates) {
    const before = current.get(update.assignmentId);
    if (!before) throw new Error(`assignment ${update.assignmentId} was not checked`);
    const note = update.note === undefined ? before.note : update.note;
    const completedAt = update.status !== 'done' ? null : before.status === 'done' ? before.completedAt : now;
    const change: TaskChange = {};
    if (before.status !== update.status) change.status = { from: before.status, to: update.status };
    if (before.note !== note) change.note = { from: before.note, to: note };
    const completed = instantChange(before.completedAt, completedAt);
    if (completed) change.completedAt = completed;
    if (Object.keys(change).length === 0) continue;
    changes[before.id] = change;
    writes.push({ id: before.id, status: update.status, note, completedAt });
  }
  return { changes: nonEmpty(changes), writes };
}

// A PUT: the next state, or null when it changes nothing. `submit` moves a draft or returned
// report to submitted; the first submission time is kept for good (lateness is judged on it),
// lastSubmittedAt is set on every submission that stores something. Without `submit` the status
// stays as it is, so a submitted report edited before review stays submitted.
export function planEdit(current: SubmissionState | null, input: EditInput, assignments: ReadonlyMap<string, AssignmentState>, now: Date): Transition | null {
  const base = current ?? EMPTY;
  const tasks = diffTasks(assignments, input.taskUpdates, now);
  const content: RevisionChanges = { sections: diffSections(base.sections, input.sections), values: diffValues(base.values, input.values), tasks: tasks.changes };
  const contentChanged = Boolean(content.sections ?? content.values ?? content.tasks);
  const submits = input.submit && (current === null || base.status !== 'submitted' || contentChanged);
  if (current && !contentChanged && !submits) return null;
  const next: SubmissionState = {
    ...base,
    sections: input.sections,
    values: input.values,
    ...(submits ? { status: 'submitted' as const, submittedAt: base.submittedAt ?? now, lastSubmittedAt: now } : {}),
  };
  const changes: RevisionChanges = {
    ...(current?.status !== next.status ? { status: { from: current?.status ?? null, to: next.status } } : {}),
    ...stripUndefined(content),
    ...instantChanges(base, next),
  };
  return { next, action: submits ? 'submit' : current ? 'update' : 'create', changes, assignments: tasks.writes };
}

// Accepting clears the comment of an earlier return; returning records the new one.
export function planReview(current: SubmissionState, review: Review, now: Date): Transition {
  const next: SubmissionState =
    review.kind === 'accept'
      ? { ...current, status: 'accepted', reviewComment: null, reviewedAt: now }
      : { ...current, status: 'returned', reviewComment: review.comment, reviewedAt: now };
  const changes: RevisionChanges = {
    status: { from: current.status, to: next.status },
    ...(current.reviewComment !== next.reviewComment ? { reviewComment: { from: current.reviewComment, to: next.reviewComment } } : {}),
    ...instantChanges(current, next),
  };
  return { next, action: review.kind, changes, assignments: [] };
}

function instantChanges(before: SubmissionState, after: SubmissionState): RevisionChanges {
  const changes: RevisionChanges = {};
  for (const field of ['submittedAt', 'lastSubmittedAt', 'reviewedAt'] as const) {
    const change = instantChange(before[field], after[field]);
    if (change) changes[field] = change;
  }
  return changes;
}

function stripUndefined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

// The audit log keeps flat field names: "sections.results", "values.TT_BUOI", "tasks.<id>.status".
export function auditChanges(changes: RevisionChanges): Record<string, FieldChange> {
  const { sections, values, tasks, ...fields } = changes;
  const flat: Record<string, FieldChange> = {};
  for (const [field, change] of Object.entries(fields)) flat[field] = change;
  for (const [name, change] of Object.entries(sections ?? {})) flat[`sections.${name}`] = change;
  for (const [code, change] of Object.entries(values ?? {})) flat[`values.${code}`] = change;
  for (const [id, task] of Object.entries(tasks ?? {})) for (const [field, change] of Object.entries(task)) flat[`tasks.${id}.${field}`] = change;
  return flat;
}
