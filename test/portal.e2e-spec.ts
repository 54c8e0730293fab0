import { createHash } from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { Portal1764400006000 } from '../migrations/1764400006000-Portal';
import { PortalLinksService } from '../src/portal/portal-links.service';
import { PORTAL_RATE_LIMITS } from '../src/portal/portal-rate-limit';
import { Indicator, Period, SubmissionsFixture, Unit, UNKNOWN_ID } from './submissions-fixtures';
import { cookieFrom, csrfFrom } from './support/portal-page';

// The unit portal through HTTP: links from the admin API, the form at /portal/:token, saving and
// sending through it, and what it refuses. Each test has its own unit, link and client address.

const DEADLINE = '2024-06-25T17:00:00+07:00';
const BASE_URL = 'https://giaoban.konray.example/';
const TOKEN_URL = /^https:\/\/giaoban\.konray\.example\/portal\/([A-Za-z0-9_-]{43})$/;

interface PortalAnswer {
  status: number;
  html: string;
  headers: Headers;
}

interface FormSession {
  token: string;
  ip: string;
  cookie: string;
  csrf: string;
  page: PortalAnswer;
}

interface Setting {
  unit: Unit;
  token: string;
  lead: string;
  support: string;
  ip: string;
}

type Fields = Array<[string, string]>;

let addresses = 0;

// A client address of its own (TEST-NET-3, in X-Forwarded-For: TRUST_PROXY's default trusts the loopback proxy), so
// that the per-address limit of one test does not spill into another.
function nextAddress(): string {
  addresses++;
  return `203.0.${113 + Math.floor(addresses / 250)}.${addresses % 250}`;
}

function reportFields(csrf: string, action: 'draft' | 'submit', fields: Fields = []): Fields {
  return [['_csrf', csrf], ...fields, ['action', action]];
}

describe('Portal', () => {
  let f: SubmissionsFixture;
  let buoi: Indicator;
  let luot: Indicator;
  let quarter: Period;
  let previous: Period;
  let otherUnit: Unit;
  let otherAssignment: string;

  async function get(path: string, ip: string, cookie?: string): Promise<PortalAnswer> {
    const response = await fetch(`${f.t.baseUrl}${path}`, { headers: { 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
    return { status: response.status, html: await response.text(), headers: response.headers };
  }

  async function post(token: string, fields: Fields, options: { ip: string; cookie?: string }): Promise<PortalAnswer> {
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, value);
    const response = await fetch(`${f.t.baseUrl}/portal/${token}`, {
      method: 'POST',
      body: form,
      headers: { 'x-forwarded-for': options.ip, ...(options.cookie ? { cookie: options.cookie } : {}) },
      redirect: 'manual',
    });
    return { status: response.status, html: await response.text(), headers: response.headers };
  }

  async function open(token: string, ip = nextAddress()): Promise<FormSession> {
    const page = await get(`/portal/${token}`, ip);
    expect(page.status).toBe(200);
    return { token, ip, cookie: cookieFrom(page.headers), csrf: csrfFrom(page.html), page };
  }

  function send(session: FormSession, fields: Fields): Promise<PortalAnswer> {
    return post(session.token, fields, { ip: session.ip, cookie: session.cookie });
  }

  async function issueLink(periodId: string, unitId: string, key?: string): Promise<string> {
    const response = await f.t.request('POST', `/api/v1/periods/${periodId}/units/${unitId}/portal-link`, { key });
    expect(response.status).toBe(201);
    const match = TOKEN_URL.exec(response.body.url);
    expect(match).not.toBeNull();
    return (match as RegExpExecArray)[1];
  }

  async function insertTask(periodId: string, unitId: string, title: string, role: 'lead' | 'support' = 'lead', status = 'pending'): Promise<string> {
    const due = new Date('2024-06-20T17:00:00+07:00');
    const { rows: tasks } = await f.db.query<{ id: string }>(
      `INSERT INTO tasks (period_id, title, due_at, assign_to, created_at, updated_at) VALUES ($1, $2, $3, $4, now(), now()) RETURNING id`,
      [periodId, title, due, JSON.stringify([unitId])],
    );
    const { rows } = await f.db.query<{ id: string }>(
      `INSERT INTO assignments (task_id, period_id, unit_id, role, status, due_at, completed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now()) RETURNING id`,
      [tasks[0].id, periodId, unitId, role, status, due, status === 'done' ? due : null],
    );
    return rows[0].id;
  }

  async function submissionOf(unitId: string, periodId = quarter.id) {
    const { rows } = await f.db.query(`SELECT id, status, revision FROM submissions WHERE period_id = $1 AND unit_id = $2`, [periodId, unitId]);
    return rows[0] ?? null;
  }

  // A new unit with a lead and a support task in the quarter, last quarter's report sent, and a link.
  async function setting(): Promise<Setting> {
    const unit = await f.createUnit({ name: 'Xã Đăk Kôi' });
    const lead = await insertTask(quarter.id, unit.id, 'Tổ chức hội nghị tuyên truyền về "Ngày hội Đại đoàn kết" <2024>', 'lead');
    const support = await insertTask(quarter.id, unit.id, 'Phối hợp khảo sát hộ nghèo', 'support');
    return { unit, token: await issueLink(quarter.id, unit.id), lead, support, ip: nextAddress() };
  }

  beforeAll(async () => {
    f = await SubmissionsFixture.start();
    f.t.clock.travelTo(new Date('2024-06-20T09:00:00+07:00'));
    const settings = await f.t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: BASE_URL, committeeName: 'Ban Chỉ đạo huyện Kon Rẫy' } });
    expect(settings.status).toBe(200);
    buoi = await f.createIndicator({ name: 'Buổi tuyên truyền chuyên đề', measure: 'buổi' });
    luot = await f.createIndicator({ name: 'Lượt người tham dự', measure: 'lượt người' });
    quarter = await f.insertPeriod({ year: 2024, quarter: 2, reportDueAt: DEADLINE });
    previous = await f.insertPeriod({ year: 2024, quarter: 1, reportDueAt: '2024-03-25T17:00:00+07:00' });
    otherUnit = await f.createUnit({ name: 'Thị trấn Đăk Rve' });
    otherAssignment = await insertTask(quarter.id, otherUnit.id, 'Nhiệm vụ riêng của thị trấn');
  });

  afterAll(async () => {
    await f.close();
  });

  beforeEach(() => {
    f.t.clock.travelTo(new Date('2024-06-20T09:00:00+07:00'));
  });

  describe('POST /api/v1/periods/:id/units/:unitId/portal-link', () => {
    it('should answer 201 with a link expiring 30 days after the briefing, store only its hash and audit it', async () => {
      const unit = await f.createUnit();
      const response = await f.t.request('POST', `/api/v1/periods/${quarter.id}/units/${unit.id}/portal-link`);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ url: expect.stringMatching(TOKEN_URL), expiresAt: '2024-07-30T10:00:00.000Z' });
      const token = (TOKEN_URL.exec(response.body.url) as RegExpExecArray)[1];
      const { rows } = await f.db.query(`SELECT token_hash, created_by, expires_at, revoked_at FROM portal_tokens WHERE unit_id = $1`, [unit.id]);
      expect(rows).toEqual([
        { token_hash: createHash('sha256').update(token).digest('hex'), created_by: 'ADMIN_API_KEY', expires_at: new Date('2024-07-30T10:00:00Z'), revoked_at: null },
      ]);
      const audit = await f.t.request('GET', `/api/v1/audit?entity=portal_link&actor=ADMIN_API_KEY`);
      const entry = audit.body.items.find((item: { changes: { unitId?: { to: string } } }) => item.changes.unitId?.to === unit.id);
      expect(entry).toMatchObject({ action: 'create', changes: { periodId: { to: quarter.id }, expiresAt: { to: '2024-07-30T10:00:00.000Z' }, revokedLinks: { to: 0 } } });
      expect(JSON.stringify(audit.body)).not.toContain(token);
    });

    it('should answer 404 for an unknown period or unit, 400 for ids that are not UUIDs, and 403 for a viewer', async () => {
      const unit = await f.createUnit();
      expect((await f.t.request('POST', `/api/v1/periods/${UNKNOWN_ID}/units/${unit.id}/portal-link`)).status).toBe(404);
      expect((await f.t.request('POST', `/api/v1/periods/${quarter.id}/units/${UNKNOWN_ID}/portal-link`)).status).toBe(404);
      const badId = await f.t.request('POST', `/api/v1/periods/${quarter.id}/units/nope/portal-link`);
      expect(badId.status).toBe(400);
      expect(badId.body.details).toEqual([{ field: 'unitId', message: 'must be a UUID' }]);
      expect((await f.t.request('POST', `/api/v1/periods/${quarter.id}/units/${unit.id}/portal-link`, { key: f.viewerKey })).status).toBe(403);
      expect((await f.t.request('POST', `/api/v1/periods/${quarter.id}/units/${unit.id}/portal-link`, { key: null })).status).toBe(401);
      expect((await f.t.request('POST', `/api/v1/periods/${quarter.id}/units/${unit.id}/portal-link`, { key: f.secretariatKey })).status).toBe(201);
    });

    it('should answer 400 naming portalBaseUrl and issue nothing when the settings have none', async () => {
      const unit = await f.createUnit();
      expect((await f.t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: null } })).status).toBe(200);
      try {
        const response = await f.t.request('POST', `/api/v1/periods/${quarter.id}/units/${unit.id}/portal-link`);
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'portalBaseUrl', message: expect.stringContaining('is not set') }]);
        await expect(f.t.app.get(PortalLinksService).issue(quarter.id, unit.id, { replaceOlder: false })).resolves.toBeNull();
        const { rows } = await f.db.query(`SELECT count(*)::int AS count FROM portal_tokens WHERE unit_id = $1`, [unit.id]);
        expect(rows[0].count).toBe(0);
      } finally {
        expect((await f.t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: BASE_URL } })).status).toBe(200);
      }
    });

    it('should answer 409 for an inactive unit and for a period whose portal has closed', async () => {
      const unit = await f.createUnit();
      expect((await f.t.request('DELETE', `/api/v1/units/${unit.id}`)).status).toBe(200);
      const inactive = await f.t.request('POST', `/api/v1/periods/${quarter.id}/units/${unit.id}/portal-link`);
      expect(inactive.status).toBe(409);
      expect(inactive.body.details).toEqual([{ field: 'unitId', message: expect.stringContaining('inactive') }]);
      const active = await f.createUnit();
      f.t.clock.travelTo(new Date('2024-07-30T17:00:01+07:00'));
      const closed = await f.t.request('POST', `/api/v1/periods/${quarter.id}/units/${active.id}/portal-link`);
      expect(closed.status).toBe(409);
      expect(closed.body.details).toEqual([{ field: 'periodId', message: expect.stringContaining('closed') }]);
    });
  });

  describe('GET /portal/:token', () => {
    it("should show the unit's own tasks, indicators with last quarter's value, sections and deadline in Vietnamese", async () => {
      const { unit, token, lead, support } = await setting();
      await f.save(previous.id, unit.id, { values: { [buoi.code]: 12 }, submit: true });
      const page = await get(`/portal/${token}`, nextAddress());
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = page.html;
      expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toContain('<h1>Báo cáo quý II/2024</h1>');
      expect(html).toContain('Ban Chỉ đạo huyện Kon Rẫy');
      expect(html).toContain('Xã Đăk Kôi');
      expect(html).toContain('<strong>17:00 ngày 25/6/2024</strong>');
      expect(html).toContain('Còn 3 ngày làm việc.');
      expect(html).toContain('Tổ chức hội nghị tuyên truyền về &quot;Ngày hội Đại đoàn kết&quot; &lt;2024&gt;');
      expect(html).toContain('Chủ trì · Hạn 17:00 ngày 20/6/2024');
      expect(html).toContain('Phối hợp khảo sát hộ nghèo');
      expect(html).toContain(`name="task-${lead}-status" value="pending" checked`);
      expect(html).toContain(`name="task-${support}-note"`);
      for (const label of ['Chưa thực hiện', 'Đang thực hiện', 'Đã hoàn thành', 'Kết quả đạt được', 'Khó khăn, vướng mắc', 'Đề xuất, kiến nghị', 'Lưu nháp', 'Gửi báo cáo']) {
        expect(html).toContain(label);
      }
      expect(html).toContain('Buổi tuyên truyền chuyên đề (buổi)');
      expect(html).toContain('Báo cáo quý I/2024: 12 buổi');
      expect(html).toContain('Báo cáo quý I/2024: chưa có số liệu');
      expect(html).toContain(`<input type="text" inputmode="decimal" autocomplete="off" id="value-${buoi.id}"`);
      expect(html).toContain('enctype="multipart/form-data"');
      expect(html).not.toContain('Nhiệm vụ riêng của thị trấn');
      expect(html).not.toContain(otherAssignment);
      expect(html).not.toContain(otherUnit.name);
    });

    it('should give every field a label, fieldsets legends, hints by aria-describedby and load no script', async () => {
      const { token } = await setting();
      const { html } = await get(`/portal/${token}`, nextAddress());
      const ids = [...html.matchAll(/<(?:input|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)"/g)].map((match) => match[1]);
      expect(ids.length).toBe(2 * 4 + 2 + 3 + 1);
      for (const id of ids) expect(html).toContain(`<label for="${id}">`);
      expect((html.match(/<fieldset/g) ?? []).length).toBe((html.match(/<legend>/g) ?? []).length);
      for (const [, described] of html.matchAll(/aria-describedby="([^"]+)"/g)) {
        for (const id of described.split(' ')) expect(html).toContain(`id="${id}"`);
      }
      expect(html).not.toContain('<script');
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).toContain('<link rel="stylesheet" href="assets/portal.css">');
    });

    it('should send the security headers and a strict CSRF cookie scoped to the portal', async () => {
      const { token } = await setting();
      const page = await get(`/portal/${token}`, nextAddress());
      expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      const cookie = page.headers.get('set-cookie') as string;
      expect(cookie).toMatch(/^giaoban_portal_csrf=[A-Za-z0-9_-]{43}; Path=\/portal; HttpOnly; SameSite=Strict; Secure$/);
      expect(cookie.split(';')[0].split('=')[1]).toBe(csrfFrom(page.html));
      const again = await get(`/portal/${token}`, nextAddress(), cookie.split(';')[0]);
      expect(again.headers.get('set-cookie')).toBeNull();
      expect(csrfFrom(again.html)).toBe(csrfFrom(page.html));
    });

    it('should serve the stylesheet with the same headers', async () => {
      const css = await get('/portal/assets/portal.css', nextAddress());
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(css.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(css.headers.get('x-content-type-options')).toBe('nosniff');
      expect(css.html).toContain(':focus-visible');
    });

    it('should answer the same Vietnamese 404 page for an unknown, malformed, replaced or expired link and name no unit', async () => {
      const { unit, token } = await setting();
      const ip = nextAddress();
      const unknown = await get(`/portal/${'A'.repeat(43)}`, ip);
      expect(unknown.status).toBe(404);
      expect(unknown.html).toContain('<html lang="vi">');
      expect(unknown.html).toContain('Không mở được biểu mẫu báo cáo');
      expect(unknown.html).not.toContain(unit.name);
      expect(unknown.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(unknown.headers.get('cache-control')).toBe('no-store');
      const malformed = await get('/portal/%3Cscript%3E', ip);
      expect(malformed).toMatchObject({ status: 404, html: unknown.html });
      const newer = await issueLink(quarter.id, unit.id);
      const replaced = await get(`/portal/${token}`, ip);
      expect(replaced).toMatchObject({ status: 404, html: unknown.html });
      expect((await get(`/portal/${newer}`, ip)).status).toBe(200);
      f.t.clock.travelTo(new Date('2024-07-30T17:00:00+07:00'));
      const expired = await get(`/portal/${newer}`, ip);
      expect(expired).toMatchObject({ status: 404, html: unknown.html });
      const post404 = await post(newer, [['action', 'draft']], { ip });
      expect(post404).toMatchObject({ status: 404, html: unknown.html });
      expect((await get('/portal', ip)).status).toBe(404);
    });

    it("should keep a unit's older links working when the reminders issue new ones, until the admin route replaces them all", async () => {
      const { unit, token } = await setting();
      const links = f.t.app.get(PortalLinksService);
      const reminderLink = await links.issue(quarter.id, unit.id, { replaceOlder: false });
      expect(reminderLink?.expiresAt.toISOString()).toBe('2024-07-30T10:00:00.000Z');
      const reminderToken = (TOKEN_URL.exec(reminderLink?.url ?? '') as RegExpExecArray)[1];
      const ip = nextAddress();
      expect((await get(`/portal/${token}`, ip)).status).toBe(200);
      expect((await get(`/portal/${reminderToken}`, ip)).status).toBe(200);
      const replacement = await issueLink(quarter.id, unit.id);
      expect((await get(`/portal/${token}`, ip)).status).toBe(404);
      expect((await get(`/portal/${reminderToken}`, ip)).status).toBe(404);
      expect((await get(`/portal/${replacement}`, ip)).status).toBe(200);
    });

    it('should answer 404 when the unit has been deactivated', async () => {
      const { unit, token } = await setting();
      expect((await f.t.request('DELETE', `/api/v1/units/${unit.id}`)).status).toBe(200);
      expect((await get(`/portal/${token}`, nextAddress())).status).toBe(404);
    });
  });

  describe('POST /portal/:token', () => {
    it('should save a draft through the submissions service as "portal", redirect with 303 and show it again', async () => {
      const { unit, token, lead, support } = await setting();
      const session = await open(token);
      const saved = await send(
        session,
        reportFields(session.csrf, 'draft', [
          [`task-${lead}-status`, 'in_progress'],
          [`task-${lead}-note`, 'Đã tổ chức 2/3 buổi'],
          [`task-${support}-status`, 'done'],
          [`task-${support}-note`, ''],
          [`value-${buoi.id}`, '8.145'],
          [`value-${luot.id}`, '1,5'],
          ['results', 'Tổ chức 12 buổi tuyên truyền.'],
          ['difficulties', ''],
          ['proposals', 'Đề nghị hỗ trợ kinh phí.'],
        ]),
      );
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toBe(`${token}?flash=draft`);
      expect(saved.headers.get('content-security-policy')).toContain("form-action 'self'");
      const list = await f.t.request('GET', `/api/v1/periods/${quarter.id}/submissions`);
      const report = list.body.items.find((item: { unitId: string }) => item.unitId === unit.id);
      expect(report).toMatchObject({
        status: 'draft',
        values: { [buoi.code]: 8145, [luot.code]: 1.5 },
        sections: { results: 'Tổ chức 12 buổi tuyên truyền.', difficulties: null, proposals: 'Đề nghị hỗ trợ kinh phí.' },
      });
      const revisions = await f.revisions(report.id);
      expect(revisions.map((revision) => [revision.actor, revision.action])).toEqual([['portal', 'create']]);
      expect(await f.assignment(lead)).toMatchObject({ status: 'in_progress', note: 'Đã tổ chức 2/3 buổi' });
      expect(await f.assignment(support)).toMatchObject({ status: 'done', note: null });
      const shown = await get(`/portal/${token}?flash=draft`, session.ip, session.cookie);
      expect(shown.html).toContain('Đã lưu nháp.');
      expect(shown.html).toContain('value="8.145"');
      expect(shown.html).toContain('value="1,5"');
      expect(shown.html).toContain(`name="task-${lead}-status" value="in_progress" checked`);
      expect(shown.html).toContain('>Đã tổ chức 2/3 buổi</textarea>');
      expect(shown.html).toContain('Báo cáo đang ở dạng nháp');
    });

    it('should answer 403 with a Vietnamese page and save nothing when the CSRF cookie or field is missing or wrong', async () => {
      const { unit, token } = await setting();
      const session = await open(token);
      const fields = (csrf: string) => reportFields(csrf, 'submit', [['results', 'Giả mạo']]);
      const attempts = [
        await post(token, fields(session.csrf), { ip: session.ip }),
        await post(token, fields('x'.repeat(43)), { ip: session.ip, cookie: session.cookie }),
        await post(
          token,
          [
            ['results', 'Giả mạo'],
            ['action', 'submit'],
          ],
          { ip: session.ip, cookie: session.cookie },
        ),
        await post(token, fields(session.csrf), { ip: session.ip, cookie: `giaoban_portal_csrf=${'y'.repeat(43)}` }),
      ];
      for (const attempt of attempts) {
        expect(attempt.status).toBe(403);
        expect(attempt.html).toContain('Chưa gửi được biểu mẫu');
        expect(attempt.headers.get('x-frame-options')).toBe('DENY');
      }
      expect(await submissionOf(unit.id)).toBeNull();
    });

    it('should show each wrong field inline with a summary linking to it and save nothing', async () => {
      const { unit, token, lead } = await setting();
      const session = await open(token);
      const answer = await send(
        session,
        reportFields(session.csrf, 'submit', [
          [`task-${lead}-status`, 'finished'],
          [`value-${buoi.id}`, '-3'],
          [`value-${luot.id}`, '8.14'],
          ['results', 'Nội dung <b>giữ lại</b>'],
        ]),
      );
      expect(answer.status).toBe(400);
      const html = answer.html;
      expect(html).toContain('Chưa lưu được báo cáo: có 3 lỗi cần sửa');
      expect(html).toContain(`<a href="#value-${buoi.id}">Buổi tuyên truyền chuyên đề: Giá trị phải là số không âm</a>`);
      expect(html).toContain(`<p class="field-error" id="value-${buoi.id}-error"><span class="visually-hidden">Lỗi: </span>Giá trị phải là số không âm</p>`);
      expect(html).toMatch(
        new RegExp(`id="value-${buoi.id}" name="value-${buoi.id}" value="-3" aria-describedby="value-${buoi.id}-hint values-hint value-${buoi.id}-error" aria-invalid="true"`),
      );
      expect(html).toContain(`href="#value-${luot.id}">Lượt người tham dự: Cách viết số chưa rõ`);
      expect(html).toContain(`href="#task-${lead}-status-pending"`);
      expect(html).toContain('Nội dung &lt;b&gt;giữ lại&lt;/b&gt;</textarea>');
      expect(await submissionOf(unit.id)).toBeNull();
      expect(await f.assignment(lead)).toMatchObject({ status: 'pending' });
    });

    it("should refuse another unit's assignment id, save nothing and leave that assignment alone", async () => {
      const { unit, token, lead } = await setting();
      const session = await open(token);
      const before = await f.assignment(otherAssignment);
      const answer = await send(
        session,
        reportFields(session.csrf, 'submit', [
          [`task-${lead}-status`, 'done'],
          [`task-${otherAssignment}-status`, 'done'],
          [`task-${otherAssignment}-note`, 'Sửa hộ đơn vị khác'],
          [`value-${buoi.id}`, '5'],
        ]),
      );
      expect(answer.status).toBe(400);
      expect(answer.html).toContain('Biểu mẫu có nhiệm vụ không thuộc đơn vị này trong quý.');
      expect(answer.html).not.toContain('Nhiệm vụ riêng của thị trấn');
      expect(await submissionOf(unit.id)).toBeNull();
      expect(await f.assignment(lead)).toMatchObject({ status: 'pending' });
      expect(await f.assignment(otherAssignment)).toEqual(before);
    });

    it('should refuse an unknown indicator field and save nothing', async () => {
      const { unit, token } = await setting();
      const session = await open(token);
      const answer = await send(session, reportFields(session.csrf, 'draft', [[`value-${UNKNOWN_ID}`, '3']]));
      expect(answer.status).toBe(400);
      expect(answer.html).toContain('Biểu mẫu gửi lên không đúng với biểu mẫu của đơn vị.');
      expect(await submissionOf(unit.id)).toBeNull();
    });

    it('should answer 400 with a page when the body is not multipart form data', async () => {
      const { unit, token } = await setting();
      const session = await open(token);
      const response = await fetch(`${f.t.baseUrl}/portal/${token}`, {
        method: 'POST',
        headers: { 'x-forwarded-for': session.ip, cookie: session.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ _csrf: session.csrf, action: 'submit' }),
        redirect: 'manual',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('Biểu mẫu không hợp lệ');
      expect(await submissionOf(unit.id)).toBeNull();
    });

    it('should submit, show the report read-only with the time received, reopen it with the comment when returned, and lock it when accepted', async () => {
      const { unit, token, lead } = await setting();
      const session = await open(token);
      f.t.clock.travelTo(new Date('2024-06-24T16:20:00+07:00'));
      const submitted = await send(
        session,
        reportFields(session.csrf, 'submit', [
          [`task-${lead}-status`, 'done'],
          [`value-${buoi.id}`, '12'],
          ['results', 'Hoàn thành kế hoạch.'],
        ]),
      );
      expect(submitted.status).toBe(303);
      expect(submitted.headers.get('location')).toBe(`${token}?flash=submitted`);
      const list = await f.t.request('GET', `/api/v1/periods/${quarter.id}/submissions?status=submitted`);
      const report = list.body.items.find((item: { unitId: string }) => item.unitId === unit.id);
      expect(report).toMatchObject({ status: 'submitted', late: false, values: { [buoi.code]: 12 } });
      expect((await f.revisions(report.id)).map((revision) => [revision.actor, revision.action])).toEqual([['portal', 'submit']]);

      const readOnly = await get(`/portal/${token}?flash=submitted`, session.ip, session.cookie);
      expect(readOnly.html).toContain('Đã gửi báo cáo. Cảm ơn đơn vị.');
      expect(readOnly.html).toContain('Thường trực Ban Chỉ đạo đã nhận báo cáo lúc <strong>16:20 ngày 24/6/2024</strong> (đúng hạn).');
      expect(readOnly.html).not.toContain('<form');
      expect(readOnly.html).toContain('<td class="number">12 buổi</td>');
      expect(readOnly.html).toContain('Hoàn thành kế hoạch.');

      const locked = await send(session, reportFields(session.csrf, 'draft', [['results', 'Sửa sau khi gửi']]));
      expect(locked.status).toBe(409);
      expect(locked.html).toContain('Báo cáo đã được gửi và đang chờ Thường trực Ban Chỉ đạo xem xét nên không sửa được.');
      expect(await submissionOf(unit.id)).toMatchObject({ status: 'submitted', revision: 1 });

      expect((await f.review(report.id, 'return', { comment: 'Đề nghị bổ sung số liệu\nlượt người <tham dự>.' })).status).toBe(200);
      const returned = await get(`/portal/${token}`, session.ip, session.cookie);
      expect(returned.html).toContain('Báo cáo được trả lại để bổ sung, chỉnh sửa');
      expect(returned.html).toContain('<p class="comment">Đề nghị bổ sung số liệu\nlượt người &lt;tham dự&gt;.</p>');
      expect(returned.html).toContain('<form method="post"');
      expect(returned.html).toContain('value="12"');

      f.t.clock.travelTo(new Date('2024-06-26T08:00:00+07:00'));
      const resent = await send(
        session,
        reportFields(session.csrf, 'submit', [
          [`task-${lead}-status`, 'done'],
          [`value-${buoi.id}`, '12'],
          [`value-${luot.id}`, '1.250'],
          ['results', 'Hoàn thành kế hoạch.'],
        ]),
      );
      expect(resent.status).toBe(303);
      expect(await f.get(report.id)).toMatchObject({ status: 'submitted', late: false, values: { [buoi.code]: 12, [luot.code]: 1250 }, revision: 3 });
      const again = await get(`/portal/${token}`, session.ip, session.cookie);
      expect(again.html).toContain('lúc <strong>08:00 ngày 26/6/2024</strong> (đúng hạn)');

      expect((await f.review(report.id, 'accept')).status).toBe(200);
      const accepted = await get(`/portal/${token}`, session.ip, session.cookie);
      expect(accepted.html).toContain('Báo cáo đã được tiếp nhận');
      expect(accepted.html).not.toContain('<form');
      const refused = await send(session, reportFields(session.csrf, 'submit', [['results', 'Sửa sau khi tiếp nhận']]));
      expect(refused.status).toBe(409);
      expect(refused.html).toContain('Báo cáo đã được tiếp nhận nên không sửa được.');
      expect(await submissionOf(unit.id)).toMatchObject({ status: 'accepted', revision: 4 });
    });

    it('should say the deadline has passed and mark a late submission when the unit sends after it', async () => {
      const { unit, token } = await setting();
      f.t.clock.travelTo(new Date('2024-06-27T09:00:00+07:00'));
      const session = await open(token);
      expect(session.page.html).toContain('Đã quá hạn 2 ngày làm việc.');
      expect((await send(session, reportFields(session.csrf, 'submit'))).status).toBe(303);
      expect((await get(`/portal/${token}`, session.ip, session.cookie)).html).toContain('(sau hạn)');
      expect(await submissionOf(unit.id)).toMatchObject({ status: 'submitted' });
    });
  });

  // Refused before any route runs (the body parser), and still answered as the portal answers.
  describe('requests refused before the form is read', () => {
    it('should answer a body over the limit with 413 and the Vietnamese page, with the portal headers', async () => {
      const { token } = await setting();
      const response = await fetch(`${f.t.baseUrl}/portal/${token}`, {
        method: 'POST',
        headers: { 'x-forwarded-for': nextAddress(), 'content-type': 'application/x-www-form-urlencoded' },
        body: `results=${'x'.repeat(f.t.config.bodyLimitBytes)}`,
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await response.text()).toContain('Nội dung gửi lên quá lớn');
    });

    it('should answer a body that is not a form with 400 and the Vietnamese page, with the portal headers', async () => {
      const { token } = await setting();
      const response = await fetch(`${f.t.baseUrl}/portal/${token}`, {
        method: 'POST',
        headers: { 'x-forwarded-for': nextAddress(), 'content-type': 'application/json' },
        body: '{"results":',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(await response.text()).toContain('Biểu mẫu không hợp lệ');
    });

    it('should keep answering the admin API in JSON when its body is refused', async () => {
      const response = await fetch(`${f.t.baseUrl}/api/v1/units`, {
        method: 'POST',
        headers: { authorization: `Bearer ${f.t.adminKey}`, 'content-type': 'application/json' },
        body: '{"code":',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/json');
    });
  });

  describe('rate limiting', () => {
    it('should answer 429 with Retry-After and a Vietnamese page when one link is requested too often', async () => {
      const { token } = await setting();
      const limit = PORTAL_RATE_LIMITS.perToken.requests;
      for (let index = 0; index < limit; index++) {
        // Spread over addresses, so that only the link's own counter is reached.
        expect((await get(`/portal/${token}`, nextAddress())).status).toBe(200);
      }
      const limited = await get(`/portal/${token}`, nextAddress());
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(PORTAL_RATE_LIMITS.perToken.windowMs / 1000);
      expect(limited.html).toContain('Quá nhiều lượt truy cập');
      expect(limited.headers.get('content-security-policy')).toContain("default-src 'none'");
      const other = await setting();
      expect((await get(`/portal/${other.token}`, nextAddress())).status).toBe(200);
    });

    it('should answer 429 to a client address that sends too many requests, whatever the links', async () => {
      const ip = nextAddress();
      const limit = PORTAL_RATE_LIMITS.perAddress.requests;
      for (let index = 0; index < limit; index++) {
        expect((await get(`/portal/${'B'.repeat(42)}${index % 10}`, ip)).status).toBe(404);
      }
      const { token } = await setting();
      const limited = await get(`/portal/${token}`, ip);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await get(`/portal/${token}`, nextAddress())).status).toBe(200);
    });
  });

  describe(Portal1764400006000.name, () => {
    it('should drop portal_tokens when reverted and create it again when re-applied', async () => {
      const runner = { query: (sql: string, parameters?: unknown[]) => f.db.query(sql, parameters) } as unknown as QueryRunner;
      const table = async () => (await f.db.query<{ name: string | null }>(`SELECT to_regclass('portal_tokens')::text AS name`)).rows[0].name;
      const migration = new Portal1764400006000();
      await f.db.query('BEGIN');
      try {
        await migration.down(runner);
        await expect(table()).resolves.toBeNull();
        await migration.up(runner);
        await expect(table()).resolves.toBe('portal_tokens');
      } finally {
        await f.db.query('ROLLBACK');
      }
    });
  });

  describe('GET /docs-json', () => {
    it('should describe the portal link route and the portal pages', async () => {
      const document = await f.t.request('GET', '/docs-json', { key: null });
      expect(document.body.paths['/api/v1/periods/{id}/units/{unitId}/portal-link'].post.responses['201']).toBeDefined();
      expect(document.body.paths['/portal/{token}'].get).toBeDefined();
      expect(document.body.paths['/portal/{token}'].post).toBeDefined();
    });
  });
});
