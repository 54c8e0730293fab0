export type AuditAction = 'create' | 'update' | 'delete';

export interface FieldChange {
  from?: unknown;
  to?: unknown;
}

export interface AuditEntry {
  at: Date;
  actor: string;
  action: AuditAction;
  entity: string;
  entityId: string;
  changes: Record<string, FieldChange>;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// The fields that differ between two versions of a record, for the audit log. A created record
// has only `to` values, a deleted one only `from` values.
export function diffChanges(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): Record<string, FieldChange> {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, FieldChange> = {};
  for (const field of fields) {
    const from = before?.[field];
    const to = after?.[field];
    if (before && after && same(from, to)) continue;
    changes[field] = { ...(before ? { from: from ?? null } : {}), ...(after ? { to: to ?? null } : {}) };
  }
  return changes;
}

// An audit entry whose record id is known only once the record is written.
export type AuditDraft = Omit<AuditEntry, 'entityId'>;
