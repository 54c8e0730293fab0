import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

// What a digest says, read fresh when it is sent: a report submitted or a task done since the
// sweep drops out of it.
export interface DigestFacts {
  unit: { id: string; code: string; name: string; emails: string[]; headEmail: string | null; active: boolean };
  period: { id: string; year: number; quarter: number };
  report: { dueAt: Date; status: 'missing' | 'draft' | 'returned'; reviewComment: string | null } | null;
  tasks: Array<{ id: string; title: string; dueAt: Date; role: 'lead' | 'support' }>;
}

// The columns digestFactsSql selects (unit_id is null when the unit or the period is gone).
export interface DigestFactsRow {
  unit_id: string | null;
  code: string;
  name: string;
  emails: string[];
  head_email: string | null;
  active: boolean;
  period_id: string;
  year: number;
  quarter: number;
  report_due_at: Date;
  submission_status: string | null;
  review_comment: string | null;
  tasks: Array<{ id: string; title: string; dueAt: string; role: 'lead' | 'support' }>;
}

// The digest facts of one unit and period, given as SQL expressions: a statement of its own here,
// and a LATERAL join of the reminder's locked read (RemindersRepository.whileLocked).
export function digestFactsSql(unitId: string, periodId: string): string {
  return `SELECT u.id AS unit_id, u.code, u.name, u.emails, u.head_email, u.active, p.id AS period_id, p.year, p.quarter,
         coalesce((SELECT e.report_due_at FROM report_extensions e WHERE e.period_id = p.id AND e.unit_id = u.id ORDER BY e.created_at DESC LIMIT 1), p.report_due_at) AS report_due_at,
         s.status AS submission_status, s.review_comment,
         coalesce((SELECT json_agg(json_build_object('id', a.id, 'title', t.title, 'dueAt', a.due_at, 'role', a.role) ORDER BY a.due_at, t.title)
           FROM assignments a JOIN tasks t ON t.id = a.task_id
           WHERE a.period_id = p.id AND a.unit_id = u.id AND a.status <> 'done' AND s.status IS DISTINCT FROM 'submitted' AND s.status IS DISTINCT FROM 'accepted'), '[]'::json) AS tasks
       FROM units u CROSS JOIN periods p
       LEFT JOIN submissions s ON s.period_id = p.id AND s.unit_id = u.id
       WHERE u.id = ${unitId} AND p.id = ${periodId}`;
}

export function toDigestFacts(row: DigestFactsRow): DigestFacts | null {
  if (row.unit_id === null) return null;
  const pending = row.submission_status === null || row.submission_status === 'draft' || row.submission_status === 'returned';
  return {
    unit: { id: row.unit_id, code: row.code, name: row.name, emails: row.emails, headEmail: row.head_email, active: row.active },
    period: { id: row.period_id, year: Number(row.year), quarter: Number(row.quarter) },
    report: pending ? { dueAt: row.report_due_at, status: (row.submission_status ?? 'missing') as 'missing' | 'draft' | 'returned', reviewComment: row.review_comment } : null,
    tasks: row.tasks.map((task) => ({ ...task, dueAt: new Date(task.dueAt) })),
  };
}

@Injectable()
export class ReminderDigestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async facts(unitId: string, periodId: string): Promise<DigestFacts | null> {
    const [row]: DigestFactsRow[] = await this.dataSource.query(digestFactsSql('$1', '$2'), [unitId, periodId]);
    return row ? toDigestFacts(row) : null;
  }
}
