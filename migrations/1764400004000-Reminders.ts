import { MigrationInterface, QueryRunner } from 'typeorm';

// The reminder policy (one row; NULL means the defaults) and every reminder ever planned, once per
// (unit, period, kind, step): the unique key is what keeps a reminder from being sent twice.
export class Reminders1764400004000 implements MigrationInterface {
  name = 'Reminders1764400004000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE reminder_policy (
        id smallint PRIMARY KEY CHECK (id = 1),
        policy jsonb,
        updated_at timestamptz
      )`);
    await db.query(`INSERT INTO reminder_policy (id) VALUES (1)`);
    await db.query(`
      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES units (id),
        period_id uuid NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('before_due', 'due_today', 'overdue', 'escalation')),
        step integer NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        scheduled_for timestamptz NOT NULL,
        items jsonb NOT NULL DEFAULT '[]'::jsonb,
        recipients text[] NOT NULL DEFAULT '{}',
        cc text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        enqueued_at timestamptz,
        sent_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX reminders_key ON reminders (unit_id, period_id, kind, step)`);
    await db.query(`CREATE INDEX reminders_period_unit ON reminders (period_id, unit_id)`);
    await db.query(`CREATE INDEX reminders_queued ON reminders (enqueued_at) WHERE status = 'queued'`);
    await db.query(`CREATE INDEX reminders_status_created ON reminders (status, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reminders`);
    await db.query(`DROP TABLE reminder_policy`);
  }
}
