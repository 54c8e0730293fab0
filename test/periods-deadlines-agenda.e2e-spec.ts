import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from './support/test-app';

interface Period {
  id: string;
  year: number;
  quarter: number;
  reportDueAt: string;
  briefingAt: string;
}

interface Extension {
  periodId: string;
  unitId: string;
  reportDueAt: string;
  history: Array<{ reportDueAt: string; previousDueAt: string; reason: string; actor: string; createdAt: string }>;
}

interface AgendaItem {
  time: string;
  title: string;
  presenter: string | null;
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

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const SECRETARIAT = 'Văn phòng BCĐ';

function fields(details: FieldError[] | undefined): string[] {
  return (details ?? []).map((detail) => detail.field).sort();
}

describe('Period deadlines and agenda API', () => {
  let t: TestApp;
  let viewerKey: string;
  let secretariatKey: string;
  let nextYear = 2000;

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

  // The second quarter of a year no other test uses: report due 14/6 17:00, briefing 25/6 08:00 (UTC+7).
  async function createPeriod(): Promise<Period> {
    const year = nextYear++;
    const body = { year, quarter: 2, reportDueAt: `${year}-06-14T17:00:00+07:00`, briefingAt: `${year}-06-25T08:00:00+07:00` };
    const response = await t.request<Period>('POST', '/api/v1/periods', { body });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function createUnit(): Promise<{ id: string }> {
    const code = `XA-${randomBytes(3).toString('hex')}`.toUpperCase();
    const response = await t.request('POST', '/api/v1/units', { body: { code, name: 'Xã Đăk Ruồng', kind: 'commune', emails: ['ubnd@konray.gov.vn'] } });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function extensionOf(period: Period, unitId: string): Promise<Extension> {
    const response = await t.request<Extension>('GET', `/api/v1/periods/${period.id}/units/${unitId}/extension`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function agendaOf(periodId: string): Promise<AgendaItem[]> {
    const response = await t.request<AgendaItem[]>('GET', `/api/v1/periods/${periodId}/agenda-items`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function audit(entity: string, entityId: string): Promise<AuditEntry[]> {
    const response = await t.request<{ items: AuditEntry[] }>('GET', `/api/v1/audit?entity=${entity}&entityId=${entityId}&sort=at&limit=500`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  async function auditForPeriod(entity: string, periodId: string): Promise<AuditEntry[]> {
    const response = await t.request<{ items: AuditEntry[] }>('GET', `/api/v1/audit?entity=${entity}&sort=at&limit=500`);
    expect(response.status).toBe(200);
    return response.body.items.filter((entry) => entry.changes.periodId?.to === periodId);
  }

  describe('GET /periods/:id/units/:unitId/extension', () => {
    it("should give the period's deadline and no history when the unit has no extension", async () => {
      const [period, unit] = [await createPeriod(), await createUnit()];
      await expect(extensionOf(period, unit.id)).resolves.toEqual({ periodId: period.id, unitId: unit.id, reportDueAt: period.reportDueAt, history: [] });
    });

    it('should let a viewer read it', async () => {
      const [period, unit] = [await createPeriod(), await createUnit()];
      const response = await t.request('GET', `/api/v1/periods/${period.id}/units/${unit.id}/extension`, { key: viewerKey });
      expect(response.status).toBe(200);
    });

    it('should answer 404 when the period or the unit does not exist, and 400 naming the id that is not a UUID', async () => {
      const [period, unit] = [await createPeriod(), await createUnit()];
      const noPeriod = await t.request('GET', `/api/v1/periods/${UNKNOWN_ID}/units/${unit.id}/extension`);
      expect(noPeriod.status).toBe(404);
      expect(noPeriod.body.message).toContain('period');
      const noUnit = await t.request('GET', `/api/v1/periods/${period.id}/units/${UNKNOWN_ID}/extension`);
      expect(noUnit.status).toBe(404);
      expect(noUnit.body.message).toContain('unit');
      const badUnit = await t.request('GET', `/api/v1/periods/${period.id}/units/abc/extension`);
      expect(badUnit.status).toBe(400);
      expect(fields(badUnit.body.details)).toEqual(['unitId']);
      const badPeriod = await t.request('GET', `/api/v1/periods/abc/units/${unit.id}/extension`);
      expect(badPeriod.status).toBe(400);
      expect(fields(badPeriod.body.details)).toEqual(['id']);
    });

    it('should answer 401 without a key', async () => {
      await expect(t.request('GET', `/api/v1/periods/${UNKNOWN_ID}/units/${UNKNOWN_ID}/extension`, { key: null })).resolves.toMatchObject({ status: 401 });
    });
  });

  describe('POST /periods/:id/units/:unitId/extension', () => {
    it("should move the unit's deadline and keep every extension in its history", async () => {
      const [period, unit, other] = [await createPeriod(), await createUnit(), await createUnit()];
      const year = period.year;
      t.clock.travelTo(new Date(`${year}-06-13T09:00:00+07:00`));
      const first = await t.request<Extension>('POST', `/api/v1/periods/${period.id}/units/${unit.id}/extension`, {
        key: secretariatKey,
        body: { reportDueAt: `${year}-06-19T17:00:00+07:00`, reason: ' Mưa lũ chia cắt địa bàn ' },
      });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        periodId: period.id,
        unitId: unit.id,
        reportDueAt: `${year}-06-19T10:00:00.000Z`,
        history: [
          { reportDueAt: `${year}-06-19T10:00:00.000Z`, previousDueAt: period.reportDueAt, reason: 'Mưa lũ chia cắt địa bàn', actor: SECRETARIAT, createdAt: expect.any(String) },
        ],
      });
      expect(Math.abs(Date.parse(first.body.history[0].createdAt) - Date.parse(`${year}-06-13T02:00:00Z`))).toBeLessThan(60_000);

      t.clock.travelTo(new Date(`${year}-06-18T09:00:00+07:00`));
      const second = await t.request<Extension>('POST', `/api/v1/periods/${period.id}/units/${unit.id}/extension`, {
        body: { reportDueAt: `${year}-06-21T17:00:00+07:00`, reason: 'Gia hạn lần 2' },
      });
      expect(second.status).toBe(201);
      expect(second.body.reportDueAt).toBe(`${year}-06-21T10:00:00.000Z`);
      expect(second.body.history.map((entry) => [entry.previousDueAt, entry.reportDueAt])).toEqual([
        [period.reportDueAt, `${year}-06-19T10:00:00.000Z`],
        [`${year}-06-19T10:00:00.000Z`, `${year}-06-21T10:00:00.000Z`],
      ]);
      await expect(extensionOf(period, unit.id)).resolves.toEqual(second.body);
      await expect(extensionOf(period, other.id)).resolves.toMatchObject({ reportDueAt: period.reportDueAt, history: [] });
    });

    it('should allow an extension earlier than the previous one, to correct it, as long as it is after the period deadline', async () => {
      const [period, unit] = [await createPeriod(), await createUnit()];
      const path = `/api/v1/periods/${period.id}/units/${unit.id}/extension`;
      await expect(t.request('POST', path, { body: { reportDueAt: `${period.year}-06-28T17:00:00+07:00`, reason: 'Nhầm ngày' } })).resolves.toMatchObject({ status: 201 });
      const corrected = await t.request<Extension>('POST', path, { body: { reportDueAt: `${period.year}-06-18T17:00:00+07:00`, reason: 'Sửa ngày' } });
      expect(corrected.status).toBe(201);
      expect(corrected.body.reportDueAt).toBe(`${period.year}-06-18T10:00:00.000Z`);
      expect(corrected.body.history).toHaveLength(2);
    });

    it('should chain each extension to the one before it when several are granted at once', async () => {
      const [period, unit] = [await createPeriod(), await createUnit()];
      const days = [16, 17, 18, 19, 20, 21];
      const responses = await Promise.all(
        days.map((day) =>
          t.request('POST', `/api/v1/periods/${period.id}/units/${unit.id}/extension`, { body: { reportDueAt: `${period.year}-06-${day}T17:00:00+07:00`, reason: `Ngày ${day}` } }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(days.map(() => 201));
      const { reportDueAt, history } = await extensionOf(period, unit.id);
      expect(history).toHaveLength(days.length);
      expect(history[0].previousDueAt).toBe(period.reportDueAt);
      for (let i = 1; i < history.length; i++) expect(history[i].previousDueAt).toBe(history[i - 1].reportDueAt);
      expect(reportDueAt).toBe(history[history.length - 1].reportDueAt);
    });

    it("should follow the period's deadline for units without an extension when the period's deadline changes", async () => {
      const [period, extended, plain] = [await createPeriod(), await createUnit(), await createUnit()];
      const created = await t.request('POST', `/api/v1/periods/${period.id}/units/${extended.id}/extension`, {
        body: { reportDueAt: `${period.year}-06-20T17:00:00+07:00`, reason: 'Lý do' },
      });
      expect(created.status).toBe(201);
      const patched = await t.request('PATCH', `/api/v1/periods/${period.id}`, { body: { reportDueAt: `${period.year}-06-16T17:00:00+07:00` } });
      expect(patched.status).toBe(200);
      await expect(extensionOf(period, plain.id)).resolves.toMatchObject({ reportDueAt: `${period.year}-06-16T10:00:00.000Z` });
      await expect(extensionOf(period, extended.id)).resolves.toMatchObject({ reportDueAt: `${period.year}-06-20T10:00:00.000Z` });
    });

    it('should record each extension with its previous and new deadline in the audit log', async () => {
      const [period, unit] = [await createPeriod(), await createUnit()];
      const response = await t.request('POST', `/api/v1/periods/${period.id}/units/${unit.id}/extension`, {
        key: secretariatKey,
        body: { reportDueAt: `${period.year}-06-20T17:00:00+07:00`, reason: 'Lý do' },
      });
      expect(response.status).toBe(201);
      const entries = await auditForPeriod('report_extension', period.id);
      expect(entries).toEqual([
        expect.objectContaining({
          actor: SECRETARIAT,
          action: 'create',
          changes: {
            periodId: { to: period.id },
            unitId: { to: unit.id },
            reportDueAt: { from: period.reportDueAt, to: `${period.year}-06-20T10:00:00.000Z` },
            reason: { to: 'Lý do' },
          },
        }),
      ]);
    });

    it("should answer 400 naming reportDueAt and change nothing when it is not after the period's deadline or has no offset", async () => {
      const [period, unit] = [await createPeriod(), await createUnit()];
      for (const reportDueAt of [period.reportDueAt, `${period.year}-06-10T17:00:00+07:00`, `${period.year}-06-20T17:00:00`, `${period.year}-06-31T17:00:00+07:00`, null]) {
        const response = await t.request('POST', `/api/v1/periods/${period.id}/units/${unit.id}/extension`, { body: { reportDueAt, reason: 'Lý do' } });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['reportDueAt']);
      }
      await expect(extensionOf(period, unit.id)).resolves.toMatchObject({ reportDueAt: period.reportDueAt, history: [] });
      await expect(auditForPeriod('report_extension', period.id)).resolves.toEqual([]);
    });

    it('should answer 400 naming reason and change nothing when it is missing or blank', async () => {
      const [period, unit] = [await createPeriod(), await createUnit()];
      for (const body of [{}, { reason: '   ' }, { reason: 42 }]) {
        const response = await t.request('POST', `/api/v1/periods/${period.id}/units/${unit.id}/extension`, {
          body: { reportDueAt: `${period.year}-06-20T17:00:00+07:00`, ...body },
        });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['reason']);
      }
      const unknown = await t.request('POST', `/api/v1/periods/${period.id}/units/${unit.id}/extension`, {
        body: { reportDueAt: `${period.year}-06-20T17:00:00+07:00`, reason: 'x', dueAt: 'x' },
      });
      expect(fields(unknown.body.details)).toEqual(['dueAt']);
      await expect(extensionOf(period, unit.id)).resolves.toMatchObject({ history: [] });
    });

    it('should answer 404 when the period or the unit does not exist', async () => {
      const [period, unit] = [await createPeriod(), await createUnit()];
      const body = { reportDueAt: `${period.year}-06-20T17:00:00+07:00`, reason: 'Lý do' };
      const noUnit = await t.request('POST', `/api/v1/periods/${period.id}/units/${UNKNOWN_ID}/extension`, { body });
      expect(noUnit.status).toBe(404);
      expect(noUnit.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: expect.stringContaining('unit') });
      const noPeriod = await t.request('POST', `/api/v1/periods/${UNKNOWN_ID}/units/${unit.id}/extension`, { body });
      expect(noPeriod.status).toBe(404);
      expect(noPeriod.body.message).toContain('period');
    });

    it('should answer 400 naming unitId when it is not a UUID', async () => {
      const period = await createPeriod();
      const response = await t.request('POST', `/api/v1/periods/${period.id}/units/XA-01/extension`, { body: { reportDueAt: `${period.year}-06-20T17:00:00+07:00`, reason: 'x' } });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['unitId']);
    });

    it('should answer 403 for a viewer and 401 without a key, and change nothing', async () => {
      const [period, unit] = [await createPeriod(), await createUnit()];
      const body = { reportDueAt: `${period.year}-06-20T17:00:00+07:00`, reason: 'Lý do' };
      await expect(t.request('POST', `/api/v1/periods/${period.id}/units/${unit.id}/extension`, { key: viewerKey, body })).resolves.toMatchObject({ status: 403 });
      await expect(t.request('POST', `/api/v1/periods/${period.id}/units/${unit.id}/extension`, { key: null, body })).resolves.toMatchObject({ status: 401 });
      await expect(extensionOf(period, unit.id)).resolves.toMatchObject({ history: [] });
    });
  });

  describe('GET /periods/:id/agenda-items', () => {
    it('should give an empty agenda when none was set, also to a viewer', async () => {
      const period = await createPeriod();
      const response = await t.request('GET', `/api/v1/periods/${period.id}/agenda-items`, { key: viewerKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual([]);
    });

    it('should answer 404 for an unknown period, 400 naming id when it is not a UUID, and 401 without a key', async () => {
      await expect(t.request('GET', `/api/v1/periods/${UNKNOWN_ID}/agenda-items`)).resolves.toMatchObject({ status: 404 });
      const malformed = await t.request('GET', '/api/v1/periods/x/agenda-items');
      expect(malformed.status).toBe(400);
      expect(fields(malformed.body.details)).toEqual(['id']);
      await expect(t.request('GET', `/api/v1/periods/${UNKNOWN_ID}/agenda-items`, { key: null })).resolves.toMatchObject({ status: 401 });
    });
  });

  describe('PUT /periods/:id/agenda-items', () => {
    const agenda = [
      { time: '08:00', title: ' Khai mạc hội nghị ', presenter: 'Trưởng BCĐ' },
      { time: '08:15', title: 'Báo cáo kết quả quý', presenter: 'Thường trực BCĐ' },
      { time: '09:30', title: 'Thảo luận' },
    ];

    it('should save the agenda in time order, trimmed, with null presenters, when the items are valid', async () => {
      const period = await createPeriod();
      const shuffled = [agenda[2], agenda[0], agenda[1]];
      const response = await t.request<AgendaItem[]>('PUT', `/api/v1/periods/${period.id}/agenda-items`, { body: shuffled });
      expect(response.status).toBe(200);
      const expected = [
        { time: '08:00', title: 'Khai mạc hội nghị', presenter: 'Trưởng BCĐ' },
        { time: '08:15', title: 'Báo cáo kết quả quý', presenter: 'Thường trực BCĐ' },
        { time: '09:30', title: 'Thảo luận', presenter: null },
      ];
      expect(response.body).toEqual(expected);
      await expect(agendaOf(period.id)).resolves.toEqual(expected);
    });

    it('should replace the whole agenda when put again, and empty it with an empty list', async () => {
      const period = await createPeriod();
      await expect(t.request('PUT', `/api/v1/periods/${period.id}/agenda-items`, { body: agenda })).resolves.toMatchObject({ status: 200 });
      const replaced = await t.request('PUT', `/api/v1/periods/${period.id}/agenda-items`, { body: [{ time: '14:00', title: 'Bế mạc', presenter: null }] });
      expect(replaced.status).toBe(200);
      await expect(agendaOf(period.id)).resolves.toEqual([{ time: '14:00', title: 'Bế mạc', presenter: null }]);
      await expect(t.request('PUT', `/api/v1/periods/${period.id}/agenda-items`, { body: [] })).resolves.toMatchObject({ status: 200, body: [] });
      await expect(agendaOf(period.id)).resolves.toEqual([]);
    });

    it('should keep the given order of items at the same time and accept 50 items', async () => {
      const period = await createPeriod();
      const items = Array.from({ length: 50 }, (_item, index) => ({ time: index % 2 ? '07:00' : '23:59', title: `Mục ${index}` }));
      const response = await t.request<AgendaItem[]>('PUT', `/api/v1/periods/${period.id}/agenda-items`, { body: items });
      expect(response.status).toBe(200);
      expect(response.body.map((item) => item.title)).toEqual(
        [...items.filter((_item, index) => index % 2), ...items.filter((_item, index) => !(index % 2))].map((item) => item.title),
      );
    });

    it('should record the old and new agenda in the audit log, and nothing when the agenda is unchanged', async () => {
      const period = await createPeriod();
      const first = [{ time: '08:00', title: 'Khai mạc', presenter: null }];
      await expect(t.request('PUT', `/api/v1/periods/${period.id}/agenda-items`, { key: secretariatKey, body: first })).resolves.toMatchObject({ status: 200 });
      await expect(t.request('PUT', `/api/v1/periods/${period.id}/agenda-items`, { body: [{ time: '08:00', title: 'Khai mạc' }] })).resolves.toMatchObject({ status: 200 });
      const entries = await audit('agenda', period.id);
      expect(entries).toEqual([expect.objectContaining({ actor: SECRETARIAT, action: 'update', entityId: period.id, changes: { items: { from: [], to: first } } })]);
    });

    it('should answer 400 naming each wrong item field with its index and change nothing', async () => {
      const period = await createPeriod();
      await expect(t.request('PUT', `/api/v1/periods/${period.id}/agenda-items`, { body: agenda })).resolves.toMatchObject({ status: 200 });
      const before = await agendaOf(period.id);
      const response = await t.request('PUT', `/api/v1/periods/${period.id}/agenda-items`, {
        body: [
          { time: '08:00', title: 'Đúng' },
          { time: '24:00', title: '  ' },
          { time: '8:00', title: 'Giờ thiếu số 0', presenter: 5 },
          { time: '07:60', speaker: 'x' },
          'Khai mạc',
        ],
      });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['[1].time', '[1].title', '[2].presenter', '[2].time', '[3].speaker', '[3].time', '[3].title', '[4]']);
      await expect(agendaOf(period.id)).resolves.toEqual(before);
    });

    it('should answer 400 naming body when it is not an array or has more than 50 items', async () => {
      const period = await createPeriod();
      const tooMany = Array.from({ length: 51 }, () => ({ time: '08:00', title: 'x' }));
      for (const body of [{ time: '08:00', title: 'x' }, 'x', tooMany]) {
        const response = await t.request('PUT', `/api/v1/periods/${period.id}/agenda-items`, { body });
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['body']);
      }
      await expect(agendaOf(period.id)).resolves.toEqual([]);
    });

    it('should answer 404 for an unknown period and 400 naming id when it is not a UUID', async () => {
      await expect(t.request('PUT', `/api/v1/periods/${UNKNOWN_ID}/agenda-items`, { body: agenda })).resolves.toMatchObject({ status: 404 });
      const malformed = await t.request('PUT', '/api/v1/periods/x/agenda-items', { body: agenda });
      expect(malformed.status).toBe(400);
      expect(fields(malformed.body.details)).toEqual(['id']);
    });

    it('should answer 403 for a viewer and 401 without a key, and change nothing', async () => {
      const period = await createPeriod();
      await expect(t.request('PUT', `/api/v1/periods/${period.id}/agenda-items`, { key: viewerKey, body: agenda })).resolves.toMatchObject({ status: 403 });
      await expect(t.request('PUT', `/api/v1/periods/${period.id}/agenda-items`, { key: null, body: agenda })).resolves.toMatchObject({ status: 401 });
      await expect(agendaOf(period.id)).resolves.toEqual([]);
    });
  });
});
