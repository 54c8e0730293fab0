import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';

export interface AttachmentRecord {
  id: string;
  periodId: string;
  unitId: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedAt: Date;
  uploadedBy: string;
}

export type NewAttachment = AttachmentRecord;

// Why a report's attachments cannot change now.
export type AttachmentBlocker = 'too_many' | 'locked';

export interface Owner {
  periodId: string;
  unitId: string;
}

const COLUMNS = `id, period_id AS "periodId", unit_id AS "unitId", filename, mime_type AS "mimeType", size_bytes AS "sizeBytes", sha256,
  storage_key AS "storageKey", uploaded_at AS "uploadedAt", uploaded_by AS "uploadedBy"`;

@Injectable()
export class AttachmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Whether the period exists, and the unit's active flag (null: no such unit).
  async owner(owner: Owner): Promise<{ period: boolean; unitActive: boolean | null }> {
    const [row]: Array<{ period: boolean | null; unit_active: boolean | null }> = await this.dataSource.query(
      `SELECT (SELECT true FROM periods WHERE id = $1) AS period, (SELECT active FROM units WHERE id = $2) AS unit_active`,
      [owner.periodId, owner.unitId],
    );
    return { period: row.period === true, unitActive: row.unit_active };
  }

  async submissionOwner(submissionId: string): Promise<Owner | null> {
    const [row]: Owner[] = await this.dataSource.query(`SELECT period_id AS "periodId", unit_id AS "unitId" FROM submissions WHERE id = $1`, [submissionId]);
    return row ?? null;
  }

  async list(owner: Owner): Promise<AttachmentRecord[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM attachments WHERE period_id = $1 AND unit_id = $2 AND deleted_at IS NULL ORDER BY uploaded_at, id`, [
      owner.periodId,
      owner.unitId,
    ]);
  }

  // Of these storage keys, those of attachments still listed (not deleted).
  async liveKeys(storageKeys: string[]): Promise<Set<string>> {
    if (storageKeys.length === 0) return new Set();
    const rows: Array<{ storage_key: string }> = await this.dataSource.query(`SELECT storage_key FROM attachments WHERE storage_key = ANY($1::text[]) AND deleted_at IS NULL`, [
      storageKeys,
    ]);
    return new Set(rows.map((row) => row.storage_key));
  }

  async findById(id: string): Promise<AttachmentRecord | null> {
    const [row]: AttachmentRecord[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM attachments WHERE id = $1 AND deleted_at IS NULL`, [id]);
    return row ?? null;
  }

  // A cheap look before the bytes are written; insert() decides under the lock.
  async blocker(owner: Owner, limit: number): Promise<AttachmentBlocker | null> {
    return blockerOf(this.dataSource.manager, owner, limit, false);
  }

  // Adds the row and its audit entry unless the report already has `limit` files or is accepted.
  // Concurrent uploads for the same unit and period queue on an advisory lock, so that they
  // count one after the other; the report row is share-locked so that it cannot be accepted
  // before the file is in.
  async insert(attachment: NewAttachment, limit: number, audit: AuditDraft): Promise<AttachmentRecord | AttachmentBlocker> {
    return this.dataSource.transaction(async (manager) => {
      await lockOwner(manager, attachment);
      const blocked = await blockerOf(manager, attachment, limit, true);
      if (blocked) return blocked;
      const [row]: AttachmentRecord[] = await manager.query(
        `INSERT INTO attachments (id, period_id, unit_id, filename, mime_type, size_bytes, sha256, storage_key, uploaded_at, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [
          attachment.id,
          attachment.periodId,
          attachment.unitId,
          attachment.filename,
          attachment.mimeType,
          attachment.sizeBytes,
          attachment.sha256,
          attachment.storageKey,
          attachment.uploadedAt,
          attachment.uploadedBy,
        ],
      );
      await insertAudit(manager, { ...audit, entityId: row.id });
      return row;
    });
  }

  // Marks the file removed (the row stays as the record); 'gone' when it was removed meanwhile.
  async markDeleted(attachment: AttachmentRecord, at: Date, audit: AuditDraft): Promise<'deleted' | 'gone' | 'locked'> {
    return this.dataSource.transaction(async (manager) => {
      await lockOwner(manager, attachment);
      if ((await reportStatus(manager, attachment, true)) === 'accepted') return 'locked';
      const [rows]: [unknown[], number] = await manager.query(`UPDATE attachments SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING id`, [attachment.id, at]);
      if (rows.length === 0) return 'gone';
      await insertAudit(manager, { ...audit, entityId: attachment.id });
      return 'deleted';
    });
  }
}

async function lockOwner(manager: EntityManager, owner: Owner): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('attachments'), hashtext($1))`, [`${owner.periodId}/${owner.unitId}`]);
}

async function reportStatus(manager: EntityManager, owner: Owner, lock: boolean): Promise<string | null> {
  const [row]: Array<{ status: string }> = await manager.query(`SELECT status FROM submissions WHERE period_id = $1 AND unit_id = $2${lock ? ' FOR SHARE' : ''}`, [
    owner.periodId,
    owner.unitId,
  ]);
  return row?.status ?? null;
}

async function blockerOf(manager: EntityManager, owner: Owner, limit: number, lock: boolean): Promise<AttachmentBlocker | null> {
  if ((await reportStatus(manager, owner, lock)) === 'accepted') return 'locked';
  const [row]: Array<{ count: number }> = await manager.query(`SELECT count(*)::int AS count FROM attachments WHERE period_id = $1 AND unit_id = $2 AND deleted_at IS NULL`, [
    owner.periodId,
    owner.unitId,
  ]);
  return row.count >= limit ? 'too_many' : null;
}
