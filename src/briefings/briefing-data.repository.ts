import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UnitRef } from './model/briefing-model';

export interface PeriodFacts {
  id: string;
  year: number;
  quarter: number;
  briefingAt: Date;
  briefingPlace: string | null;
}

export interface TaskFacts {
  title: string;
  dueAt: Date;
  total: number;
  doneOnTime: number;
  doneLate: number;
  inProgressOnTime: number;
  overdue: number;
}

export interface SectionFacts extends UnitRef {
  results: string | null;
  difficulties: string | null;
  proposals: string | null;
}

export interface AttachmentFacts extends UnitRef {
  id: string;
  filename: string;
  sizeBytes: number;
}

export interface NextTaskFacts {
  title: string;
  dueAt: Date;
  assignTo: unknown;
  unitNames: string[];
}

// The parts of the briefing that the progress aggregates do not already give, each one query.
@Injectable()
export class BriefingDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async period(id: string): Promise<PeriodFacts | null> {
    const [row]: PeriodFacts[] = await this.dataSource.query(
      `SELECT id, year, quarter, briefing_at AS "briefingAt", briefing_place AS "briefingPlace" FROM periods WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async nextPeriod(year: number, quarter: number): Promise<PeriodFacts | null> {
    const [nextYear, nextQuarter] = quarter === 4 ? [year + 1, 1] : [year, quarter + 1];
    const [row]: PeriodFacts[] = await this.dataSource.query(
      `SELECT id, year, quarter, briefing_at AS "briefingAt", briefing_place AS "briefingPlace" FROM periods WHERE year = $1 AND quarter = $2`,
      [nextYear, nextQuarter],
    );
    return row ?? null;
  }

  // The four-way counts of each task of the period at instant `now`.
  async taskResults(periodId: string, now: Date): Promise<TaskFacts[]> {
    const rows: Array<Record<string, string | Date>> = await this.dataSource.query(
      `SELECT t.title, t.due_at,
         count(a.id) AS total,
         count(a.id) FILTER (WHERE a.status = 'done' AND a.completed_at <= a.due_at) AS done_on_time,
         count(a.id) FILTER (WHERE a.status = 'done' AND a.completed_at > a.due_at) AS done_late,
         count(a.id) FILTER (WHERE a.status <> 'done' AND $2 <= a.due_at) AS in_progress_on_time,
         count(a.id) FILTER (WHERE a.status <> 'done' AND $2 > a.due_at) AS overdue
       FROM tasks t LEFT JOIN assignments a ON a.task_id = t.id
       WHERE t.period_id = $1 GROUP BY t.id ORDER BY t.due_at, t.title`,
      [periodId, now],
    );
    return rows.map((row) => ({
      title: row.title as string,
      dueAt: row.due_at as Date,
      total: Number(row.total),
      doneOnTime: Number(row.done_on_time),
      doneLate: Number(row.done_late),
      inProgressOnTime: Number(row.in_progress_on_time),
      overdue: Number(row.overdue),
    }));
  }

  // The narrative sections of the submitted and accepted reports.
  async sections(periodId: string): Promise<SectionFacts[]> {
    const rows: Array<{ code: string; name: string; kind: UnitRef['kind']; sections: Record<string, string | undefined> }> = await this.dataSource.query(
      `SELECT u.code, u.name, u.kind, s.sections FROM submissions s JOIN units u ON u.id = s.unit_id
       WHERE s.period_id = $1 AND s.status IN ('submitted', 'accepted') ORDER BY u.code`,
      [periodId],
    );
    return rows.map((row) => ({
      code: row.code,
      name: row.name,
      kind: row.kind,
      results: row.sections.results?.trim() || null,
      difficulties: row.sections.difficulties?.trim() || null,
      proposals: row.sections.proposals?.trim() || null,
    }));
  }

  // The live files of the submitted and accepted reports (the reports the pack summarises).
  async attachments(periodId: string): Promise<AttachmentFacts[]> {
    return this.dataSource.query(
      `SELECT a.id, a.filename, a.size_bytes AS "sizeBytes", u.code, u.name, u.kind
       FROM attachments a
       JOIN submissions s ON s.period_id = a.period_id AND s.unit_id = a.unit_id AND s.status IN ('submitted', 'accepted')
       JOIN units u ON u.id = a.unit_id
       WHERE a.period_id = $1 AND a.deleted_at IS NULL
       ORDER BY u.code, a.uploaded_at, a.id`,
      [periodId],
    );
  }

  async unitKinds(): Promise<Map<string, UnitRef>> {
    const rows: UnitRef[] = await this.dataSource.query(`SELECT code, name, kind FROM units`);
    return new Map(rows.map((row) => [row.code, row]));
  }

  async nextTasks(periodId: string): Promise<NextTaskFacts[]> {
    const rows: Array<{ title: string; due_at: Date; assign_to: unknown; unit_names: string[] | null }> = await this.dataSource.query(
      `SELECT t.title, t.due_at, t.assign_to,
         (SELECT array_agg(u.name ORDER BY u.code) FROM units u
          WHERE jsonb_typeof(t.assign_to) = 'array' AND u.id::text IN (SELECT jsonb_array_elements_text(t.assign_to))) AS unit_names
       FROM tasks t WHERE t.period_id = $1 ORDER BY t.due_at, t.title`,
      [periodId],
    );
    return rows.map((row) => ({ title: row.title, dueAt: row.due_at, assignTo: row.assign_to, unitNames: row.unit_names ?? [] }));
  }
}
