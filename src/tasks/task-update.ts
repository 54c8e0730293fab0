import { diffChanges } from '../audit/audit';
import { conflict } from '../common/errors';
import { AssignTo, ExistingAssignment, planAssignmentChanges, wantedAssignments } from './assign-to';
import { TaskEntity } from './task.entity';
import { TaskUpdate } from './tasks.repository';

export const TASK_AUDIT_ENTITY = 'task';

type TaskFields = Pick<TaskEntity, 'periodId' | 'title' | 'description' | 'dueAt' | 'assignTo' | 'templateId'>;

// The fields of a task the audit log follows, with its lead and support units.
export function auditedTaskFields(task: TaskFields, assignments: ReadonlyArray<Pick<ExistingAssignment, 'unitId' | 'role'>>): Record<string, unknown> {
  const unitsWith = (role: ExistingAssignment['role']) =>
    assignments
      .filter((item) => item.role === role)
      .map((item) => item.unitId)
      .sort();
  return {
    periodId: task.periodId,
    title: task.title,
    description: task.description,
    dueAt: task.dueAt.toISOString(),
    assignTo: task.assignTo,
    templateId: task.templateId,
    leadUnitIds: unitsWith('lead'),
    supportUnitIds: unitsWith('support'),
  };
}

export interface TaskEdit {
  title?: string;
  description?: string | null;
  dueAt?: Date;
  assignTo?: AssignTo;
  // The units assignTo and supportUnitIds resolve to, when they are given.
  leadUnitIds?: string[];
  supportUnitIds?: string[];
}

// What a PATCH changes, planned from the task and its assignments as they are now; undefined when
// it changes nothing. Units not given keep their role; a unit leaving the task loses its
// assignment, which is refused (409) when that assignment is done, so finished work is never lost.
export function planTaskUpdate(task: TaskEntity, current: readonly ExistingAssignment[], edit: TaskEdit, at: Date, actor: string): TaskUpdate | undefined {
  const leads = edit.leadUnitIds ?? current.filter((item) => item.role === 'lead').map((item) => item.unitId);
  const supports = edit.supportUnitIds ?? current.filter((item) => item.role === 'support').map((item) => item.unitId);
  const wanted = wantedAssignments(leads, supports);
  const assignments = planAssignmentChanges(current, wanted);
  const finished = assignments.removed.find((item) => item.status === 'done');
  if (finished) {
    // A lead leaves only through assignTo, a support unit only through supportUnitIds.
    throw conflict(`unit ${finished.unitId} has finished its assignment of this task, which cannot be taken away`, finished.role === 'lead' ? 'assignTo' : 'supportUnitIds');
  }
  const fields: TaskUpdate['fields'] = {};
  if (edit.title !== undefined && edit.title !== task.title) fields.title = edit.title;
  if (edit.description !== undefined && edit.description !== task.description) fields.description = edit.description;
  if (edit.dueAt !== undefined && edit.dueAt.getTime() !== task.dueAt.getTime()) fields.dueAt = edit.dueAt;
  if (edit.assignTo !== undefined && JSON.stringify(edit.assignTo) !== JSON.stringify(task.assignTo)) fields.assignTo = edit.assignTo;
  const after = planAfter(current, assignments);
  const changes = diffChanges(auditedTaskFields(task, current), auditedTaskFields({ ...task, ...fields }, after));
  if (Object.keys(changes).length === 0) return undefined;
  return { fields, assignments, updatedAt: at, audit: { at, actor, action: 'update', entity: TASK_AUDIT_ENTITY, changes } };
}

function planAfter(current: readonly ExistingAssignment[], changes: ReturnType<typeof planAssignmentChanges>): Array<Pick<ExistingAssignment, 'unitId' | 'role'>> {
  const removed = new Set(changes.removed.map((item) => item.unitId));
  const roles = new Map(changes.roleChanged.map((item) => [item.unitId, item.to]));
  return [...current.filter((item) => !removed.has(item.unitId)).map((item) => ({ unitId: item.unitId, role: roles.get(item.unitId) ?? item.role })), ...changes.added];
}
