export const ASSIGNMENT_STATUSES = ['pending', 'in_progress', 'done'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ASSIGNMENT_ROLES = ['lead', 'support'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

// The four-way status of Vietnamese task tracking: in progress (on time), overdue, done on time, done late.
export const ASSIGNMENT_STATES = ['in_progress_on_time', 'overdue', 'done_on_time', 'done_late'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

export interface AssignmentTiming {
  status: AssignmentStatus;
  // The effective deadline, after extensions.
  dueAt: Date;
  completedAt: Date | null;
}

// Done at or before the deadline is on time, after it late; not done and past the deadline is
// overdue. At exactly the deadline an open assignment is still on time. The same rule is written
// in SQL by assignmentStateSql() (assignments.repository.ts); a property test keeps them equal.
export function assignmentState(assignment: AssignmentTiming, now: Date): AssignmentState {
  const due = assignment.dueAt.getTime();
  if (assignment.status === 'done') {
    return assignment.completedAt !== null && assignment.completedAt.getTime() <= due ? 'done_on_time' : 'done_late';
  }
  return now.getTime() > due ? 'overdue' : 'in_progress_on_time';
}

export interface StateCounts {
  total: number;
  pending: number;
  inProgress: number;
  done: number;
  inProgressOnTime: number;
  overdue: number;
  doneOnTime: number;
  doneLate: number;
}

const STATUS_KEYS: Record<AssignmentStatus, keyof StateCounts> = { pending: 'pending', in_progress: 'inProgress', done: 'done' };
const STATE_KEYS: Record<AssignmentState, keyof StateCounts> = { in_progress_on_time: 'inProgressOnTime', overdue: 'overdue', done_on_time: 'doneOnTime', done_late: 'doneLate' };

// How many assignments are in each status and in each state.
export function countStates(assignments: readonly AssignmentTiming[], now: Date): StateCounts {
  const counts: StateCounts = { total: 0, pending: 0, inProgress: 0, done: 0, inProgressOnTime: 0, overdue: 0, doneOnTime: 0, doneLate: 0 };
  for (const assignment of assignments) {
    counts.total += 1;
    counts[STATUS_KEYS[assignment.status]] += 1;
    counts[STATE_KEYS[assignmentState(assignment, now)]] += 1;
  }
  return counts;
}

// A status change's effect on completedAt: set to `at` when the assignment becomes done, kept
// while it stays done, cleared when it leaves done (the table's CHECK: done ⇔ completed_at set).
export function changeStatus(current: Pick<AssignmentTiming, 'status' | 'completedAt'>, status: AssignmentStatus, at: Date): Pick<AssignmentTiming, 'status' | 'completedAt'> {
  if (status !== 'done') return { status, completedAt: null };
  return { status, completedAt: current.status === 'done' && current.completedAt ? current.completedAt : at };
}
