import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startTestApp, TestApp } from './support/test-app';

interface Assignment {
  id: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  role: 'lead' | 'support';
  status: 'pending' | 'in_progress' | 'done';
  state: string;
  note: string | null;
  dueAt: string;
  completedAt: string | null;
}

interface Task {
  id: string;
  periodId: string;
  title: string;
  description: string | null;
  dueAt: string;
  assignTo: string | string[];
  templateId: string | null;
  counts: Record<string, number>;
  assignments: Assignment[];
  createdAt: string;
  updatedAt: string;
}

interface Unit {
  id: string;
  code: string;
  name: string;
  kind: string;
}

interface FieldError {
  field: string;
  message: string;
}

interface AuditEntry {
  actor: string;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entityId: string;
  changes: Record<string, { from?: unknown; to?: unknown }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const SECRETARIAT = 'Văn phòng BCĐ';
const NOW = new Date('2024-05-02T03:00:00Z');
const DUE = '2024-06-25T17:00:00+07:00';
const DUE_ISO = '2024-06-25T10:00:00.000Z';

function fields(details: FieldError[] | undefined): string[] {
  return (details ?? []).map((detail) => detail.field).sort();
}

function uniqueCode(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`.toUpperCase();
}

function unitIdsOf(task: Task, role?: 'lead' | 'support'): string[] {
  return task.assignments
    .filter((assignment) => !role || assignment.role === role)
    .map((assignment) => assignment.unitId)
    .sort();
}

describe('Tasks API', () => {
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

  // Periods belong to another feature: a row is enough here.
  async function insertPeriod(year = nextYear++, quarter = 2): Promise<string> {
    const reportDueAt = new Date(Date.UTC(year, quarter * 3 - 1, 20, 10));
    const briefingAt = new Date(Date.UTC(year, quarter * 3 - 1, 27, 1));
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO periods (year, quarter, report_due_at, briefing_at, created_at, updated_at) VALUES ($1, $2, $3, $4, now(), now()) RETURNING id`,
      [year, quarter, reportDueAt, briefingAt],
    );
    return rows[0].id;
  }

  async function createUnit(kind = 'commune', active = true): Promise<Unit> {
    const response = await t.request<Unit>('POST', '/api/v1/units', {
      body: { code: uniqueCode(kind.slice(0, 3)), name: `Đơn vị ${kind}`, kind, emails: ['ubnd@konray.gov.vn'], active },
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function createTask(body: Record<string, unknown>, key?: string): Promise<Task> {
    const response = await t.request<Task>('POST', '/api/v1/tasks', { body: { title: 'Tuyên truyền Cuộc vận động', dueAt: DUE, ...body }, key });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function getTask(id: string): Promise<Task> {
    const response = await t.request<Task>('GET', `/api/v1/tasks/${id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function countRows(table: 'tasks' | 'assignments'): Promise<number> {
    const { rows } = await db.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
    return Number(rows[0].count);
  }

  async function activeUnitIds(query = ''): Promise<string[]> {
    const response = await t.request<{ items: Unit[] }>('GET', `/api/v1/units?active=true&limit=500${query}`);
    expect(response.status).toBe(200);
    return response.body.items.map((unit) => unit.id).sort();
  }

  async function audit(entityId: string): Promise<AuditEntry[]> {
    const response = await t.request<{ items: AuditEntry[] }>('GET', `/api/v1/audit?entity=task&entityId=${entityId}&sort=at`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  async function setStatus(assignmentId: string, status: string): Promise<void> {
    const response = await t.request('PATCH', `/api/v1/assignments/${assignmentId}`, { body: { status } });
    expect(response.status).toBe(200);
  }

  describe('POST /tasks', () => {
    it('should create the task with a pending lead assignment per listed unit and the support units when assignTo lists units', async () => {
      const periodId = await insertPeriod();
      const [first, second, helper] = [await createUnit('commune'), await createUnit('township'), await createUnit('agency')];
      const response = await t.request<Task>('POST', '/api/v1/tasks', {
        body: {
          periodId,
          title: '  Tổ chức hội nghị sơ kết  ',
          description: 'Báo cáo kết quả 6 tháng',
          dueAt: DUE,
          assignTo: [second.id.toUpperCase(), first.id],
          supportUnitIds: [helper.id],
        },
        key: secretariatKey,
      });
      expect(response.status).toBe(201);
      const pending = { status: 'pending', state: 'in_progress_on_time', note: null, dueAt: DUE_ISO, completedAt: null, id: expect.stringMatching(UUID) };
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        periodId,
        title: 'Tổ chức hội nghị sơ kết',
        description: 'Báo cáo kết quả 6 tháng',
        dueAt: DUE_ISO,
        assignTo: [second.id, first.id],
        templateId: null,
        counts: { total: 3, pending: 3, inProgress: 0, done: 0, inProgressOnTime: 3, overdue: 0, doneOnTime: 0, doneLate: 0 },
        assignments: expect.arrayContaining([
          { ...pending, unitId: first.id, unitCode: first.code, unitName: first.name, role: 'lead' },
          { ...pending, unitId: second.id, unitCode: second.code, unitName: second.name, role: 'lead' },
          { ...pending, unitId: helper.id, unitCode: helper.code, unitName: helper.name, role: 'support' },
        ]),
        createdAt: expect.any(String),
        updatedAt: response.body.createdAt,
      });
      // The clock was moved to NOW and runs on from there.
      expect(new Date(response.body.createdAt).getTime() - NOW.getTime()).toBeGreaterThanOrEqual(0);
      expect(new Date(response.body.createdAt).getTime() - NOW.getTime()).toBeLessThan(60_000);
      expect(response.body.assignments).toHaveLength(3);
      expect(response.body.assignments[2].role).toBe('support');
      await expect(getTask(response.body.id)).resolves.toEqual(response.body);
    });

    it('should assign every active unit and no inactive one when assignTo is "all"', async () => {
      const periodId = await insertPeriod();
      const inactive = await createUnit('agency', false);
      await createUnit('other');
      const task = await createTask({ periodId, assignTo: 'all' });
      expect(task.assignTo).toBe('all');
      expect(unitIdsOf(task, 'lead')).toEqual(await activeUnitIds());
      expect(unitIdsOf(task)).not.toContain(inactive.id);
    });

    it('should assign the active communes and townships and skip inactive ones and other kinds when assignTo is "communes"', async () => {
      const periodId = await insertPeriod();
      const [commune, township, agency, other, closed] = [
        await createUnit('commune'),
        await createUnit('township'),
        await createUnit('agency'),
        await createUnit('other'),
        await createUnit('commune', false),
      ];
      const task = await createTask({ periodId, assignTo: 'communes' });
      const ids = unitIdsOf(task, 'lead');
      expect(ids).toEqual(expect.arrayContaining([commune.id, township.id]));
      expect(ids).not.toEqual(expect.arrayContaining([agency.id]));
      expect(ids.filter((id) => [other.id, closed.id, agency.id].includes(id))).toEqual([]);
      expect(ids).toEqual([...(await activeUnitIds('&kind=commune')), ...(await activeUnitIds('&kind=township'))].sort());
    });

    it('should assign the active agencies only when assignTo is "agencies"', async () => {
      const periodId = await insertPeriod();
      const [agency, commune, closed] = [await createUnit('agency'), await createUnit('commune'), await createUnit('agency', false)];
      const task = await createTask({ periodId, assignTo: 'agencies' });
      const ids = unitIdsOf(task, 'lead');
      expect(ids).toContain(agency.id);
      expect(ids).not.toContain(commune.id);
      expect(ids).not.toContain(closed.id);
      expect(ids).toEqual(await activeUnitIds('&kind=agency'));
    });

    it('should make a unit a lead only, once, when it is both in assignTo and in supportUnitIds', async () => {
      const periodId = await insertPeriod();
      const [lead, helper] = [await createUnit(), await createUnit()];
      const task = await createTask({ periodId, assignTo: [lead.id, lead.id], supportUnitIds: [lead.id, helper.id, helper.id] });
      expect(task.assignments.map((assignment) => [assignment.unitId, assignment.role])).toEqual([
        [lead.id, 'lead'],
        [helper.id, 'support'],
      ]);
      expect(task.assignTo).toEqual([lead.id]);
    });

    it('should record the task with its units in the audit log under the key that created it', async () => {
      const periodId = await insertPeriod();
      const [lead, helper] = [await createUnit(), await createUnit()];
      const task = await createTask({ periodId, assignTo: [lead.id], supportUnitIds: [helper.id] }, secretariatKey);
      await expect(audit(task.id)).resolves.toEqual([
        expect.objectContaining({
          actor: SECRETARIAT,
          action: 'create',
          entity: 'task',
          entityId: task.id,
          changes: {
            periodId: { to: periodId },
            title: { to: 'Tuyên truyền Cuộc vận động' },
            description: { to: null },
            dueAt: { to: DUE_ISO },
            assignTo: { to: [lead.id] },
            templateId: { to: null },
            leadUnitIds: { to: [lead.id] },
            supportUnitIds: { to: [helper.id] },
          },
        }),
      ]);
    });

    it('should answer 400 naming periodId and create nothing when the period does not exist', async () => {
      const unit = await createUnit();
      const before = await countRows('tasks');
      const response = await t.request('POST', '/api/v1/tasks', { body: { periodId: UNKNOWN_ID, title: 'Nhiệm vụ', dueAt: DUE, assignTo: [unit.id] } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['periodId']);
      await expect(countRows('tasks')).resolves.toBe(before);
    });

    it('should answer 400 naming each unit of assignTo that does not exist or is inactive and create nothing', async () => {
      const periodId = await insertPeriod();
      const [active, inactive] = [await createUnit(), await createUnit('commune', false)];
      const before = await Promise.all([countRows('tasks'), countRows('assignments')]);
      const response = await t.request('POST', '/api/v1/tasks', { body: { periodId, title: 'Nhiệm vụ', dueAt: DUE, assignTo: [active.id, inactive.id, UNKNOWN_ID] } });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'assignTo[1]', message: `unit ${inactive.id} is inactive` },
        { field: 'assignTo[2]', message: `unit ${UNKNOWN_ID} does not exist` },
      ]);
      await expect(Promise.all([countRows('tasks'), countRows('assignments')])).resolves.toEqual(before);
    });

    it('should answer 400 naming supportUnitIds[i] when a support unit does not exist', async () => {
      const periodId = await insertPeriod();
      const unit = await createUnit();
      const response = await t.request('POST', '/api/v1/tasks', { body: { periodId, title: 'Nhiệm vụ', dueAt: DUE, assignTo: [unit.id], supportUnitIds: [unit.id, UNKNOWN_ID] } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['supportUnitIds[1]']);
    });

    it('should answer 400 naming assignTo when it names no unit', async () => {
      const periodId = await insertPeriod();
      const response = await t.request('POST', '/api/v1/tasks', { body: { periodId, title: 'Nhiệm vụ', dueAt: DUE, assignTo: [] } });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'assignTo', message: 'names no active unit' }]);
    });

    it('should answer 400 naming periodId, assignTo and supportUnitIds together when all three are wrong', async () => {
      const response = await t.request('POST', '/api/v1/tasks', {
        body: { periodId: UNKNOWN_ID, title: 'Nhiệm vụ', dueAt: DUE, assignTo: [UNKNOWN_ID], supportUnitIds: [UNKNOWN_ID] },
      });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['assignTo[0]', 'periodId', 'supportUnitIds[0]']);
    });

    it('should answer 400 naming each invalid field and create nothing when the body is invalid', async () => {
      const before = await countRows('tasks');
      const response = await t.request('POST', '/api/v1/tasks', {
        body: { periodId: 'abc', title: '   ', dueAt: '2024-06-25T17:00:00', assignTo: 'everyone', supportUnitIds: ['x'], priority: 'high' },
      });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['assignTo', 'dueAt', 'periodId', 'priority', 'supportUnitIds[0]', 'title']);
      await expect(countRows('tasks')).resolves.toBe(before);
    });

    it('should answer 400 naming assignTo[i] for each item that is not a UUID', async () => {
      const periodId = await insertPeriod();
      const unit = await createUnit();
      const response = await t.request('POST', '/api/v1/tasks', { body: { periodId, title: 'Nhiệm vụ', dueAt: DUE, assignTo: [unit.id, 'XA-01', 7] } });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'assignTo[1]', message: 'must be a UUID' },
        { field: 'assignTo[2]', message: 'must be a UUID' },
      ]);
    });

    it('should answer 400 naming dueAt when it is not an instant with an offset', async () => {
      const periodId = await insertPeriod();
      for (const dueAt of ['2024-06-25', '2024-06-25T17:00:00', '2024-02-30T17:00:00+07:00', 'tomorrow', 1719309600000, null]) {
        const response = await t.request('POST', '/api/v1/tasks', { body: { periodId, title: 'Nhiệm vụ', dueAt, assignTo: 'all' } });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['dueAt']);
      }
    });

    it('should answer 400 naming the missing fields when the body is empty', async () => {
      const response = await t.request('POST', '/api/v1/tasks', { body: {} });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['assignTo', 'dueAt', 'periodId', 'title']);
    });

    it('should answer 403 and create nothing when the key is a viewer key', async () => {
      const periodId = await insertPeriod();
      const before = await countRows('tasks');
      const response = await t.request('POST', '/api/v1/tasks', { body: { periodId, title: 'Nhiệm vụ', dueAt: DUE, assignTo: 'all' }, key: viewerKey });
      expect(response.status).toBe(403);
      await expect(countRows('tasks')).resolves.toBe(before);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('POST', '/api/v1/tasks', { body: {}, key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('GET /tasks', () => {
    let periodId: string;
    let unit: Unit;
    let other: Unit;
    let early: Task;
    let late: Task;
    let shared: Task;

    beforeAll(async () => {
      periodId = await insertPeriod();
      [unit, other] = [await createUnit(), await createUnit()];
      early = await createTask({ periodId, title: 'Bắt đầu', dueAt: '2024-05-10T17:00:00+07:00', assignTo: [unit.id] });
      late = await createTask({ periodId, title: 'An toàn', dueAt: '2024-06-25T17:00:00+07:00', assignTo: [other.id] });
      shared = await createTask({ periodId, title: 'Chung', dueAt: '2024-06-01T17:00:00+07:00', assignTo: [other.id], supportUnitIds: [unit.id] });
    });

    async function list(query: string): Promise<{ items: Task[]; total: number; page: number; limit: number }> {
      const response = await t.request('GET', `/api/v1/tasks?periodId=${periodId}${query}`);
      expect(response.status).toBe(200);
      return response.body;
    }

    it("should list the period's tasks by deadline with their assignment counts and no assignments when there is no unit filter", async () => {
      const page = await list('');
      expect(page).toEqual({
        items: [expect.objectContaining({ id: early.id }), expect.objectContaining({ id: shared.id }), expect.objectContaining({ id: late.id })],
        total: 3,
        page: 1,
        limit: 50,
      });
      const { assignments: _assignments, ...rest } = shared;
      expect(page.items[1]).toEqual(rest);
      expect(page.items[1].counts).toEqual({ total: 2, pending: 2, inProgress: 0, done: 0, inProgressOnTime: 2, overdue: 0, doneOnTime: 0, doneLate: 0 });
    });

    it("should list only the unit's tasks with that unit's assignments when unitId is given", async () => {
      const page = await list(`&unitId=${unit.id}`);
      expect(page.items.map((task) => task.id)).toEqual([early.id, shared.id]);
      expect(page.items[1].assignments).toEqual([shared.assignments.find((assignment) => assignment.unitId === unit.id)]);
      expect(page.items[1].counts.total).toBe(2);
    });

    it('should list the tasks with an assignment in the status when status is given', async () => {
      await setStatus(late.assignments[0].id, 'in_progress');
      try {
        await expect(list('&status=in_progress')).resolves.toMatchObject({ items: [{ id: late.id }], total: 1 });
        await expect(list(`&status=in_progress&unitId=${unit.id}`)).resolves.toMatchObject({ items: [], total: 0 });
        expect((await list('&status=pending')).items.map((task) => task.id)).toEqual([early.id, shared.id]);
      } finally {
        await setStatus(late.assignments[0].id, 'pending');
      }
    });

    it('should list the tasks with an overdue assignment when overdue=true and the others when overdue=false', async () => {
      t.clock.travelTo(new Date('2024-06-05T00:00:00Z'));
      await expect(list('&overdue=true')).resolves.toMatchObject({ items: [{ id: early.id }, { id: shared.id }], total: 2 });
      await expect(list('&overdue=false')).resolves.toMatchObject({ items: [{ id: late.id }], total: 1 });
      await expect(list(`&overdue=true&unitId=${other.id}`)).resolves.toMatchObject({ items: [{ id: shared.id }], total: 1 });
      expect((await list('&state=overdue')).items.map((task) => task.id)).toEqual([early.id, shared.id]);
      expect((await list('&overdue=true')).items[0].counts).toMatchObject({ total: 1, overdue: 1, inProgressOnTime: 0 });
    });

    it('should stop listing a task as overdue once its overdue assignment is done', async () => {
      t.clock.travelTo(new Date('2024-05-11T00:00:00Z'));
      await setStatus(early.assignments[0].id, 'done');
      try {
        await expect(list('&overdue=true')).resolves.toMatchObject({ total: 0 });
        await expect(list('&state=done_late')).resolves.toMatchObject({ items: [{ id: early.id, counts: { doneLate: 1, done: 1 } }] });
      } finally {
        await setStatus(early.assignments[0].id, 'pending');
      }
    });

    it('should page and sort the tasks', async () => {
      await expect(list('&limit=2&page=2')).resolves.toMatchObject({ items: [{ id: late.id }], total: 3, page: 2, limit: 2 });
      expect((await list('&sort=title')).items.map((task) => task.title)).toEqual(['An toàn', 'Bắt đầu', 'Chung']);
      expect((await list('&sort=-dueAt')).items.map((task) => task.id)).toEqual([late.id, shared.id, early.id]);
      await expect(list('&page=9')).resolves.toMatchObject({ items: [], total: 3 });
    });

    it('should answer 400 naming each wrong filter', async () => {
      const response = await t.request('GET', '/api/v1/tasks?periodId=abc&unitId=1&status=late&state=soon&overdue=maybe');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['overdue', 'periodId', 'state', 'status', 'unitId']);
    });

    it('should answer 400 naming sort when the sort field is unknown', async () => {
      const response = await t.request('GET', '/api/v1/tasks?sort=-priority');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['sort']);
    });

    it('should let a viewer list the tasks', async () => {
      const response = await t.request('GET', `/api/v1/tasks?periodId=${periodId}`, { key: viewerKey });
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(3);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', '/api/v1/tasks', { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('GET /tasks/:id', () => {
    it('should show the task with each assignment and its four-way state at the current time', async () => {
      const periodId = await insertPeriod();
      const unit = await createUnit();
      const task = await createTask({ periodId, assignTo: [unit.id] });
      t.clock.travelTo(new Date('2024-06-26T00:00:00Z'));
      const shown = await getTask(task.id);
      expect(shown.assignments[0].state).toBe('overdue');
      expect(shown.counts).toMatchObject({ overdue: 1, inProgressOnTime: 0 });
    });

    it('should let a viewer read a task', async () => {
      const periodId = await insertPeriod();
      const task = await createTask({ periodId, assignTo: [(await createUnit()).id] });
      const response = await t.request('GET', `/api/v1/tasks/${task.id}`, { key: viewerKey });
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(task.id);
    });

    it('should answer 404 when no task has the id', async () => {
      const response = await t.request('GET', `/api/v1/tasks/${UNKNOWN_ID}`);
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('GET', '/api/v1/tasks/abc');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', `/api/v1/tasks/${UNKNOWN_ID}`, { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('PATCH /tasks/:id', () => {
    it('should change the title and description and record only those in the audit log', async () => {
      const periodId = await insertPeriod();
      const task = await createTask({ periodId, assignTo: [(await createUnit()).id], description: 'Cũ' });
      t.clock.advance(60_000);
      const response = await t.request<Task>('PATCH', `/api/v1/tasks/${task.id}`, { body: { title: ' Tên mới ', description: null }, key: secretariatKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...task, title: 'Tên mới', description: null, updatedAt: expect.any(String) });
      expect(new Date(response.body.updatedAt).getTime()).toBeGreaterThan(new Date(task.updatedAt).getTime());
      const entries = await audit(task.id);
      expect(entries[1]).toEqual(
        expect.objectContaining({
          actor: SECRETARIAT,
          action: 'update',
          changes: { title: { from: 'Tuyên truyền Cuộc vận động', to: 'Tên mới' }, description: { from: 'Cũ', to: null } },
        }),
      );
    });

    it('should write nothing to the audit log when nothing changes', async () => {
      const periodId = await insertPeriod();
      const unit = await createUnit();
      const task = await createTask({ periodId, assignTo: [unit.id] });
      const response = await t.request<Task>('PATCH', `/api/v1/tasks/${task.id}`, { body: { title: task.title, dueAt: '2024-06-25T10:00:00Z', assignTo: [unit.id] } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(task);
      await expect(audit(task.id)).resolves.toHaveLength(1);
    });

    it("should move every assignment's deadline but those extended on their own when dueAt changes", async () => {
      const periodId = await insertPeriod();
      const [plain, extended] = [await createUnit(), await createUnit()];
      const task = await createTask({ periodId, assignTo: [plain.id, extended.id] });
      const extendedAssignment = task.assignments.find((assignment) => assignment.unitId === extended.id)!;
      const extension = await t.request('POST', `/api/v1/assignments/${extendedAssignment.id}/extensions`, { body: { dueAt: '2024-07-05T17:00:00+07:00', reason: 'Mưa lũ' } });
      expect(extension.status).toBe(201);
      const response = await t.request<Task>('PATCH', `/api/v1/tasks/${task.id}`, { body: { dueAt: '2024-06-28T17:00:00+07:00' } });
      expect(response.status).toBe(200);
      expect(response.body.dueAt).toBe('2024-06-28T10:00:00.000Z');
      const dueByUnit = Object.fromEntries(response.body.assignments.map((assignment) => [assignment.unitId, assignment.dueAt]));
      expect(dueByUnit).toEqual({ [plain.id]: '2024-06-28T10:00:00.000Z', [extended.id]: '2024-07-05T10:00:00.000Z' });
      expect((await audit(task.id))[1].changes).toEqual({ dueAt: { from: DUE_ISO, to: '2024-06-28T10:00:00.000Z' } });
    });

    it('should add and remove units and change roles, keeping the assignments of units that stay, when assignTo and supportUnitIds change', async () => {
      const periodId = await insertPeriod();
      const [kept, dropped, promoted, added] = [await createUnit(), await createUnit(), await createUnit(), await createUnit()];
      const task = await createTask({ periodId, assignTo: [kept.id, dropped.id], supportUnitIds: [promoted.id] });
      const keptAssignment = task.assignments.find((assignment) => assignment.unitId === kept.id)!;
      await setStatus(keptAssignment.id, 'done');
      const response = await t.request<Task>('PATCH', `/api/v1/tasks/${task.id}`, { body: { assignTo: [kept.id, promoted.id], supportUnitIds: [added.id] } });
      expect(response.status).toBe(200);
      expect(response.body.assignTo).toEqual([kept.id, promoted.id]);
      expect(unitIdsOf(response.body, 'lead')).toEqual([kept.id, promoted.id].sort());
      expect(unitIdsOf(response.body, 'support')).toEqual([added.id]);
      const keptNow = response.body.assignments.find((assignment) => assignment.unitId === kept.id)!;
      expect(keptNow).toMatchObject({ id: keptAssignment.id, status: 'done', state: 'done_on_time' });
      const promotedNow = response.body.assignments.find((assignment) => assignment.unitId === promoted.id)!;
      expect(promotedNow.id).toBe(task.assignments.find((assignment) => assignment.unitId === promoted.id)!.id);
      expect((await audit(task.id))[1].changes).toEqual({
        assignTo: { from: [kept.id, dropped.id], to: [kept.id, promoted.id] },
        leadUnitIds: { from: [kept.id, dropped.id].sort(), to: [kept.id, promoted.id].sort() },
        supportUnitIds: { from: [promoted.id], to: [added.id] },
      });
    });

    it('should pick up units activated since when assignTo is given again as the same keyword', async () => {
      const periodId = await insertPeriod();
      const task = await createTask({ periodId, assignTo: 'agencies' });
      const agency = await createUnit('agency');
      const response = await t.request<Task>('PATCH', `/api/v1/tasks/${task.id}`, { body: { assignTo: 'agencies' } });
      expect(response.status).toBe(200);
      expect(unitIdsOf(response.body)).toEqual([...unitIdsOf(task), agency.id].sort());
    });

    it('should answer 409 naming assignTo and change nothing when a unit whose assignment is done would be taken off', async () => {
      const periodId = await insertPeriod();
      const [finished, open, added] = [await createUnit(), await createUnit(), await createUnit()];
      const task = await createTask({ periodId, assignTo: [finished.id, open.id] });
      await setStatus(task.assignments.find((assignment) => assignment.unitId === finished.id)!.id, 'done');
      const before = await getTask(task.id);
      const response = await t.request('PATCH', `/api/v1/tasks/${task.id}`, { body: { title: 'Đổi tên', assignTo: [open.id, added.id] } });
      expect(response.status).toBe(409);
      expect(fields(response.body.details)).toEqual(['assignTo']);
      await expect(getTask(task.id)).resolves.toEqual(before);
    });

    it('should answer 409 naming supportUnitIds when a support unit whose assignment is done would be dropped', async () => {
      const periodId = await insertPeriod();
      const [lead, helper] = [await createUnit(), await createUnit()];
      const task = await createTask({ periodId, assignTo: [lead.id], supportUnitIds: [helper.id] });
      await setStatus(task.assignments[1].id, 'done');
      const response = await t.request('PATCH', `/api/v1/tasks/${task.id}`, { body: { supportUnitIds: [] } });
      expect(response.status).toBe(409);
      expect(fields(response.body.details)).toEqual(['supportUnitIds']);
    });

    it('should answer 400 naming each wrong field and change nothing when the body is invalid', async () => {
      const periodId = await insertPeriod();
      const task = await createTask({ periodId, assignTo: [(await createUnit()).id] });
      const response = await t.request('PATCH', `/api/v1/tasks/${task.id}`, { body: { periodId, title: null, dueAt: 'soon', assignTo: null, supportUnitIds: null } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['assignTo', 'dueAt', 'periodId', 'supportUnitIds', 'title']);
      await expect(getTask(task.id)).resolves.toEqual(task);
    });

    it('should answer 400 naming assignTo[i] and change nothing when a new unit is inactive', async () => {
      const periodId = await insertPeriod();
      const unit = await createUnit();
      const task = await createTask({ periodId, assignTo: [unit.id] });
      const inactive = await createUnit('commune', false);
      const response = await t.request('PATCH', `/api/v1/tasks/${task.id}`, { body: { title: 'Đổi tên', assignTo: [unit.id, inactive.id] } });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'assignTo[1]', message: `unit ${inactive.id} is inactive` }]);
      await expect(getTask(task.id)).resolves.toEqual(task);
    });

    it('should answer 404 when no task has the id', async () => {
      const response = await t.request('PATCH', `/api/v1/tasks/${UNKNOWN_ID}`, { body: { title: 'Mới' } });
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('PATCH', '/api/v1/tasks/abc', { body: { title: 'Mới' } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 403 and change nothing when the key is a viewer key', async () => {
      const periodId = await insertPeriod();
      const task = await createTask({ periodId, assignTo: [(await createUnit()).id] });
      const response = await t.request('PATCH', `/api/v1/tasks/${task.id}`, { body: { title: 'Mới' }, key: viewerKey });
      expect(response.status).toBe(403);
      await expect(getTask(task.id)).resolves.toEqual(task);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('PATCH', `/api/v1/tasks/${UNKNOWN_ID}`, { body: { title: 'Mới' }, key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('DELETE /tasks/:id', () => {
    it('should delete the task with its assignments and their extensions and record what it was', async () => {
      const periodId = await insertPeriod();
      const unit = await createUnit();
      const task = await createTask({ periodId, assignTo: [unit.id] });
      const assignmentId = task.assignments[0].id;
      await t.request('POST', `/api/v1/assignments/${assignmentId}/extensions`, { body: { dueAt: '2024-07-01T17:00:00+07:00', reason: 'Lý do' } });
      const response = await t.request('DELETE', `/api/v1/tasks/${task.id}`, { key: secretariatKey });
      expect(response.status).toBe(204);
      expect(response.body).toBe('');
      expect((await t.request('GET', `/api/v1/tasks/${task.id}`)).status).toBe(404);
      expect((await t.request('GET', `/api/v1/assignments/${assignmentId}`)).status).toBe(404);
      const { rows } = await db.query('SELECT 1 FROM assignment_extensions WHERE assignment_id = $1', [assignmentId]);
      expect(rows).toEqual([]);
      expect((await audit(task.id)).at(-1)).toEqual(
        expect.objectContaining({ actor: SECRETARIAT, action: 'delete', changes: expect.objectContaining({ title: { from: task.title }, leadUnitIds: { from: [unit.id] } }) }),
      );
    });

    it('should answer 404 when no task has the id', async () => {
      const response = await t.request('DELETE', `/api/v1/tasks/${UNKNOWN_ID}`);
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('DELETE', '/api/v1/tasks/abc');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 403 and keep the task when the key is a viewer key', async () => {
      const periodId = await insertPeriod();
      const task = await createTask({ periodId, assignTo: [(await createUnit()).id] });
      const response = await t.request('DELETE', `/api/v1/tasks/${task.id}`, { key: viewerKey });
      expect(response.status).toBe(403);
      await expect(getTask(task.id)).resolves.toEqual(task);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('DELETE', `/api/v1/tasks/${UNKNOWN_ID}`, { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('OpenAPI', () => {
    it('should describe every task endpoint', async () => {
      const response = await t.request('GET', '/docs-json', { key: null });
      expect(response.status).toBe(200);
      const paths = response.body.paths as Record<string, Record<string, unknown>>;
      expect(Object.keys(paths['/api/v1/tasks']).sort()).toEqual(['get', 'post']);
      expect(Object.keys(paths['/api/v1/tasks/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
      expect(response.body.components.schemas.CreateTaskDto.properties.assignTo.oneOf).toHaveLength(2);
    });
  });
});
