import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient, QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { DigestFacts, digestFactsSql, DigestFactsRow, toDigestFacts } from './reminder-digest.repository';

export type ReminderKind = 'before_due' | 'due_today' | 'overdue' | 'escalation';
export type ReminderStatus = 'queued' | 'sent' | 'failed' | 'cancelled';

export interface OpenItemRow {
  unitId: string;
  periodId: string;
  kind: 'report' | 'task';
  itemId: string;
  dueAt: Date;
}

export interface NewReminder {
  unitId: string;
  periodId: string;
  kind: ReminderKind;
  step: number;
  scheduledFor: Date;
  items: Array<{ kind: 'report' | 'task'; itemId: string; dueAt: string }>;
}

// A planned reminder as the sweep records it: its id is chosen before the insert, so that the hash
// of its portal link can be stored by the same statement.
export interface PlannedRow extends NewReminder {
  id: string;
  linkHash: string | null;
}

export interface ReminderRow {
  id: string;
  unitId: string;
  periodId: string;
  kind: ReminderKind;
  step: number;
  status: ReminderStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  scheduledFor: Date;
  sentAt: Date | null;
  recipients: string[];
  cc: string[];
  items: NewReminder['items'];
  createdAt: Date;
}

// A reminder as its send job reads it, the row lock held, with the digest facts read in the same
// statement (null when the unit or the period is gone).
export interface LockedReminder extends Pick<ReminderRow, 'id' | 'unitId' | 'periodId' | 'kind' | 'step' | 'status'> {
  facts: DigestFacts | null;
  // Until when the link whose hash the send asked about works; null when it does not (never
  // stored, revoked, or no hash asked about).
  linkExpiresAt: Date | null;
}

// Writes to the locked reminder, in the transaction that holds its lock.
export interface ReminderLock {
  // Conditional on the reminder not being sent yet, so a duplicated job records one send. It
  // commits the transaction: nothing is written through the lock after it.
  markSent(messageId: string, recipients: string[], cc: string[], at: Date): Promise<boolean>;
  markCancelled(reason: string): Promise<void>;
}

export interface ReminderFilter {
  periodId?: string;
  unitId?: string;
  status?: ReminderStatus;
  offset: number;
  limit: number;
}

// The send path in two round trips: "BEGIN; EXECUTE the locked read" and "EXECUTE the update;
// COMMIT", simple-protocol queries running statements PREPAREd once per pooled connection (the
// extended protocol of the pg driver would take one round trip for each of the four; each round
// trip costs system calls on both sides, which showed as the send path's largest cost).
// The locked read's $2: the hash of the reminder's derived portal link, whose expiry comes back
// when it works.
const PREPARE_SEND_STATEMENTS = `
  PREPARE reminders_lock_for_send (uuid, text) AS
    SELECT r.id, r.unit_id AS "unitId", r.period_id AS "periodId", r.kind, r.step, r.status, f.*,
      (SELECT t.expires_at FROM portal_tokens t WHERE t.token_hash = $2 AND t.revoked_at IS NULL AND t.unit_id = r.unit_id AND t.period_id = r.period_id) AS "linkExpiresAt"
    FROM reminders r LEFT JOIN LATERAL (${digestFactsSql('r.unit_id', 'r.period_id')}) f ON true
    WHERE r.id = $1 FOR UPDATE OF r;
  PREPARE reminders_mark_sent (uuid, text, text[], text[], timestamptz) AS
    UPDATE reminders SET status = 'sent', message_id = $2, recipients = $3, cc = $4, sent_at = $5, attempts = attempts + 1, last_error = NULL
    WHERE id = $1 AND status = 'queued'`;
const MARK_CANCELLED = { name: 'reminders.mark-cancelled', text: `UPDATE reminders SET status = 'cancelled', last_error = $2 WHERE id = $1 AND status = 'queued'` };
// The pooled connections the send statements are prepared on.
const sendStatementsPrepared = new WeakSet<PoolClient>();

// Values written into the simple-protocol queries, quoted by the driver.
function literal(client: PoolClient, value: string | null): string {
  return value === null ? 'NULL' : client.escapeLiteral(value);
}

function textArray(client: PoolClient, values: string[]): string {
  return `ARRAY[${values.map((value) => client.escapeLiteral(value)).join(', ')}]::text[]`;
}

type LockedRow = Omit<LockedReminder, 'facts'> & DigestFactsRow;

// Every open assignment and owed report of active units near $1 (the instant) within $2 days: the
// rows the planner is given (RemindersRepository.openItems; the reminders bench times it alone).
export const OPEN_ITEMS_SQL = `SELECT a.unit_id AS "unitId", a.period_id AS "periodId", 'task' AS kind, a.id::text AS "itemId", a.due_at AS "dueAt"
       FROM assignments a JOIN units u ON u.id = a.unit_id AND u.active
       WHERE a.status <> 'done' AND a.due_at BETWEEN $1::timestamptz - make_interval(days => $2) AND $1::timestamptz + make_interval(days => $2)
         AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.period_id = a.period_id AND s.unit_id = a.unit_id AND s.status IN ('submitted', 'accepted'))
       UNION ALL
       SELECT u.id, p.id, 'report', 'report',
         coalesce((SELECT e.report_due_at FROM report_extensions e WHERE e.period_id = p.id AND e.unit_id = u.id ORDER BY e.created_at DESC LIMIT 1), p.report_due_at)
       FROM periods p CROSS JOIN units u
       LEFT JOIN submissions s ON s.period_id = p.id AND s.unit_id = u.id
       WHERE u.active AND p.report_due_at BETWEEN $1::timestamptz - make_interval(days => $2) - interval '90 days' AND $1::timestamptz + make_interval(days => $2)
         AND (s.id IS NULL OR s.status IN ('draft', 'returned'))`;

const SELECT_REMINDER = `SELECT id, unit_id AS "unitId", period_id AS "periodId", kind, step, status, attempts, last_error AS "lastError",
  message_id AS "messageId", scheduled_for AS "scheduledFor", sent_at AS "sentAt", recipients, cc, items, created_at AS "createdAt" FROM reminders`;

@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async policy(): Promise<unknown> {
    const [row]: Array<{ policy: unknown }> = await this.dataSource.query('SELECT policy FROM reminder_policy WHERE id = 1');
    return row?.policy ?? null;
  }

  async savePolicy(policy: unknown, at: Date, audit: AuditDraft): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE reminder_policy SET policy = $1, updated_at = $2 WHERE id = 1', [JSON.stringify(policy), at]);
      await insertAudit(manager, { ...audit, entityId: '1' });
    });
  }

  // What units still owe, with the effective deadlines: open assignments (lead and support) and
  // reports not yet submitted, or returned for changes, of active units.
  // Deadlines more than horizonDays from now are not looked at (the sweep derives it from the policy).
  // A unit that has sent its report (submitted or accepted) is reminded of nothing more in that
  // period, its open tasks included: the report is its account of them. A return opens it again.
  async openItems(now: Date, horizonDays: number): Promise<OpenItemRow[]> {
    return this.dataSource.query(OPEN_ITEMS_SQL, [now, horizonDays]);
  }

  async recordedKeys(periodIds: string[]): Promise<string[]> {
    if (periodIds.length === 0) return [];
    const rows: Array<{ key: string }> = await this.dataSource.query(
      `SELECT unit_id || '|' || period_id || '|' || kind || '|' || step AS key FROM reminders WHERE period_id = ANY($1::uuid[])`,
      [periodIds],
    );
    return rows.map((row) => row.key);
  }

  /**
   * Records each planned reminder once, under the id given; a reminder another sweep recorded first
   * is skipped. With a linkHash, the same statement stores the portal link derived for the reminder
   * (PortalLinksService.reminderLinkHashes), expiring linkLifetimeMs after its period's briefing,
   * so a recorded reminder's link works before its send job exists. Returns the ids recorded.
   */
  async insertPlanned(reminders: PlannedRow[], at: Date, linkLifetimeMs: number): Promise<string[]> {
    if (reminders.length === 0) return [];
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH planned AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS r(id uuid, unit_id uuid, period_id uuid, kind text, step integer, scheduled_for timestamptz, items jsonb, link_hash text)
       ), recorded AS (
         INSERT INTO reminders (id, unit_id, period_id, kind, step, scheduled_for, items, created_at, enqueued_at)
         SELECT id, unit_id, period_id, kind, step, scheduled_for, items, $2, $2 FROM planned
         ON CONFLICT (unit_id, period_id, kind, step) DO NOTHING
         RETURNING id, unit_id, period_id
       ), links AS (
         INSERT INTO portal_tokens (token_hash, period_id, unit_id, created_at, expires_at, created_by)
         SELECT pl.link_hash, r.period_id, r.unit_id, $2, p.briefing_at + make_interval(secs => $3::double precision / 1000), 'reminder'
         FROM recorded r JOIN planned pl ON pl.id = r.id JOIN periods p ON p.id = r.period_id
         WHERE pl.link_hash IS NOT NULL AND p.briefing_at + make_interval(secs => $3::double precision / 1000) > $2
       )
       SELECT id FROM recorded`,
      [
        JSON.stringify(
          reminders.map((r) => ({
            id: r.id,
            unit_id: r.unitId,
            period_id: r.periodId,
            kind: r.kind,
            step: r.step,
            scheduled_for: r.scheduledFor,
            items: r.items,
            link_hash: r.linkHash,
          })),
        ),
        at,
        linkLifetimeMs,
      ],
    );
    return rows.map((row) => row.id);
  }

  // Reminders still queued long after they were enqueued (Redis lost or flushed): enqueued again.
  async claimStale(olderThan: Date, at: Date): Promise<string[]> {
    const [rows]: [Array<{ id: string }>, number] = await this.dataSource.query(`UPDATE reminders SET enqueued_at = $2 WHERE status = 'queued' AND enqueued_at < $1 RETURNING id`, [
      olderThan,
      at,
    ]);
    return rows.map((row) => row.id);
  }

  async findById(id: string): Promise<ReminderRow | null> {
    const [row]: ReminderRow[] = await this.dataSource.query(`${SELECT_REMINDER} WHERE id = $1`, [id]);
    return row ?? null;
  }

  async list(filter: ReminderFilter): Promise<{ rows: ReminderRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.periodId) where.push(`period_id = $${params.push(filter.periodId)}`);
    if (filter.unitId) where.push(`unit_id = $${params.push(filter.unitId)}`);
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: Array<ReminderRow & { total: string }> = await this.dataSource.query(
      `SELECT r.*, count(*) OVER () AS total FROM (${SELECT_REMINDER} ${whereSql}) r ORDER BY r."scheduledFor" DESC, r.id OFFSET $${params.push(filter.offset)} LIMIT $${params.push(filter.limit)}`,
      params,
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows.length ? Number(rows[0].total) : 0 };
  }

  // Runs work holding the reminder's row lock, with the row as it is once the lock is held (and
  // whether the portal link with linkHash works, see LockedReminder.linkExpiresAt): two
  // jobs for the same reminder (a duplicate, a stalled job run again) send one after the other, and
  // the second finds the reminder sent. Writes to the row inside work go through the lock.
  // One pooled connection and the pg driver directly: this runs once per e-mail, and TypeORM's
  // transaction wrapper cost more than the statements.
  async whileLocked<T>(id: string, linkHash: string | null, work: (reminder: LockedReminder | null, lock: ReminderLock) => Promise<T>): Promise<T> {
    const [client, release] = (await (this.dataSource.driver as PostgresDriver).obtainMasterConnection()) as [PoolClient, (error?: Error) => void];
    let result: T;
    // markSent commits: the e-mail is out, and its record must not wait for anything else.
    let committed = false;
    try {
      if (!sendStatementsPrepared.has(client)) {
        await client.query(PREPARE_SEND_STATEMENTS);
        sendStatementsPrepared.add(client);
      }
      const [, locked] = (await client.query(`BEGIN; EXECUTE reminders_lock_for_send(${literal(client, id)}, ${literal(client, linkHash)})`)) as unknown as [
        unknown,
        QueryResult<LockedRow>,
      ];
      result = await work(locked.rows.length ? toLockedReminder(locked.rows[0]) : null, {
        markSent: async (messageId, recipients, cc, at) => {
          const [updated] = (await client.query(
            `EXECUTE reminders_mark_sent(${literal(client, id)}, ${literal(client, messageId)}, ${textArray(client, recipients)}, ${textArray(client, cc)}, ${literal(client, at.toISOString())}); COMMIT`,
          )) as unknown as [QueryResult, unknown];
          committed = true;
          return (updated.rowCount ?? 0) > 0;
        },
        markCancelled: async (reason) => void (await client.query({ ...MARK_CANCELLED, values: [id, reason] })),
      });
      if (!committed) await client.query('COMMIT');
    } catch (error) {
      // A connection whose rollback failed is not handed out again.
      await client.query('ROLLBACK').then(
        () => release(),
        (rollbackError: Error) => release(rollbackError),
      );
      throw error;
    }
    release();
    return result;
  }

  async markAttemptFailed(id: string, error: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE reminders SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1 AND status = 'queued'`,
      [id, error.slice(0, 2000), final],
    );
  }

  // A failed reminder back to the queue (POST /reminders/:id/retry).
  async requeue(id: string, at: Date): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE reminders SET status = 'queued', enqueued_at = $2, last_error = NULL WHERE id = $1 AND status = 'failed'`,
      [id, at],
    );
    return affected > 0;
  }
}

function toLockedReminder(row: LockedRow): LockedReminder {
  const { id, unitId, periodId, kind, step, status, linkExpiresAt } = row;
  return { id, unitId, periodId, kind, step, status, linkExpiresAt, facts: toDigestFacts(row) };
}
