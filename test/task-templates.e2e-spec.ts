import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Actor } from '../src/auth/roles';
import { TasksService } from '../src/tasks/tasks.service';
import { startTestApp, TestApp } from './support/test-app';

interface Template {
  id: string;
  title: string;
  description: string | null;
  assignTo: string | string[];
  due: { month: number; day: number; time: string };
  createdAt: string;
}

interface Task {
  id: string;
  title: string;
  dueAt: string;
  templateId: string | null;
  assignTo: string | string[];
  assignments: Array<{ unitId: string; role: string; dueAt: string }>;
}

interface Unit {
  id: string;
  code: string;
}

interface FieldError {
  field: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const SECRETARIAT = 'Văn phòng BCĐ';
const ACTOR: Actor = { keyId: 'periods', name: 'Văn phòng BCĐ (tạo quý)', role: 'secretariat' };

function fields(details: FieldError[] | undefined): string[] {
  return (details ?? []).map((detail) => detail.field).sort();
}

function uniqueCode(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`.toUpperCase();
}

describe('Task templates API', () => {
  let t: TestApp;
  let db: Client;
  let viewerKey: string;
  let secretariatKey: string;

  beforeAll(async () => {
    t = await startTestApp();
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

  async function createUnit(kind = 'commune', active = true): Promise<Unit> {
    const response = await t.request<Unit>('POST', '/api/v1/units', {
      body: { code: uniqueCode(kind.slice(0, 3)), name: `Đơn vị ${kind}`, kind, emails: ['ubnd@konray.gov.vn'], active },
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function createTemplate(overrides: Record<string, unknown> = {}, key?: string): Promise<Template> {
    const body = { title: 'Báo cáo kết quả quý', assignTo: 'all', due: { month: 3, day: 25, time: '17:00' }, ...overrides };
    const response = await t.request<Template>('POST', '/api/v1/task-templates', { body, key });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function allTemplates(): Promise<Template[]> {
    const response = await t.request<{ items: Template[] }>('GET', '/api/v1/task-templates?limit=500');
    expect(response.status).toBe(200);
    return response.body.items;
  }

  // Periods belong to another feature: a row is enough here. An earlier test's period of the same
  // quarter goes, with its tasks.
  async function insertPeriod(year: number, quarter: number): Promise<{ id: string; year: number; quarter: number }> {
    await db.query('DELETE FROM periods WHERE year = $1 AND quarter = $2', [year, quarter]);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO periods (year, quarter, report_due_at, briefing_at, created_at, updated_at) VALUES ($1, $2, $3, $4, now(), now()) RETURNING id`,
      [year, quarter, new Date(Date.UTC(year, quarter * 3 - 1, 20)), new Date(Date.UTC(year, quarter * 3 - 1, 27))],
    );
    return { id: rows[0].id, year, quarter };
  }

  async function tasksOf(periodId: string): Promise<Task[]> {
    const response = await t.request<{ items: Array<{ id: string }> }>('GET', `/api/v1/tasks?periodId=${periodId}&limit=500`);
    expect(response.status).toBe(200);
    return Promise.all(response.body.items.map(async (item) => (await t.request<Task>('GET', `/api/v1/tasks/${item.id}`)).body));
  }

  async function countTemplates(): Promise<number> {
    const { rows } = await db.query<{ count: string }>('SELECT count(*) FROM task_templates');
    return Number(rows[0].count);
  }

  describe('POST /task-templates', () => {
    it('should create the template with trimmed values and record it in the audit log', async () => {
      const unit = await createUnit();
      const response = await t.request<Template>('POST', '/api/v1/task-templates', {
        body: { title: '  Sơ kết quý  ', description: ' Gửi báo cáo sơ kết ', assignTo: [unit.id.toUpperCase(), unit.id], due: { month: 1, day: 31, time: '08:30' } },
        key: secretariatKey,
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        title: 'Sơ kết quý',
        description: 'Gửi báo cáo sơ kết',
        assignTo: [unit.id],
        due: { month: 1, day: 31, time: '08:30' },
        createdAt: expect.any(String),
      });
      const audit = await t.request('GET', `/api/v1/audit?entity=task_template&entityId=${response.body.id}`);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actor: SECRETARIAT,
          action: 'create',
          changes: { title: { to: 'Sơ kết quý' }, description: { to: 'Gửi báo cáo sơ kết' }, assignTo: { to: [unit.id] }, due: { to: { month: 1, day: 31, time: '08:30' } } },
        }),
      ]);
    });

    it('should accept a keyword for assignTo even when no unit of that kind exists yet', async () => {
      const template = await createTemplate({ assignTo: 'agencies' });
      expect(template).toMatchObject({ assignTo: 'agencies', description: null });
    });

    it('should answer 400 naming each wrong field of due and create nothing', async () => {
      const before = await countTemplates();
      for (const [due, wrong] of [
        [{ month: 0, day: 0, time: '24:00' }, ['due.day', 'due.month', 'due.time']],
        [{ month: 4, day: 32, time: '7:00' }, ['due.day', 'due.month', 'due.time']],
        [{ month: 1.5, day: '3', time: 1700 }, ['due.day', 'due.month', 'due.time']],
        [{ month: 1, day: 1, time: '17:00', year: 2024 }, ['due.year']],
        [{}, ['due.day', 'due.month', 'due.time']],
        ['2024-06-25', ['due']],
        [null, ['due']],
      ] as const) {
        const response = await t.request('POST', '/api/v1/task-templates', { body: { title: 'Mẫu', assignTo: 'all', due } });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(wrong);
      }
      await expect(countTemplates()).resolves.toBe(before);
    });

    it('should answer 400 naming title, assignTo and an unknown field when they are wrong', async () => {
      const response = await t.request('POST', '/api/v1/task-templates', {
        body: { title: ' ', assignTo: 'communes-and-agencies', due: { month: 1, day: 1, time: '17:00' }, periodId: UNKNOWN_ID },
      });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['assignTo', 'periodId', 'title']);
    });

    it('should answer 400 naming assignTo[i] for each unit that does not exist or is inactive, or assignTo when the list is empty', async () => {
      const [active, inactive] = [await createUnit(), await createUnit('commune', false)];
      const before = await countTemplates();
      const response = await t.request('POST', '/api/v1/task-templates', {
        body: { title: 'Mẫu', assignTo: [active.id, UNKNOWN_ID, inactive.id, 'x'], due: { month: 1, day: 1, time: '17:00' } },
      });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['assignTo[3]']);
      const unknown = await t.request('POST', '/api/v1/task-templates', {
        body: { title: 'Mẫu', assignTo: [active.id, UNKNOWN_ID, inactive.id], due: { month: 1, day: 1, time: '17:00' } },
      });
      expect(unknown.status).toBe(400);
      expect(fields(unknown.body.details)).toEqual(['assignTo[1]', 'assignTo[2]']);
      const empty = await t.request('POST', '/api/v1/task-templates', { body: { title: 'Mẫu', assignTo: [], due: { month: 1, day: 1, time: '17:00' } } });
      expect(fields(empty.body.details)).toEqual(['assignTo']);
      await expect(countTemplates()).resolves.toBe(before);
    });

    it('should answer 403 and create nothing when the key is a viewer key', async () => {
      const before = await countTemplates();
      const response = await t.request('POST', '/api/v1/task-templates', { body: { title: 'Mẫu', assignTo: 'all', due: { month: 1, day: 1, time: '17:00' } }, key: viewerKey });
      expect(response.status).toBe(403);
      await expect(countTemplates()).resolves.toBe(before);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('POST', '/api/v1/task-templates', { body: {}, key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('GET /task-templates', () => {
    it('should list the templates by month, day and time of the quarter and page them', async () => {
      const late = await createTemplate({ due: { month: 3, day: 28, time: '17:00' } });
      const early = await createTemplate({ due: { month: 1, day: 2, time: '08:00' } });
      const items = await allTemplates();
      const keys = items.map((item) => [item.due.month, item.due.day, item.due.time].join('/'));
      expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
      expect(items.findIndex((item) => item.id === early.id)).toBeLessThan(items.findIndex((item) => item.id === late.id));
      const page = await t.request('GET', '/api/v1/task-templates?limit=1&page=2&sort=-createdAt', { key: viewerKey });
      expect(page.status).toBe(200);
      expect(page.body).toEqual({ items: [items.find((item) => item.id === late.id)], total: items.length, page: 2, limit: 1 });
      const past = await t.request('GET', '/api/v1/task-templates?page=999');
      expect(past.body).toEqual({ items: [], total: items.length, page: 999, limit: 50 });
    });

    it('should answer 400 naming sort when the sort field is unknown', async () => {
      const response = await t.request('GET', '/api/v1/task-templates?sort=priority');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['sort']);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', '/api/v1/task-templates', { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('DELETE /task-templates/:id', () => {
    it('should delete the template, keep the tasks made from it, and record it in the audit log', async () => {
      const template = await createTemplate({ title: 'Mẫu sẽ xoá', assignTo: [(await createUnit()).id] });
      const period = await insertPeriod(2041, 1);
      await t.app.get(TasksService).createFromTemplates(period, ACTOR);
      const response = await t.request('DELETE', `/api/v1/task-templates/${template.id}`, { key: secretariatKey });
      expect(response.status).toBe(204);
      expect((await allTemplates()).map((item) => item.id)).not.toContain(template.id);
      const kept = (await tasksOf(period.id)).find((task) => task.title === 'Mẫu sẽ xoá');
      expect(kept).toMatchObject({ templateId: null });
      const audit = await t.request('GET', `/api/v1/audit?entity=task_template&entityId=${template.id}&sort=at`);
      expect(audit.body.items.at(-1)).toEqual(
        expect.objectContaining({ actor: SECRETARIAT, action: 'delete', changes: expect.objectContaining({ title: { from: 'Mẫu sẽ xoá' } }) }),
      );
    });

    it('should answer 404 when no template has the id', async () => {
      const response = await t.request('DELETE', `/api/v1/task-templates/${UNKNOWN_ID}`);
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('DELETE', '/api/v1/task-templates/abc');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 403 and keep the template when the key is a viewer key', async () => {
      const template = await createTemplate();
      const response = await t.request('DELETE', `/api/v1/task-templates/${template.id}`, { key: viewerKey });
      expect(response.status).toBe(403);
      expect((await allTemplates()).map((item) => item.id)).toContain(template.id);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('DELETE', `/api/v1/task-templates/${UNKNOWN_ID}`, { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('TasksService.createFromTemplates', () => {
    let tasks: TasksService;

    beforeAll(() => {
      tasks = t.app.get(TasksService);
    });

    // Each test starts from no templates, as they all apply to every new period.
    beforeEach(async () => {
      for (const template of await allTemplates()) expect((await t.request('DELETE', `/api/v1/task-templates/${template.id}`)).status).toBe(204);
    });

    it("should create one task per template, due on the template's day of the quarter at its time in the committee's time zone", async () => {
      const [commune, township, agency, closed] = [await createUnit('commune'), await createUnit('township'), await createUnit('agency'), await createUnit('commune', false)];
      const report = await createTemplate({ title: 'Báo cáo quý', description: 'Theo mẫu', assignTo: 'communes', due: { month: 3, day: 25, time: '17:00' } });
      const review = await createTemplate({ title: 'Rà soát', assignTo: [agency.id], due: { month: 1, day: 15, time: '08:00' } });
      const period = await insertPeriod(2024, 2);
      await expect(tasks.createFromTemplates(period, ACTOR)).resolves.toBe(2);
      const created = await tasksOf(period.id);
      expect(created.map((task) => [task.title, task.dueAt, task.templateId, task.assignTo])).toEqual([
        ['Rà soát', '2024-04-15T01:00:00.000Z', review.id, [agency.id]],
        ['Báo cáo quý', '2024-06-25T10:00:00.000Z', report.id, 'communes'],
      ]);
      const communes = created[1].assignments.map((assignment) => assignment.unitId);
      expect(communes).toEqual(expect.arrayContaining([commune.id, township.id]));
      expect(communes).not.toContain(closed.id);
      expect(communes).not.toContain(agency.id);
      expect(created[1].assignments.every((assignment) => assignment.role === 'lead' && assignment.dueAt === '2024-06-25T10:00:00.000Z')).toBe(true);
      const audit = await t.request('GET', `/api/v1/audit?entity=task&entityId=${created[1].id}`);
      expect(audit.body.items).toEqual([expect.objectContaining({ actor: ACTOR.name, action: 'create', changes: expect.objectContaining({ templateId: { to: report.id } }) })]);
    });

    it("should clamp the day to the month's end and move a day off to the previous working day", async () => {
      await createUnit();
      await createTemplate({ title: 'Cuối tháng', due: { month: 3, day: 31, time: '17:00' } });
      await createTemplate({ title: 'Sau lễ', due: { month: 2, day: 1, time: '17:00' } });
      const period = await insertPeriod(2024, 2);
      await expect(tasks.createFromTemplates(period, ACTOR)).resolves.toBe(2);
      // 30 June 2024 is a Sunday: Friday 28 June. 1 May is a holiday and moving back would leave May: 2 May.
      expect((await tasksOf(period.id)).map((task) => [task.title, task.dueAt])).toEqual([
        ['Sau lễ', '2024-05-02T10:00:00.000Z'],
        ['Cuối tháng', '2024-06-28T10:00:00.000Z'],
      ]);
    });

    it('should follow the holiday calendar when it changes', async () => {
      await createUnit();
      await createTemplate({ title: 'Ngày nghỉ mới', due: { month: 2, day: 14, time: '09:00' } });
      const holidays = await t.request('GET', '/api/v1/holidays?year=2031');
      const put = await t.request('PUT', '/api/v1/holidays/2031', { body: [...holidays.body, { date: '2031-08-14', name: 'Nghỉ bù', kind: 'holiday' }] });
      expect(put.status).toBe(200);
      const period = await insertPeriod(2031, 3);
      await tasks.createFromTemplates(period, ACTOR);
      // Thursday 14 August 2031 made a day off: Wednesday 13 August.
      expect((await tasksOf(period.id)).map((task) => task.dueAt)).toEqual(['2031-08-13T02:00:00.000Z']);
    });

    it("should read the template's time in the committee's time zone from the settings", async () => {
      await createUnit();
      await createTemplate({ title: 'Giờ Paris', due: { month: 3, day: 25, time: '17:00' } });
      expect((await t.request('PATCH', '/api/v1/settings', { body: { timezone: 'Europe/Paris' } })).status).toBe(200);
      try {
        const period = await insertPeriod(2032, 2);
        await tasks.createFromTemplates(period, ACTOR);
        expect((await tasksOf(period.id)).map((task) => task.dueAt)).toEqual(['2032-06-25T15:00:00.000Z']);
      } finally {
        expect((await t.request('PATCH', '/api/v1/settings', { body: { timezone: 'Asia/Ho_Chi_Minh' } })).status).toBe(200);
      }
    });

    it('should create nothing more when called again for the same period', async () => {
      await createUnit();
      await createTemplate({ title: 'Một lần' });
      const period = await insertPeriod(2033, 1);
      await expect(tasks.createFromTemplates(period, ACTOR)).resolves.toBe(1);
      await expect(tasks.createFromTemplates(period, ACTOR)).resolves.toBe(0);
      await expect(Promise.all([tasks.createFromTemplates(period, ACTOR), tasks.createFromTemplates(period, ACTOR)])).resolves.toEqual([0, 0]);
      expect(await tasksOf(period.id)).toHaveLength(1);
    });

    it('should create each task once when two calls race for a new period', async () => {
      await createUnit();
      await createTemplate({ title: 'Đua' });
      const period = await insertPeriod(2033, 2);
      const counts = await Promise.all([tasks.createFromTemplates(period, ACTOR), tasks.createFromTemplates(period, ACTOR)]);
      expect(counts.sort()).toEqual([0, 1]);
      expect(await tasksOf(period.id)).toHaveLength(1);
    });

    it('should skip a template whose units are all inactive and leave out inactive units of the others', async () => {
      const [stays, leaves] = [await createUnit(), await createUnit()];
      const lonely = await createUnit();
      await createTemplate({ title: 'Hai đơn vị', assignTo: [stays.id, leaves.id] });
      await createTemplate({ title: 'Đơn vị đã giải thể', assignTo: [lonely.id] });
      for (const unit of [leaves, lonely]) expect((await t.request('DELETE', `/api/v1/units/${unit.id}`)).status).toBe(200);
      const period = await insertPeriod(2034, 1);
      await expect(tasks.createFromTemplates(period, ACTOR)).resolves.toBe(1);
      const created = await tasksOf(period.id);
      expect(created.map((task) => [task.title, task.assignments.map((assignment) => assignment.unitId)])).toEqual([['Hai đơn vị', [stays.id]]]);
    });

    it('should create nothing and return 0 when there are no templates', async () => {
      const period = await insertPeriod(2035, 1);
      await expect(tasks.createFromTemplates(period, ACTOR)).resolves.toBe(0);
      await expect(tasksOf(period.id)).resolves.toEqual([]);
    });

    it('should fail and create nothing when the period does not exist', async () => {
      await createUnit();
      await createTemplate();
      await expect(tasks.createFromTemplates({ id: UNKNOWN_ID, year: 2036, quarter: 1 }, ACTOR)).rejects.toThrow(/does not exist/);
      const { rows } = await db.query('SELECT 1 FROM tasks WHERE period_id = $1', [UNKNOWN_ID]);
      expect(rows).toEqual([]);
    });
  });

  describe('OpenAPI', () => {
    it('should describe every task template endpoint', async () => {
      const response = await t.request('GET', '/docs-json', { key: null });
      const paths = response.body.paths as Record<string, Record<string, unknown>>;
      expect(Object.keys(paths['/api/v1/task-templates']).sort()).toEqual(['get', 'post']);
      expect(Object.keys(paths['/api/v1/task-templates/{id}'])).toEqual(['delete']);
      expect(response.body.components.schemas.TemplateDueDto.required.sort()).toEqual(['day', 'month', 'time']);
    });
  });
});
