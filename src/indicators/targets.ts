import { AuditDraft, diffChanges } from '../audit/audit';
import { FieldError } from '../common/errors';

export const TARGET_AUDIT_ENTITY = 'indicator_target';

// One target as a PUT lists it; unitId null is the whole program's target.
export interface TargetInput {
  year: number;
  value: number;
  unitId: string | null;
}

export interface StoredTarget extends TargetInput {
  id: string;
}

export type TargetWrite =
  { kind: 'create'; target: TargetInput & { indicatorId: string; at: Date }; audit: AuditDraft } | { kind: 'update'; id: string; value: number; at: Date; audit: AuditDraft };

// UUIDs compare in lower case, as PostgreSQL prints them.
export function targetKey(target: { year: number; unitId: string | null }): string {
  return `${target.year}/${target.unitId?.toLowerCase() ?? 'program'}`;
}

// Each target listed a second time for the same year and unit, named by its index.
export function duplicateTargets(targets: TargetInput[]): FieldError[] {
  const first = new Map<string, number>();
  const errors: FieldError[] = [];
  targets.forEach((target, index) => {
    const key = targetKey(target);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else errors.push({ field: `[${index}]`, message: `repeats [${earlier}]: the same year and unitId` });
  });
  return errors;
}

/**
 * The writes that bring the listed targets to their new values: a new (year, unit) is created, a
 * changed value updated, an unchanged one left alone (no write, no audit entry). Targets not
 * listed are kept.
 */
export function planTargetWrites(indicatorId: string, existing: StoredTarget[], targets: TargetInput[], at: Date, actor: string): TargetWrite[] {
  const stored = new Map(existing.map((target) => [targetKey(target), target]));
  const writes: TargetWrite[] = [];
  for (const target of targets) {
    const unitId = target.unitId?.toLowerCase() ?? null;
    const current = stored.get(targetKey(target));
    if (current && current.value === target.value) continue;
    if (current) {
      const changes = diffChanges({ value: current.value }, { value: target.value });
      writes.push({ kind: 'update', id: current.id, value: target.value, at, audit: { at, actor, action: 'update', entity: TARGET_AUDIT_ENTITY, changes } });
      continue;
    }
    const created = { indicatorId, year: target.year, unitId, value: target.value };
    writes.push({ kind: 'create', target: { ...created, at }, audit: { at, actor, action: 'create', entity: TARGET_AUDIT_ENTITY, changes: diffChanges(undefined, created) } });
  }
  return writes;
}
