import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startTestApp, TestApp, TestAppOptions } from './support/test-app';

// Shared by the submissions e2e files. Periods, tasks, assignments and report extensions are
// inserted with SQL, as their own endpoints belong to other features.

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
export const SECRETARIAT = 'Văn phòng BCĐ huyện';

export interface FieldError {
  field: string;
  message: string;
}

export interface Submission {
  id: string;
  periodId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  status: 'draft' | 'submitted' | 'accepted' | 'returned';
  sections: { results: string | null; difficulties: string | null; proposals: string | null };
  values: Record<string, number>;
  submittedAt: string | null;
  lastSubmittedAt: string | null;
  late: boolean;
  reportDueAt: string;
  revision: number;
  reviewComment: string | null;
  reviewedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

// A submission, or an error body when the status is not 200.
export type Answer = Submission & { message?: string; details?: FieldError[] };

export interface Revision {
  id: string;
  revision: number;
  at: string;
  actor: string;
  action: string;
  status: string;
  changes: Record<string, any>;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  emails: string[];
}

export interface Indicator {
  id: string;
  code: string;
}

export interface Period {
  id: string;
  year: number;
  quarter: number;
  reportDueAt: Date;
}

export function fields(details: FieldError[] | undefined): string[] {
  return (details ?? []).map((detail) => detail.field).sort();
}

export function uniqueCode(prefix: string): string {
  return `${prefix}_${randomBytes(3).toString('hex')}`.toUpperCase();
}

export class SubmissionsFixture {
  secretariatKey = '';
  viewerKey = '';
  private nextPeriod = 0;

  private constructor(
    readonly t: TestApp,
    readonly db: Client,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<SubmissionsFixture> {
    const t = await startTestApp(options);
    const db = new Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    const fixture = new SubmissionsFixture(t, db);
    const keys = await Promise.all(
      [
        { name: 'Người xem', role: 'viewer' },
        { name: SECRETARIAT, role: 'secretariat' },
      ].map((body) => t.request('POST', '/api/v1/api-keys', { body })),
    );
    expect(keys.map((key) => key.status)).toEqual([201, 201]);
    [fixture.viewerKey, fixture.secretariatKey] = keys.map((key) => key.body.key);
    return fixture;
  }

  async close(): Promise<void> {
    await this.db.end();
    await this.t.close();
  }

  async createUnit(overrides: Record<string, unknown> = {}): Promise<Unit> {
    const body = { code: uniqueCode('XA'), name: 'Xã Đăk Ruồng', kind: 'commune', emails: ['ubnd.dakruong@konray.gov.vn', 'vanphong.dakruong@konray.gov.vn'], ...overrides };
    const response = await this.t.request<Unit>('POST', '/api/v1/units', { body });
    expect(response.status).toBe(201);
    return response.body;
  }

  async createIndicator(overrides: Record<string, unknown> = {}): Promise<Indicator> {
    const body = { code: uniqueCode('TT'), name: 'Buổi tuyên truyền', measure: 'buổi', ...overrides };
    const response = await this.t.request<Indicator>('POST', '/api/v1/indicators', { body });
    expect(response.status).toBe(201);
    return response.body;
  }

  // Each period of a file gets its own (year, quarter) unless one is given.
  async insertPeriod(options: { reportDueAt?: string; year?: number; quarter?: number } = {}): Promise<Period> {
    const index = this.nextPeriod++;
    const year = options.year ?? 2040 + Math.floor(index / 4);
    const quarter = options.quarter ?? (index % 4) + 1;
    const reportDueAt = new Date(options.reportDueAt ?? '2024-06-25T17:00:00+07:00');
    const briefingAt = new Date(reportDueAt.getTime() + 5 * 86_400_000);
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO periods (year, quarter, report_due_at, briefing_at, briefing_place, created_at, updated_at) VALUES ($1, $2, $3, $4, 'Hội trường UBND huyện', now(), now()) RETURNING id`,
      [year, quarter, reportDueAt, briefingAt],
    );
    return { id: rows[0].id, year, quarter, reportDueAt };
  }

  async insertExtension(periodId: string, unitId: string, reportDueAt: string, createdAt: string): Promise<void> {
    await this.db.query(
      `INSERT INTO report_extensions (period_id, unit_id, report_due_at, previous_due_at, reason, actor, created_at) VALUES ($1, $2, $3, $3, 'Bão lũ', 'admin', $4)`,
      [periodId, unitId, new Date(reportDueAt), new Date(createdAt)],
    );
  }

  async insertAssignment(periodId: string, unitId: string, options: { status?: string; note?: string | null } = {}): Promise<string> {
    const due = new Date('2024-06-20T17:00:00+07:00');
    const { rows: tasks } = await this.db.query<{ id: string }>(
      `INSERT INTO tasks (period_id, title, due_at, assign_to, created_at, updated_at) VALUES ($1, 'Tổ chức tuyên truyền chuyên đề', $2, $3, now(), now()) RETURNING id`,
      [periodId, due, JSON.stringify([unitId])],
    );
    const status = options.status ?? 'pending';
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO assignments (task_id, period_id, unit_id, role, status, note, due_at, completed_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'lead', $4, $5, $6, $7, now(), now()) RETURNING id`,
      [tasks[0].id, periodId, unitId, status, options.note ?? null, due, status === 'done' ? new Date('2024-06-10T10:00:00+07:00') : null],
    );
    return rows[0].id;
  }

  async assignment(id: string): Promise<{ status: string; note: string | null; completed_at: Date | null; updated_at: Date }> {
    const { rows } = await this.db.query(`SELECT status, note, completed_at, updated_at FROM assignments WHERE id = $1`, [id]);
    return rows[0];
  }

  // The review notices by default; the receipt sent on each submission is another kind.
  async mails(
    to: string,
    kinds = ['submission.accepted', 'submission.returned'],
  ): Promise<Array<{ kind: string; subject: string; text_body: string; html_body: string; to_addresses: string[] }>> {
    const { rows } = await this.db.query(
      `SELECT kind, subject, text_body, html_body, to_addresses FROM mail_messages WHERE $1 = ANY(to_addresses) AND kind = ANY($2) ORDER BY created_at`,
      [to, kinds],
    );
    return rows;
  }

  put(periodId: string, unitId: string, body: unknown, key?: string | null) {
    return this.t.request<Answer>('PUT', `/api/v1/periods/${periodId}/submissions/${unitId}`, { body, key });
  }

  async save(periodId: string, unitId: string, body: Record<string, unknown>): Promise<Submission> {
    const response = await this.put(periodId, unitId, { sections: {}, values: {}, ...body }, this.secretariatKey);
    expect(response.status).toBe(200);
    return response.body;
  }

  async get(id: string): Promise<Submission> {
    const response = await this.t.request<Submission>('GET', `/api/v1/submissions/${id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async revisions(id: string): Promise<Revision[]> {
    const response = await this.t.request<Revision[]>('GET', `/api/v1/submissions/${id}/revisions`);
    expect(response.status).toBe(200);
    return response.body;
  }

  review(id: string, action: 'accept' | 'return', body?: unknown, key?: string | null) {
    return this.t.request<Answer>('POST', `/api/v1/submissions/${id}/${action}`, { body, key: key === undefined ? this.secretariatKey : key });
  }

  async submissionCount(periodId: string): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>(`SELECT count(*) FROM submissions WHERE period_id = $1`, [periodId]);
    return Number(rows[0].count);
  }
}
