import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { Holiday } from './holiday-rules';

// Dates are read as text: the pg driver would turn a date into a Date at local midnight.
const COLUMNS = `to_char(date, 'YYYY-MM-DD') AS date, name, kind`;

function yearRange(year: number): [string, string] {
  return [`${year}-01-01`, `${year + 1}-01-01`];
}

@Injectable()
export class HolidaysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(year?: number): Promise<Holiday[]> {
    if (year === undefined) return this.dataSource.query(`SELECT ${COLUMNS} FROM holidays ORDER BY date`);
    return this.dataSource.query(`SELECT ${COLUMNS} FROM holidays WHERE date >= $1 AND date < $2 ORDER BY date`, yearRange(year));
  }

  // Replaces a year's entries and records the change, in one transaction. The change is described
  // from the entries read under the lock, so two concurrent replacements of a year are recorded
  // one after the other; a description of undefined means nothing changes and nothing is written.
  replaceYear(year: number, entries: readonly Holiday[], updatedAt: Date, describe: (before: Holiday[]) => AuditDraft | undefined): Promise<Holiday[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('holidays'), $1)`, [year]);
      const before: Holiday[] = await manager.query(`SELECT ${COLUMNS} FROM holidays WHERE date >= $1 AND date < $2 ORDER BY date`, yearRange(year));
      const audit = describe(before);
      if (!audit) return before;
      await manager.query(`DELETE FROM holidays WHERE date >= $1 AND date < $2`, yearRange(year));
      await this.insert(manager, entries, updatedAt);
      await insertAudit(manager, { ...audit, entityId: String(year) });
      return manager.query(`SELECT ${COLUMNS} FROM holidays WHERE date >= $1 AND date < $2 ORDER BY date`, yearRange(year));
    });
  }

  private async insert(manager: EntityManager, entries: readonly Holiday[], updatedAt: Date): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO holidays (date, name, kind, updated_at) SELECT date, name, kind, $4::timestamptz FROM unnest($1::date[], $2::text[], $3::text[]) AS entry (date, name, kind)`,
      [entries.map((entry) => entry.date), entries.map((entry) => entry.name), entries.map((entry) => entry.kind), updatedAt],
    );
  }
}
