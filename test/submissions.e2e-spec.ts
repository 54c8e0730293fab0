import { SubmissionsService } from '../src/submissions/submissions.service';
import { fields, Indicator, Period, Revision, SECRETARIAT, Submission, SubmissionsFixture, Unit, UNKNOWN_ID, UUID } from './submissions-fixtures';

const DEADLINE = '2024-06-25T17:00:00+07:00';

function at(instant: string): Date {
  return new Date(instant);
}

// The clock keeps running after travelTo, so a stamped instant is a little after it.
function expectNear(actual: string | null, expected: string): void {
  expect(actual).not.toBeNull();
  const drift = new Date(actual as string).getTime() - new Date(expected).getTime();
  expect(drift).toBeGreaterThanOrEqual(0);
  expect(drift).toBeLessThan(5_000);
}

describe('Submissions API', () => {
  let f: SubmissionsFixture;
  let buoi: Indicator;
  let luot: Indicator;

  beforeAll(async () => {
    f = await SubmissionsFixture.start();
    buoi = await f.createIndicator({ name: 'Buổi tuyên truyền chuyên đề, lồng ghép', measure: 'buổi' });
    luot = await f.createIndicator({ name: 'Lượt người tham dự', measure: 'lượt người' });
  });

  afterAll(async () => {
    await f.close();
  });

  beforeEach(() => {
    f.t.clock.travelTo(at('2024-06-20T09:00:00+07:00'));
  });

  async function setting(): Promise<{ period: Period; unit: Unit }> {
    return { period: await f.insertPeriod({ reportDueAt: DEADLINE }), unit: await f.createUnit() };
  }

  describe('PUT /periods/:periodId/submissions/:unitId', () => {
    it('should create a draft with trimmed sections and values under the indicator codes when the body is valid', async () => {
      const { period, unit } = await setting();
      const response = await f.put(
        period.id,
        unit.id,
        { sections: { results: '  Tổ chức 12 buổi tuyên truyền.  ', difficulties: '   ', proposals: null }, values: { [buoi.code.toLowerCase()]: 12, [luot.code]: 8145.5 } },
        f.secretariatKey,
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        periodId: period.id,
        unitId: unit.id,
        unitCode: unit.code,
        unitName: unit.name,
        status: 'draft',
        sections: { results: 'Tổ chức 12 buổi tuyên truyền.', difficulties: null, proposals: null },
        values: { [buoi.code]: 12, [luot.code]: 8145.5 },
        submittedAt: null,
        lastSubmittedAt: null,
        late: false,
        reportDueAt: period.reportDueAt.toISOString(),
        revision: 1,
        reviewComment: null,
        reviewedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expectNear(response.body.createdAt, '2024-06-20T09:00:00+07:00');
      expect(Object.keys(response.body.values)).toEqual([buoi.code, luot.code]);
      expect(await f.get(response.body.id)).toEqual(response.body);
    });

    it('should submit on time with submittedAt and lastSubmittedAt set when submit is true before the deadline', async () => {
      const { period, unit } = await setting();
      const draft = await f.save(period.id, unit.id, { values: { [buoi.code]: 3 } });
      f.t.clock.travelTo(at('2024-06-25T16:59:00+07:00'));
      const submitted = await f.save(period.id, unit.id, { values: { [buoi.code]: 3 }, submit: true });
      expect(submitted).toMatchObject({ id: draft.id, status: 'submitted', late: false, revision: 2 });
      expectNear(submitted.submittedAt, '2024-06-25T16:59:00+07:00');
      expect(submitted.lastSubmittedAt).toBe(submitted.submittedAt);
    });

    it('should mark the report late when it is first submitted after the deadline', async () => {
      const { period, unit } = await setting();
      f.t.clock.travelTo(at('2024-06-25T17:00:01+07:00'));
      const submitted = await f.save(period.id, unit.id, { values: { [buoi.code]: 3 }, submit: true });
      expect(submitted).toMatchObject({ status: 'submitted', late: true, revision: 1 });
      expectNear(submitted.submittedAt, '2024-06-25T17:00:01+07:00');
    });

    it("should judge lateness on the unit's latest extension and show it as reportDueAt when the unit has extensions", async () => {
      const { period, unit } = await setting();
      const other = await f.createUnit();
      await f.insertExtension(period.id, unit.id, '2024-06-27T17:00:00+07:00', '2024-06-21T08:00:00+07:00');
      await f.insertExtension(period.id, unit.id, '2024-06-28T17:00:00+07:00', '2024-06-22T08:00:00+07:00');
      f.t.clock.travelTo(at('2024-06-28T10:00:00+07:00'));
      const extended = await f.save(period.id, unit.id, { values: {}, submit: true });
      expect(extended).toMatchObject({ late: false, reportDueAt: new Date('2024-06-28T17:00:00+07:00').toISOString() });
      const notExtended = await f.save(period.id, other.id, { values: {}, submit: true });
      expect(notExtended).toMatchObject({ late: true, reportDueAt: new Date(DEADLINE).toISOString() });
    });

    it('should keep a submitted report submitted and record a revision when it is edited before review', async () => {
      const { period, unit } = await setting();
      const submitted = await f.save(period.id, unit.id, { values: { [buoi.code]: 3 }, submit: true });
      f.t.clock.travelTo(at('2024-06-26T09:00:00+07:00'));
      const edited = await f.save(period.id, unit.id, { sections: { results: 'Sửa số liệu' }, values: { [buoi.code]: 4 } });
      expect(edited).toMatchObject({
        status: 'submitted',
        revision: 2,
        late: false,
        values: { [buoi.code]: 4 },
        submittedAt: submitted.submittedAt,
        lastSubmittedAt: submitted.lastSubmittedAt,
      });
      expect((await f.revisions(edited.id)).map((revision) => revision.action)).toEqual(['submit', 'update']);
    });

    it('should move lastSubmittedAt but keep the first submittedAt when a submitted report is sent again with changes', async () => {
      const { period, unit } = await setting();
      const first = await f.save(period.id, unit.id, { values: { [buoi.code]: 3 }, submit: true });
      f.t.clock.travelTo(at('2024-06-27T09:00:00+07:00'));
      const again = await f.save(period.id, unit.id, { values: { [buoi.code]: 5 }, submit: true });
      expect(again).toMatchObject({ status: 'submitted', submittedAt: first.submittedAt, late: false, revision: 2 });
      expectNear(again.lastSubmittedAt, '2024-06-27T09:00:00+07:00');
    });

    it('should store nothing and keep the revision when the same report is sent again', async () => {
      const { period, unit } = await setting();
      const assignmentId = await f.insertAssignment(period.id, unit.id);
      const body = { sections: { results: 'Kết quả' }, values: { [buoi.code]: 3 }, taskUpdates: [{ assignmentId, status: 'in_progress' }], submit: true };
      const first = await f.save(period.id, unit.id, body);
      f.t.clock.travelTo(at('2024-06-21T09:00:00+07:00'));
      const second = await f.save(period.id, unit.id, body);
      expect(second).toEqual(first);
      expect(await f.revisions(first.id)).toHaveLength(1);
    });

    it('should remove the values and sections left out when a later PUT omits them', async () => {
      const { period, unit } = await setting();
      await f.save(period.id, unit.id, { sections: { results: 'A', proposals: 'B' }, values: { [buoi.code]: 3, [luot.code]: 100 } });
      const replaced = await f.save(period.id, unit.id, { sections: { results: 'A' }, values: { [luot.code]: 0 } });
      expect(replaced).toMatchObject({ sections: { results: 'A', difficulties: null, proposals: null }, values: { [luot.code]: 0 }, revision: 2 });
      expect(replaced.values).not.toHaveProperty(buoi.code);
      const [, second] = await f.revisions(replaced.id);
      expect(second.changes).toEqual({ sections: { proposals: { from: 'B', to: null } }, values: { [buoi.code]: { from: 3, to: null }, [luot.code]: { from: 100, to: 0 } } });
    });

    it('should answer 400 naming each wrong value and change nothing when codes or numbers are invalid', async () => {
      const { period, unit } = await setting();
      const inactive = await f.createIndicator({ active: false });
      const before = await f.save(period.id, unit.id, { values: { [buoi.code]: 3 } });
      const response = await f.put(
        period.id,
        unit.id,
        { sections: { results: 'Mới' }, values: { KHONG_CO: 1, [buoi.code]: '5', [luot.code]: -1, [inactive.code]: 2, VERY_BIG: 1 }, submit: true },
        f.secretariatKey,
      );
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual([`values.${buoi.code}`, `values.${inactive.code}`, `values.${luot.code}`, 'values.KHONG_CO', 'values.VERY_BIG'].sort());
      expect(response.body.details).toContainEqual({ field: 'values.KHONG_CO', message: 'is not a known indicator code' });
      expect(response.body.details).toContainEqual({ field: `values.${luot.code}`, message: expect.stringContaining('finite number') });
      expect(await f.get(before.id)).toEqual(before);
      expect(await f.revisions(before.id)).toHaveLength(1);
    });

    it('should answer 400 naming the value when it is above the limit, a boolean, null or the same code twice in other cases', async () => {
      const { period, unit } = await setting();
      for (const [values, field] of [
        [{ [buoi.code]: 1e16 }, buoi.code],
        [{ [buoi.code]: true }, buoi.code],
        [{ [buoi.code]: null }, buoi.code],
        [{ [buoi.code]: { n: 1 } }, buoi.code],
        [{ [buoi.code]: 1, [buoi.code.toLowerCase()]: 2 }, buoi.code.toLowerCase()],
      ] as const) {
        const response = await f.put(period.id, unit.id, { sections: {}, values }, f.secretariatKey);
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual([`values.${field}`]);
      }
      expect(await f.submissionCount(period.id)).toBe(0);
    });

    it('should answer 400 naming each malformed field and create nothing when the body has the wrong shape', async () => {
      const { period, unit } = await setting();
      const cases: Array<[unknown, string[]]> = [
        [{ values: {} }, ['sections']],
        [{ sections: {} }, ['values']],
        [{ sections: { results: 5, other: 'x' }, values: [] }, ['sections.other', 'sections.results', 'values']],
        [{ sections: 'x', values: {}, submit: 'yes' }, ['sections', 'submit']],
        [
          { sections: {}, values: {}, taskUpdates: [{ assignmentId: 'abc', status: 'finished', note: 3 }] },
          ['taskUpdates[0].assignmentId', 'taskUpdates[0].note', 'taskUpdates[0].status'],
        ],
        [{ sections: {}, values: {}, unit: 'x' }, ['unit']],
        [{ sections: { results: 'x'.repeat(50_001) }, values: {} }, ['sections.results']],
      ];
      for (const [body, expected] of cases) {
        const response = await f.put(period.id, unit.id, body, f.secretariatKey);
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(expected);
      }
      const notAList = await f.put(period.id, unit.id, { sections: {}, values: {}, taskUpdates: { assignmentId: UNKNOWN_ID, status: 'done' } }, f.secretariatKey);
      expect(notAList.status).toBe(400);
      expect(notAList.body.details).toEqual([{ field: 'taskUpdates', message: expect.stringContaining('must be an array') }]);
      expect(await f.submissionCount(period.id)).toBe(0);
    });

    it("should answer 400 naming taskUpdates[i].assignmentId and change nothing when an assignment is another unit's, another period's, unknown or repeated", async () => {
      const { period, unit } = await setting();
      const other = await f.createUnit();
      const otherPeriod = await f.insertPeriod();
      const own = await f.insertAssignment(period.id, unit.id);
      const othersUnit = await f.insertAssignment(period.id, other.id);
      const othersPeriod = await f.insertAssignment(otherPeriod.id, unit.id);
      const response = await f.put(
        period.id,
        unit.id,
        {
          sections: {},
          values: {},
          taskUpdates: [
            { assignmentId: own, status: 'done' },
            { assignmentId: othersUnit, status: 'done' },
            { assignmentId: othersPeriod, status: 'done' },
            { assignmentId: UNKNOWN_ID, status: 'done' },
            { assignmentId: own.toUpperCase(), status: 'in_progress' },
          ],
        },
        f.secretariatKey,
      );
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['taskUpdates[1].assignmentId', 'taskUpdates[2].assignmentId', 'taskUpdates[3].assignmentId', 'taskUpdates[4].assignmentId']);
      expect(response.body.details?.[0].message).toBe('is not an assignment of this unit in this period');
      for (const id of [own, othersUnit, othersPeriod]) expect(await f.assignment(id)).toMatchObject({ status: 'pending', completed_at: null });
      expect(await f.submissionCount(period.id)).toBe(0);
    });

    it('should set completedAt to now when a task becomes done, keep it while done and clear it when it leaves done', async () => {
      const { period, unit } = await setting();
      const first = await f.insertAssignment(period.id, unit.id, { note: 'Đang chuẩn bị' });
      const second = await f.insertAssignment(period.id, unit.id, { status: 'done' });
      f.t.clock.travelTo(at('2024-06-21T10:00:00+07:00'));
      const saved = await f.save(period.id, unit.id, {
        taskUpdates: [
          { assignmentId: first, status: 'done', note: ' Đã tổ chức 3 buổi ' },
          { assignmentId: second, status: 'in_progress' },
        ],
      });
      const done = await f.assignment(first);
      expect(done).toMatchObject({ status: 'done', note: 'Đã tổ chức 3 buổi' });
      expectNear(done.completed_at?.toISOString() ?? null, '2024-06-21T10:00:00+07:00');
      expect(await f.assignment(second)).toMatchObject({ status: 'in_progress', completed_at: null, note: null });
      const [revision] = await f.revisions(saved.id);
      expect(revision.changes.tasks).toEqual({
        [first]: {
          status: { from: 'pending', to: 'done' },
          note: { from: 'Đang chuẩn bị', to: 'Đã tổ chức 3 buổi' },
          completedAt: { from: null, to: done.completed_at?.toISOString() },
        },
        [second]: { status: { from: 'done', to: 'in_progress' }, completedAt: { from: new Date('2024-06-10T10:00:00+07:00').toISOString(), to: null } },
      });

      f.t.clock.travelTo(at('2024-06-22T10:00:00+07:00'));
      await f.save(period.id, unit.id, { taskUpdates: [{ assignmentId: first, status: 'done' }] });
      expect(await f.assignment(first)).toMatchObject({ completed_at: done.completed_at, note: 'Đã tổ chức 3 buổi' });
      await f.save(period.id, unit.id, { taskUpdates: [{ assignmentId: first, status: 'pending', note: null }] });
      expect(await f.assignment(first)).toMatchObject({ status: 'pending', completed_at: null, note: null });
      expect((await f.get(saved.id)).revision).toBe(2);
    });

    it('should store both changes with consecutive revisions when two first PUTs for the same unit race', async () => {
      const { period, unit } = await setting();
      const responses = await Promise.all([1, 2].map((value) => f.put(period.id, unit.id, { sections: {}, values: { [buoi.code]: value } }, f.secretariatKey)));
      expect(responses.map((response) => response.status)).toEqual([200, 200]);
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
      const revisions = await f.revisions(responses[0].body.id);
      expect(revisions.map((revision) => [revision.revision, revision.action])).toEqual([
        [1, 'create'],
        [2, 'update'],
      ]);
      expect(await f.submissionCount(period.id)).toBe(1);
    });

    it('should answer 409 and change nothing when the report is accepted', async () => {
      const { period, unit } = await setting();
      const submitted = await f.save(period.id, unit.id, { values: { [buoi.code]: 3 }, submit: true });
      expect((await f.review(submitted.id, 'accept')).status).toBe(200);
      const accepted = await f.get(submitted.id);
      const response = await f.put(period.id, unit.id, { sections: {}, values: { [buoi.code]: 4 } }, f.secretariatKey);
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict', details: [{ field: 'status' }] });
      expect(await f.get(submitted.id)).toEqual(accepted);
    });

    it('should answer 404 when the period or the unit does not exist', async () => {
      const { period, unit } = await setting();
      const noPeriod = await f.put(UNKNOWN_ID, unit.id, { sections: {}, values: {} });
      expect(noPeriod.status).toBe(404);
      expect(noPeriod.body.message).toContain('period');
      const noUnit = await f.put(period.id, UNKNOWN_ID, { sections: {}, values: {} });
      expect(noUnit.status).toBe(404);
      expect(noUnit.body.message).toContain('unit');
    });

    it('should answer 409 naming unitId when the unit is inactive', async () => {
      const { period } = await setting();
      const unit = await f.createUnit({ active: false });
      const response = await f.put(period.id, unit.id, { sections: {}, values: {} });
      expect(response.status).toBe(409);
      expect(fields(response.body.details)).toEqual(['unitId']);
      expect(await f.submissionCount(period.id)).toBe(0);
    });

    it('should answer 400 naming periodId or unitId when they are not UUIDs', async () => {
      const { period, unit } = await setting();
      const badPeriod = await f.put('q2-2024', unit.id, { sections: {}, values: {} });
      expect(badPeriod.status).toBe(400);
      expect(fields(badPeriod.body.details)).toEqual(['periodId']);
      const badUnit = await f.put(period.id, 'xa-dakruong', { sections: {}, values: {} });
      expect(badUnit.status).toBe(400);
      expect(fields(badUnit.body.details)).toEqual(['unitId']);
    });

    it('should answer 401 without a key and 403 with a viewer key, and create nothing', async () => {
      const { period, unit } = await setting();
      expect((await f.put(period.id, unit.id, { sections: {}, values: {} }, null)).status).toBe(401);
      expect((await f.put(period.id, unit.id, { sections: {}, values: {} }, f.viewerKey)).status).toBe(403);
      expect(await f.submissionCount(period.id)).toBe(0);
    });

    it('should write the audit log under entity submission with flat field names and the key name as actor', async () => {
      const { period, unit } = await setting();
      const created = await f.save(period.id, unit.id, { values: { [buoi.code]: 3 } });
      await f.save(period.id, unit.id, { sections: { results: 'Kết quả' }, values: { [buoi.code]: 4 }, submit: true });
      const response = await f.t.request('GET', `/api/v1/audit?entity=submission&entityId=${created.id}&sort=at`);
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({
          actor: SECRETARIAT,
          action: 'create',
          entity: 'submission',
          changes: expect.objectContaining({ status: { from: null, to: 'draft' }, [`values.${buoi.code}`]: { from: null, to: 3 } }),
        }),
        expect.objectContaining({
          actor: SECRETARIAT,
          action: 'update',
          changes: expect.objectContaining({
            status: { from: 'draft', to: 'submitted' },
            'sections.results': { from: null, to: 'Kết quả' },
            [`values.${buoi.code}`]: { from: 3, to: 4 },
          }),
        }),
      ]);
    });

    it('should audit each assignment a report changes under entity assignment', async () => {
      const { period, unit } = await setting();
      const assignmentId = await f.insertAssignment(period.id, unit.id);
      await f.save(period.id, unit.id, { taskUpdates: [{ assignmentId, status: 'in_progress' }] });
      const response = await f.t.request('GET', `/api/v1/audit?entity=assignment&entityId=${assignmentId}`);
      expect(response.body.items).toEqual([expect.objectContaining({ actor: SECRETARIAT, action: 'update', changes: { status: { from: 'pending', to: 'in_progress' } } })]);
    });
  });

  describe('GET /submissions/:id/revisions', () => {
    it('should list every stored change in order with actor, action, status and changes when a report goes through review', async () => {
      const { period, unit } = await setting();
      const draft = await f.save(period.id, unit.id, { values: { [buoi.code]: 1 } });
      await f.save(period.id, unit.id, { values: { [buoi.code]: 2 }, submit: true });
      expect((await f.review(draft.id, 'return', { comment: 'Bổ sung số liệu' })).status).toBe(200);
      await f.save(period.id, unit.id, { values: { [buoi.code]: 3 }, submit: true });
      expect((await f.review(draft.id, 'accept', undefined, f.t.adminKey)).status).toBe(200);
      const revisions = await f.revisions(draft.id);
      expect(revisions.map((revision: Revision) => [revision.revision, revision.action, revision.status, revision.actor])).toEqual([
        [1, 'create', 'draft', SECRETARIAT],
        [2, 'submit', 'submitted', SECRETARIAT],
        [3, 'return', 'returned', SECRETARIAT],
        [4, 'submit', 'submitted', SECRETARIAT],
        [5, 'accept', 'accepted', 'ADMIN_API_KEY'],
      ]);
      expect(revisions[2].changes).toMatchObject({ status: { from: 'submitted', to: 'returned' }, reviewComment: { from: null, to: 'Bổ sung số liệu' } });
      expect(revisions[3].changes).toMatchObject({ status: { from: 'returned', to: 'submitted' }, values: { [buoi.code]: { from: 2, to: 3 } } });
      expect(revisions[3].changes).not.toHaveProperty('submittedAt');
      expect(revisions.every((revision) => UUID.test(revision.id) && !Number.isNaN(Date.parse(revision.at)))).toBe(true);
      expect((await f.get(draft.id)).revision).toBe(5);
    });

    it('should answer 404 for an unknown submission and 400 naming id when it is not a UUID', async () => {
      expect((await f.t.request('GET', `/api/v1/submissions/${UNKNOWN_ID}/revisions`)).status).toBe(404);
      const bad = await f.t.request('GET', '/api/v1/submissions/nope/revisions');
      expect(bad.status).toBe(400);
      expect(fields(bad.body.details)).toEqual(['id']);
    });
  });

  describe('GET /submissions/:id', () => {
    it('should return the submission to a viewer', async () => {
      const { period, unit } = await setting();
      const saved = await f.save(period.id, unit.id, { values: { [luot.code]: 12 } });
      const response = await f.t.request<Submission>('GET', `/api/v1/submissions/${saved.id}`, { key: f.viewerKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(saved);
    });

    it('should answer 404, 400 and 401 when the id is unknown, not a UUID or no key is sent', async () => {
      expect((await f.t.request('GET', `/api/v1/submissions/${UNKNOWN_ID}`)).status).toBe(404);
      const bad = await f.t.request('GET', '/api/v1/submissions/123');
      expect(bad.status).toBe(400);
      expect(fields(bad.body.details)).toEqual(['id']);
      expect((await f.t.request('GET', `/api/v1/submissions/${UNKNOWN_ID}`, { key: null })).status).toBe(401);
    });
  });

  describe('GET /periods/:id/submissions', () => {
    it('should page through the period submissions by unit code and filter them by status', async () => {
      const period = await f.insertPeriod();
      const prefix = `XA-${Date.now().toString(36)}`.toUpperCase();
      const units = [];
      for (const suffix of ['C', 'A', 'B']) units.push(await f.createUnit({ code: `${prefix}-${suffix}` }));
      await f.save(period.id, units[0].id, { values: {} });
      await f.save(period.id, units[1].id, { values: {}, submit: true });
      await f.save(period.id, units[2].id, { values: { [buoi.code]: 1 }, submit: true });
      const other = await f.insertPeriod();
      await f.save(other.id, units[0].id, { values: {} });

      const firstPage = await f.t.request('GET', `/api/v1/periods/${period.id}/submissions?limit=2`, { key: f.viewerKey });
      expect(firstPage.status).toBe(200);
      expect(firstPage.body).toMatchObject({ total: 3, page: 1, limit: 2 });
      expect(firstPage.body.items.map((item: Submission) => item.unitCode)).toEqual([`${prefix}-A`, `${prefix}-B`]);
      const secondPage = await f.t.request('GET', `/api/v1/periods/${period.id}/submissions?limit=2&page=2`);
      expect(secondPage.body.items.map((item: Submission) => item.unitCode)).toEqual([`${prefix}-C`]);
      const pastEnd = await f.t.request('GET', `/api/v1/periods/${period.id}/submissions?limit=2&page=5`);
      expect(pastEnd.body).toMatchObject({ items: [], total: 3 });

      const submitted = await f.t.request('GET', `/api/v1/periods/${period.id}/submissions?status=submitted&sort=-unitCode`);
      expect(submitted.body.total).toBe(2);
      expect(submitted.body.items.map((item: Submission) => item.unitCode)).toEqual([`${prefix}-B`, `${prefix}-A`]);
      expect(submitted.body.items[0].values).toEqual({ [buoi.code]: 1 });
    });

    it('should answer 400 naming status, sort or id when they are invalid', async () => {
      const period = await f.insertPeriod();
      for (const [query, field] of [
        ['status=sent', 'status'],
        ['sort=colour', 'sort'],
        ['limit=501', 'limit'],
      ]) {
        const response = await f.t.request('GET', `/api/v1/periods/${period.id}/submissions?${query}`);
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual([field]);
      }
      const bad = await f.t.request('GET', '/api/v1/periods/q2/submissions');
      expect(bad.status).toBe(400);
      expect(fields(bad.body.details)).toEqual(['id']);
    });

    it('should answer 404 when the period does not exist and 401 without a key', async () => {
      expect((await f.t.request('GET', `/api/v1/periods/${UNKNOWN_ID}/submissions`)).status).toBe(404);
      expect((await f.t.request('GET', `/api/v1/periods/${UNKNOWN_ID}/submissions`, { key: null })).status).toBe(401);
    });
  });

  describe('SubmissionsService.upsert', () => {
    it('should record the portal as actor and judge lateness on the given instant when another feature passes one', async () => {
      const { period, unit } = await setting();
      const service = f.t.app.get(SubmissionsService);
      const on = new Date('2024-06-24T10:00:00+07:00');
      const saved = await service.upsert(period.id, unit.id, { sections: { results: 'Qua cổng' }, values: { [buoi.code]: 7 }, submit: true }, { name: 'portal' }, { at: on });
      expect(saved).toMatchObject({ status: 'submitted', submittedAt: on.toISOString(), lastSubmittedAt: on.toISOString(), late: false, updatedAt: on.toISOString() });
      const [revision] = await f.revisions(saved.id);
      expect(revision).toMatchObject({ actor: 'portal', action: 'submit', at: on.toISOString() });
      expect(await service.findByPeriodAndUnit(period.id, unit.id)).toEqual(saved);
      expect(await service.findByPeriodAndUnit(period.id, (await f.createUnit()).id)).toBeNull();
    });
  });

  describe('OpenAPI', () => {
    it('should document the submission endpoints with the first-submission rule', async () => {
      const response = await f.t.request('GET', '/docs-json', { key: null });
      expect(response.status).toBe(200);
      const paths = Object.keys(response.body.paths);
      for (const path of [
        '/api/v1/periods/{periodId}/submissions/{unitId}',
        '/api/v1/periods/{id}/submissions',
        '/api/v1/submissions/{id}',
        '/api/v1/submissions/{id}/revisions',
        '/api/v1/submissions/{id}/accept',
        '/api/v1/submissions/{id}/return',
      ]) {
        expect(paths).toContain(path);
      }
      expect(response.body.components.schemas.UpsertSubmissionDto.properties.submit.description).toContain('resubmitting after a return keeps the first submittedAt');
    });
  });
});
