import { UnitKind } from '../units/unit.entity';
import { AssignmentRole, AssignmentStatus } from './assignment-state';

export const ASSIGN_TO_KEYWORDS = ['all', 'communes', 'agencies'] as const;
export type AssignToKeyword = (typeof ASSIGN_TO_KEYWORDS)[number];

// Who a task is for: a group of units named by a keyword, or the units themselves.
export type AssignTo = AssignToKeyword | string[];

// The unit kinds a keyword stands for (all kinds for "all"). Communes and townships (xã, thị
// trấn) are both the grassroots level, so "communes" takes both.
export const KEYWORD_KINDS: Record<AssignToKeyword, readonly UnitKind[] | undefined> = {
  all: undefined,
  communes: ['commune', 'township'],
  agencies: ['agency'],
};

export function isAssignToKeyword(value: unknown): value is AssignToKeyword {
  return typeof value === 'string' && (ASSIGN_TO_KEYWORDS as readonly string[]).includes(value);
}

export interface WantedAssignment {
  unitId: string;
  role: AssignmentRole;
}

// Lead units first, each once; a support unit that also leads is a lead.
export function wantedAssignments(leadIds: readonly string[], supportIds: readonly string[]): WantedAssignment[] {
  const leads = new Set(leadIds);
  const supports = new Set(supportIds.filter((id) => !leads.has(id)));
  return [...[...leads].map((unitId) => ({ unitId, role: 'lead' as const })), ...[...supports].map((unitId) => ({ unitId, role: 'support' as const }))];
}

export interface ExistingAssignment {
  id: string;
  unitId: string;
  role: AssignmentRole;
  status: AssignmentStatus;
}

export interface AssignmentChanges {
  added: WantedAssignment[];
  removed: ExistingAssignment[];
  roleChanged: Array<{ id: string; unitId: string; from: AssignmentRole; to: AssignmentRole }>;
}

// What turns a task's assignments into the wanted ones. Assignments kept keep their status,
// deadline and history; only their role may change.
export function planAssignmentChanges(existing: readonly ExistingAssignment[], wanted: readonly WantedAssignment[]): AssignmentChanges {
  const wantedByUnit = new Map(wanted.map((item) => [item.unitId, item]));
  const existingUnits = new Set(existing.map((item) => item.unitId));
  return {
    added: wanted.filter((item) => !existingUnits.has(item.unitId)),
    removed: existing.filter((item) => !wantedByUnit.has(item.unitId)),
    roleChanged: existing.flatMap((item) => {
      const role = wantedByUnit.get(item.unitId)?.role;
      return role && role !== item.role ? [{ id: item.id, unitId: item.unitId, from: item.role, to: role }] : [];
    }),
  };
}
