import { MigrationInterface, QueryRunner } from 'typeorm';

// Quarters and what hangs off them: report deadlines (with per-unit extensions), the briefing
// agenda, tasks assigned to units (with deadline extensions), task templates, and the units'
// quarterly reports with their indicator values and revision history.
export class Quarters1764400003000 implements MigrationInterface {
  name = 'Quarters1764400003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE periods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        report_due_at timestamptz NOT NULL,
        briefing_at timestamptz NOT NULL,
        briefing_place text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (report_due_at < briefing_at)
      )`);
    await db.query(`CREATE UNIQUE INDEX periods_year_quarter ON periods (year, quarter)`);

    await db.query(`
      CREATE TABLE report_extensions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_id uuid NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES units (id),
        report_due_at timestamptz NOT NULL,
        previous_due_at timestamptz NOT NULL,
        reason text NOT NULL,
        actor text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX report_extensions_period_unit ON report_extensions (period_id, unit_id, created_at DESC)`);

    await db.query(`
      CREATE TABLE agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_id uuid NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
        position integer NOT NULL,
        time text NOT NULL CHECK (time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        title text NOT NULL,
        presenter text
      )`);
    await db.query(`CREATE UNIQUE INDEX agenda_items_period_position ON agenda_items (period_id, position)`);

    await db.query(`
      CREATE TABLE task_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text,
        assign_to jsonb NOT NULL,
        due_month smallint NOT NULL CHECK (due_month BETWEEN 1 AND 3),
        due_day smallint NOT NULL CHECK (due_day BETWEEN 1 AND 31),
        due_time text NOT NULL CHECK (due_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        created_at timestamptz NOT NULL
      )`);

    await db.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_id uuid NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
        title text NOT NULL,
        description text,
        due_at timestamptz NOT NULL,
        assign_to jsonb NOT NULL,
        template_id uuid REFERENCES task_templates (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX tasks_period ON tasks (period_id, due_at)`);

    // due_at is the effective deadline after extensions, kept on the row so that the four-way
    // state (on time / overdue / done on time / done late) is a plain comparison in SQL.
    await db.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        period_id uuid NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES units (id),
        role text NOT NULL CHECK (role IN ('lead', 'support')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress', 'done')),
        note text,
        due_at timestamptz NOT NULL,
        completed_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((status = 'done') = (completed_at IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX assignments_task_unit ON assignments (task_id, unit_id)`);
    await db.query(`CREATE INDEX assignments_period_unit ON assignments (period_id, unit_id)`);
    await db.query(`CREATE INDEX assignments_unit ON assignments (unit_id, due_at)`);
    await db.query(`CREATE INDEX assignments_open_due ON assignments (due_at) WHERE status <> 'done'`);

    await db.query(`
      CREATE TABLE assignment_extensions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
        due_at timestamptz NOT NULL,
        previous_due_at timestamptz NOT NULL,
        reason text NOT NULL,
        actor text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX assignment_extensions_assignment ON assignment_extensions (assignment_id, created_at)`);

    await db.query(`
      CREATE TABLE submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_id uuid NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES units (id),
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
        sections jsonb NOT NULL DEFAULT '{}'::jsonb,
        submitted_at timestamptz,
        last_submitted_at timestamptz,
        review_comment text,
        reviewed_at timestamptz,
        revision integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX submissions_period_unit ON submissions (period_id, unit_id)`);
    await db.query(`CREATE INDEX submissions_unit ON submissions (unit_id)`);

    await db.query(`
      CREATE TABLE submission_values (
        submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        indicator_id uuid NOT NULL REFERENCES indicators (id),
        value numeric NOT NULL CHECK (value >= 0 AND value < 'Infinity'),
        PRIMARY KEY (submission_id, indicator_id)
      )`);
    await db.query(`CREATE INDEX submission_values_indicator ON submission_values (indicator_id)`);

    await db.query(`
      CREATE TABLE submission_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        revision integer NOT NULL,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        status text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await db.query(`CREATE INDEX submission_revisions_submission ON submission_revisions (submission_id, revision, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'submission_revisions',
      'submission_values',
      'submissions',
      'assignment_extensions',
      'assignments',
      'tasks',
      'task_templates',
      'agenda_items',
      'report_extensions',
      'periods',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
