import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { AgendaItem } from './agenda';

function select(manager: EntityManager, periodId: string): Promise<AgendaItem[]> {
  return manager.query(`SELECT time, title, presenter FROM agenda_items WHERE period_id = $1 ORDER BY position`, [periodId]);
}

@Injectable()
export class AgendaItemsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(periodId: string): Promise<AgendaItem[]> {
    return select(this.dataSource.manager, periodId);
  }

  /**
   * Replaces a period's agenda and records the change, in one transaction; null when the period
   * does not exist. The change is described from the agenda read under the period's lock, so
   * concurrent replacements are recorded one after the other; a description of undefined means
   * nothing changes and nothing is written.
   */
  replace(periodId: string, items: readonly AgendaItem[], describe: (before: AgendaItem[]) => AuditDraft | undefined): Promise<AgendaItem[] | null> {
    return this.dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(`SELECT id FROM periods WHERE id = $1 FOR NO KEY UPDATE`, [periodId]);
      if (locked.length === 0) return null;
      const before = await select(manager, periodId);
      const audit = describe(before);
      if (!audit) return before;
      await manager.query(`DELETE FROM agenda_items WHERE period_id = $1`, [periodId]);
      if (items.length > 0) {
        await manager.query(
          `INSERT INTO agenda_items (period_id, position, time, title, presenter)
           SELECT $1, item.position, item.time, item.title, item.presenter
           FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS item (position, time, title, presenter)`,
          [periodId, items.map((_item, index) => index + 1), items.map((item) => item.time), items.map((item) => item.title), items.map((item) => item.presenter)],
        );
      }
      await insertAudit(manager, { ...audit, entityId: periodId });
      return select(manager, periodId);
    });
  }
}
