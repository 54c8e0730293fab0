import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from './support/test-app';

interface Period {
  id: string;
  year: number;
  quarter: number;
  label: string;
  reportDueAt: string;
  briefingAt: string;
  briefingPlace: string | null;
  createdAt: string;
  updatedAt: string;
  tasksCreated?: number;
}

interface FieldError {
  field: string;
  message: string;
}

interface AuditEntry {
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entityId: string;
  changes: Record<string, { from?: unknown; to?: unknown }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const SECRETARIAT = 'Văn phòng BCĐ';

function fields(details: FieldError[] | undefined): string[] {
  return (details ?? []).map((detail) => detail.field).sort();
}

// Instants of a quarter in Viet Nam time: the report deadline on the 14th of its last month at
// 17:00, the briefing on the 25th at 08:00.
function quarterBody(year: number, quarter: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const month = String(quarter * 3).padStart(2, '0');
  return { year, quarter, reportDueAt: `${year}-${month}-14T17:00:00+07:00`, briefingAt: `${year}-${month}-25T08:00:00+07:00`, ...overrides };
}

describe('Periods API', () => {
  let t: TestApp;
  let viewerKey: string;
  let secretariatKey: string;
  // Each test takes years of its own, so that (year, quarter) never collides between tests.
  let nextYear = 2000;

  function freshYear(): number {
    return nextYear++;
  }

  beforeAll(async () => {
    t = await startTestApp();
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
    await t.close();
  });

  async function createPeriod(year: number, quarter: number, overrides: Record<string, unknown> = {}): Promise<Period> {
    const response = await t.request<Period>('POST', '/api/v1/periods', { body: quarterBody(year, quarter, overrides) });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function totalPeriods(): Promise<number> {
    const response = await t.request('GET', '/api/v1/periods?limit=1');
    expect(response.status).toBe(200);
    return response.body.total;
  }

  async function getPeriod(id: string): Promise<Period> {
    const response = await t.request<Period>('GET', `/api/v1/periods/${id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function audit(entity: string, entityId: string): Promise<AuditEntry[]> {
    const response = await t.request<{ items: AuditEntry[] }>('GET', `/api/v1/audit?entity=${entity}&entityId=${entityId}&sort=at`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  describe('POST /periods', () => {
    it('should create the period with its label and instants in UTC when the body is valid', async () => {
      const year = freshYear();
      const body = quarterBody(year, 2, { briefingPlace: '  Hội trường UBND huyện Kon Rẫy ' });
      const response = await t.request<Period>('POST', '/api/v1/periods', { body });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        year,
        quarter: 2,
        label: `Quý II/${year}`,
        reportDueAt: `${year}-06-14T10:00:00.000Z`,
        briefingAt: `${year}-06-25T01:00:00.000Z`,
        briefingPlace: 'Hội trường UBND huyện Kon Rẫy',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(response.body).not.toHaveProperty('tasksCreated');
      await expect(getPeriod(response.body.id)).resolves.toEqual(response.body);
    });

    it('should name the quarters I to IV and leave the place null when none is given', async () => {
      const year = freshYear();
      const periods = [];
      for (const quarter of [1, 2, 3, 4]) periods.push(await createPeriod(year, quarter));
      expect(periods.map((period) => period.label)).toEqual([`Quý I/${year}`, `Quý II/${year}`, `Quý III/${year}`, `Quý IV/${year}`]);
      expect(periods.map((period) => period.briefingPlace)).toEqual([null, null, null, null]);
    });

    it('should take createdAt from the service clock when the clock is moved', async () => {
      t.clock.travelTo(new Date('2024-03-20T09:00:00+07:00'));
      const period = await createPeriod(freshYear(), 1);
      expect(Date.parse(period.createdAt) - Date.parse('2024-03-20T02:00:00Z')).toBeGreaterThanOrEqual(0);
      expect(Date.parse(period.createdAt) - Date.parse('2024-03-20T02:00:00Z')).toBeLessThan(60_000);
      expect(period.updatedAt).toBe(period.createdAt);
    });

    it('should answer 409 naming year and quarter and create nothing when the quarter exists', async () => {
      const year = freshYear();
      await createPeriod(year, 3);
      const before = await totalPeriods();
      const response = await t.request('POST', '/api/v1/periods', { body: quarterBody(year, 3, { briefingPlace: 'Khác' }) });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining(String(year)) });
      expect(fields(response.body.details)).toEqual(['quarter', 'year']);
      await expect(totalPeriods()).resolves.toBe(before);
    });

    it('should answer 400 naming briefingAt and create nothing when the report is due at or after the briefing', async () => {
      const year = freshYear();
      const before = await totalPeriods();
      for (const reportDueAt of [`${year}-06-25T08:00:00+07:00`, `${year}-06-25T01:00:00Z`, `${year}-06-26T08:00:00+07:00`]) {
        const response = await t.request('POST', '/api/v1/periods', { body: quarterBody(year, 2, { reportDueAt }) });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['briefingAt']);
      }
      await expect(totalPeriods()).resolves.toBe(before);
    });

    it('should answer 400 naming reportDueAt and briefingAt when they have no offset or are not real instants', async () => {
      const year = freshYear();
      const before = await totalPeriods();
      for (const [reportDueAt, briefingAt] of [
        [`${year}-06-14T17:00:00`, `${year}-06-25T08:00:00`],
        [`${year}-02-30T17:00:00+07:00`, `${year}-06-25T24:00:00+07:00`],
        [`${year}-06-14`, 1_800_000_000_000],
        ['ngày 14/6', null],
      ]) {
        const response = await t.request('POST', '/api/v1/periods', { body: quarterBody(year, 2, { reportDueAt, briefingAt }) });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['briefingAt', 'reportDueAt']);
      }
      await expect(totalPeriods()).resolves.toBe(before);
    });

    it('should answer 400 naming year when it is outside 2000 to 2100 or not an integer', async () => {
      for (const year of [1999, 2101, 2024.5, '2024', null]) {
        const response = await t.request('POST', '/api/v1/periods', { body: quarterBody(2024, 1, { year }) });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['year']);
      }
    });

    it('should answer 400 naming quarter when it is not 1 to 4', async () => {
      for (const quarter of [0, 5, 1.5, '2', null]) {
        const response = await t.request('POST', '/api/v1/periods', { body: quarterBody(freshYear(), 1, { quarter }) });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['quarter']);
      }
    });

    it('should answer 400 naming every missing field, the blank place, the wrong fromTemplates and the unknown field', async () => {
      const before = await totalPeriods();
      const response = await t.request('POST', '/api/v1/periods', { body: { briefingPlace: '  ', fromTemplates: 'yes', colour: 'red' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
      expect(fields(response.body.details)).toEqual(['briefingAt', 'briefingPlace', 'colour', 'fromTemplates', 'quarter', 'reportDueAt', 'year']);
      await expect(totalPeriods()).resolves.toBe(before);
    });

    it('should answer 403 and create nothing when the key is a viewer key', async () => {
      const before = await totalPeriods();
      const response = await t.request('POST', '/api/v1/periods', { key: viewerKey, body: quarterBody(freshYear(), 1) });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await expect(totalPeriods()).resolves.toBe(before);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('POST', '/api/v1/periods', { key: null, body: quarterBody(freshYear(), 1) });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('should record the creation with its fields and the key name in the audit log', async () => {
      const year = freshYear();
      const response = await t.request<Period>('POST', '/api/v1/periods', { key: secretariatKey, body: quarterBody(year, 4, { briefingPlace: 'Hội trường' }) });
      expect(response.status).toBe(201);
      expect(await audit('period', response.body.id)).toEqual([
        expect.objectContaining({
          actor: SECRETARIAT,
          action: 'create',
          changes: {
            year: { to: year },
            quarter: { to: 4 },
            reportDueAt: { to: `${year}-12-14T10:00:00.000Z` },
            briefingAt: { to: `${year}-12-25T01:00:00.000Z` },
            briefingPlace: { to: 'Hội trường' },
          },
        }),
      ]);
    });

    it('should create no task and report none when fromTemplates is false', async () => {
      const response = await t.request<Period>('POST', '/api/v1/periods', { body: quarterBody(freshYear(), 1, { fromTemplates: false }) });
      expect(response.status).toBe(201);
      expect(response.body).not.toHaveProperty('tasksCreated');
      const tasks = await t.request('GET', `/api/v1/tasks?periodId=${response.body.id}`);
      expect(tasks.status).toBe(200);
      expect(tasks.body.total).toBe(0);
    });

    it('should create a task per template and report their number when fromTemplates is true', async () => {
      const suffix = randomBytes(3).toString('hex');
      const unit = await t.request('POST', '/api/v1/units', { body: { code: `XA-${suffix}`, name: 'Xã Đăk Ruồng', kind: 'commune', emails: ['ubnd@konray.gov.vn'] } });
      expect(unit.status).toBe(201);
      const titles = [`Tổ chức hội nghị ${suffix}`, `Báo cáo sơ kết ${suffix}`];
      for (const [index, title] of titles.entries()) {
        const template = await t.request('POST', '/api/v1/task-templates', { body: { title, assignTo: 'all', due: { month: index + 1, day: 15, time: '17:00' } } });
        expect(template.status).toBe(201);
      }
      const templates = await t.request('GET', '/api/v1/task-templates');
      expect(templates.status).toBe(200);
      const templateCount = Array.isArray(templates.body) ? templates.body.length : templates.body.total;

      const response = await t.request<Period>('POST', '/api/v1/periods', { body: quarterBody(freshYear(), 3, { fromTemplates: true }) });
      expect(response.status).toBe(201);
      expect(response.body.tasksCreated).toBe(templateCount);
      const tasks = await t.request<{ items: Array<{ title: string; periodId: string }>; total: number }>('GET', `/api/v1/tasks?periodId=${response.body.id}&limit=500`);
      expect(tasks.status).toBe(200);
      expect(tasks.body.total).toBe(templateCount);
      expect(tasks.body.items.map((task) => task.title)).toEqual(expect.arrayContaining(titles));
      expect(tasks.body.items.every((task) => task.periodId === response.body.id)).toBe(true);
    });
  });

  describe('GET /periods', () => {
    it('should list the latest year and quarter first when no sort is given', async () => {
      const [early, late] = [freshYear(), freshYear()];
      const created = [await createPeriod(late, 1), await createPeriod(early, 4), await createPeriod(late, 3), await createPeriod(early, 2)];
      const response = await t.request<{ items: Period[] }>('GET', '/api/v1/periods?limit=500');
      expect(response.status).toBe(200);
      const mine = response.body.items.filter((period) => created.some((c) => c.id === period.id));
      expect(mine.map((period) => [period.year, period.quarter])).toEqual([
        [late, 3],
        [late, 1],
        [early, 4],
        [early, 2],
      ]);
      for (let i = 1; i < response.body.items.length; i++) {
        const [a, b] = [response.body.items[i - 1], response.body.items[i]];
        expect(a.year * 10 + a.quarter).toBeGreaterThan(b.year * 10 + b.quarter);
      }
    });

    it('should list only the given year when year is given', async () => {
      const year = freshYear();
      const [q2, q1] = [await createPeriod(year, 2), await createPeriod(year, 1)];
      await createPeriod(freshYear(), 2);
      const response = await t.request('GET', `/api/v1/periods?year=${year}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [q2, q1], total: 2, page: 1, limit: 50 });
      const second = await t.request('GET', `/api/v1/periods?year=${year}&quarter=1`);
      expect(second.body.items).toEqual([q1]);
    });

    it('should sort oldest first when sort is year, and by deadline when sort is reportDueAt', async () => {
      const year = freshYear();
      const [q3, q1] = [await createPeriod(year, 3), await createPeriod(year, 1)];
      const ascending = await t.request<{ items: Period[] }>('GET', `/api/v1/periods?year=${year}&sort=year`);
      expect(ascending.body.items.map((period) => period.id)).toEqual([q1.id, q3.id]);
      const byDeadline = await t.request<{ items: Period[] }>('GET', `/api/v1/periods?year=${year}&sort=-reportDueAt`);
      expect(byDeadline.body.items.map((period) => period.id)).toEqual([q3.id, q1.id]);
    });

    it('should page with total, page and limit, and report the total past the end', async () => {
      const total = await totalPeriods();
      const response = await t.request('GET', '/api/v1/periods?page=2&limit=1');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ page: 2, limit: 1, total });
      expect(response.body.items).toHaveLength(1);
      const pastEnd = await t.request('GET', '/api/v1/periods?page=1000&limit=500');
      expect(pastEnd.body).toEqual({ items: [], total, page: 1000, limit: 500 });
    });

    it('should answer 400 naming year, quarter, limit and sort when they are wrong', async () => {
      for (const [query, field] of [
        ['year=1999', 'year'],
        ['year=abc', 'year'],
        ['quarter=5', 'quarter'],
        ['limit=501', 'limit'],
        ['sort=label', 'sort'],
      ]) {
        const response = await t.request('GET', `/api/v1/periods?${query}`);
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual([field]);
      }
    });

    it('should let a viewer list and answer 401 without a key', async () => {
      await expect(t.request('GET', '/api/v1/periods', { key: viewerKey })).resolves.toMatchObject({ status: 200 });
      await expect(t.request('GET', '/api/v1/periods', { key: null })).resolves.toMatchObject({ status: 401 });
    });
  });

  describe('GET /periods/:id', () => {
    it('should let a viewer read a period', async () => {
      const period = await createPeriod(freshYear(), 1);
      const response = await t.request('GET', `/api/v1/periods/${period.id}`, { key: viewerKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(period);
    });

    it('should answer 404 when the period does not exist', async () => {
      const response = await t.request('GET', `/api/v1/periods/${UNKNOWN_ID}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it('should answer 400 naming id when it is not a UUID', async () => {
      const response = await t.request('GET', '/api/v1/periods/quy-2');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 401 without a key', async () => {
      await expect(t.request('GET', `/api/v1/periods/${UNKNOWN_ID}`, { key: null })).resolves.toMatchObject({ status: 401 });
    });
  });

  describe('PATCH /periods/:id', () => {
    it('should change the instants and the place and record both versions when they are given', async () => {
      const year = freshYear();
      const period = await createPeriod(year, 2, { briefingPlace: 'Hội trường A' });
      t.clock.travelTo(new Date(Date.parse(period.updatedAt) + 3_600_000));
      const response = await t.request<Period>('PATCH', `/api/v1/periods/${period.id}`, {
        key: secretariatKey,
        body: { reportDueAt: `${year}-06-17T17:00:00+07:00`, briefingAt: `${year}-06-28T14:00:00+07:00`, briefingPlace: 'Hội trường B' },
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...period,
        reportDueAt: `${year}-06-17T10:00:00.000Z`,
        briefingAt: `${year}-06-28T07:00:00.000Z`,
        briefingPlace: 'Hội trường B',
        updatedAt: expect.any(String),
      });
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(period.updatedAt));
      await expect(getPeriod(period.id)).resolves.toEqual(response.body);
      const entries = await audit('period', period.id);
      expect(entries.map((entry) => entry.action)).toEqual(['create', 'update']);
      expect(entries[1]).toMatchObject({
        actor: SECRETARIAT,
        changes: {
          reportDueAt: { from: period.reportDueAt, to: `${year}-06-17T10:00:00.000Z` },
          briefingAt: { from: period.briefingAt, to: `${year}-06-28T07:00:00.000Z` },
          briefingPlace: { from: 'Hội trường A', to: 'Hội trường B' },
        },
      });
    });

    it('should clear the place when it is null', async () => {
      const period = await createPeriod(freshYear(), 1, { briefingPlace: 'Hội trường' });
      const response = await t.request<Period>('PATCH', `/api/v1/periods/${period.id}`, { body: { briefingPlace: null } });
      expect(response.status).toBe(200);
      expect(response.body.briefingPlace).toBeNull();
    });

    it('should move the period to another quarter and relabel it when year and quarter are given', async () => {
      const period = await createPeriod(freshYear(), 1);
      const year = freshYear();
      const response = await t.request<Period>('PATCH', `/api/v1/periods/${period.id}`, { body: { year, quarter: 3 } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: period.id, year, quarter: 3, label: `Quý III/${year}` });
    });

    it('should answer 409 naming year and quarter and change nothing when another period has them', async () => {
      const year = freshYear();
      const [first, second] = [await createPeriod(year, 1), await createPeriod(year, 2)];
      const response = await t.request('PATCH', `/api/v1/periods/${second.id}`, { body: { quarter: 1, briefingPlace: 'Khác' } });
      expect(response.status).toBe(409);
      expect(fields(response.body.details)).toEqual(['quarter', 'year']);
      await expect(getPeriod(second.id)).resolves.toEqual(second);
      await expect(getPeriod(first.id)).resolves.toEqual(first);
    });

    it('should answer 400 naming reportDueAt and change nothing when it would fall after the briefing', async () => {
      const year = freshYear();
      const period = await createPeriod(year, 2);
      const response = await t.request('PATCH', `/api/v1/periods/${period.id}`, { body: { reportDueAt: `${year}-06-26T17:00:00+07:00`, briefingPlace: 'Khác' } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['reportDueAt']);
      await expect(getPeriod(period.id)).resolves.toEqual(period);
      expect((await audit('period', period.id)).map((entry) => entry.action)).toEqual(['create']);
    });

    it('should answer 400 naming briefingAt and change nothing when it would fall before the deadline', async () => {
      const year = freshYear();
      const period = await createPeriod(year, 2);
      for (const body of [{ briefingAt: `${year}-06-10T08:00:00+07:00` }, { reportDueAt: `${year}-06-20T17:00:00+07:00`, briefingAt: `${year}-06-20T17:00:00+07:00` }]) {
        const response = await t.request('PATCH', `/api/v1/periods/${period.id}`, { body });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['briefingAt']);
      }
      await expect(getPeriod(period.id)).resolves.toEqual(period);
    });

    it('should answer 400 naming each wrong field and change nothing when the body is invalid', async () => {
      const period = await createPeriod(freshYear(), 2);
      const response = await t.request('PATCH', `/api/v1/periods/${period.id}`, {
        body: { year: 2101, quarter: null, reportDueAt: null, briefingAt: '2024-06-25T08:00:00', fromTemplates: true, label: 'Quý V' },
      });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['briefingAt', 'fromTemplates', 'label', 'quarter', 'reportDueAt', 'year']);
      await expect(getPeriod(period.id)).resolves.toEqual(period);
    });

    it('should change nothing and record nothing when the body is empty or repeats the values', async () => {
      const period = await createPeriod(freshYear(), 2, { briefingPlace: 'Hội trường' });
      for (const body of [{}, { year: period.year, reportDueAt: period.reportDueAt, briefingPlace: 'Hội trường' }]) {
        const response = await t.request('PATCH', `/api/v1/periods/${period.id}`, { body });
        expect(response.status).toBe(200);
        expect(response.body).toEqual(period);
      }
      expect((await audit('period', period.id)).map((entry) => entry.action)).toEqual(['create']);
    });

    it('should answer 404 when the period does not exist and 400 naming id when it is not a UUID', async () => {
      const missing = await t.request('PATCH', `/api/v1/periods/${UNKNOWN_ID}`, { body: { briefingPlace: 'X' } });
      expect(missing.status).toBe(404);
      const malformed = await t.request('PATCH', '/api/v1/periods/123', { body: { briefingPlace: 'X' } });
      expect(malformed.status).toBe(400);
      expect(fields(malformed.body.details)).toEqual(['id']);
    });

    it('should answer 403 for a viewer and 401 without a key, and change nothing', async () => {
      const period = await createPeriod(freshYear(), 2);
      await expect(t.request('PATCH', `/api/v1/periods/${period.id}`, { key: viewerKey, body: { briefingPlace: 'X' } })).resolves.toMatchObject({ status: 403 });
      await expect(t.request('PATCH', `/api/v1/periods/${period.id}`, { key: null, body: { briefingPlace: 'X' } })).resolves.toMatchObject({ status: 401 });
      await expect(getPeriod(period.id)).resolves.toEqual(period);
    });
  });
  describe('GET /docs-json', () => {
    it('should describe every period route and which fields a new period needs', async () => {
      const response = await t.request('GET', '/docs-json', { key: null });
      expect(response.status).toBe(200);
      const routes = Object.entries(response.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(routes).toEqual(
        expect.arrayContaining([
          'POST /api/v1/periods',
          'GET /api/v1/periods',
          'GET /api/v1/periods/{id}',
          'PATCH /api/v1/periods/{id}',
          'GET /api/v1/periods/{id}/units/{unitId}/extension',
          'POST /api/v1/periods/{id}/units/{unitId}/extension',
          'GET /api/v1/periods/{id}/agenda-items',
          'PUT /api/v1/periods/{id}/agenda-items',
        ]),
      );
      const schemas = response.body.components.schemas;
      expect([...schemas.CreatePeriodDto.required].sort()).toEqual(['briefingAt', 'quarter', 'reportDueAt', 'year']);
      expect(schemas.UpdatePeriodDto.required ?? []).toEqual([]);
      expect(schemas.PeriodResponse.properties.label).toMatchObject({ type: 'string' });
      expect(response.body.paths['/api/v1/periods/{id}/agenda-items'].put.requestBody.content['application/json'].schema).toMatchObject({ type: 'array' });
    });
  });
});
