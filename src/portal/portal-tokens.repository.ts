import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { PortalTokenEntity } from './portal-token.entity';

export type NewPortalToken = Omit<PortalTokenEntity, 'id' | 'revokedAt'>;

// The link a request's token opens: its unit and period.
export interface PortalAccess {
  tokenId: string;
  periodId: string;
  unitId: string;
  expiresAt: Date;
}

@Injectable()
export class PortalTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a new link with its audit entry. With replaceOlder, every earlier link of the same unit
   * and period is revoked in the same transaction, under a lock on that pair, so that of two
   * concurrent replacements exactly one link is left working. Returns the number revoked.
   */
  issue(token: NewPortalToken, options: { replaceOlder: boolean }, audit: AuditDraft): Promise<{ id: string; revoked: number }> {
    return this.dataSource.transaction(async (manager) => {
      let revoked = 0;
      if (options.replaceOlder) {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text || ':' || $2::text, 7460))`, [token.periodId, token.unitId]);
        const [rows]: [unknown[], number] = await manager.query(
          `UPDATE portal_tokens SET revoked_at = $3 WHERE period_id = $1 AND unit_id = $2 AND revoked_at IS NULL RETURNING id`,
          [token.periodId, token.unitId, token.createdAt],
        );
        revoked = rows.length;
      }
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO portal_tokens (token_hash, period_id, unit_id, created_at, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [token.tokenHash, token.periodId, token.unitId, token.createdAt, token.expiresAt, token.createdBy],
      );
      await insertAudit(manager, { ...audit, entityId: row.id, changes: { ...audit.changes, ...(options.replaceOlder ? { revokedLinks: { to: revoked } } : {}) } });
      return { id: row.id, revoked };
    });
  }

  /**
   * Links for the units and periods of reminders that are still queued, each expiring lifetimeMs
   * after its period's briefing; a reminder that is not queued, or whose link would already have
   * expired, gets none. One statement for many sends, committed on its own before their e-mails
   * go out, so the link in a mail works even if the process dies before the send is recorded.
   */
  async insertForReminders(links: Array<{ tokenHash: string; reminderId: string }>, now: Date, lifetimeMs: number): Promise<Array<{ tokenHash: string; expiresAt: Date }>> {
    return this.dataSource.query(
      `INSERT INTO portal_tokens (token_hash, period_id, unit_id, created_at, expires_at, created_by)
       SELECT l.token_hash, r.period_id, r.unit_id, $3, p.briefing_at + make_interval(secs => $4::double precision / 1000), 'reminder'
       FROM unnest($1::text[], $2::uuid[]) AS l(token_hash, reminder_id)
       JOIN reminders r ON r.id = l.reminder_id JOIN periods p ON p.id = r.period_id
       WHERE r.status = 'queued' AND p.briefing_at + make_interval(secs => $4::double precision / 1000) > $3
       RETURNING token_hash AS "tokenHash", expires_at AS "expiresAt"`,
      [links.map((link) => link.tokenHash), links.map((link) => link.reminderId), now, lifetimeMs],
    );
  }

  // The link with this token hash while it works: not revoked, not expired at `now`, for an active unit.
  async findWorking(tokenHash: string, now: Date): Promise<PortalAccess | null> {
    const rows: PortalAccess[] = await this.dataSource.query(
      `SELECT t.id AS "tokenId", t.period_id AS "periodId", t.unit_id AS "unitId", t.expires_at AS "expiresAt"
       FROM portal_tokens t JOIN units u ON u.id = t.unit_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND u.active`,
      [tokenHash, now],
    );
    return rows[0] ?? null;
  }
}
