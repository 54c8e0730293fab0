import { MigrationInterface, QueryRunner } from 'typeorm';

// Briefing packs: each compile request is a new version of the period's pack, kept with its
// files; e-mails can carry attachments and a calendar invitation; settings gain the automation.
export class Briefings1764400005000 implements MigrationInterface {
  name = 'Briefings1764400005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE briefings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_id uuid NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
        version integer NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        error text,
        files text[] NOT NULL DEFAULT '{}',
        requested_by text NOT NULL,
        created_at timestamptz NOT NULL,
        enqueued_at timestamptz NOT NULL,
        finished_at timestamptz,
        sent_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX briefings_period_version ON briefings (period_id, version)`);
    await db.query(`CREATE INDEX briefings_queued ON briefings (enqueued_at) WHERE status IN ('queued', 'running')`);
    await db.query(`ALTER TABLE mail_messages ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb, ADD COLUMN ical_event text`);
    await db.query(
      `ALTER TABLE settings ADD COLUMN briefing_compile_days_before integer CHECK (briefing_compile_days_before BETWEEN 1 AND 30), ADD COLUMN briefing_auto_send boolean NOT NULL DEFAULT false`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE settings DROP COLUMN briefing_auto_send, DROP COLUMN briefing_compile_days_before`);
    await db.query(`ALTER TABLE mail_messages DROP COLUMN ical_event, DROP COLUMN attachments`);
    await db.query(`DROP TABLE briefings`);
  }
}
