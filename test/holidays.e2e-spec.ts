import { DataSource } from 'typeorm';
import { Holidays1764400001000 } from '../migrations/1764400001000-Holidays';
import { VIETNAM_HOLIDAYS } from '../src/calendar/vietnam-holidays';
import { isWorkingDay } from '../src/calendar/working-days';
import { CalendarService } from '../src/holidays/calendar.service';
import { startTestApp, TestApp } from './support/test-app';

interface Holiday {
  date: string;
  name: string;
  kind: 'holiday' | 'workday';
}

interface FieldError {
  field: string;
  message: string;
}

const YEAR_2030: Holiday[] = [
  { date: '2030-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
  { date: '2030-05-06', name: 'Nghỉ hoán đổi', kind: 'holiday' },
  { date: '2030-05-04', name: 'Làm bù ngày 06/5/2030', kind: 'workday' },
];

function fields(details: FieldError[] | undefined): string[] {
  return (details ?? []).map((detail) => detail.field).sort();
}

describe('Holidays API', () => {
  let t: TestApp;
  let viewerKey: string;
  let secretariatKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    const viewer = await t.request('POST', '/api/v1/api-keys', { body: { name: 'Người xem', role: 'viewer' } });
    const secretariat = await t.request('POST', '/api/v1/api-keys', { body: { name: 'Văn phòng BCĐ', role: 'secretariat' } });
    expect([viewer.status, secretariat.status]).toEqual([201, 201]);
    viewerKey = viewer.body.key;
    secretariatKey = secretariat.body.key;
  });

  afterAll(async () => {
    await t.close();
  });

  async function list(year?: number): Promise<Holiday[]> {
    const response = await t.request<Holiday[]>('GET', `/api/v1/holidays${year === undefined ? '' : `?year=${year}`}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  describe('GET /holidays', () => {
    it("should list 2024's seeded days by date when asked for that year", async () => {
      const holidays = await list(2024);
      const tet = holidays.filter((entry) => entry.date >= '2024-02-08' && entry.date <= '2024-02-14');
      expect(tet.map((entry) => entry.date)).toEqual(['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14']);
      expect(tet.every((entry) => entry.kind === 'holiday' && entry.name === 'Tết Nguyên đán Giáp Thìn')).toBe(true);
      expect(holidays).toContainEqual({ date: '2024-05-04', name: 'Làm bù ngày 29/4/2024', kind: 'workday' });
      expect(holidays.every((entry) => entry.date.startsWith('2024-'))).toBe(true);
      expect(holidays.map((entry) => entry.date)).toEqual(holidays.map((entry) => entry.date).sort());
      expect(Object.keys(holidays[0]).sort()).toEqual(['date', 'kind', 'name']);
    });

    it('should list every seeded year when no year is given', async () => {
      const seed = Object.values(VIETNAM_HOLIDAYS).flat();
      expect(await list()).toEqual(seed);
    });

    it('should answer an empty list when the year has no entries', async () => {
      expect(await list(2099)).toEqual([]);
    });

    it('should answer 400 naming the year when it is out of range or not a number', async () => {
      for (const year of ['1999', '2101', 'abc', '2024.5']) {
        const response = await t.request('GET', `/api/v1/holidays?year=${year}`);
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['year']);
      }
    });

    it('should answer 400 when the query has an unknown parameter', async () => {
      const response = await t.request('GET', '/api/v1/holidays?yaer=2024');
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['yaer']);
    });
  });

  describe('PUT /holidays/:year', () => {
    it("should replace the year's entries and list them by date when the list is valid", async () => {
      const response = await t.request<Holiday[]>('PUT', '/api/v1/holidays/2030', { key: secretariatKey, body: YEAR_2030 });
      expect(response.status).toBe(200);
      const sorted = [...YEAR_2030].sort((a, b) => a.date.localeCompare(b.date));
      expect(response.body).toEqual(sorted);
      expect(await list(2030)).toEqual(sorted);

      const replacement = [{ date: '2030-09-02', name: '  Quốc khánh  ', kind: 'holiday' }];
      const replaced = await t.request<Holiday[]>('PUT', '/api/v1/holidays/2030', { key: secretariatKey, body: replacement });
      expect(replaced.status).toBe(200);
      expect(await list(2030)).toEqual([{ date: '2030-09-02', name: 'Quốc khánh', kind: 'holiday' }]);
    });

    it('should leave the other years alone when a year is replaced', async () => {
      const before2024 = await list(2024);
      const before2025 = await list(2025);
      expect((await t.request('PUT', '/api/v1/holidays/2026', { body: [{ date: '2026-01-01', name: 'Tết Dương lịch', kind: 'holiday' }] })).status).toBe(200);
      expect(await list(2024)).toEqual(before2024);
      expect(await list(2025)).toEqual(before2025);
      expect(await list(2026)).toEqual([{ date: '2026-01-01', name: 'Tết Dương lịch', kind: 'holiday' }]);
    });

    it('should empty the year when the list is empty', async () => {
      await t.request('PUT', '/api/v1/holidays/2032', { body: [{ date: '2032-01-01', name: 'Tết Dương lịch', kind: 'holiday' }] });
      const response = await t.request('PUT', '/api/v1/holidays/2032', { body: [] });
      expect(response.status).toBe(200);
      expect(response.body).toEqual([]);
      expect(await list(2032)).toEqual([]);
    });

    it('should accept a holiday on a weekend when the announced range includes one', async () => {
      const response = await t.request('PUT', '/api/v1/holidays/2033', { body: [{ date: '2033-01-01', name: 'Tết Dương lịch (thứ Bảy)', kind: 'holiday' }] });
      expect(response.status).toBe(200);
    });

    const invalidBodies: Array<{ when: string; year?: string; body: unknown; field: string; message?: string }> = [
      { when: 'the body is an object', body: { date: '2025-09-02', name: 'Quốc khánh', kind: 'holiday' }, field: 'body' },
      { when: 'the body is missing', body: undefined, field: 'body' },
      {
        when: 'the body has more than 200 entries',
        body: Array.from({ length: 201 }, (_, i) => ({ date: `2025-12-${String((i % 28) + 1).padStart(2, '0')}`, name: 'x', kind: 'holiday' })),
        field: 'body',
      },
      { when: 'an entry is not an object', body: [{ date: '2025-09-02', name: 'Quốc khánh', kind: 'holiday' }, 'Quốc khánh'], field: '[1]' },
      { when: 'a date does not exist', body: [{ date: '2025-02-29', name: 'x', kind: 'holiday' }], field: '[0].date', message: 'must be a date YYYY-MM-DD' },
      { when: 'a date is not YYYY-MM-DD', body: [{ date: '02/09/2025', name: 'x', kind: 'holiday' }], field: '[0].date' },
      {
        when: 'a date is in another year',
        body: [
          { date: '2025-09-01', name: 'x', kind: 'holiday' },
          { date: '2025-09-02', name: 'x', kind: 'holiday' },
          { date: '2026-01-01', name: 'x', kind: 'holiday' },
        ],
        field: '[2].date',
        message: 'must be a date in 2025',
      },
      {
        when: 'a date is given twice',
        body: [
          { date: '2025-09-02', name: 'x', kind: 'holiday' },
          { date: '2025-09-02', name: 'y', kind: 'holiday' },
        ],
        field: '[1].date',
      },
      {
        when: 'a make-up working day is a weekday',
        body: [{ date: '2025-04-28', name: 'x', kind: 'workday' }],
        field: '[0].kind',
        message: 'a make-up working day must be a Saturday or Sunday',
      },
      { when: 'the kind is unknown', body: [{ date: '2025-09-02', name: 'x', kind: 'vacation' }], field: '[0].kind' },
      { when: 'the name is blank', body: [{ date: '2025-09-02', name: '   ', kind: 'holiday' }], field: '[0].name' },
      { when: 'the name is missing', body: [{ date: '2025-09-02', kind: 'holiday' }], field: '[0].name' },
      { when: 'an entry has an unknown field', body: [{ date: '2025-09-02', name: 'x', kind: 'holiday', note: 'y' }], field: '[0].note', message: 'is not a known field' },
      { when: 'the year is out of range', year: '1999', body: [], field: 'year' },
      { when: 'the year is not a number', year: 'abc', body: [], field: 'year' },
    ];

    it.each(invalidBodies)('should answer 400 naming $field and change nothing when $when', async ({ year = '2025', body, field, message }) => {
      const before = await list();
      const response = await t.request('PUT', `/api/v1/holidays/${year}`, { body });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(fields(response.body.details)).toEqual([field]);
      if (message) expect(response.body.details[0].message).toBe(message);
      expect(await list()).toEqual(before);
    });

    it('should name every wrong field and change nothing when only some entries are wrong', async () => {
      const before = await list(2025);
      const response = await t.request('PUT', '/api/v1/holidays/2025', {
        body: [
          { date: '2025-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
          { date: '2024-12-31', name: 'x', kind: 'holiday' },
          { date: '2025-04-28', name: 'x', kind: 'workday' },
        ],
      });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['[1].date', '[2].kind']);
      expect(await list(2025)).toEqual(before);
    });

    it('should answer 403 and change nothing when a viewer replaces a year', async () => {
      const before = await list(2025);
      const response = await t.request('PUT', '/api/v1/holidays/2025', { key: viewerKey, body: [] });
      expect(response.status).toBe(403);
      expect(await list(2025)).toEqual(before);
      expect((await t.request('GET', '/api/v1/holidays?year=2025', { key: viewerKey })).status).toBe(200);
    });

    it('should answer 401 when no key is sent', async () => {
      expect((await t.request('GET', '/api/v1/holidays', { key: null })).status).toBe(401);
      expect((await t.request('PUT', '/api/v1/holidays/2025', { key: null, body: [] })).status).toBe(401);
    });

    it('should record the old and new entries in the audit log when a year is replaced', async () => {
      const before = await list(2027);
      const after = [{ date: '2027-09-02', name: 'Quốc khánh', kind: 'holiday' }];
      expect((await t.request('PUT', '/api/v1/holidays/2027', { key: secretariatKey, body: after })).status).toBe(200);
      const audit = await t.request('GET', '/api/v1/audit?entity=holidays&entityId=2027');
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({
        actor: 'Văn phòng BCĐ',
        action: 'update',
        entity: 'holidays',
        entityId: '2027',
        changes: { entries: { from: before, to: after } },
      });
    });

    it('should write nothing to the audit log when the list is unchanged', async () => {
      const body = [{ date: '2034-09-02', name: 'Quốc khánh', kind: 'holiday' }];
      await t.request('PUT', '/api/v1/holidays/2034', { body });
      expect((await t.request('PUT', '/api/v1/holidays/2034', { body })).status).toBe(200);
      const audit = await t.request('GET', '/api/v1/audit?entity=holidays&entityId=2034');
      expect(audit.body.total).toBe(1);
    });

    it('should apply concurrent replacements of a year one after the other', async () => {
      const bodies = Array.from({ length: 5 }, (_, i) => [{ date: `2035-03-0${i + 1}`, name: `lần ${i}`, kind: 'holiday' }]);
      const responses = await Promise.all(bodies.map((body) => t.request('PUT', '/api/v1/holidays/2035', { body })));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      const final = await list(2035);
      expect(bodies).toContainEqual(final);
      const audit = await t.request('GET', '/api/v1/audit?entity=holidays&entityId=2035');
      expect(audit.body.total).toBe(5);
    });
  });

  describe(CalendarService.name, () => {
    it('should reflect a replaced year at once when the holidays change', async () => {
      const calendars = t.app.get(CalendarService);
      const before = await calendars.calendar();
      expect(isWorkingDay(before, '2031-03-03')).toBe(true);
      expect(isWorkingDay(before, '2031-03-08')).toBe(false);
      const body = [
        { date: '2031-03-03', name: 'Nghỉ hoán đổi', kind: 'holiday' },
        { date: '2031-03-08', name: 'Làm bù ngày 03/3/2031', kind: 'workday' },
      ];
      expect((await t.request('PUT', '/api/v1/holidays/2031', { body })).status).toBe(200);
      const after = await calendars.calendar();
      expect(isWorkingDay(after, '2031-03-03')).toBe(false);
      expect(isWorkingDay(after, '2031-03-08')).toBe(true);
      expect(isWorkingDay(after, '2024-02-12')).toBe(false);
    });

    it('should use the committee time zone when the settings change it', async () => {
      const calendars = t.app.get(CalendarService);
      expect((await calendars.calendar()).timeZone).toBe('Asia/Ho_Chi_Minh');
      expect((await t.request('PATCH', '/api/v1/settings', { body: { timezone: 'Asia/Bangkok' } })).status).toBe(200);
      expect((await calendars.calendar()).timeZone).toBe('Asia/Bangkok');
      expect((await t.request('PATCH', '/api/v1/settings', { body: { timezone: 'Asia/Ho_Chi_Minh' } })).status).toBe(200);
    });
  });

  describe(Holidays1764400001000.name, () => {
    it('should drop the table when reverted and seed it again when reapplied', async () => {
      const dataSource = await new DataSource({ type: 'postgres', url: t.config.databaseUrl }).initialize();
      const runner = dataSource.createQueryRunner();
      const migration = new Holidays1764400001000();
      const tableExists = async () => (await runner.query(`SELECT to_regclass('holidays') IS NOT NULL AS found`))[0].found;
      try {
        await runner.startTransaction();
        await migration.down(runner);
        expect(await tableExists()).toBe(false);
        await migration.up(runner);
        const [{ count }] = await runner.query(`SELECT count(*)::int AS count FROM holidays`);
        expect(count).toBe(Object.values(VIETNAM_HOLIDAYS).flat().length);
      } finally {
        // Rolled back, so that the application's own table is left as the tests made it.
        await runner.rollbackTransaction();
        await runner.release();
        await dataSource.destroy();
      }
    });
  });
});
