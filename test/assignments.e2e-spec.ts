import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import { ASSIGNMENT_STATES, AssignmentState, assignmentState, AssignmentStatus } from '../src/tasks/assignment-state';
import { assignmentStateSql } from '../src/tasks/assignments.repository';
import { AssignmentsService } from '../src/tasks/assignments.service';
import { startTestApp, TestApp } from './support/test-app';

interface Extension {
  dueAt: string;
  previousDueAt: string;
  reason: string;
  actor: string;
  createdAt: string;
}

interface Assignment {
  id: string;
  taskId: string;
  taskTitle: string;
  taskDueAt: string;
  periodId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  role: 'lead' | 'support';
  status: AssignmentStatus;
  state: AssignmentState;
  note: string | null;
  dueAt: string;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  extensions?: Extension[];
}

interface Task {
  id: string;
  title: string;
  assignments: Array<{ id: string; unitId: string }>;
}

interface Unit {
  id: string;
  code: string;
  name: string;
}

interface FieldError {
  field: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const SECRETARIAT = 'Văn phòng BCĐ';
const NOW = new Date('2024-05-02T03:00:00Z');
const DUE = new Date('2024-06-25T10:00:00Z');

function fields(details: FieldError[] | undefined): string[] {
  return (details ?? []).map((detail) => detail.field).sort();
}

function uniqueCode(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`.toUpperCase();
}

function plus(instant: Date, ms: number): Date {
  return new Date(instant.getTime() + ms);
}

describe('Assignments API', () => {
  let t: TestApp;
  let db: Client;
  let viewerKey: string;
  let secretariatKey: string;
  let nextYear = 2030;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.travelTo(NOW);
    db = new Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    const keys = await Promise.all(
      [
        { name: 'Người xem', role: 'viewer' },
        { name: SECRETARIAT, role: 'secretariat' },
      ].map((body) => t.request('POST', '/api/v1/api-keys', { body })),
    );
    expect(keys.map((key) => key.status)).toEqual([201, 201]);
    [viewerKey, secretariatKey] = keys.map((key) => key.body.key);
  });

  afterAll(async () => {
    await db.end();
    await t.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
    t.clock.travelTo(NOW);
  });

  // Stops the clock at an instant, so that a boundary can be hit to the millisecond.
  function freezeClock(instant: Date): void {
    jest.spyOn(t.clock, 'now').mockImplementation(() => new Date(instant));
  }

  // Periods belong to another feature: a row is enough here.
  async function insertPeriod(): Promise<string> {
    const year = nextYear++;
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO periods (year, quarter, report_due_at, briefing_at, created_at, updated_at) VALUES ($1, 2, $2, $3, now(), now()) RETURNING id`,
      [year, new Date(Date.UTC(year, 5, 20)), new Date(Date.UTC(year, 5, 27))],
    );
    return rows[0].id;
  }

  async function createUnit(): Promise<Unit> {
    const response = await t.request<Unit>('POST', '/api/v1/units', { body: { code: uniqueCode('XA'), name: 'Xã Đăk Tờ Re', kind: 'commune', emails: ['ubnd@konray.gov.vn'] } });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function createTask(unitIds: string[], periodId?: string, title = 'Tuyên truyền'): Promise<Task> {
    const response = await t.request<Task>('POST', '/api/v1/tasks', { body: { periodId: periodId ?? (await insertPeriod()), title, dueAt: DUE.toISOString(), assignTo: unitIds } });
    expect(response.status).toBe(201);
    return response.body;
  }

  // One assignment of a new task for a new unit.
  async function newAssignment(): Promise<Assignment> {
    const task = await createTask([(await createUnit()).id]);
    return getAssignment(task.assignments[0].id);
  }

  async function getAssignment(id: string): Promise<Assignment> {
    const response = await t.request<Assignment>('GET', `/api/v1/assignments/${id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function patch(id: string, body: unknown, key?: string) {
    return t.request<Assignment & { details?: FieldError[] }>('PATCH', `/api/v1/assignments/${id}`, { body, key });
  }

  async function extend(id: string, body: unknown, key?: string) {
    return t.request<Assignment & { details?: FieldError[] }>('POST', `/api/v1/assignments/${id}/extensions`, { body, key });
  }

  async function audit(entityId: string) {
    const response = await t.request('GET', `/api/v1/audit?entity=assignment&entityId=${entityId}&sort=at`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  describe('GET /assignments/:id', () => {
    it('should show the assignment with its unit, its task and no extensions when it has none', async () => {
      const unit = await createUnit();
      const task = await createTask([unit.id], undefined, 'Sơ kết 6 tháng');
      const response = await t.request<Assignment>('GET', `/api/v1/assignments/${task.assignments[0].id}`, { key: viewerKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id: task.assignments[0].id,
        taskId: task.id,
        taskTitle: 'Sơ kết 6 tháng',
        taskDueAt: DUE.toISOString(),
        periodId: expect.stringMatching(UUID),
        unitId: unit.id,
        unitCode: unit.code,
        unitName: unit.name,
        role: 'lead',
        status: 'pending',
        state: 'in_progress_on_time',
        note: null,
        dueAt: DUE.toISOString(),
        completedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        extensions: [],
      });
    });

    it('should answer 404 when no assignment has the id', async () => {
      const response = await t.request('GET', `/api/v1/assignments/${UNKNOWN_ID}`);
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('GET', '/api/v1/assignments/abc');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', `/api/v1/assignments/${UNKNOWN_ID}`, { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('PATCH /assignments/:id', () => {
    it('should set completedAt to the clock time when the assignment becomes done, and audit it', async () => {
      const assignment = await newAssignment();
      const completedAt = new Date('2024-06-20T02:30:00Z');
      freezeClock(completedAt);
      const response = await patch(assignment.id, { status: 'done', note: ' Đã tổ chức 12 buổi ' }, secretariatKey);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...assignment,
        status: 'done',
        state: 'done_on_time',
        note: 'Đã tổ chức 12 buổi',
        completedAt: completedAt.toISOString(),
        updatedAt: completedAt.toISOString(),
      });
      await expect(audit(assignment.id)).resolves.toEqual([
        expect.objectContaining({
          actor: SECRETARIAT,
          action: 'update',
          changes: { status: { from: 'pending', to: 'done' }, completedAt: { from: null, to: completedAt.toISOString() }, note: { from: null, to: 'Đã tổ chức 12 buổi' } },
        }),
      ]);
    });

    it('should keep completedAt and the note when a done assignment is marked done again without a note', async () => {
      const assignment = await newAssignment();
      freezeClock(new Date('2024-06-20T02:30:00Z'));
      const done = (await patch(assignment.id, { status: 'done', note: 'Xong' })).body;
      freezeClock(new Date('2024-06-30T02:30:00Z'));
      const again = await patch(assignment.id, { status: 'done' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(done);
      await expect(audit(assignment.id)).resolves.toHaveLength(1);
    });

    it('should clear completedAt when the assignment leaves done, and clear the note when it is null', async () => {
      const assignment = await newAssignment();
      await patch(assignment.id, { status: 'done', note: 'Xong' });
      const response = await patch(assignment.id, { status: 'in_progress', note: null });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'in_progress', completedAt: null, note: null, state: 'in_progress_on_time' });
      const { rows } = await db.query('SELECT status, completed_at, note FROM assignments WHERE id = $1', [assignment.id]);
      expect(rows).toEqual([{ status: 'in_progress', completed_at: null, note: null }]);
    });

    it('should judge a completion after the deadline as done late', async () => {
      const assignment = await newAssignment();
      freezeClock(plus(DUE, 1));
      const response = await patch(assignment.id, { status: 'done' });
      expect(response.body).toMatchObject({ state: 'done_late', completedAt: plus(DUE, 1).toISOString() });
    });

    it('should answer 400 naming status and note and change nothing when they are invalid', async () => {
      const assignment = await newAssignment();
      for (const body of [
        {},
        { status: 'finished' },
        { status: null },
        { status: 'done', note: 5 },
        { status: 'done', note: 'x'.repeat(5001) },
        { status: 'done', completedAt: NOW.toISOString() },
      ]) {
        const response = await patch(assignment.id, body);
        expect(response.status).toBe(400);
        expect(fields(response.body.details).length).toBeGreaterThan(0);
      }
      const response = await patch(assignment.id, { status: 'finished', note: 5, extra: true });
      expect(fields(response.body.details)).toEqual(['extra', 'note', 'status']);
      await expect(getAssignment(assignment.id)).resolves.toEqual(assignment);
    });

    it('should answer 404 when no assignment has the id', async () => {
      const response = await patch(UNKNOWN_ID, { status: 'done' });
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await patch('abc', { status: 'done' });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 403 and change nothing when the key is a viewer key', async () => {
      const assignment = await newAssignment();
      const response = await patch(assignment.id, { status: 'done' }, viewerKey);
      expect(response.status).toBe(403);
      await expect(getAssignment(assignment.id)).resolves.toEqual(assignment);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('PATCH', `/api/v1/assignments/${UNKNOWN_ID}`, { body: { status: 'done' }, key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('POST /assignments/:id/extensions', () => {
    it('should move the deadline, keep every extension and turn an overdue assignment back to on time', async () => {
      const assignment = await newAssignment();
      const firstAt = plus(DUE, 3_600_000);
      freezeClock(firstAt);
      expect((await getAssignment(assignment.id)).state).toBe('overdue');
      const first = await extend(assignment.id, { dueAt: '2024-06-28T17:00:00+07:00', reason: '  Mưa lũ, chia cắt  ' }, secretariatKey);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ dueAt: '2024-06-28T10:00:00.000Z', taskDueAt: DUE.toISOString(), state: 'in_progress_on_time', updatedAt: firstAt.toISOString() });
      freezeClock(plus(firstAt, 1000));
      const second = await extend(assignment.id, { dueAt: '2024-07-05T10:00:00Z', reason: 'Chờ số liệu' });
      expect(second.body.dueAt).toBe('2024-07-05T10:00:00.000Z');
      expect(second.body.extensions).toEqual([
        { dueAt: '2024-06-28T10:00:00.000Z', previousDueAt: DUE.toISOString(), reason: 'Mưa lũ, chia cắt', actor: SECRETARIAT, createdAt: firstAt.toISOString() },
        {
          dueAt: '2024-07-05T10:00:00.000Z',
          previousDueAt: '2024-06-28T10:00:00.000Z',
          reason: 'Chờ số liệu',
          actor: 'ADMIN_API_KEY',
          createdAt: plus(firstAt, 1000).toISOString(),
        },
      ]);
      await expect(getAssignment(assignment.id)).resolves.toEqual(second.body);
      await expect(audit(assignment.id)).resolves.toEqual([
        expect.objectContaining({ actor: SECRETARIAT, changes: { dueAt: { from: DUE.toISOString(), to: '2024-06-28T10:00:00.000Z' }, reason: { to: 'Mưa lũ, chia cắt' } } }),
        expect.objectContaining({
          actor: 'ADMIN_API_KEY',
          changes: { dueAt: { from: '2024-06-28T10:00:00.000Z', to: '2024-07-05T10:00:00.000Z' }, reason: { to: 'Chờ số liệu' } },
        }),
      ]);
    });

    it('should judge a done assignment against the extended deadline, turning done late into done on time', async () => {
      const assignment = await newAssignment();
      freezeClock(plus(DUE, 86_400_000));
      expect((await patch(assignment.id, { status: 'done' })).body.state).toBe('done_late');
      const response = await extend(assignment.id, { dueAt: plus(DUE, 2 * 86_400_000).toISOString(), reason: 'Gia hạn theo đề nghị của xã' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ status: 'done', state: 'done_on_time', completedAt: plus(DUE, 86_400_000).toISOString() });
    });

    it('should answer 400 naming dueAt and change nothing when the new deadline is not later than the current one', async () => {
      const assignment = await newAssignment();
      for (const dueAt of [DUE.toISOString(), plus(DUE, -1).toISOString()]) {
        const response = await extend(assignment.id, { dueAt, reason: 'Lý do' });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['dueAt']);
      }
      await expect(getAssignment(assignment.id)).resolves.toEqual(assignment);
      await expect(audit(assignment.id)).resolves.toEqual([]);
    });

    it('should answer 400 naming reason and dueAt when the reason is missing or blank and the deadline has no offset', async () => {
      const assignment = await newAssignment();
      for (const body of [{ dueAt: '2024-07-01T10:00:00' }, { dueAt: '2024-07-01', reason: '   ' }, { dueAt: null, reason: null }]) {
        const response = await extend(assignment.id, body);
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['dueAt', 'reason']);
      }
      await expect(getAssignment(assignment.id)).resolves.toEqual(assignment);
    });

    it('should answer 404 when no assignment has the id', async () => {
      const response = await extend(UNKNOWN_ID, { dueAt: '2024-07-01T10:00:00Z', reason: 'Lý do' });
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await extend('abc', { dueAt: '2024-07-01T10:00:00Z', reason: 'Lý do' });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 403 and change nothing when the key is a viewer key', async () => {
      const assignment = await newAssignment();
      const response = await extend(assignment.id, { dueAt: '2024-07-01T10:00:00Z', reason: 'Lý do' }, viewerKey);
      expect(response.status).toBe(403);
      await expect(getAssignment(assignment.id)).resolves.toEqual(assignment);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('POST', `/api/v1/assignments/${UNKNOWN_ID}/extensions`, { body: {}, key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('four-way state', () => {
    it('should be in progress on time at exactly the deadline and overdue one millisecond after it', async () => {
      const assignment = await newAssignment();
      freezeClock(DUE);
      expect((await getAssignment(assignment.id)).state).toBe('in_progress_on_time');
      freezeClock(plus(DUE, 1));
      expect((await getAssignment(assignment.id)).state).toBe('overdue');
    });

    it('should be done on time when completed at exactly the deadline and done late one millisecond after it', async () => {
      const [onTime, late] = [await newAssignment(), await newAssignment()];
      freezeClock(DUE);
      expect((await patch(onTime.id, { status: 'done' })).body.state).toBe('done_on_time');
      freezeClock(plus(DUE, 1));
      expect((await patch(late.id, { status: 'done' })).body.state).toBe('done_late');
      freezeClock(plus(DUE, 86_400_000));
      expect((await getAssignment(onTime.id)).state).toBe('done_on_time');
    });

    it('should move from on time to overdue as the clock passes the deadline', async () => {
      const assignment = await newAssignment();
      t.clock.travelTo(plus(DUE, -60_000));
      expect((await getAssignment(assignment.id)).state).toBe('in_progress_on_time');
      t.clock.travelTo(plus(DUE, 60_000));
      expect((await getAssignment(assignment.id)).state).toBe('overdue');
    });
  });

  describe('GET /assignments', () => {
    let periodId: string;
    let units: Unit[];
    let first: Task;
    let second: Task;

    beforeAll(async () => {
      periodId = await insertPeriod();
      units = [await createUnit(), await createUnit(), await createUnit()].sort((a, b) => a.code.localeCompare(b.code));
      first = await createTask(
        units.map((unit) => unit.id),
        periodId,
        'Nhiệm vụ một',
      );
      second = await createTask([units[0].id], periodId, 'Nhiệm vụ hai');
      // unit 0: done on time in the first task; unit 1: done late; unit 2: extended, still open.
      freezeClock(plus(DUE, -1000));
      await patch(first.assignments.find((item) => item.unitId === units[0].id)!.id, { status: 'done' });
      freezeClock(plus(DUE, 1000));
      await patch(first.assignments.find((item) => item.unitId === units[1].id)!.id, { status: 'done' });
      await extend(first.assignments.find((item) => item.unitId === units[2].id)!.id, { dueAt: plus(DUE, 86_400_000).toISOString(), reason: 'Gia hạn' });
      jest.restoreAllMocks();
    });

    async function list(query: string): Promise<{ items: Assignment[]; total: number; page: number; limit: number }> {
      const response = await t.request('GET', `/api/v1/assignments?periodId=${periodId}${query}`);
      expect(response.status).toBe(200);
      return response.body;
    }

    it("should list the period's assignments by effective deadline with their state", async () => {
      freezeClock(plus(DUE, 3_600_000));
      const page = await list('');
      expect(page.total).toBe(4);
      const rows = page.items.map((item) => [item.taskTitle, item.unitCode, item.state]);
      // Equal deadlines go by unit code; the two of units[0] come in either order.
      expect(rows.slice(0, 2)).toEqual(
        expect.arrayContaining([
          ['Nhiệm vụ một', units[0].code, 'done_on_time'],
          ['Nhiệm vụ hai', units[0].code, 'overdue'],
        ]),
      );
      expect(rows.slice(2)).toEqual([
        ['Nhiệm vụ một', units[1].code, 'done_late'],
        ['Nhiệm vụ một', units[2].code, 'in_progress_on_time'],
      ]);
      expect(page.items.at(-1)).toMatchObject({ unitId: units[2].id, dueAt: plus(DUE, 86_400_000).toISOString(), taskDueAt: DUE.toISOString() });
      expect(page.items.slice(0, 3).every((item) => item.dueAt === DUE.toISOString())).toBe(true);
      expect(page.items[0].extensions).toBeUndefined();
    });

    it('should filter by unit, task, status and state', async () => {
      freezeClock(plus(DUE, 3_600_000));
      expect((await list(`&unitId=${units[0].id}`)).items.map((item) => item.taskId).sort()).toEqual([first.id, second.id].sort());
      expect((await list(`&taskId=${second.id}`)).items.map((item) => item.unitId)).toEqual([units[0].id]);
      expect((await list('&status=done')).items.map((item) => item.unitId).sort()).toEqual([units[0].id, units[1].id].sort());
      expect((await list('&status=pending')).total).toBe(2);
      expect((await list('&state=overdue')).items.map((item) => [item.taskId, item.unitId])).toEqual([[second.id, units[0].id]]);
      expect((await list('&state=done_late')).items.map((item) => item.unitId)).toEqual([units[1].id]);
      expect((await list('&state=done_on_time')).items.map((item) => item.unitId)).toEqual([units[0].id]);
      expect((await list('&state=in_progress_on_time')).items.map((item) => item.unitId)).toEqual([units[2].id]);
      expect((await list(`&state=in_progress_on_time&unitId=${units[0].id}`)).total).toBe(0);
    });

    it('should judge the state filter at the clock time', async () => {
      freezeClock(plus(DUE, -1));
      expect((await list('&state=overdue')).total).toBe(0);
      expect((await list('&state=in_progress_on_time')).total).toBe(2);
      freezeClock(DUE);
      expect((await list('&state=overdue')).total).toBe(0);
      freezeClock(plus(DUE, 1));
      expect((await list('&state=overdue')).items.map((item) => item.taskId)).toEqual([second.id]);
      freezeClock(plus(DUE, 86_400_001));
      expect((await list('&state=overdue')).items.map((item) => item.unitId).sort()).toEqual([units[0].id, units[2].id].sort());
    });

    it('should page and sort the assignments', async () => {
      await expect(list('&limit=3&page=2')).resolves.toMatchObject({ total: 4, page: 2, limit: 3, items: [{ unitId: units[2].id }] });
      expect((await list('&sort=-unitCode')).items.map((item) => item.unitCode)).toEqual([units[2].code, units[1].code, units[0].code, units[0].code]);
      expect((await list('&sort=completedAt')).items.map((item) => item.unitId).slice(0, 2)).toEqual([units[0].id, units[1].id]);
      await expect(list('&page=5')).resolves.toMatchObject({ items: [], total: 4 });
    });

    it('should answer 400 naming each wrong filter', async () => {
      const response = await t.request('GET', '/api/v1/assignments?periodId=1&taskId=2&unitId=3&status=finished&state=late&sort=priority');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['periodId', 'state', 'status', 'taskId', 'unitId']);
    });

    it('should answer 400 naming sort when the sort field is unknown', async () => {
      const response = await t.request('GET', '/api/v1/assignments?sort=priority');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['sort']);
    });

    it('should let a viewer list the assignments', async () => {
      const response = await t.request('GET', `/api/v1/assignments?periodId=${periodId}`, { key: viewerKey });
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(4);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', '/api/v1/assignments', { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe(assignmentStateSql.name, () => {
    const minute = 60_000;
    const instant = fc.integer({ min: -5, max: 5 }).map((minutes) => plus(DUE, minutes * minute + (minutes % 2 === 0 ? 0 : 1)));
    const row = fc.oneof(
      fc.record({ status: fc.constantFrom<AssignmentStatus>('pending', 'in_progress'), dueAt: instant, completedAt: fc.constant(null) }),
      fc.record({ status: fc.constant<AssignmentStatus>('done'), dueAt: instant, completedAt: instant }),
    );

    it('should give the same state as assignmentState() for any rows and any time, boundaries included', async () => {
      const sql = `SELECT ${assignmentStateSql({ status: 'x.status', dueAt: 'x.due_at', completedAt: 'x.completed_at' }, '$1')} AS state
        FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS x (status, due_at, completed_at, n) ORDER BY n`;
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), instant, async (rows, now) => {
          const result = await db.query<{ state: AssignmentState }>(sql, [
            now,
            rows.map((item) => item.status),
            rows.map((item) => item.dueAt),
            rows.map((item) => item.completedAt),
          ]);
          expect(result.rows.map((item) => item.state)).toEqual(rows.map((item) => assignmentState(item, now)));
        }),
        { numRuns: 200 },
      );
    });

    it('should filter the assignment list by the same state the response shows, for random times around the deadlines', async () => {
      const periodId = await insertPeriod();
      const unitIds = await Promise.all([1, 2, 3, 4, 5, 6].map(async () => (await createUnit()).id));
      const task = await createTask(unitIds, periodId);
      const statuses: AssignmentStatus[] = ['pending', 'in_progress', 'done', 'done', 'pending', 'done'];
      for (const [index, assignment] of task.assignments.entries()) {
        freezeClock(plus(DUE, (index - 3) * minute));
        if (index === 4) await extend(assignment.id, { dueAt: plus(DUE, 2 * minute).toISOString(), reason: 'Gia hạn' });
        await patch(assignment.id, { status: statuses[index] });
      }
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: -4 * 60, max: 4 * 60 }), async (seconds) => {
          freezeClock(plus(DUE, seconds * 1000));
          const all = await t.request<{ items: Assignment[] }>('GET', `/api/v1/assignments?periodId=${periodId}`);
          for (const state of ASSIGNMENT_STATES) {
            const filtered = await t.request<{ items: Assignment[] }>('GET', `/api/v1/assignments?periodId=${periodId}&state=${state}`);
            expect(filtered.body.items.map((item) => item.id).sort()).toEqual(
              all.body.items
                .filter((item) => item.state === state)
                .map((item) => item.id)
                .sort(),
            );
          }
        }),
        // The deadlines themselves (DUE, and DUE + 2 minutes for the extended one) are always tried.
        { numRuns: 25, examples: [[0], [120]] },
      );
    });
  });

  describe('AssignmentsService (for the submissions feature)', () => {
    const actor = { keyId: 'portal', name: 'Cổng báo cáo', role: 'secretariat' as const };

    it("should apply a unit's progress report to its own assignments, completing at the given instant, and audit each change", async () => {
      const periodId = await insertPeriod();
      const [unit, other] = [await createUnit(), await createUnit()];
      const first = await createTask([unit.id, other.id], periodId, 'Một');
      const second = await createTask([unit.id], periodId, 'Hai');
      const mine = [first, second].map((task) => task.assignments.find((item) => item.unitId === unit.id)!.id);
      const at = new Date('2024-06-24T09:00:00Z');
      const service = t.app.get(AssignmentsService);
      const updated = await service.applyUnitUpdates(
        periodId,
        unit.id,
        [
          { assignmentId: mine[0], status: 'done', note: 'Đã xong' },
          { assignmentId: mine[1].toUpperCase(), status: 'in_progress' },
        ],
        at,
        actor,
      );
      expect(updated.map((item) => [item.id, item.status, item.completedAt?.toISOString() ?? null, item.note])).toEqual([
        [mine[0], 'done', at.toISOString(), 'Đã xong'],
        [mine[1], 'in_progress', null, null],
      ]);
      await expect(audit(mine[0])).resolves.toEqual([
        expect.objectContaining({ actor: actor.name, changes: expect.objectContaining({ status: { from: 'pending', to: 'done' } }) }),
      ]);
      // The same deadline: by task title.
      expect((await service.forUnit(periodId, unit.id)).map((item) => item.taskTitle)).toEqual(['Hai', 'Một']);
    });

    it('should refuse, naming taskUpdates[i].assignmentId, an assignment of another unit or period, and change nothing', async () => {
      const periodId = await insertPeriod();
      const [unit, other] = [await createUnit(), await createUnit()];
      const task = await createTask([unit.id, other.id], periodId);
      const elsewhere = await newAssignment();
      const [mine, theirs] = [unit, other].map((owner) => task.assignments.find((item) => item.unitId === owner.id)!.id);
      const before = await getAssignment(mine);
      const attempt = t.app.get(AssignmentsService).applyUnitUpdates(
        periodId,
        unit.id,
        [
          { assignmentId: mine, status: 'done' },
          { assignmentId: theirs, status: 'done' },
          { assignmentId: elsewhere.id, status: 'done' },
          { assignmentId: UNKNOWN_ID, status: 'done' },
        ],
        NOW,
        actor,
      );
      await expect(attempt).rejects.toMatchObject({
        response: { statusCode: 400, details: [1, 2, 3].map((index) => expect.objectContaining({ field: `taskUpdates[${index}].assignmentId` })) },
      });
      await expect(getAssignment(mine)).resolves.toEqual(before);
    });
  });

  describe('OpenAPI', () => {
    it('should describe every assignment endpoint', async () => {
      const response = await t.request('GET', '/docs-json', { key: null });
      const paths = response.body.paths as Record<string, Record<string, unknown>>;
      expect(Object.keys(paths['/api/v1/assignments'])).toEqual(['get']);
      expect(Object.keys(paths['/api/v1/assignments/{id}']).sort()).toEqual(['get', 'patch']);
      expect(Object.keys(paths['/api/v1/assignments/{id}/extensions'])).toEqual(['post']);
    });
  });
});
