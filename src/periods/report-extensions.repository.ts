import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { effectiveReportDueAtSql } from './periods.repository';

// A unit's report deadline for a period moved to a new instant; every one is kept.
export interface ReportExtension {
  id: string;
  periodId: string;
  unitId: string;
  reportDueAt: Date;
  previousDueAt: Date;
  reason: string;
  actor: string;
  createdAt: Date;
}

export interface ExtensionPlan {
  extension: Pick<ReportExtension, 'reportDueAt' | 'reason' | 'actor' | 'createdAt'>;
  audit: AuditDraft;
}

const EXTENSION_COLUMNS = `id, period_id AS "periodId", unit_id AS "unitId", report_due_at AS "reportDueAt", previous_due_at AS "previousDueAt", reason, actor, created_at AS "createdAt"`;

// The deadlines a new extension is planned from.
export interface UnitDeadline {
  // The period's own deadline.
  periodDueAt: Date;
  // The unit's deadline: its latest extension, else the period's.
  dueAt: Date;
}

// $1 period id, $2 unit id; no row when the period does not exist.
const DEADLINE_SQL = `SELECT p.report_due_at AS "periodDueAt", ${effectiveReportDueAtSql('p', 'u')} AS "dueAt"
  FROM periods p CROSS JOIN (SELECT $2::uuid AS id) u WHERE p.id = $1`;

async function deadline(manager: EntityManager, periodId: string, unitId: string): Promise<UnitDeadline | null> {
  const rows: UnitDeadline[] = await manager.query(DEADLINE_SQL, [periodId, unitId]);
  return rows.length ? rows[0] : null;
}

@Injectable()
export class ReportExtensionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // The unit's deadline in the period, or null when the period does not exist.
  async effectiveDueAt(periodId: string, unitId: string): Promise<Date | null> {
    return (await deadline(this.dataSource.manager, periodId, unitId))?.dueAt ?? null;
  }

  // Oldest first.
  history(periodId: string, unitId: string): Promise<ReportExtension[]> {
    return this.dataSource.query(`SELECT ${EXTENSION_COLUMNS} FROM report_extensions WHERE period_id = $1 AND unit_id = $2 ORDER BY created_at, id`, [periodId, unitId]);
  }

  /**
   * Records an extension and its audit entry, both planned from the deadlines they replace, in one
   * transaction; null when the period does not exist. The period's row is locked and the plan is
   * made under the lock, so that concurrent extensions (and changes of the period) queue up: each
   * extension's previous deadline is the one before it, and their times are in the order they were
   * applied. A plan that throws writes nothing.
   */
  add(periodId: string, unitId: string, plan: (current: UnitDeadline) => ExtensionPlan): Promise<ReportExtension | null> {
    return this.dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(`SELECT id FROM periods WHERE id = $1 FOR NO KEY UPDATE`, [periodId]);
      if (locked.length === 0) return null;
      const current = (await deadline(manager, periodId, unitId)) as UnitDeadline;
      const { extension, audit } = plan(current);
      const [row]: ReportExtension[] = await manager.query(
        `INSERT INTO report_extensions (period_id, unit_id, report_due_at, previous_due_at, reason, actor, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${EXTENSION_COLUMNS}`,
        [periodId, unitId, extension.reportDueAt, current.dueAt, extension.reason, extension.actor, extension.createdAt],
      );
      await insertAudit(manager, { ...audit, entityId: row.id });
      return row;
    });
  }
}
