import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { uniqueViolation } from '../common/database-errors';
import { SortOrder } from '../common/pagination';
import { AssignmentState } from './submission-rules';
import { AssignmentRef } from './submission-validation';
import { RevisionAction, RevisionChanges, Sections, SubmissionRecord, SubmissionRevisionEntity, SubmissionStatus } from './submission.entity';

export const SUBMISSION_SORT_FIELDS = ['unitCode', 'unitName', 'status', 'submittedAt', 'lastSubmittedAt', 'updatedAt'] as const;
export type SubmissionSortField = (typeof SUBMISSION_SORT_FIELDS)[number];

const SORT_COLUMNS: Record<SubmissionSortField, string> = {
  unitCode: 'lower(u.code)',
  unitName: 'u.name',
  status: 's.status',
  submittedAt: 's.submitted_at',
  lastSubmittedAt: 's.last_submitted_at',
  updatedAt: 's.updated_at',
};

export interface SubmissionFilter {
  periodId: string;
  status?: SubmissionStatus;
  order: SortOrder<SubmissionSortField>;
  offset: number;
  limit: number;
}

export interface PeriodRef {
  id: string;
  year: number;
  quarter: number;
  reportDueAt: Date;
}

// One stored change: the submission's new columns, its values when they changed, the
// assignments it updates, its revision row and the audit entries, all in one transaction.
export interface SubmissionWrite {
  id?: string;
  // The revision the change was planned on; another change stored meanwhile makes the write fail.
  expectedRevision?: number;
  periodId: string;
  unitId: string;
  status: SubmissionStatus;
  sections: Sections;
  submittedAt: Date | null;
  lastSubmittedAt: Date | null;
  reviewComment: string | null;
  reviewedAt: Date | null;
  revision: number;
  at: Date;
  values?: Array<{ indicatorId: string; value: number }>;
  assignments: AssignmentState[];
  log: { actor: string; action: RevisionAction; changes: RevisionChanges };
  audits: Array<Omit<AuditEntry, 'entityId'> & { entityId?: string }>;
}

// Work that belongs to a stored change, in its transaction: it commits with the change or not at all.
export type AfterWrite = (manager: EntityManager, submissionId: string) => Promise<void>;

// The effective deadline is the unit's latest extension, else the period's deadline.
function selectSubmissions(extraColumns = ''): string {
  return `
  SELECT ${extraColumns} s.id, s.period_id, s.unit_id, u.code AS unit_code, u.name AS unit_name, u.emails AS unit_emails, s.status, s.sections,
    s.submitted_at, s.last_submitted_at, s.review_comment, s.reviewed_at, s.revision, s.created_at, s.updated_at,
    p.year AS period_year, p.quarter AS period_quarter, coalesce(x.report_due_at, p.report_due_at) AS report_due_at,
    coalesce((SELECT json_object_agg(i.code, v.value ORDER BY i.position, lower(i.code))
              FROM submission_values v JOIN indicators i ON i.id = v.indicator_id WHERE v.submission_id = s.id), '{}'::json) AS value_map
  FROM submissions s
  JOIN units u ON u.id = s.unit_id
  JOIN periods p ON p.id = s.period_id
  LEFT JOIN LATERAL (
    SELECT e.report_due_at FROM report_extensions e WHERE e.period_id = s.period_id AND e.unit_id = s.unit_id ORDER BY e.created_at DESC, e.id DESC LIMIT 1
  ) x ON true`;
}

interface SubmissionRow {
  id: string;
  period_id: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  unit_emails: string[];
  status: SubmissionStatus;
  sections: Sections;
  submitted_at: Date | null;
  last_submitted_at: Date | null;
  review_comment: string | null;
  reviewed_at: Date | null;
  revision: number;
  created_at: Date;
  updated_at: Date;
  period_year: number;
  period_quarter: number;
  report_due_at: Date;
  value_map: Record<string, number>;
  total?: string;
}

function fromRow(row: SubmissionRow): SubmissionRecord {
  return {
    id: row.id,
    periodId: row.period_id,
    unitId: row.unit_id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    unitEmails: row.unit_emails,
    status: row.status,
    sections: row.sections,
    submittedAt: row.submitted_at,
    lastSubmittedAt: row.last_submitted_at,
    reviewComment: row.review_comment,
    reviewedAt: row.reviewed_at,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    periodYear: row.period_year,
    periodQuarter: row.period_quarter,
    reportDueAt: row.report_due_at,
    values: row.value_map,
  };
}

@Injectable()
export class SubmissionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findPeriod(id: string): Promise<PeriodRef | null> {
    const [row]: Array<{ id: string; year: number; quarter: number; report_due_at: Date }> = await this.dataSource.query(
      `SELECT id, year, quarter, report_due_at FROM periods WHERE id = $1`,
      [id],
    );
    return row ? { id: row.id, year: row.year, quarter: row.quarter, reportDueAt: row.report_due_at } : null;
  }

  // Through `manager`, it reads inside that transaction (see AfterWrite).
  async findById(id: string, manager: Pick<EntityManager, 'query'> = this.dataSource): Promise<SubmissionRecord | null> {
    const [row]: SubmissionRow[] = await manager.query(`${selectSubmissions()} WHERE s.id = $1`, [id]);
    return row ? fromRow(row) : null;
  }

  async findByPeriodAndUnit(periodId: string, unitId: string): Promise<SubmissionRecord | null> {
    const [row]: SubmissionRow[] = await this.dataSource.query(`${selectSubmissions()} WHERE s.period_id = $1 AND s.unit_id = $2`, [periodId, unitId]);
    return row ? fromRow(row) : null;
  }

  // A page of a period's submissions and the total, in one query (count over the window).
  async list(filter: SubmissionFilter): Promise<{ submissions: SubmissionRecord[]; total: number }> {
    const params: unknown[] = [filter.periodId];
    const status = filter.status ? ` AND s.status = $${params.push(filter.status)}` : '';
    const direction = filter.order.direction === 'DESC' ? 'DESC' : 'ASC';
    const rows: SubmissionRow[] = await this.dataSource.query(
      `${selectSubmissions('count(*) OVER () AS total,')} WHERE s.period_id = $1${status}
       ORDER BY ${SORT_COLUMNS[filter.order.field]} ${direction} NULLS LAST, lower(u.code), s.id
       OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, filter.offset, filter.limit],
    );
    const total = rows.length ? Number(rows[0].total) : await this.count(filter);
    return { submissions: rows.map(fromRow), total };
  }

  private async count(filter: SubmissionFilter): Promise<number> {
    const params: unknown[] = [filter.periodId];
    const status = filter.status ? ` AND status = $${params.push(filter.status)}` : '';
    const [row]: Array<{ total: string }> = await this.dataSource.query(`SELECT count(*) AS total FROM submissions WHERE period_id = $1${status}`, params);
    return Number(row.total);
  }

  async revisions(submissionId: string, manager: Pick<EntityManager, 'query'> = this.dataSource): Promise<SubmissionRevisionEntity[]> {
    const rows: Array<SubmissionRevisionEntity & { submission_id: string }> = await manager.query(
      `SELECT id, submission_id, revision, at, actor, action, status, changes FROM submission_revisions WHERE submission_id = $1 ORDER BY revision, at, id`,
      [submissionId],
    );
    return rows.map(({ submission_id, ...row }) => ({ ...row, submissionId: submission_id }));
  }

  async findAssignments(ids: string[]): Promise<Array<AssignmentRef & AssignmentState>> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string; period_id: string; unit_id: string; status: AssignmentState['status']; note: string | null; completed_at: Date | null }> =
      await this.dataSource.query(`SELECT id, period_id, unit_id, status, note, completed_at FROM assignments WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((row) => ({ id: row.id, periodId: row.period_id, unitId: row.unit_id, status: row.status, note: row.note, completedAt: row.completed_at }));
  }

  // Stores one change; the submission id, or null when another change to the same report was
  // stored first (a stale revision, or a concurrent first PUT for the same period and unit).
  // afterWrite runs last in the same transaction, with the stored id (the e-mail telling of it).
  async save(write: SubmissionWrite, afterWrite?: AfterWrite): Promise<string | null> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const id = write.id ? await this.updateRow(manager, write) : await this.insertRow(manager, write);
        if (!id) return null;
        if (write.values) await this.replaceValues(manager, id, write.values);
        for (const assignment of write.assignments) await this.updateAssignment(manager, assignment, write.at);
        await manager.query(`INSERT INTO submission_revisions (submission_id, revision, at, actor, action, status, changes) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          id,
          write.revision,
          write.at,
          write.log.actor,
          write.log.action,
          write.status,
          JSON.stringify(write.log.changes),
        ]);
        for (const audit of write.audits) await insertAudit(manager, { ...audit, entityId: audit.entityId ?? id });
        await afterWrite?.(manager, id);
        return id;
      });
    } catch (error) {
      if (uniqueViolation(error) === 'submissions_period_unit') return null;
      throw error;
    }
  }

  private async insertRow(manager: EntityManager, write: SubmissionWrite): Promise<string> {
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO submissions (period_id, unit_id, status, sections, submitted_at, last_submitted_at, review_comment, reviewed_at, revision, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
      [
        write.periodId,
        write.unitId,
        write.status,
        JSON.stringify(write.sections),
        write.submittedAt,
        write.lastSubmittedAt,
        write.reviewComment,
        write.reviewedAt,
        write.revision,
        write.at,
      ],
    );
    return row.id;
  }

  private async updateRow(manager: EntityManager, write: SubmissionWrite): Promise<string | null> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Array<{ id: string }>, number] = await manager.query(
      `UPDATE submissions SET status = $3, sections = $4, submitted_at = $5, last_submitted_at = $6, review_comment = $7, reviewed_at = $8, revision = $9, updated_at = $10
       WHERE id = $1 AND revision = $2 RETURNING id`,
      [
        write.id,
        write.expectedRevision,
        write.status,
        JSON.stringify(write.sections),
        write.submittedAt,
        write.lastSubmittedAt,
        write.reviewComment,
        write.reviewedAt,
        write.revision,
        write.at,
      ],
    );
    return rows.length ? rows[0].id : null;
  }

  private async replaceValues(manager: EntityManager, submissionId: string, values: Array<{ indicatorId: string; value: number }>): Promise<void> {
    await manager.query(`DELETE FROM submission_values WHERE submission_id = $1`, [submissionId]);
    if (values.length === 0) return;
    await manager.query(`INSERT INTO submission_values (submission_id, indicator_id, value) SELECT $1, unnest($2::uuid[]), unnest($3::numeric[])`, [
      submissionId,
      values.map((value) => value.indicatorId),
      values.map((value) => String(value.value)),
    ]);
  }

  private async updateAssignment(manager: EntityManager, assignment: AssignmentState, at: Date): Promise<void> {
    await manager.query(`UPDATE assignments SET status = $2, note = $3, completed_at = $4, updated_at = $5 WHERE id = $1`, [
      assignment.id,
      assignment.status,
      assignment.note,
      assignment.completedAt,
      at,
    ]);
  }
}
