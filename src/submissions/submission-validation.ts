import { FieldError } from '../common/errors';
import { SECTION_NAMES, SectionName, Sections } from './submission.entity';

// Far above any real count, and small enough for a JS number to hold exactly.
export const MAX_INDICATOR_VALUE = 1e15;
export const MAX_VALUES_PER_SUBMISSION = 1000;

export interface IndicatorRef {
  id: string;
  code: string;
  active: boolean;
}

export interface AssignmentRef {
  id: string;
  periodId: string;
  unitId: string;
}

export interface ResolvedValue {
  indicatorId: string;
  code: string;
  value: number;
}

export function isIndicatorValue(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_INDICATOR_VALUE;
}

// Matches each key of `values` to an indicator (codes ignore case, the indicator's own spelling is
// kept) and checks each value; every wrong entry is named `values.KEY`.
export function resolveValues(values: Record<string, unknown>, indicators: IndicatorRef[]): { values: ResolvedValue[]; errors: FieldError[] } {
  const entries = Object.entries(values);
  if (entries.length > MAX_VALUES_PER_SUBMISSION) return { values: [], errors: [{ field: 'values', message: `must have at most ${MAX_VALUES_PER_SUBMISSION} indicators` }] };
  const byCode = new Map(indicators.map((indicator) => [indicator.code.toLowerCase(), indicator]));
  const seen = new Set<string>();
  const resolved: ResolvedValue[] = [];
  const errors: FieldError[] = [];
  for (const [key, value] of entries) {
    const field = `values.${key}`;
    const indicator = byCode.get(key.toLowerCase());
    if (!indicator) errors.push({ field, message: 'is not a known indicator code' });
    else if (!indicator.active) errors.push({ field, message: `is an inactive indicator (${indicator.code})` });
    else if (seen.has(indicator.id)) errors.push({ field, message: `gives ${indicator.code} a second time (codes ignore case)` });
    else if (!isIndicatorValue(value)) errors.push({ field, message: `must be a finite number from 0 to ${MAX_INDICATOR_VALUE}` });
    else {
      seen.add(indicator.id);
      // -0 is stored and shown as 0.
      resolved.push({ indicatorId: indicator.id, code: indicator.code, value: value === 0 ? 0 : value });
    }
  }
  return { values: resolved, errors };
}

// Each update names an assignment of this unit in this period, once.
export function checkTaskAssignments(assignmentIds: string[], found: AssignmentRef[], periodId: string, unitId: string): FieldError[] {
  const byId = new Map(found.map((assignment) => [assignment.id, assignment]));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  assignmentIds.forEach((id, index) => {
    const field = `taskUpdates[${index}].assignmentId`;
    const assignment = byId.get(id.toLowerCase());
    const owned = assignment !== undefined && assignment.periodId === periodId && assignment.unitId === unitId;
    if (!owned) errors.push({ field, message: 'is not an assignment of this unit in this period' });
    else if (seen.has(assignment.id)) errors.push({ field, message: 'is listed more than once' });
    else seen.add(assignment.id);
  });
  return errors;
}

// Trimmed; an empty or null section is left out.
export function normalizeSections(sections: Partial<Record<SectionName, string | null>>): Sections {
  const normalized: Sections = {};
  for (const name of SECTION_NAMES) {
    const text = sections[name]?.trim();
    if (text) normalized[name] = text;
  }
  return normalized;
}

// A note of only white space clears it, as null does.
export function normalizeNote(note: string | null | undefined): string | null | undefined {
  if (note === undefined || note === null) return note;
  return note.trim() || null;
}
