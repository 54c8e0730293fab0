import { MigrationInterface, QueryRunner } from 'typeorm';

// Files a unit attaches to its report for a period (at most 5 live ones, enforced by the service
// under a lock). The bytes live under DATA_DIR/files/<storage_key>; a removed file keeps its row
// (deleted_at) as the record of what was sent, its bytes are deleted.
export class Attachments1764400007000 implements MigrationInterface {
  name = 'Attachments1764400007000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_id uuid NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES units (id),
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
        mime_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        uploaded_by text NOT NULL,
        deleted_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX attachments_storage_key ON attachments (storage_key)`);
    await db.query(`CREATE INDEX attachments_period_unit ON attachments (period_id, unit_id)`);
    await db.query(`CREATE INDEX attachments_unit ON attachments (unit_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE attachments`);
  }
}
