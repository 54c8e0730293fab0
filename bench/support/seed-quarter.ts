import { Client } from 'pg';
import { seedUnits } from './seed-units';

// A quarter of a province's reporting, seeded set-based (INSERT … SELECT generate_series) on top
// of seedUnits: three periods (2024 Q2, the quarter before it and the same quarter a year
// earlier), indicators with program targets for 2024, tasks of 2024 Q2 assigned to every unit,
// the units' reports with a value per indicator, and some report deadline extensions.

export interface QuarterCounts {
  units: number;
  indicators: number;
  // Tasks of 2024 Q2, each assigned to every unit.
  tasks: number;
  // Reports for 2024 Q2, for the first units by code (most submitted, some accepted, late,
  // returned or still drafts), each with a value per indicator.
  submissions: number;
  // Reports for 2024 Q1 and for 2023 Q2, with values.
  previousQuarterSubmissions: number;
  lastYearSubmissions: number;
  // Units whose 2024 Q2 report deadline was extended.
  reportExtensions: number;
  // Assignments that are pending and not yet due are given a deadline 30 days after this instant
  // (an extended one), so that all four states exist at the service's "now".
  now: Date;
}

export const BENCH_QUARTER: Omit<QuarterCounts, 'now'> = {
  units: 10_000,
  indicators: 30,
  tasks: 10,
  submissions: 10_000,
  previousQuarterSubmissions: 3_000,
  lastYearSubmissions: 1_000,
  reportExtensions: 200,
};

export interface SeededQuarter {
  // 2024 Q2, the quarter the figures are about.
  periodId: string;
  previousPeriodId: string;
  lastYearPeriodId: string;
  year: number;
  quarter: number;
}

const AGGREGATION_CYCLE = ['sum', 'avg', 'max', 'latest'] as const;
const INDICATOR_NAMES = [
  'Hộ thoát nghèo',
  'Tỷ lệ trẻ em đến trường',
  'Diện tích trồng rừng mới',
  'Số lao động có việc làm mới',
  'Km đường giao thông nông thôn',
  'Tỷ lệ hộ dùng nước sạch',
  'Số hộ được hỗ trợ nhà ở',
  'Số người tham gia BHYT',
] as const;
const MEASURES = ['hộ', '%', 'ha', 'người', 'km', '%', 'hộ', 'người'] as const;

// seedUnits, then everything that hangs off the periods, then ANALYZE.
export async function seedQuarter(databaseUrl: string, counts: QuarterCounts): Promise<SeededQuarter> {
  await seedUnits(databaseUrl, counts.units);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const seeded = await seedPeriods(client);
    await seedIndicators(client, counts.indicators);
    await seedTasks(client, seeded.periodId, counts.tasks);
    await seedActivity(client, seeded, counts);
    await client.query('ANALYZE');
    return seeded;
  } finally {
    await client.end();
  }
}

// Gives the units that have none yet their assignments, reports, values and extensions, with the
// same patterns as seedQuarter. A test that inserts more units calls this to grow the quarter;
// the report counts are totals (the first N units by code), not additions.
export async function growQuarter(databaseUrl: string, seeded: SeededQuarter, counts: QuarterCounts): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await seedActivity(client, seeded, counts);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function seedPeriods(client: Client): Promise<SeededQuarter> {
  const { rows } = await client.query<{ id: string; year: number; quarter: number }>(
    `INSERT INTO periods (year, quarter, report_due_at, briefing_at, briefing_place, created_at, updated_at)
     SELECT year, quarter, report_due_at, report_due_at + interval '7 days' - interval '9 hours', 'Hội trường UBND tỉnh', created_at, created_at
     FROM (VALUES
       (2023, 2, timestamptz '2023-06-20T17:00:00+07:00', timestamptz '2023-04-01T08:00:00+07:00'),
       (2024, 1, timestamptz '2024-03-20T17:00:00+07:00', timestamptz '2024-01-02T08:00:00+07:00'),
       (2024, 2, timestamptz '2024-06-20T17:00:00+07:00', timestamptz '2024-04-01T08:00:00+07:00')
     ) AS p (year, quarter, report_due_at, created_at)
     RETURNING id, year, quarter`,
  );
  const find = (year: number, quarter: number) => rows.find((row) => row.year === year && row.quarter === quarter)!.id;
  return { periodId: find(2024, 2), previousPeriodId: find(2024, 1), lastYearPeriodId: find(2023, 2), year: 2024, quarter: 2 };
}

// IND01.. with aggregations cycling sum, avg, max, latest, and a program-wide target for 2024.
async function seedIndicators(client: Client, count: number): Promise<void> {
  await client.query(
    `INSERT INTO indicators (code, name, measure, aggregation, position, active, created_at, updated_at)
     SELECT 'IND' || lpad(k::text, 2, '0'), ($1::text[])[1 + (k - 1) % cardinality($1::text[])] || ' (' || k || ')',
            ($2::text[])[1 + (k - 1) % cardinality($2::text[])], ($3::text[])[1 + (k - 1) % cardinality($3::text[])],
            k, true, timestamptz '2024-01-02T08:00:00+07:00', timestamptz '2024-01-02T08:00:00+07:00'
     FROM generate_series(1, $4::int) AS k`,
    [[...INDICATOR_NAMES], [...MEASURES], [...AGGREGATION_CYCLE], count],
  );
  await client.query(
    `INSERT INTO indicator_targets (indicator_id, year, unit_id, value, created_at, updated_at)
     SELECT id, 2024, NULL, CASE aggregation WHEN 'avg' THEN 80 WHEN 'sum' THEN 2000000 + position * 1000 ELSE 900 END,
            timestamptz '2024-01-05T08:00:00+07:00', timestamptz '2024-01-05T08:00:00+07:00'
     FROM indicators`,
  );
}

// Weekly deadlines from 10 April, assigned to all units.
async function seedTasks(client: Client, periodId: string, count: number): Promise<void> {
  await client.query(
    `INSERT INTO tasks (period_id, title, description, due_at, assign_to, created_at, updated_at)
     SELECT $1::uuid, 'Nhiệm vụ ' || k, 'Báo cáo tiến độ nhiệm vụ số ' || k, timestamptz '2024-04-10T17:00:00+07:00' + (k - 1) * interval '7 days',
            '"all"'::jsonb, timestamptz '2024-04-01T08:00:00+07:00', timestamptz '2024-04-01T08:00:00+07:00'
     FROM generate_series(1, $2::int) AS k`,
    [periodId, count],
  );
}

// Units are numbered n = 1, 2, ... by code; the patterns below depend on n only.
const NUMBERED_UNITS = `SELECT id, row_number() OVER (ORDER BY code) AS n FROM units`;

async function seedActivity(client: Client, seeded: SeededQuarter, counts: QuarterCounts): Promise<void> {
  await seedAssignments(client, seeded.periodId, counts.now);
  await seedSubmissions(client, seeded.periodId, counts.submissions, 'current');
  await seedSubmissions(client, seeded.previousPeriodId, counts.previousQuarterSubmissions, 'earlier');
  await seedSubmissions(client, seeded.lastYearPeriodId, counts.lastYearSubmissions, 'earlier');
  await seedValues(client);
  await seedReportExtensions(client, seeded.periodId, counts.reportExtensions);
}

// Every task of the period to every unit not yet assigned it. By (n + task) % 10: 0-4 done on
// time, 5-6 done late, 7 in progress and overdue, 8 pending and overdue, 9 pending with a deadline
// extended past `now`. CHECK (status = 'done') = (completed_at IS NOT NULL) holds by construction.
async function seedAssignments(client: Client, periodId: string, now: Date): Promise<void> {
  await client.query(
    `INSERT INTO assignments (task_id, period_id, unit_id, role, status, note, due_at, completed_at, created_at, updated_at)
     SELECT task_id, $1::uuid, unit_id, 'lead', status, note, due_at,
            CASE s WHEN 0 THEN due_at - interval '2 days' WHEN 1 THEN due_at - interval '1 day' WHEN 2 THEN due_at - interval '3 hours'
                   WHEN 3 THEN due_at - interval '5 days' WHEN 4 THEN due_at - interval '1 hour'
                   WHEN 5 THEN due_at + interval '2 days' WHEN 6 THEN due_at + interval '9 days' END,
            created_at, created_at
     FROM (
       SELECT t.id AS task_id, u.id AS unit_id, t.created_at, s,
              CASE WHEN s <= 6 THEN 'done' WHEN s = 7 THEN 'in_progress' ELSE 'pending' END AS status,
              CASE WHEN s <= 6 THEN 'Đã hoàn thành' END AS note,
              CASE WHEN s = 9 THEN greatest(t.due_at, $2::timestamptz + interval '30 days') ELSE t.due_at END AS due_at
       FROM (SELECT *, row_number() OVER (ORDER BY due_at, title) AS k FROM tasks WHERE period_id = $1::uuid) t
       CROSS JOIN (${NUMBERED_UNITS}) u
       CROSS JOIN LATERAL (SELECT ((u.n + t.k) % 10)::int AS s) pattern
       WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.unit_id = u.id)
     ) generated`,
    [periodId, now],
  );
}

// Reports of the first `count` units (by code) that have none in the period. For the current
// quarter, by n % 20: 0 draft, 1 returned, 2-3 submitted late, 4-9 accepted, 10-19 submitted on
// time. For earlier quarters, by n % 10: 0 submitted late, 1-5 accepted, 6-9 submitted on time.
async function seedSubmissions(client: Client, periodId: string, count: number, kind: 'current' | 'earlier'): Promise<void> {
  const status =
    kind === 'current'
      ? `CASE WHEN n % 20 = 0 THEN 'draft' WHEN n % 20 = 1 THEN 'returned' WHEN n % 20 BETWEEN 4 AND 9 THEN 'accepted' ELSE 'submitted' END`
      : `CASE WHEN n % 10 BETWEEN 1 AND 5 THEN 'accepted' ELSE 'submitted' END`;
  const late = kind === 'current' ? `n % 20 IN (2, 3)` : `n % 10 = 0`;
  await client.query(
    `INSERT INTO submissions (period_id, unit_id, status, sections, submitted_at, last_submitted_at, review_comment, reviewed_at, revision, created_at, updated_at)
     SELECT p.id, u.id, x.status,
            jsonb_build_object('results', 'Kết quả thực hiện quý của đơn vị ' || u.n, 'difficulties', 'Thiếu kinh phí', 'proposals', 'Đề nghị hỗ trợ thêm'),
            x.submitted_at, x.submitted_at,
            CASE x.status WHEN 'returned' THEN 'Bổ sung số liệu chỉ tiêu' END,
            CASE WHEN x.status IN ('accepted', 'returned') THEN x.submitted_at + interval '1 day' END,
            1, p.report_due_at - interval '10 days', coalesce(x.submitted_at, p.report_due_at - interval '10 days')
     FROM periods p
     CROSS JOIN (${NUMBERED_UNITS}) u
     CROSS JOIN LATERAL (
       SELECT status, CASE WHEN status = 'draft' THEN NULL
                           WHEN ${late} THEN p.report_due_at + interval '2 days' + (u.n % 600) * interval '1 minute'
                           ELSE p.report_due_at - interval '3 days' + (u.n % 600) * interval '1 minute' END AS submitted_at
       FROM (SELECT ${status} AS status) s
     ) x
     WHERE p.id = $1 AND u.n <= $2
       AND NOT EXISTS (SELECT 1 FROM submissions e WHERE e.period_id = p.id AND e.unit_id = u.id)`,
    [periodId, count],
  );
}

// A value per indicator on every report that has none yet: whole numbers, or percentages with one
// decimal for averaged indicators.
async function seedValues(client: Client): Promise<void> {
  await client.query(
    `INSERT INTO submission_values (submission_id, indicator_id, value)
     SELECT s.id, i.id,
            CASE i.aggregation WHEN 'avg' THEN round(((u.n * 13 + i.position * 7) % 1000)::numeric / 10, 1)
                               ELSE ((u.n * 37 + i.position * 101 + p.quarter * 11) % 997)::numeric END
     FROM submissions s
     JOIN periods p ON p.id = s.period_id
     JOIN (${NUMBERED_UNITS}) u ON u.id = s.unit_id
     CROSS JOIN indicators i
     WHERE NOT EXISTS (SELECT 1 FROM submission_values v WHERE v.submission_id = s.id)`,
  );
}

// Up to `count` extensions in the period in all (every 50th unit, 5 days), each unit extended once.
async function seedReportExtensions(client: Client, periodId: string, count: number): Promise<void> {
  await client.query(
    `INSERT INTO report_extensions (period_id, unit_id, report_due_at, previous_due_at, reason, actor, created_at)
     SELECT p.id, u.id, p.report_due_at + interval '5 days', p.report_due_at, 'Đơn vị mới sáp nhập, chưa đủ số liệu', 'Văn phòng BCĐ', p.report_due_at - interval '5 days'
     FROM periods p CROSS JOIN (${NUMBERED_UNITS}) u
     WHERE p.id = $1 AND u.n % 50 = 7
       AND NOT EXISTS (SELECT 1 FROM report_extensions e WHERE e.period_id = p.id AND e.unit_id = u.id)
     ORDER BY u.n
     LIMIT greatest(0, $2::int - (SELECT count(*) FROM report_extensions WHERE period_id = $1)::int)`,
    [periodId, count],
  );
}
