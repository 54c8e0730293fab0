import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from './support/test-app';

interface Unit {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  emails: string[];
  headEmail: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

interface FieldError {
  field: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

// A code no other test uses, so that each test sees only its own units.
function uniqueCode(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`.toUpperCase();
}

function fields(details: FieldError[] | undefined): string[] {
  return (details ?? []).map((detail) => detail.field).sort();
}

describe('Units API', () => {
  let t: TestApp;
  let viewerKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    const viewer = await t.request('POST', '/api/v1/api-keys', { body: { name: 'Người xem', role: 'viewer' } });
    expect(viewer.status).toBe(201);
    viewerKey = viewer.body.key;
  });

  afterAll(async () => {
    await t.close();
  });

  async function createUnit(overrides: Partial<Unit> & Record<string, unknown> = {}): Promise<Unit> {
    const body = { code: uniqueCode('U'), name: 'Xã thử nghiệm', kind: 'commune', emails: ['ubnd@konray.gov.vn'], ...overrides };
    const response = await t.request<Unit>('POST', '/api/v1/units', { body });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function totalUnits(): Promise<number> {
    const response = await t.request('GET', '/api/v1/units?limit=1');
    expect(response.status).toBe(200);
    return response.body.total;
  }

  describe('POST /units', () => {
    it('should create the unit with trimmed values and lower-cased e-mails when the body is valid', async () => {
      const code = uniqueCode('XA');
      const response = await t.request<Unit>('POST', '/api/v1/units', {
        body: {
          code: `  ${code} `,
          name: '  Xã Đăk Ruồng ',
          kind: 'commune',
          emails: [' UBND.DakRuong@KonRay.gov.vn ', 'vanphong@konray.gov.vn'],
          headEmail: ' ChuTich@KonRay.gov.vn',
        },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        code,
        name: 'Xã Đăk Ruồng',
        kind: 'commune',
        parentId: null,
        emails: ['ubnd.dakruong@konray.gov.vn', 'vanphong@konray.gov.vn'],
        headEmail: 'chutich@konray.gov.vn',
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(Number.isNaN(Date.parse(response.body.createdAt))).toBe(false);
      const fetched = await t.request<Unit>('GET', `/api/v1/units/${response.body.id}`);
      expect(fetched.body).toEqual(response.body);
    });

    it('should keep each e-mail once when the same address is listed twice', async () => {
      const unit = await createUnit({ emails: ['a@konray.gov.vn', 'A@KONRAY.GOV.VN'] });
      expect(unit.emails).toEqual(['a@konray.gov.vn']);
    });

    it('should link the parent and keep active false when both are given', async () => {
      const parent = await createUnit({ kind: 'agency', name: 'UBND huyện' });
      const child = await createUnit({ parentId: parent.id, active: false });
      expect(child.parentId).toBe(parent.id);
      expect(child.active).toBe(false);
    });

    it('should answer 409 naming code when the code exists in another case', async () => {
      const existing = await createUnit();
      const before = await totalUnits();
      const response = await t.request('POST', '/api/v1/units', { body: { code: existing.code.toLowerCase(), name: 'Trùng mã', kind: 'other', emails: ['x@konray.gov.vn'] } });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(fields(response.body.details)).toEqual(['code']);
      await expect(totalUnits()).resolves.toBe(before);
    });

    it('should answer 400 naming the missing name, the bad kind and the unknown field and create nothing when the body is invalid', async () => {
      const before = await totalUnits();
      const response = await t.request('POST', '/api/v1/units', { body: { code: uniqueCode('BAD'), kind: 'city', emails: ['ok@konray.gov.vn'], colour: 'red' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
      expect(fields(response.body.details)).toEqual(['colour', 'kind', 'name']);
      const details: FieldError[] = response.body.details;
      expect(details.find((detail) => detail.field === 'colour')?.message).toBe('is not a known field');
      await expect(totalUnits()).resolves.toBe(before);
    });

    it('should answer 400 naming emails[1] and create nothing when the second e-mail is invalid', async () => {
      const before = await totalUnits();
      const response = await t.request('POST', '/api/v1/units', { body: { code: uniqueCode('BAD'), name: 'Xã', kind: 'commune', emails: ['ok@konray.gov.vn', 'not-an-email'] } });
      expect(response.status).toBe(400);
      await expect(totalUnits()).resolves.toBe(before);
      expect(response.body.details).toEqual([{ field: 'emails[1]', message: expect.stringMatching(/email/) }]);
    });

    it('should answer 400 naming emails when the list is empty', async () => {
      const before = await totalUnits();
      const response = await t.request('POST', '/api/v1/units', { body: { code: uniqueCode('E'), name: 'Không thư', kind: 'other', emails: [] } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['emails']);
      await expect(totalUnits()).resolves.toBe(before);
    });

    it('should answer 400 naming code when the code has spaces or is missing', async () => {
      const spaced = await t.request('POST', '/api/v1/units', { body: { code: 'XA DAK', name: 'Xã', kind: 'commune', emails: ['a@konray.gov.vn'] } });
      expect(spaced.status).toBe(400);
      expect(fields(spaced.body.details)).toEqual(['code']);
      const missing = await t.request('POST', '/api/v1/units', { body: { name: 'Xã', kind: 'commune', emails: ['a@konray.gov.vn'] } });
      expect(missing.status).toBe(400);
      expect(fields(missing.body.details)).toContain('code');
    });

    it('should answer 400 naming headEmail when it is not an e-mail', async () => {
      const response = await t.request('POST', '/api/v1/units', {
        body: { code: uniqueCode('H'), name: 'Xã', kind: 'commune', emails: ['a@konray.gov.vn'], headEmail: 'chu tich' },
      });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['headEmail']);
    });

    it('should answer 400 naming parentId when the parent does not exist', async () => {
      const before = await totalUnits();
      const response = await t.request('POST', '/api/v1/units', {
        body: { code: uniqueCode('P'), name: 'Mồ côi', kind: 'other', emails: ['a@konray.gov.vn'], parentId: UNKNOWN_ID },
      });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['parentId']);
      await expect(totalUnits()).resolves.toBe(before);
    });

    it('should answer 400 naming parentId when it is not a UUID', async () => {
      const response = await t.request('POST', '/api/v1/units', { body: { code: uniqueCode('P'), name: 'Mồ côi', kind: 'other', emails: ['a@konray.gov.vn'], parentId: 'abc' } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['parentId']);
    });

    it('should answer 400 naming body when the JSON is malformed', async () => {
      const response = await t.request('POST', '/api/v1/units', { body: '{"code": "X",' });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['body']);
    });

    it('should answer 403 when the key is a viewer key', async () => {
      const before = await totalUnits();
      const response = await t.request('POST', '/api/v1/units', { key: viewerKey, body: { code: uniqueCode('V'), name: 'Xã', kind: 'commune', emails: ['a@konray.gov.vn'] } });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await expect(totalUnits()).resolves.toBe(before);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('POST', '/api/v1/units', { key: null, body: { code: uniqueCode('N'), name: 'Xã', kind: 'commune', emails: ['a@konray.gov.vn'] } });
      expect(response.status).toBe(401);
    });
  });

  describe('GET /units', () => {
    it('should page through the units with total, page and limit when a page is asked for', async () => {
      const prefix = uniqueCode('PG');
      for (const suffix of ['1', '2', '3', '4', '5']) await createUnit({ code: `${prefix}-${suffix}` });
      const response = await t.request<{ items: Unit[]; total: number; page: number; limit: number }>('GET', `/api/v1/units?q=${prefix}&page=2&limit=2`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 5, page: 2, limit: 2 });
      expect(response.body.items.map((unit) => unit.code)).toEqual([`${prefix}-3`, `${prefix}-4`]);
    });

    it('should report the total when the page is past the end', async () => {
      const prefix = uniqueCode('PE');
      await createUnit({ code: `${prefix}-1` });
      await createUnit({ code: `${prefix}-2` });
      const response = await t.request('GET', `/api/v1/units?q=${prefix}&page=3&limit=1`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [], total: 2, page: 3, limit: 1 });
    });

    it('should use page 1 and limit 50 when none are given', async () => {
      const response = await t.request('GET', '/api/v1/units');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ page: 1, limit: 50, items: expect.any(Array), total: expect.any(Number) });
    });

    it('should answer 400 naming limit when limit is above 500', async () => {
      const response = await t.request('GET', '/api/v1/units?limit=501');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['limit']);
    });

    it('should accept limit 500', async () => {
      const response = await t.request('GET', '/api/v1/units?limit=500');
      expect(response.status).toBe(200);
      expect(response.body.limit).toBe(500);
    });

    it('should answer 400 naming page when page is not a positive integer', async () => {
      const zero = await t.request('GET', '/api/v1/units?page=0');
      expect(zero.status).toBe(400);
      expect(fields(zero.body.details)).toEqual(['page']);
      const text = await t.request('GET', '/api/v1/units?page=abc');
      expect(text.status).toBe(400);
      expect(fields(text.body.details)).toEqual(['page']);
    });

    it('should sort by name descending when sort is -name', async () => {
      const prefix = uniqueCode('SRT');
      await createUnit({ code: `${prefix}-1`, name: 'Phòng B' });
      await createUnit({ code: `${prefix}-2`, name: 'Phòng C' });
      await createUnit({ code: `${prefix}-3`, name: 'Phòng A' });
      const descending = await t.request<{ items: Unit[] }>('GET', `/api/v1/units?q=${prefix}&sort=-name`);
      expect(descending.status).toBe(200);
      expect(descending.body.items.map((unit) => unit.name)).toEqual(['Phòng C', 'Phòng B', 'Phòng A']);
      const ascending = await t.request<{ items: Unit[] }>('GET', `/api/v1/units?q=${prefix}&sort=name`);
      expect(ascending.body.items.map((unit) => unit.name)).toEqual(['Phòng A', 'Phòng B', 'Phòng C']);
    });

    it('should sort by code case-insensitively when no sort is given', async () => {
      const prefix = uniqueCode('CS');
      await createUnit({ code: `${prefix}-b` });
      await createUnit({ code: `${prefix}-C` });
      await createUnit({ code: `${prefix}-a` });
      const response = await t.request<{ items: Unit[] }>('GET', `/api/v1/units?q=${prefix}`);
      expect(response.body.items.map((unit) => unit.code)).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-C`]);
    });

    it('should answer 400 naming sort when the sort field is unknown', async () => {
      const unknown = await t.request('GET', '/api/v1/units?sort=-colour');
      expect(unknown.status).toBe(400);
      expect(fields(unknown.body.details)).toEqual(['sort']);
      const malformed = await t.request('GET', '/api/v1/units?sort=name;drop');
      expect(malformed.status).toBe(400);
      expect(fields(malformed.body.details)).toEqual(['sort']);
    });

    it('should list only the units of a kind when kind is given', async () => {
      const prefix = uniqueCode('KND');
      await createUnit({ code: `${prefix}-1`, kind: 'commune' });
      await createUnit({ code: `${prefix}-2`, kind: 'agency' });
      await createUnit({ code: `${prefix}-3`, kind: 'township' });
      const response = await t.request<{ items: Unit[]; total: number }>('GET', `/api/v1/units?q=${prefix}&kind=agency`);
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(1);
      expect(response.body.items.map((unit) => unit.code)).toEqual([`${prefix}-2`]);
    });

    it('should answer 400 naming kind when the kind is unknown', async () => {
      const response = await t.request('GET', '/api/v1/units?kind=city');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['kind']);
    });

    it('should list only active or inactive units when active is given', async () => {
      const prefix = uniqueCode('ACT');
      await createUnit({ code: `${prefix}-1` });
      await createUnit({ code: `${prefix}-2`, active: false });
      const inactive = await t.request<{ items: Unit[] }>('GET', `/api/v1/units?q=${prefix}&active=false`);
      expect(inactive.status).toBe(200);
      expect(inactive.body.items.map((unit) => unit.code)).toEqual([`${prefix}-2`]);
      const active = await t.request<{ items: Unit[] }>('GET', `/api/v1/units?q=${prefix}&active=true`);
      expect(active.body.items.map((unit) => unit.code)).toEqual([`${prefix}-1`]);
    });

    it('should answer 400 naming active when it is not a boolean', async () => {
      const response = await t.request('GET', '/api/v1/units?active=maybe');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['active']);
    });

    it('should answer 400 when the query has an unknown parameter', async () => {
      const response = await t.request('GET', '/api/v1/units?colour=red');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['colour']);
    });

    describe('search', () => {
      let dakRuong: Unit;
      let dakRve: Unit;
      let percent: Unit;
      let wildcard: Unit;

      beforeAll(async () => {
        dakRuong = await createUnit({ code: uniqueCode('XA'), name: 'Xã Đăk Ruồng' });
        dakRve = await createUnit({ code: uniqueCode('TT'), name: 'Thị trấn Đăk Rve', kind: 'township' });
        percent = await createUnit({ code: uniqueCode('PCT'), name: 'Tổ đạt 100% kế hoạch' });
        wildcard = await createUnit({ code: uniqueCode('WILD-ABC'), name: 'Tổ thử ký tự đại diện' });
      });

      async function search(q: string): Promise<string[]> {
        const response = await t.request<{ items: Unit[] }>('GET', `/api/v1/units?limit=500&q=${encodeURIComponent(q)}`);
        expect(response.status).toBe(200);
        return response.body.items.map((unit) => unit.id);
      }

      it('should find a unit ignoring diacritics when q has none', async () => {
        const found = await search('dak ruong');
        expect(found).toContain(dakRuong.id);
        expect(found).not.toContain(dakRve.id);
      });

      it('should find units ignoring case and diacritics when q is upper-case Vietnamese', async () => {
        const found = await search('ĐĂK');
        expect(found).toEqual(expect.arrayContaining([dakRuong.id, dakRve.id]));
        expect(found).not.toContain(percent.id);
      });

      it('should find a unit by its code when q is part of the code', async () => {
        await expect(search(dakRve.code.toLowerCase())).resolves.toEqual([dakRve.id]);
      });

      it('should match a literal percent sign only when q is %', async () => {
        await expect(search('%')).resolves.toEqual([percent.id]);
      });

      it('should match a literal underscore only when q contains _', async () => {
        const code = wildcard.code.toLowerCase();
        await expect(search(code)).resolves.toEqual([wildcard.id]);
        await expect(search(code.replace('wild-abc', 'wild_abc'))).resolves.toEqual([]);
      });

      it('should find nothing when q matches no unit', async () => {
        await expect(search('khong co don vi nay')).resolves.toEqual([]);
      });
    });

    it('should let a viewer key list the units', async () => {
      const response = await t.request('GET', '/api/v1/units', { key: viewerKey });
      expect(response.status).toBe(200);
    });

    it('should answer 401 when no key is sent', async () => {
      const response = await t.request('GET', '/api/v1/units', { key: null });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });
  });

  describe('GET /units/:id', () => {
    it('should return the unit when it exists', async () => {
      const unit = await createUnit();
      const response = await t.request('GET', `/api/v1/units/${unit.id}`, { key: viewerKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(unit);
    });

    it('should answer 404 when no unit has the id', async () => {
      const response = await t.request('GET', `/api/v1/units/${UNKNOWN_ID}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('GET', '/api/v1/units/not-a-uuid');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });
  });

  describe('PATCH /units/:id', () => {
    it('should change the name and keep the other fields when only name is sent', async () => {
      const parent = await createUnit({ kind: 'agency' });
      const unit = await createUnit({ parentId: parent.id, headEmail: 'head@konray.gov.vn' });
      t.clock.advance(60_000);
      const response = await t.request<Unit>('PATCH', `/api/v1/units/${unit.id}`, { body: { name: '  Xã Tân Lập ' } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...unit, name: 'Xã Tân Lập', updatedAt: expect.any(String) });
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(unit.updatedAt));
      const fetched = await t.request<Unit>('GET', `/api/v1/units/${unit.id}`);
      expect(fetched.body).toEqual(response.body);
    });

    it('should find the unit under its new name when it is renamed', async () => {
      const unit = await createUnit({ name: 'Xã Cũ' });
      await t.request('PATCH', `/api/v1/units/${unit.id}`, { body: { name: 'Xã Đăk Pne Mới' } });
      const response = await t.request<{ items: Unit[] }>('GET', `/api/v1/units?q=${encodeURIComponent('dak pne moi')}`);
      expect(response.body.items.map((item) => item.id)).toEqual([unit.id]);
    });

    it('should lower-case the e-mails and clear the head e-mail when they are sent', async () => {
      const unit = await createUnit({ headEmail: 'head@konray.gov.vn' });
      const response = await t.request<Unit>('PATCH', `/api/v1/units/${unit.id}`, { body: { emails: ['New@KonRay.gov.vn'], headEmail: null } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ emails: ['new@konray.gov.vn'], headEmail: null, code: unit.code, name: unit.name });
    });

    it('should answer 400 naming parentId when the new parent is a child of the unit', async () => {
      const parent = await createUnit({ kind: 'agency' });
      const child = await createUnit({ parentId: parent.id });
      const grandchild = await createUnit({ parentId: child.id });
      const direct = await t.request('PATCH', `/api/v1/units/${parent.id}`, { body: { parentId: child.id } });
      expect(direct.status).toBe(400);
      expect(fields(direct.body.details)).toEqual(['parentId']);
      const indirect = await t.request('PATCH', `/api/v1/units/${parent.id}`, { body: { parentId: grandchild.id } });
      expect(indirect.status).toBe(400);
      expect(fields(indirect.body.details)).toEqual(['parentId']);
      const self = await t.request('PATCH', `/api/v1/units/${parent.id}`, { body: { parentId: parent.id } });
      expect(self.status).toBe(400);
      expect(fields(self.body.details)).toEqual(['parentId']);
      const unchanged = await t.request<Unit>('GET', `/api/v1/units/${parent.id}`);
      expect(unchanged.body.parentId).toBeNull();
    });

    it('should move the unit and detach it when parentId is changed then set to null', async () => {
      const first = await createUnit({ kind: 'agency' });
      const second = await createUnit({ kind: 'agency' });
      const unit = await createUnit({ parentId: first.id });
      const moved = await t.request<Unit>('PATCH', `/api/v1/units/${unit.id}`, { body: { parentId: second.id } });
      expect(moved.status).toBe(200);
      expect(moved.body.parentId).toBe(second.id);
      const detached = await t.request<Unit>('PATCH', `/api/v1/units/${unit.id}`, { body: { parentId: null } });
      expect(detached.status).toBe(200);
      expect(detached.body.parentId).toBeNull();
    });

    it('should answer 400 naming parentId when the new parent does not exist', async () => {
      const unit = await createUnit();
      const response = await t.request('PATCH', `/api/v1/units/${unit.id}`, { body: { parentId: UNKNOWN_ID } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['parentId']);
    });

    it('should answer 409 naming code when the new code belongs to another unit', async () => {
      const other = await createUnit();
      const unit = await createUnit();
      const response = await t.request('PATCH', `/api/v1/units/${unit.id}`, { body: { code: other.code.toLowerCase() } });
      expect(response.status).toBe(409);
      expect(fields(response.body.details)).toEqual(['code']);
      const unchanged = await t.request<Unit>('GET', `/api/v1/units/${unit.id}`);
      expect(unchanged.body.code).toBe(unit.code);
    });

    it('should allow changing the case of its own code', async () => {
      const unit = await createUnit();
      const response = await t.request<Unit>('PATCH', `/api/v1/units/${unit.id}`, { body: { code: unit.code.toLowerCase() } });
      expect(response.status).toBe(200);
      expect(response.body.code).toBe(unit.code.toLowerCase());
    });

    it('should answer 400 naming each field when the values are invalid', async () => {
      const unit = await createUnit();
      const response = await t.request('PATCH', `/api/v1/units/${unit.id}`, { body: { emails: [], kind: 'city', colour: 'red' } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['colour', 'emails', 'kind']);
      const unchanged = await t.request<Unit>('GET', `/api/v1/units/${unit.id}`);
      expect(unchanged.body).toEqual(unit);
    });

    it('should answer 400 and keep the unit when a required field is sent as null', async () => {
      const unit = await createUnit();
      for (const field of ['code', 'name', 'kind', 'emails', 'active']) {
        const response = await t.request('PATCH', `/api/v1/units/${unit.id}`, { body: { [field]: null } });
        expect({ field, status: response.status }).toEqual({ field, status: 400 });
        expect(fields(response.body.details)).toEqual([field]);
      }
      const unchanged = await t.request<Unit>('GET', `/api/v1/units/${unit.id}`);
      expect(unchanged.body).toEqual(unit);
    });

    it('should return the unit unchanged when the body changes nothing', async () => {
      const unit = await createUnit();
      t.clock.advance(60_000);
      const response = await t.request<Unit>('PATCH', `/api/v1/units/${unit.id}`, { body: { name: unit.name } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(unit);
    });

    it('should answer 404 when no unit has the id', async () => {
      const response = await t.request('PATCH', `/api/v1/units/${UNKNOWN_ID}`, { body: { name: 'Không có' } });
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('PATCH', '/api/v1/units/123', { body: { name: 'Không có' } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 403 when the key is a viewer key', async () => {
      const unit = await createUnit();
      const response = await t.request('PATCH', `/api/v1/units/${unit.id}`, { key: viewerKey, body: { name: 'Đổi tên' } });
      expect(response.status).toBe(403);
      const unchanged = await t.request<Unit>('GET', `/api/v1/units/${unit.id}`);
      expect(unchanged.body.name).toBe(unit.name);
    });
  });

  describe('DELETE /units/:id', () => {
    it('should deactivate the unit and keep it readable when it is deleted', async () => {
      const unit = await createUnit();
      const response = await t.request<Unit>('DELETE', `/api/v1/units/${unit.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: unit.id, code: unit.code, name: unit.name, active: false });
      const fetched = await t.request<Unit>('GET', `/api/v1/units/${unit.id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body.active).toBe(false);
      const inactive = await t.request<{ items: Unit[] }>('GET', `/api/v1/units?q=${unit.code}&active=false`);
      expect(inactive.body.items.map((item) => item.id)).toEqual([unit.id]);
    });

    it('should answer 200 with the inactive unit when it is deleted twice', async () => {
      const unit = await createUnit();
      await t.request('DELETE', `/api/v1/units/${unit.id}`);
      const again = await t.request<Unit>('DELETE', `/api/v1/units/${unit.id}`);
      expect(again.status).toBe(200);
      expect(again.body.active).toBe(false);
    });

    it('should keep the code taken when the unit is deactivated', async () => {
      const unit = await createUnit();
      await t.request('DELETE', `/api/v1/units/${unit.id}`);
      const response = await t.request('POST', '/api/v1/units', { body: { code: unit.code, name: 'Tái dùng mã', kind: 'other', emails: ['a@konray.gov.vn'] } });
      expect(response.status).toBe(409);
    });

    it('should answer 404 when no unit has the id', async () => {
      const response = await t.request('DELETE', `/api/v1/units/${UNKNOWN_ID}`);
      expect(response.status).toBe(404);
    });

    it('should answer 400 naming id when the id is not a UUID', async () => {
      const response = await t.request('DELETE', '/api/v1/units/xyz');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['id']);
    });

    it('should answer 403 and keep the unit active when the key is a viewer key', async () => {
      const unit = await createUnit();
      const response = await t.request('DELETE', `/api/v1/units/${unit.id}`, { key: viewerKey });
      expect(response.status).toBe(403);
      const fetched = await t.request<Unit>('GET', `/api/v1/units/${unit.id}`);
      expect(fetched.body.active).toBe(true);
    });

    it('should answer 401 when no key is sent', async () => {
      const unit = await createUnit();
      const response = await t.request('DELETE', `/api/v1/units/${unit.id}`, { key: null });
      expect(response.status).toBe(401);
    });
  });
});
