import { randomBytes } from 'node:crypto';
import { fileForm, toCsv } from './fixtures/units/unit-files';
import { startTestApp, TestApp } from './support/test-app';

interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entityId: string;
  changes: Record<string, { from?: unknown; to?: unknown }>;
}

interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  limit: number;
}

const LAN = 'Chị Lan — Văn phòng';
const HUNG = 'Anh Hùng — Tổng hợp';

function uniqueCode(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`.toUpperCase();
}

describe('Audit API', () => {
  let t: TestApp;
  let lanKey: string;
  let hungKey: string;
  let viewerKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    const keys = await Promise.all(
      [
        { name: LAN, role: 'secretariat' },
        { name: HUNG, role: 'secretariat' },
        { name: 'Người xem', role: 'viewer' },
      ].map((body) => t.request('POST', '/api/v1/api-keys', { body })),
    );
    expect(keys.map((key) => key.status)).toEqual([201, 201, 201]);
    [lanKey, hungKey, viewerKey] = keys.map((key) => key.body.key);
  });

  afterAll(async () => {
    await t.close();
  });

  async function audit(query: string, key?: string): Promise<AuditPage> {
    const response = await t.request<AuditPage>('GET', `/api/v1/audit?${query}`, { key });
    expect(response.status).toBe(200);
    return response.body;
  }

  async function createUnit(key: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; code: string; name: string }> {
    const response = await t.request('POST', '/api/v1/units', {
      key,
      body: { code: uniqueCode('A'), name: 'Xã Đăk Ruồng', kind: 'commune', emails: ['ubnd.dakruong@konray.gov.vn'], ...overrides },
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  describe('GET /audit', () => {
    it('should list the update then the create of a unit with the key name as actor when a unit is created and renamed', async () => {
      const unit = await createUnit(lanKey, { headEmail: 'ChuTich@KonRay.gov.vn' });
      const renamed = await t.request('PATCH', `/api/v1/units/${unit.id}`, { key: lanKey, body: { name: 'Xã Đăk Ruồng (sáp nhập)' } });
      expect(renamed.status).toBe(200);
      const page = await audit(`entity=unit&entityId=${unit.id}`);
      expect(page).toMatchObject({ total: 2, page: 1, limit: 50 });
      const [update, create] = page.items;
      expect(update).toEqual({
        id: expect.any(String),
        at: expect.any(String),
        actor: LAN,
        action: 'update',
        entity: 'unit',
        entityId: unit.id,
        changes: { name: { from: 'Xã Đăk Ruồng', to: 'Xã Đăk Ruồng (sáp nhập)' } },
      });
      expect(create).toMatchObject({ actor: LAN, action: 'create', entity: 'unit', entityId: unit.id });
      expect(create.changes).toEqual({
        code: { to: unit.code },
        name: { to: 'Xã Đăk Ruồng' },
        kind: { to: 'commune' },
        parentId: { to: null },
        emails: { to: ['ubnd.dakruong@konray.gov.vn'] },
        headEmail: { to: 'chutich@konray.gov.vn' },
        active: { to: true },
      });
      expect(Date.parse(update.at)).toBeGreaterThanOrEqual(Date.parse(create.at));
    });

    it('should name only the changed fields with from and to when several fields are patched', async () => {
      const parent = await createUnit(lanKey, { kind: 'agency', name: 'UBND huyện' });
      const unit = await createUnit(lanKey);
      await t.request('PATCH', `/api/v1/units/${unit.id}`, {
        key: lanKey,
        body: { name: unit.name, kind: 'township', parentId: parent.id, emails: ['UBND.DakRuong@konray.gov.vn', 'vp@konray.gov.vn'] },
      });
      const [update] = (await audit(`entity=unit&entityId=${unit.id}`)).items;
      expect(update.changes).toEqual({
        kind: { from: 'commune', to: 'township' },
        parentId: { from: null, to: parent.id },
        emails: { from: ['ubnd.dakruong@konray.gov.vn'], to: ['ubnd.dakruong@konray.gov.vn', 'vp@konray.gov.vn'] },
      });
    });

    it('should list the oldest entry first when sort is at', async () => {
      const unit = await createUnit(lanKey);
      await t.request('PATCH', `/api/v1/units/${unit.id}`, { key: lanKey, body: { name: 'Tên mới' } });
      const page = await audit(`entity=unit&entityId=${unit.id}&sort=at`);
      expect(page.items.map((entry) => entry.action)).toEqual(['create', 'update']);
      const newest = await audit(`entity=unit&entityId=${unit.id}&sort=-at`);
      expect(newest.items.map((entry) => entry.action)).toEqual(['update', 'create']);
    });

    it('should keep the order of the changes when the log has more than nine entries', async () => {
      const unit = await createUnit(lanKey);
      const names = Array.from({ length: 11 }, (_, index) => `Tên lần ${index + 1}`);
      for (const name of names) await t.request('PATCH', `/api/v1/units/${unit.id}`, { key: lanKey, body: { name } });
      const oldestFirst = await audit(`entity=unit&entityId=${unit.id}&sort=at`);
      expect(oldestFirst.items.map((entry) => entry.changes.name?.to)).toEqual(['Xã Đăk Ruồng', ...names]);
      const newestFirst = await audit(`entity=unit&entityId=${unit.id}`);
      expect(newestFirst.items.map((entry) => entry.changes.name?.to)).toEqual(['Xã Đăk Ruồng', ...names].reverse());
      const whole = await audit('sort=at&limit=500');
      const ids = whole.items.map((entry) => Number(entry.id));
      expect(ids.length).toBeGreaterThan(10);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    });

    it('should record a delete when a unit is deactivated', async () => {
      const unit = await createUnit(lanKey);
      await t.request('DELETE', `/api/v1/units/${unit.id}`, { key: lanKey });
      const [entry] = (await audit(`entity=unit&entityId=${unit.id}`)).items;
      expect(entry).toMatchObject({ actor: LAN, action: 'delete', changes: { active: { from: true, to: false } } });
    });

    it('should record nothing when a request fails or changes nothing', async () => {
      const other = await createUnit(lanKey);
      const unit = await createUnit(lanKey);
      const duplicate = await t.request('PATCH', `/api/v1/units/${unit.id}`, { key: lanKey, body: { code: other.code } });
      expect(duplicate.status).toBe(409);
      const invalid = await t.request('PATCH', `/api/v1/units/${unit.id}`, { key: lanKey, body: { emails: [] } });
      expect(invalid.status).toBe(400);
      const same = await t.request('PATCH', `/api/v1/units/${unit.id}`, { key: lanKey, body: { name: unit.name } });
      expect(same.status).toBe(200);
      const page = await audit(`entity=unit&entityId=${unit.id}`);
      expect(page.items.map((entry) => entry.action)).toEqual(['create']);
    });

    it('should record only the changed settings with the key name when settings are patched', async () => {
      const first = await t.request('PATCH', '/api/v1/settings', { key: lanKey, body: { programName: 'Cuộc vận động', locality: 'Kon Rẫy' } });
      expect(first.status).toBe(200);
      const second = await t.request('PATCH', '/api/v1/settings', { key: lanKey, body: { locality: 'Kon Rẫy', secretariatEmail: 'bcd@konray.kontum.gov.vn' } });
      expect(second.status).toBe(200);
      const page = await audit('entity=settings&entityId=1');
      expect(page.total).toBe(2);
      expect(page.items).toEqual([
        expect.objectContaining({ actor: LAN, action: 'update', entity: 'settings', entityId: '1', changes: { secretariatEmail: { from: null, to: 'bcd@konray.kontum.gov.vn' } } }),
        expect.objectContaining({
          actor: LAN,
          action: 'update',
          entity: 'settings',
          entityId: '1',
          changes: { programName: { from: null, to: 'Cuộc vận động' }, locality: { from: null, to: 'Kon Rẫy' } },
        }),
      ]);
    });

    it('should list only the entries of one actor when actor is given', async () => {
      const hoa = `Chị Hoa — Tuyên giáo ${randomBytes(2).toString('hex')}`;
      const key = await t.request('POST', '/api/v1/api-keys', { body: { name: hoa, role: 'secretariat' } });
      const unit = await createUnit(key.body.key, { name: 'Xã Ngọc Tụ' });
      const page = await audit(`actor=${encodeURIComponent(hoa)}`);
      expect(page).toMatchObject({ total: 1, page: 1, limit: 50 });
      expect(page.items).toEqual([expect.objectContaining({ actor: hoa, action: 'create', entity: 'unit', entityId: unit.id })]);
      const lan = await audit(`actor=${encodeURIComponent(LAN)}&limit=500`);
      expect(lan.total).toBeGreaterThan(1);
      expect(lan.items.every((entry) => entry.actor === LAN)).toBe(true);
      await expect(audit(`actor=${encodeURIComponent('Không ai')}`)).resolves.toEqual({ items: [], total: 0, page: 1, limit: 50 });
    });

    it('should list every entity when no filter is given', async () => {
      const page = await audit('limit=500');
      expect(page.items.some((entry) => entry.entity === 'unit')).toBe(true);
      expect(page.items.some((entry) => entry.entity === 'settings')).toBe(true);
      expect(page.total).toBe(page.items.length);
    });

    it('should record each unit of an import with the key name when a file is imported', async () => {
      const code = uniqueCode('IMP');
      const form = fileForm(toCsv([[code, 'Xã Đăk Tơ Lung', 'commune', '', 'ubnd.daktolung@konray.gov.vn', '']]));
      const imported = await t.request('POST', '/api/v1/units/import', { key: hungKey, form });
      expect(imported.body).toMatchObject({ created: 1, applied: true });
      const unit = (await t.request('GET', `/api/v1/units?q=${code}`)).body.items[0];
      const page = await audit(`entity=unit&entityId=${unit.id}`);
      expect(page.items).toEqual([
        expect.objectContaining({ actor: HUNG, action: 'create', changes: expect.objectContaining({ code: { to: code }, name: { to: 'Xã Đăk Tơ Lung' } }) }),
      ]);
    });

    it('should page through the entries with total, page and limit when a page is asked for', async () => {
      const unit = await createUnit(lanKey);
      for (const name of ['Tên 1', 'Tên 2', 'Tên 3']) await t.request('PATCH', `/api/v1/units/${unit.id}`, { key: lanKey, body: { name } });
      const second = await audit(`entity=unit&entityId=${unit.id}&limit=2&page=2`);
      expect(second).toMatchObject({ total: 4, page: 2, limit: 2 });
      expect(second.items.map((entry) => entry.action)).toEqual(['update', 'create']);
      expect(second.items[0].changes).toEqual({ name: { from: 'Xã Đăk Ruồng', to: 'Tên 1' } });
      const first = await audit(`entity=unit&entityId=${unit.id}&limit=2&page=1`);
      expect(first.items.map((entry) => entry.changes.name?.to)).toEqual(['Tên 3', 'Tên 2']);
      await expect(audit(`entity=unit&entityId=${unit.id}&limit=2&page=3`)).resolves.toEqual({ items: [], total: 4, page: 3, limit: 2 });
    });

    it('should answer 400 naming the parameter when the query is invalid', async () => {
      for (const [query, field] of [
        ['limit=501', 'limit'],
        ['page=0', 'page'],
        ['sort=actor', 'sort'],
        ['colour=red', 'colour'],
      ]) {
        const response = await t.request('GET', `/api/v1/audit?${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
      }
    });

    it('should let a viewer key read the log', async () => {
      const unit = await createUnit(lanKey);
      const page = await audit(`entity=unit&entityId=${unit.id}`, viewerKey);
      expect(page.items.map((entry) => entry.actor)).toEqual([LAN]);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', '/api/v1/audit', { key: null });
      expect(response.status).toBe(401);
    });
  });
});
