import { MigrationInterface, QueryRunner } from 'typeorm';

// Portal links: a unit's access to its report form for one period. Only the SHA-256 of each token
// is kept; a link stops working when it expires or is revoked (replaced by a newer one).
export class Portal1764400006000 implements MigrationInterface {
  name = 'Portal1764400006000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE portal_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        period_id uuid NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES units (id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_by text NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX portal_tokens_hash ON portal_tokens (token_hash)`);
    await db.query(`CREATE INDEX portal_tokens_period_unit ON portal_tokens (period_id, unit_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE portal_tokens`);
  }
}
