import { MigrationInterface, QueryRunner } from 'typeorm';

export class Indicators1764400002000 implements MigrationInterface {
  name = 'Indicators1764400002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        measure text NOT NULL,
        aggregation text NOT NULL DEFAULT 'sum' CHECK (aggregation IN ('sum', 'avg', 'max', 'latest')),
        position integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX indicators_code ON indicators (lower(code))`);

    // value < 'Infinity' also refuses NaN, which PostgreSQL sorts above every number.
    await db.query(`
      CREATE TABLE indicator_targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        unit_id uuid REFERENCES units (id),
        value numeric NOT NULL CHECK (value >= 0 AND value < 'Infinity'),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // NULLs are distinct in a unique index: the program-wide target (no unit) is keyed by the nil UUID.
    await db.query(`CREATE UNIQUE INDEX indicator_targets_key ON indicator_targets (indicator_id, year, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
    await db.query(`CREATE INDEX indicator_targets_year ON indicator_targets (year, indicator_id)`);
    await db.query(`CREATE INDEX indicator_targets_unit ON indicator_targets (unit_id) WHERE unit_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE indicator_targets`);
    await db.query(`DROP TABLE indicators`);
  }
}
