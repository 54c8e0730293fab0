import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type BriefingStatus = 'queued' | 'running' | 'done' | 'failed';

export interface BriefingRow {
  id: string;
  periodId: string;
  version: number;
  status: BriefingStatus;
  progress: number;
  error: string | null;
  files: string[];
  requestedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  sentAt: Date | null;
}

const SELECT = `SELECT id, period_id AS "periodId", version, status, progress, error, files, requested_by AS "requestedBy",
  created_at AS "createdAt", finished_at AS "finishedAt", sent_at AS "sentAt" FROM briefings`;

@Injectable()
export class BriefingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // The next version of the period's pack; concurrent requests get distinct versions.
  async create(periodId: string, requestedBy: string, at: Date): Promise<BriefingRow> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`briefing:${periodId}`]);
      const [row]: BriefingRow[] = await manager.query(
        `INSERT INTO briefings (period_id, version, requested_by, created_at, enqueued_at)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $3 FROM briefings WHERE period_id = $1
         RETURNING id, period_id AS "periodId", version, status, progress, error, files, requested_by AS "requestedBy", created_at AS "createdAt", finished_at AS "finishedAt", sent_at AS "sentAt"`,
        [periodId, requestedBy, at],
      );
      return row;
    });
  }

  async findById(id: string): Promise<BriefingRow | null> {
    const [row]: BriefingRow[] = await this.dataSource.query(`${SELECT} WHERE id = $1`, [id]);
    return row ?? null;
  }

  async listForPeriod(periodId: string): Promise<BriefingRow[]> {
    return this.dataSource.query(`${SELECT} WHERE period_id = $1 ORDER BY version DESC`, [periodId]);
  }

  async latestForPeriod(periodId: string): Promise<BriefingRow | null> {
    const [row]: BriefingRow[] = await this.dataSource.query(`${SELECT} WHERE period_id = $1 ORDER BY version DESC LIMIT 1`, [periodId]);
    return row ?? null;
  }

  // Claims a queued (or interrupted) compile for this worker; false when it is already done.
  async start(id: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE briefings SET status = 'running', progress = 5, error = NULL WHERE id = $1 AND status IN ('queued', 'running')`,
      [id],
    );
    return affected > 0;
  }

  async progress(id: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE briefings SET progress = $2 WHERE id = $1 AND status = 'running'`, [id, progress]);
  }

  async finish(id: string, files: string[], at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE briefings SET status = 'done', progress = 100, files = $2, finished_at = $3 WHERE id = $1`, [id, files, at]);
  }

  async fail(id: string, error: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE briefings SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1`, [id, error.slice(0, 2000), at]);
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE briefings SET sent_at = $2 WHERE id = $1`, [id, at]);
  }

  // Compiles still queued or running long after they were enqueued (Redis lost, worker killed).
  async claimStale(olderThan: Date, at: Date): Promise<string[]> {
    const [rows]: [Array<{ id: string }>, number] = await this.dataSource.query(
      `UPDATE briefings SET enqueued_at = $2 WHERE status IN ('queued', 'running') AND enqueued_at < $1 RETURNING id`,
      [olderThan, at],
    );
    return rows.map((row) => row.id);
  }

  // Periods whose meeting falls between the two instants and that have no pack yet.
  async periodsWithoutPack(from: Date, until: Date): Promise<Array<{ id: string; briefingAt: Date }>> {
    return this.dataSource.query(
      `SELECT p.id, p.briefing_at AS "briefingAt" FROM periods p
       WHERE p.briefing_at > $1 AND p.briefing_at <= $2 AND NOT EXISTS (SELECT 1 FROM briefings b WHERE b.period_id = p.id)`,
      [from, until],
    );
  }

  async periodsWithinReach(from: Date, until: Date): Promise<Array<{ id: string }>> {
    return this.dataSource.query(`SELECT id FROM periods WHERE briefing_at > $1 AND briefing_at <= $2`, [from, until]);
  }

  async emailsOfActiveUnits(): Promise<string[]> {
    const rows: Array<{ email: string }> = await this.dataSource.query(`SELECT DISTINCT unnest(emails) AS email FROM units WHERE active ORDER BY 1`);
    return rows.map((row) => row.email);
  }
}
