import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764400000000 implements MigrationInterface {
  name = 'Foundation1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'secretariat', 'viewer')),
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        from_environment boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX api_keys_from_environment ON api_keys (from_environment) WHERE from_environment`);

    await db.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        entity text NOT NULL,
        entity_id text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await db.query(`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id)`);
    await db.query(`CREATE INDEX audit_log_actor ON audit_log (actor, id)`);

    await db.query(`
      CREATE TABLE settings (
        id smallint PRIMARY KEY CHECK (id = 1),
        program_name text,
        committee_name text,
        secretariat_name text,
        secretariat_email text,
        chair_title text,
        locality text,
        timezone text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
        portal_base_url text,
        updated_at timestamptz
      )`);
    await db.query(`INSERT INTO settings (id) VALUES (1)`);

    await db.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('agency', 'commune', 'township', 'other')),
        parent_id uuid REFERENCES units (id),
        emails text[] NOT NULL,
        head_email text,
        active boolean NOT NULL DEFAULT true,
        search_key text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX units_code ON units (lower(code))`);
    await db.query(`CREATE INDEX units_kind_active ON units (kind, active)`);
    await db.query(`CREATE INDEX units_parent ON units (parent_id) WHERE parent_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE mail_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        to_addresses text[] NOT NULL,
        cc_addresses text[] NOT NULL DEFAULT '{}',
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text,
        status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX mail_messages_queued ON mail_messages (created_at) WHERE status = 'queued'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mail_messages`);
    await db.query(`DROP TABLE units`);
    await db.query(`DROP TABLE settings`);
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP TABLE api_keys`);
  }
}
