import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import { QueryRunner } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { Indicators1764400002000 } from '../migrations/1764400002000-Indicators';
import { aggregate, Aggregation, AGGREGATIONS } from '../src/indicators/aggregation';
import { aggregateSql } from '../src/indicators/indicators.repository';
import { startTestApp, TestApp } from './support/test-app';

interface Indicator {
  id: string;
  code: string;
  name: string;
  measure: string;
  aggregation: Aggregation;
  position: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

interface Target {
  year: number;
  value: number;
  unitId: string | null;
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

// A code no other test uses, so that each test sees only its own indicators.
function uniqueCode(prefix: string): string {
  return `${prefix}_${randomBytes(3).toString('hex')}`.toUpperCase();
}

function fields(details: FieldError[] | undefined): string[] {
  return (details ?? []).map((detail) => detail.field).sort();
}

describe('Indicators API', () => {
  let t: TestApp;
  let viewerKey: string;
  let secretariatKey: string;

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

  async function createIndicator(overrides: Record<string, unknown> = {}): Promise<Indicator> {
    const body = { code: uniqueCode('TT'), name: 'Buổi tuyên truyền chuyên đề, lồng ghép', measure: 'buổi', ...overrides };
    const response = await t.request<Indicator>('POST', '/api/v1/indicators', { body });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function createUnit(code = `XA-${randomBytes(3).toString('hex')}`.toUpperCase()): Promise<{ id: string; code: string }> {
    const response = await t.request('POST', '/api/v1/units', { body: { code, name: 'Xã Đăk Ruồng', kind: 'commune', emails: ['ubnd@konray.gov.vn'] } });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function totalIndicators(): Promise<number> {
    const response = await t.request('GET', '/api/v1/indicators?limit=1');
    expect(response.status).toBe(200);
    return response.body.total;
  }

  async function listAll(query = ''): Promise<Indicator[]> {
    const response = await t.request<{ items: Indicator[] }>('GET', `/api/v1/indicators?limit=500${query}`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  async function targetsOf(id: string, query = ''): Promise<Target[]> {
    const response = await t.request<Target[]>('GET', `/api/v1/indicators/${id}/targets${query}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function putTargets(id: string, body: unknown, key?: string | null) {
    return t.request<Target[] & { details?: FieldError[] }>('PUT', `/api/v1/indicators/${id}/targets`, { body, key });
  }

  async function audit(entity: string, entityId: string): Promise<AuditEntry[]> {
    const response = await t.request<{ items: AuditEntry[] }>('GET', `/api/v1/audit?entity=${entity}&entityId=${entityId}&sort=at`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  describe('POST /indicators', () => {
    it('should create the indicator with trimmed values and default aggregation, position and active when only code, name and measure are given', async () => {
      const code = uniqueCode('TT_LUOT');
      const previous = await createIndicator();
      const response = await t.request<Indicator>('POST', '/api/v1/indicators', {
        body: { code: ` ${code} `, name: ' Lượt người tham dự tuyên truyền ', measure: ' lượt người ' },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        code,
        name: 'Lượt người tham dự tuyên truyền',
        measure: 'lượt người',
        aggregation: 'sum',
        position: expect.any(Number),
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(response.body.position).toBeGreaterThan(previous.position);
      const fetched = await t.request<Indicator>('GET', `/api/v1/indicators/${response.body.id}`);
      expect(fetched.body).toEqual(response.body);
    });

    it('should keep the aggregation, position and active flag when they are given', async () => {
      for (const aggregation of AGGREGATIONS) {
        const indicator = await createIndicator({ aggregation, position: 7, active: false });
        expect(indicator).toMatchObject({ aggregation, position: 7, active: false });
      }
    });

    it('should answer 409 naming code and create nothing when the code exists in another case', async () => {
      const existing = await createIndicator();
      const before = await totalIndicators();
      const response = await t.request('POST', '/api/v1/indicators', { body: { code: existing.code.toLowerCase(), name: 'Trùng mã', measure: 'tin' } });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining(existing.code.toLowerCase()) });
      expect(fields(response.body.details)).toEqual(['code']);
      await expect(totalIndicators()).resolves.toBe(before);
    });

    it('should answer 400 naming the missing name, the bad aggregation, the empty measure and the unknown field and create nothing when the body is invalid', async () => {
      const before = await totalIndicators();
      const response = await t.request('POST', '/api/v1/indicators', { body: { code: uniqueCode('BAD'), measure: '  ', aggregation: 'median', colour: 'red' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
      expect(fields(response.body.details)).toEqual(['aggregation', 'colour', 'measure', 'name']);
      await expect(totalIndicators()).resolves.toBe(before);
    });

    it('should answer 400 naming code when it has spaces, is too long or is missing', async () => {
      for (const code of ['TT BUOI', 'X'.repeat(51), '', undefined]) {
        const response = await t.request('POST', '/api/v1/indicators', { body: { code, name: 'Tin', measure: 'tin' } });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['code']);
      }
    });

    it('should answer 400 naming position when it is negative, fractional or text', async () => {
      for (const position of [-1, 1.5, '3', 1_000_001]) {
        const response = await t.request('POST', '/api/v1/indicators', { body: { code: uniqueCode('POS'), name: 'Tin', measure: 'tin', position } });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['position']);
      }
    });

    it('should answer 400 naming aggregation and active when they are null', async () => {
      const response = await t.request('POST', '/api/v1/indicators', { body: { code: uniqueCode('NUL'), name: 'Tin', measure: 'tin', aggregation: null, active: null } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['active', 'aggregation']);
    });

    it('should answer 400 naming body when the JSON is malformed', async () => {
      const response = await t.request('POST', '/api/v1/indicators', { body: '{"code": "X",' });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['body']);
    });

    it('should answer 403 and create nothing when the key is a viewer key', async () => {
      const before = await totalIndicators();
      const response = await t.request('POST', '/api/v1/indicators', { key: viewerKey, body: { code: uniqueCode('V'), name: 'Tin', measure: 'tin' } });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await expect(totalIndicators()).resolves.toBe(before);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('POST', '/api/v1/indicators', { key: null, body: { code: uniqueCode('N'), name: 'Tin', measure: 'tin' } });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('should record the creation with its fields and the key name in the audit log', async () => {
      const response = await t.request<Indicator>('POST', '/api/v1/indicators', {
        key: secretariatKey,
        body: { code: uniqueCode('FM_TIN'), name: 'Tin phát trên sóng truyền thanh FM', measure: 'tin', aggregation: 'max', position: 3 },
      });
      expect(response.status).toBe(201);
      const entries = await audit('indicator', response.body.id);
      expect(entries).toEqual([
        expect.objectContaining({
          actor: SECRETARIAT,
          action: 'create',
          changes: {
            code: { to: response.body.code },
            name: { to: 'Tin phát trên sóng truyền thanh FM' },
            measure: { to: 'tin' },
            aggregation: { to: 'max' },
            position: { to: 3 },
            active: { to: true },
          },
        }),
      ]);
    });
  });

  describe('GET /indicators', () => {
    it('should list by position and then code when no sort is given', async () => {
      const prefix = uniqueCode('ORD');
      const late = await createIndicator({ code: `${prefix}_A`, position: 900_002 });
      const second = await createIndicator({ code: `${prefix}_c`, position: 900_001 });
      const first = await createIndicator({ code: `${prefix}_B`, position: 900_001 });
      const ids = (await listAll()).map((indicator) => indicator.id).filter((id) => [late.id, second.id, first.id].includes(id));
      expect(ids).toEqual([first.id, second.id, late.id]);
    });

    it('should page with total, page and limit', async () => {
      const response = await t.request('GET', '/api/v1/indicators?page=2&limit=1');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ page: 2, limit: 1, total: expect.any(Number), items: expect.any(Array) });
      expect(response.body.items.length).toBeLessThanOrEqual(1);
      const pastEnd = await t.request('GET', `/api/v1/indicators?page=1000&limit=500`);
      expect(pastEnd.body).toEqual({ items: [], total: await totalIndicators(), page: 1000, limit: 500 });
    });

    it('should sort by code descending, ignoring case, when sort is -code', async () => {
      const prefix = uniqueCode('SRT');
      const created = [await createIndicator({ code: `${prefix}B` }), await createIndicator({ code: `${prefix}c` }), await createIndicator({ code: `${prefix}A` })];
      const ids = created.map((indicator) => indicator.id);
      const codes = (await listAll('&sort=-code')).filter((indicator) => ids.includes(indicator.id)).map((indicator) => indicator.code);
      expect(codes).toEqual([`${prefix}c`, `${prefix}B`, `${prefix}A`]);
    });

    it('should list only active or inactive indicators when active is given', async () => {
      const active = await createIndicator();
      const inactive = await createIndicator({ active: false });
      const activeIds = (await listAll('&active=true')).map((indicator) => indicator.id);
      const inactiveIds = (await listAll('&active=false')).map((indicator) => indicator.id);
      expect(activeIds).toContain(active.id);
      expect(activeIds).not.toContain(inactive.id);
      expect(inactiveIds).toContain(inactive.id);
      expect(inactiveIds).not.toContain(active.id);
    });

    it('should answer 400 naming each bad query parameter', async () => {
      for (const [query, field] of [
        ['active=maybe', 'active'],
        ['sort=-colour', 'sort'],
        ['limit=501', 'limit'],
        ['page=0', 'page'],
        ['colour=red', 'colour'],
      ]) {
        const response = await t.request('GET', `/api/v1/indicators?${query}`);
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual([field]);
      }
    });

    it('should let a viewer key list the indicators', async () => {
      const response = await t.request('GET', '/api/v1/indicators', { key: viewerKey });
      expect(response.status).toBe(200);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', '/api/v1/indicators', { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('GET /indicators/:id', () => {
    it('should return the indicator when a viewer asks', async () => {
      const indicator = await createIndicator({ aggregation: 'latest' });
      const response = await t.request('GET', `/api/v1/indicators/${indicator.id}`, { key: viewerKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(indicator);
    });

    it('should answer 404 when no indicator has the id', async () => {
      const response = await t.request('GET', `/api/v1/indicators/${UNKNOWN_ID}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('GET', '/api/v1/indicators/TT_BUOI');
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', `/api/v1/indicators/${UNKNOWN_ID}`, { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('PATCH /indicators/:id', () => {
    it('should change the name and aggregation and keep the other fields when only those are sent', async () => {
      const indicator = await createIndicator();
      t.clock.advance(60_000);
      const response = await t.request<Indicator>('PATCH', `/api/v1/indicators/${indicator.id}`, { body: { name: ' Mô hình được ra mắt ', aggregation: 'latest' } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...indicator, name: 'Mô hình được ra mắt', aggregation: 'latest', updatedAt: expect.any(String) });
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(indicator.updatedAt));
      const fetched = await t.request<Indicator>('GET', `/api/v1/indicators/${indicator.id}`);
      expect(fetched.body).toEqual(response.body);
    });

    it('should change the code when no other indicator has it, and only its case when the new code differs in case', async () => {
      const indicator = await createIndicator();
      const renamed = uniqueCode('MH_RAMAT');
      const response = await t.request<Indicator>('PATCH', `/api/v1/indicators/${indicator.id}`, { body: { code: renamed } });
      expect(response.status).toBe(200);
      expect(response.body.code).toBe(renamed);
      const recased = await t.request<Indicator>('PATCH', `/api/v1/indicators/${indicator.id}`, { body: { code: renamed.toLowerCase() } });
      expect(recased.status).toBe(200);
      expect(recased.body.code).toBe(renamed.toLowerCase());
    });

    it('should deactivate and reorder the indicator when active and position are sent', async () => {
      const indicator = await createIndicator();
      const response = await t.request<Indicator>('PATCH', `/api/v1/indicators/${indicator.id}`, { body: { active: false, position: 0 } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ active: false, position: 0 });
    });

    it('should answer 409 naming code and change nothing when the code belongs to another indicator', async () => {
      const other = await createIndicator();
      const indicator = await createIndicator();
      const response = await t.request('PATCH', `/api/v1/indicators/${indicator.id}`, { body: { code: other.code.toLowerCase(), name: 'Đổi tên' } });
      expect(response.status).toBe(409);
      expect(fields(response.body.details)).toEqual(['code']);
      const fetched = await t.request<Indicator>('GET', `/api/v1/indicators/${indicator.id}`);
      expect(fetched.body).toEqual(indicator);
      expect((await audit('indicator', indicator.id)).map((entry) => entry.action)).toEqual(['create']);
    });

    it('should answer 400 naming each field when required fields are null or values are bad', async () => {
      const indicator = await createIndicator();
      const response = await t.request('PATCH', `/api/v1/indicators/${indicator.id}`, { body: { name: null, measure: '', aggregation: 'avg ', position: -3, id: UNKNOWN_ID } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['aggregation', 'id', 'measure', 'name', 'position']);
      const fetched = await t.request<Indicator>('GET', `/api/v1/indicators/${indicator.id}`);
      expect(fetched.body).toEqual(indicator);
    });

    it('should answer 404 when no indicator has the id', async () => {
      const response = await t.request('PATCH', `/api/v1/indicators/${UNKNOWN_ID}`, { body: { name: 'X' } });
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('PATCH', '/api/v1/indicators/123', { body: { name: 'X' } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 403 and change nothing when the key is a viewer key', async () => {
      const indicator = await createIndicator();
      const response = await t.request('PATCH', `/api/v1/indicators/${indicator.id}`, { key: viewerKey, body: { name: 'Xem thôi' } });
      expect(response.status).toBe(403);
      const fetched = await t.request<Indicator>('GET', `/api/v1/indicators/${indicator.id}`);
      expect(fetched.body.name).toBe(indicator.name);
    });

    it('should answer 401 when no key is sent', async () => {
      const indicator = await createIndicator();
      const response = await t.request('PATCH', `/api/v1/indicators/${indicator.id}`, { key: null, body: { name: 'X' } });
      expect(response.status).toBe(401);
    });

    it('should record only the changed fields in the audit log and nothing when nothing changes', async () => {
      const indicator = await createIndicator({ aggregation: 'sum' });
      await t.request('PATCH', `/api/v1/indicators/${indicator.id}`, { key: secretariatKey, body: { aggregation: 'avg', name: indicator.name } });
      const unchanged = await t.request<Indicator>('PATCH', `/api/v1/indicators/${indicator.id}`, { body: { aggregation: 'avg' } });
      expect(unchanged.status).toBe(200);
      const entries = await audit('indicator', indicator.id);
      expect(entries.map((entry) => entry.action)).toEqual(['create', 'update']);
      expect(entries[1]).toMatchObject({ actor: SECRETARIAT, changes: { aggregation: { from: 'sum', to: 'avg' } } });
      expect(Object.keys(entries[1].changes)).toEqual(['aggregation']);
    });
  });

  describe('PUT /indicators/:id/targets', () => {
    it('should set the program-wide and per-unit targets and return every year when they are new', async () => {
      const indicator = await createIndicator();
      const dakRuong = await createUnit('A-XA-DAKRUONG-' + randomBytes(2).toString('hex'));
      const dakRve = await createUnit('B-TT-DAKRVE-' + randomBytes(2).toString('hex'));
      const response = await putTargets(indicator.id, [
        { year: 2025, value: 420 },
        { year: 2024, value: 25, unitId: dakRve.id },
        { year: 2024, value: 400, unitId: null },
        { year: 2024, value: 30.5, unitId: dakRuong.id },
      ]);
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        { year: 2024, value: 400, unitId: null },
        { year: 2024, value: 30.5, unitId: dakRuong.id },
        { year: 2024, value: 25, unitId: dakRve.id },
        { year: 2025, value: 420, unitId: null },
      ]);
      await expect(targetsOf(indicator.id)).resolves.toEqual(response.body);
    });

    it('should update the listed targets and keep the others when targets exist', async () => {
      const indicator = await createIndicator();
      const unit = await createUnit();
      await putTargets(indicator.id, [
        { year: 2024, value: 400 },
        { year: 2024, value: 20, unitId: unit.id },
        { year: 2023, value: 350 },
      ]);
      const response = await putTargets(indicator.id, [
        { year: 2024, value: 410 },
        { year: 2024, value: 0, unitId: unit.id.toUpperCase() },
      ]);
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        { year: 2023, value: 350, unitId: null },
        { year: 2024, value: 410, unitId: null },
        { year: 2024, value: 0, unitId: unit.id },
      ]);
    });

    it('should keep the unit target apart from the program target of the same year', async () => {
      const indicator = await createIndicator();
      const unit = await createUnit();
      await putTargets(indicator.id, [{ year: 2024, value: 28, unitId: unit.id }]);
      const response = await putTargets(indicator.id, [{ year: 2024, value: 28 }]);
      expect(response.body).toEqual([
        { year: 2024, value: 28, unitId: null },
        { year: 2024, value: 28, unitId: unit.id },
      ]);
    });

    it('should keep decimals and large values exactly when they are stored', async () => {
      const indicator = await createIndicator({ aggregation: 'avg' });
      const response = await putTargets(indicator.id, [
        { year: 2024, value: 0.1 },
        { year: 2025, value: 1e15 },
        { year: 2026, value: 12.3456 },
      ]);
      expect(response.body.map((target) => target.value)).toEqual([0.1, 1e15, 12.3456]);
    });

    it('should return the current targets and change nothing when the list is empty', async () => {
      const indicator = await createIndicator();
      await putTargets(indicator.id, [{ year: 2024, value: 400 }]);
      const response = await putTargets(indicator.id, []);
      expect(response.status).toBe(200);
      expect(response.body).toEqual([{ year: 2024, value: 400, unitId: null }]);
    });

    it('should answer 400 naming each wrong field with its index and change nothing when targets are invalid', async () => {
      const indicator = await createIndicator();
      await putTargets(indicator.id, [{ year: 2024, value: 400 }]);
      const response = await putTargets(indicator.id, [
        { year: 2024, value: 500 },
        { year: '2025', value: '400' },
        { year: 1999, value: -1 },
        { year: 2024.5, value: 1e16, unitId: 'xa-dak-ruong' },
        { year: 2101, value: 1, colour: 'red' },
        { value: null },
      ]);
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual([
        '[1].value',
        '[1].year',
        '[2].value',
        '[2].year',
        '[3].unitId',
        '[3].value',
        '[3].year',
        '[4].colour',
        '[4].year',
        '[5].value',
        '[5].year',
      ]);
      await expect(targetsOf(indicator.id)).resolves.toEqual([{ year: 2024, value: 400, unitId: null }]);
    });

    it('should answer 400 naming [i].unitId and change nothing when the unit does not exist', async () => {
      const indicator = await createIndicator();
      const unit = await createUnit();
      const response = await putTargets(indicator.id, [
        { year: 2024, value: 400 },
        { year: 2024, value: 20, unitId: unit.id },
        { year: 2024, value: 20, unitId: UNKNOWN_ID },
      ]);
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: '[2].unitId', message: expect.stringContaining(UNKNOWN_ID) }]);
      await expect(targetsOf(indicator.id)).resolves.toEqual([]);
    });

    it('should answer 400 naming the repeat and change nothing when a (year, unit) is listed twice', async () => {
      const indicator = await createIndicator();
      const unit = await createUnit();
      const response = await putTargets(indicator.id, [
        { year: 2024, value: 400 },
        { year: 2024, value: 20, unitId: unit.id },
        { year: 2024, value: 410, unitId: null },
        { year: 2024, value: 21, unitId: unit.id.toUpperCase() },
        { year: 2025, value: 20, unitId: unit.id },
      ]);
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: '[2]', message: expect.stringContaining('[0]') },
        { field: '[3]', message: expect.stringContaining('[1]') },
      ]);
      await expect(targetsOf(indicator.id)).resolves.toEqual([]);
    });

    it('should answer 400 naming body or the entry when the body is not a list of objects', async () => {
      const indicator = await createIndicator();
      const object = await putTargets(indicator.id, { year: 2024, value: 400 });
      expect(object.status).toBe(400);
      expect(fields(object.body.details)).toEqual(['body']);
      const scalars = await putTargets(indicator.id, [400, null, [2024, 400]]);
      expect(scalars.status).toBe(400);
      expect(fields(scalars.body.details)).toEqual(['[0]', '[1]', '[2]']);
      const tooMany = await putTargets(
        indicator.id,
        Array.from({ length: 1001 }, (_item, index) => ({ year: 2000 + (index % 100), value: index })),
      );
      expect(tooMany.status).toBe(400);
      expect(fields(tooMany.body.details)).toEqual(['body']);
      await expect(targetsOf(indicator.id)).resolves.toEqual([]);
    });

    it('should answer 404 when no indicator has the id', async () => {
      const response = await putTargets(UNKNOWN_ID, [{ year: 2024, value: 1 }]);
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await putTargets('TT_BUOI', [{ year: 2024, value: 1 }]);
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 403 and change nothing when the key is a viewer key', async () => {
      const indicator = await createIndicator();
      const response = await putTargets(indicator.id, [{ year: 2024, value: 1 }], viewerKey);
      expect(response.status).toBe(403);
      await expect(targetsOf(indicator.id)).resolves.toEqual([]);
    });

    it('should answer 401 when no key is sent', async () => {
      const indicator = await createIndicator();
      const response = await putTargets(indicator.id, [{ year: 2024, value: 1 }], null);
      expect(response.status).toBe(401);
    });

    it('should audit each created and changed target and nothing for an unchanged one', async () => {
      const indicator = await createIndicator();
      const unit = await createUnit();
      await putTargets(indicator.id, [{ year: 2024, value: 400 }], secretariatKey);
      await putTargets(indicator.id, [
        { year: 2024, value: 450 },
        { year: 2024, value: 40, unitId: unit.id },
      ]);
      await putTargets(indicator.id, [{ year: 2024, value: 450 }]);
      const response = await t.request<{ items: AuditEntry[] }>('GET', '/api/v1/audit?entity=indicator_target&sort=at&limit=500');
      const client = new Client({ connectionString: t.config.databaseUrl });
      await client.connect();
      const ids = await client.query<{ id: string; unit_id: string | null }>('SELECT id, unit_id FROM indicator_targets WHERE indicator_id = $1', [indicator.id]);
      await client.end();
      const programId = ids.rows.find((row) => row.unit_id === null)!.id;
      const unitTargetId = ids.rows.find((row) => row.unit_id === unit.id)!.id;
      const mine = response.body.items.filter((entry) => [programId, unitTargetId].includes(entry.entityId));
      expect(mine).toEqual([
        expect.objectContaining({
          actor: SECRETARIAT,
          action: 'create',
          entityId: programId,
          changes: { indicatorId: { to: indicator.id }, year: { to: 2024 }, unitId: { to: null }, value: { to: 400 } },
        }),
        expect.objectContaining({ actor: 'ADMIN_API_KEY', action: 'update', entityId: programId, changes: { value: { from: 400, to: 450 } } }),
        expect.objectContaining({ action: 'create', entityId: unitTargetId, changes: expect.objectContaining({ unitId: { to: unit.id }, value: { to: 40 } }) }),
      ]);
    });

    it('should keep a single target when concurrent PUTs race to create it', async () => {
      const indicator = await createIndicator();
      const responses = await Promise.all([1, 2, 3, 4].map((value) => putTargets(indicator.id, [{ year: 2024, value }])));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
      const targets = await targetsOf(indicator.id);
      expect(targets).toHaveLength(1);
      expect([1, 2, 3, 4]).toContain(targets[0].value);
    });
  });

  describe('GET /indicators/:id/targets', () => {
    it('should list only the year asked for when year is given', async () => {
      const indicator = await createIndicator();
      const unit = await createUnit();
      await putTargets(indicator.id, [
        { year: 2023, value: 300 },
        { year: 2024, value: 400 },
        { year: 2024, value: 10, unitId: unit.id },
      ]);
      await expect(targetsOf(indicator.id, '?year=2024')).resolves.toEqual([
        { year: 2024, value: 400, unitId: null },
        { year: 2024, value: 10, unitId: unit.id },
      ]);
      await expect(targetsOf(indicator.id, '?year=2030')).resolves.toEqual([]);
    });

    it('should let a viewer read the targets', async () => {
      const indicator = await createIndicator();
      const response = await t.request('GET', `/api/v1/indicators/${indicator.id}/targets`, { key: viewerKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual([]);
    });

    it('should answer 400 naming year when it is not a year from 2000 to 2100', async () => {
      const indicator = await createIndicator();
      for (const year of ['abc', '1999', '2024.5', '2101']) {
        const response = await t.request('GET', `/api/v1/indicators/${indicator.id}/targets?year=${year}`);
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['year']);
      }
    });

    it('should answer 404 when no indicator has the id', async () => {
      const response = await t.request('GET', `/api/v1/indicators/${UNKNOWN_ID}/targets`);
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('GET', '/api/v1/indicators/abc/targets');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', `/api/v1/indicators/${UNKNOWN_ID}/targets`, { key: null });
      expect(response.status).toBe(401);
    });
  });

  describe('OpenAPI', () => {
    it('should describe every indicator endpoint, the targets body as an array', async () => {
      const response = await t.request('GET', '/docs-json', { key: null });
      expect(response.status).toBe(200);
      const paths = response.body.paths;
      expect(Object.keys(paths['/api/v1/indicators']).sort()).toEqual(['get', 'post']);
      expect(Object.keys(paths['/api/v1/indicators/{id}']).sort()).toEqual(['get', 'patch']);
      expect(Object.keys(paths['/api/v1/indicators/{id}/targets']).sort()).toEqual(['get', 'put']);
      expect(paths['/api/v1/indicators/{id}/targets'].put.requestBody.content['application/json'].schema).toMatchObject({ type: 'array' });
    });
  });

  describe('database', () => {
    let client: Client;

    beforeAll(async () => {
      client = new Client({ connectionString: t.config.databaseUrl });
      await client.connect();
    });

    afterAll(async () => {
      await client.end();
    });

    it('should refuse a second program-wide target for the same indicator and year even though unit_id is null', async () => {
      const indicator = await createIndicator();
      const insert = `INSERT INTO indicator_targets (indicator_id, year, unit_id, value, created_at, updated_at) VALUES ($1, 2024, NULL, 1, now(), now())`;
      await client.query(insert, [indicator.id]);
      await expect(client.query(insert, [indicator.id])).rejects.toMatchObject({ code: '23505', constraint: 'indicator_targets_key' });
    });

    it('should refuse negative, NaN and infinite target values', async () => {
      const indicator = await createIndicator();
      for (const value of ['-1', 'NaN', 'Infinity']) {
        await expect(
          client.query(`INSERT INTO indicator_targets (indicator_id, year, value, created_at, updated_at) VALUES ($1, 2030, $2::numeric, now(), now())`, [indicator.id, value]),
        ).rejects.toMatchObject({ code: '23514' });
      }
    });

    it('should aggregate in SQL exactly as aggregate() does', async () => {
      const sql = `SELECT ${aggregateSql('$1::text', 'v', 'at')}::text AS result FROM unnest($2::numeric[], $3::int[]) AS x(v, at)`;
      const decimal = fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 4 })).map(([digits, places]) => digits / 10 ** places);
      const values = fc.array(fc.record({ value: decimal, at: fc.integer({ min: 8000, max: 8110 }) }), { maxLength: 12 });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...AGGREGATIONS), values, async (kind, list) => {
          const { rows } = await client.query<{ result: string | null }>(sql, [kind, list.map((item) => String(item.value)), list.map((item) => item.at)]);
          const result = rows[0].result;
          expect(result === null ? null : Number(result)).toBe(aggregate(kind, list));
        }),
        { numRuns: 200 },
      );
    });

    // Later migrations may reference these tables, so they are reverted first, newest first, as
    // migration:revert would; all inside a transaction that is rolled back.
    it('should drop both tables when the migration is reverted and create them again when it is re-applied', async () => {
      const runner = { query: (sql: string, parameters?: unknown[]) => client.query(sql, parameters) } as unknown as QueryRunner;
      const position = MIGRATIONS.indexOf(Indicators1764400002000);
      expect(position).toBeGreaterThan(0);
      const later = MIGRATIONS.slice(position + 1).map((Migration) => new Migration());
      const migration = new Indicators1764400002000();
      const tables = async () =>
        (await client.query<{ name: string | null }>(`SELECT to_regclass(name)::text AS name FROM unnest(ARRAY['indicators', 'indicator_targets']) AS name`)).rows.map(
          (row) => row.name,
        );
      await client.query('BEGIN');
      try {
        for (const newer of [...later].reverse()) await newer.down(runner);
        await migration.down(runner);
        await expect(tables()).resolves.toEqual([null, null]);
        await migration.up(runner);
        await expect(tables()).resolves.toEqual(['indicators', 'indicator_targets']);
        for (const newer of later) await newer.up(runner);
      } finally {
        await client.query('ROLLBACK');
      }
    });
  });
});
