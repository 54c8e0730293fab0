import { Client } from 'pg';
import { seedUnits } from './seed-units';

// A quarter on its report deadline day, seeded set-based on top of seedUnits: one period whose
// report is due at a fixed instant, tasks assigned to every unit and due the same afternoon, every
// assignment open and no report submitted. On the morning of that day every unit owes everything,
// so with the default policy each unit has exactly one reminder due: due_today, step 0.

export interface ReminderCounts {
  units: number;
  // Tasks of the period, each assigned to every unit.
  tasks: number;
}

export const BENCH_REMINDERS: ReminderCounts = { units: 10_000, tasks: 10 };

// A working Thursday (no holiday in the migration's calendar); the report is due at 17:00.
export const REPORT_DUE_AT = '2024-06-20T17:00:00+07:00';
// Task k is due at 12:00 + (k - 1) × 30 minutes on the same day, before the report.
export const FIRST_TASK_DUE_AT = '2024-06-20T12:00:00+07:00';
// The service clock for the bench: the due day after sendAt (08:00 by default), hours before the
// first deadline, so that due_today stays the current step for the whole run.
export const BENCH_CLOCK_START = '2024-06-20T08:30:00+07:00';

export interface SeededReminders {
  periodId: string;
  year: number;
  quarter: number;
}

export async function seedReminders(databaseUrl: string, counts: ReminderCounts): Promise<SeededReminders> {
  await seedUnits(databaseUrl, counts.units);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO periods (year, quarter, report_due_at, briefing_at, briefing_place, created_at, updated_at)
       VALUES (2024, 2, $1::timestamptz, $1::timestamptz + interval '7 days' - interval '9 hours', 'Hội trường UBND tỉnh',
               timestamptz '2024-04-01T08:00:00+07:00', timestamptz '2024-04-01T08:00:00+07:00')
       RETURNING id`,
      [REPORT_DUE_AT],
    );
    const periodId = rows[0].id;
    await client.query(
      `INSERT INTO tasks (period_id, title, description, due_at, assign_to, created_at, updated_at)
       SELECT $1::uuid, 'Nhiệm vụ ' || k, 'Báo cáo tiến độ nhiệm vụ số ' || k, $2::timestamptz + (k - 1) * interval '30 minutes',
              '"all"'::jsonb, timestamptz '2024-04-01T08:00:00+07:00', timestamptz '2024-04-01T08:00:00+07:00'
       FROM generate_series(1, $3::int) AS k`,
      [periodId, FIRST_TASK_DUE_AT, counts.tasks],
    );
    // Every task to every unit, as the lead; a third already started, none done.
    await client.query(
      `INSERT INTO assignments (task_id, period_id, unit_id, role, status, due_at, created_at, updated_at)
       SELECT t.id, t.period_id, u.id, 'lead', CASE WHEN u.n % 3 = 0 THEN 'in_progress' ELSE 'pending' END, t.due_at, t.created_at, t.created_at
       FROM tasks t CROSS JOIN (SELECT id, row_number() OVER (ORDER BY code) AS n FROM units) u
       WHERE t.period_id = $1::uuid`,
      [periodId],
    );
    await client.query('ANALYZE');
    return { periodId, year: 2024, quarter: 2 };
  } finally {
    await client.end();
  }
}
