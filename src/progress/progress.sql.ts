// The aggregate queries behind the status board, the indicator table and the scorecards. Each is
// one statement over the whole period (or year), never a query per unit.

// A unit's report deadline for a period: its latest extension, else the period's.
export const EFFECTIVE_REPORT_DUE = `coalesce((SELECT e.report_due_at FROM report_extensions e WHERE e.period_id = p.id AND e.unit_id = u.id ORDER BY e.created_at DESC LIMIT 1), p.report_due_at)`;

// Submitted and accepted reports count; drafts and returned ones do not.
export const COUNTED_STATUSES = `('submitted', 'accepted')`;

// The four-way state of an assignment (alias a) at instant $now.
export function assignmentStateSql(now: string): string {
  return `CASE
    WHEN a.status = 'done' AND a.completed_at <= a.due_at THEN 'done_on_time'
    WHEN a.status = 'done' THEN 'done_late'
    WHEN ${now} > a.due_at THEN 'overdue'
    ELSE 'in_progress_on_time' END`;
}

// $1 period id, $2 now. Units that are active, or that reported or were assigned work in the period.
export const PERIOD_STATUS_SQL = `
  WITH p AS (SELECT * FROM periods WHERE id = $1),
  board AS (
    SELECT p.year, p.quarter, u.id AS unit_id, u.code, u.name, u.kind,
      s.status AS submission_status, s.submitted_at,
      ${EFFECTIVE_REPORT_DUE} AS report_due_at,
      coalesce(t.total, 0) AS tasks_total, coalesce(t.done, 0) AS tasks_done, coalesce(t.overdue, 0) AS tasks_overdue
    FROM p CROSS JOIN units u
    LEFT JOIN submissions s ON s.period_id = p.id AND s.unit_id = u.id
    LEFT JOIN LATERAL (
      SELECT count(*) AS total, count(*) FILTER (WHERE a.status = 'done') AS done,
        count(*) FILTER (WHERE a.status <> 'done' AND $2 > a.due_at) AS overdue
      FROM assignments a WHERE a.period_id = p.id AND a.unit_id = u.id
    ) t ON true
    WHERE u.active OR s.id IS NOT NULL OR t.total > 0
  )
  SELECT * FROM board
  ORDER BY CASE kind WHEN 'agency' THEN 0 WHEN 'other' THEN 1 ELSE 2 END, code`;

// $1 period id. Per indicator and per related period (this year up to this quarter, the previous
// quarter, the same quarter last year): the total over units, aggregated as the indicator says,
// the program-wide target of this period's year, and (on this period's rows) each unit's value.
export function periodIndicatorTotalsSql(aggregate: (kind: string, value: string, at: string) => string): string {
  return `
  WITH cur AS (SELECT id, year, quarter FROM periods WHERE id = $1),
  rel AS (
    SELECT r.id, r.year, r.quarter FROM periods r, cur
    WHERE (r.year = cur.year AND r.quarter <= cur.quarter)
       OR (r.year = cur.year - 1 AND r.quarter = cur.quarter)
       OR (cur.quarter = 1 AND r.year = cur.year - 1 AND r.quarter = 4)
  ),
  vals AS (
    SELECT sv.indicator_id, s.period_id, s.unit_id, u.code AS unit_code, sv.value, s.submitted_at
    FROM submission_values sv JOIN submissions s ON s.id = sv.submission_id JOIN units u ON u.id = s.unit_id
    WHERE s.status IN ${COUNTED_STATUSES} AND s.period_id IN (SELECT id FROM rel)
  )
  SELECT i.id AS indicator_id, i.code, i.name, i.measure, i.aggregation, i.position,
    cur.year AS period_year, cur.quarter AS period_quarter,
    rel.year, rel.quarter, ${aggregate('i.aggregation', 'v.value', 'v.submitted_at')} AS total,
    (SELECT t.value FROM indicator_targets t WHERE t.indicator_id = i.id AND t.year = cur.year AND t.unit_id IS NULL) AS target,
    CASE WHEN rel.id = cur.id THEN coalesce(json_agg(json_build_object('unitId', v.unit_id, 'code', v.unit_code, 'value', v.value) ORDER BY v.unit_code)
      FILTER (WHERE v.period_id = cur.id), '[]'::json) END AS by_unit
  FROM cur CROSS JOIN indicators i CROSS JOIN rel
  LEFT JOIN vals v ON v.indicator_id = i.id AND v.period_id = rel.id
  WHERE i.active OR EXISTS (SELECT 1 FROM vals x WHERE x.indicator_id = i.id)
  GROUP BY i.id, cur.id, cur.year, cur.quarter, rel.id, rel.year, rel.quarter
  ORDER BY i.position, i.code, rel.year, rel.quarter`;
}

// $1 year, $2 quarter or NULL for the whole year, $3 now. Task counts by four-way state and
// report timeliness per unit, ranked by on-time rate, then fewer overdue tasks.
export const SCORECARDS_SQL = `
  WITH p AS (SELECT * FROM periods WHERE year = $1 AND ($2::int IS NULL OR quarter = $2::int)),
  tasks AS (
    SELECT a.unit_id, ${assignmentStateSql('$3')} AS state
    FROM assignments a JOIN p ON p.id = a.period_id
  ),
  task_counts AS (
    SELECT unit_id, count(*) AS total,
      count(*) FILTER (WHERE state = 'done_on_time') AS done_on_time,
      count(*) FILTER (WHERE state = 'done_late') AS done_late,
      count(*) FILTER (WHERE state = 'in_progress_on_time') AS in_progress_on_time,
      count(*) FILTER (WHERE state = 'overdue') AS overdue
    FROM tasks GROUP BY unit_id
  ),
  unit_periods AS (
    SELECT u.id AS unit_id, s.status, s.submitted_at, ${EFFECTIVE_REPORT_DUE} AS due_at
    FROM units u CROSS JOIN p
    LEFT JOIN submissions s ON s.period_id = p.id AND s.unit_id = u.id
  ),
  reports AS (
    SELECT unit_id,
      count(*) FILTER (WHERE status IN ${COUNTED_STATUSES} AND submitted_at <= due_at) AS on_time,
      count(*) FILTER (WHERE status IN ${COUNTED_STATUSES} AND submitted_at > due_at) AS late,
      count(*) FILTER (WHERE (status IS NULL OR status NOT IN ${COUNTED_STATUSES}) AND $3 > due_at) AS missing
    FROM unit_periods GROUP BY unit_id
  ),
  cards AS (
    SELECT u.id AS unit_id, u.code, u.name, u.kind,
      coalesce(tc.total, 0) AS total, coalesce(tc.done_on_time, 0) AS done_on_time, coalesce(tc.done_late, 0) AS done_late,
      coalesce(tc.in_progress_on_time, 0) AS in_progress_on_time, coalesce(tc.overdue, 0) AS overdue,
      CASE WHEN coalesce(tc.total, 0) = 0 THEN NULL ELSE round(tc.done_on_time::numeric / tc.total, 4) END AS on_time_rate,
      coalesce(r.on_time, 0) AS reports_on_time, coalesce(r.late, 0) AS reports_late, coalesce(r.missing, 0) AS reports_missing
    FROM units u
    LEFT JOIN task_counts tc ON tc.unit_id = u.id
    LEFT JOIN reports r ON r.unit_id = u.id
    WHERE u.active OR tc.total > 0
  )
  SELECT *, rank() OVER (ORDER BY on_time_rate DESC NULLS LAST, overdue ASC) AS rank
  FROM cards ORDER BY rank, code`;
