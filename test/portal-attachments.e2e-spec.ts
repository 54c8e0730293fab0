import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sampleDocx, sampleExe, samplePdf, samplePng } from './attachments-samples';
import { Indicator, Period, Submission, SubmissionsFixture, Unit, UNKNOWN_ID } from './submissions-fixtures';
import { cookieFrom, csrfFrom } from './support/portal-page';

// The unit's files through the portal form: chosen with the report, refused inline in
// Vietnamese, removed with a button, all under the form's CSRF protection. Each test has its own
// unit, link and client address.

const BASE_URL = 'https://giaoban.konray.example/';
const TOKEN_URL = /^https:\/\/giaoban\.konray\.example\/portal\/([A-Za-z0-9_-]{43})$/;
const TEN_MB = 10 * 1024 * 1024;

interface PortalAnswer {
  status: number;
  html: string;
  headers: Headers;
}

interface Session {
  unit: Unit;
  token: string;
  ip: string;
  cookie: string;
  csrf: string;
}

interface Attachment {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
}

type Fields = Array<[string, string]>;
type Upload = [string, Buffer];

let addresses = 0;

function nextAddress(): string {
  addresses++;
  return `198.51.100.${addresses % 250}`;
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

describe('Portal attachments', () => {
  let f: SubmissionsFixture;
  let period: Period;
  let buoi: Indicator;

  beforeAll(async () => {
    f = await SubmissionsFixture.start();
    f.t.clock.travelTo(new Date('2024-06-20T09:00:00+07:00'));
    expect((await f.t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: BASE_URL } })).status).toBe(200);
    buoi = await f.createIndicator({ name: 'Buổi tuyên truyền chuyên đề', measure: 'buổi' });
    period = await f.insertPeriod({ year: 2024, quarter: 2, reportDueAt: '2024-06-25T17:00:00+07:00' });
  });

  afterAll(async () => {
    await f.close();
  });

  async function get(token: string, ip: string, cookie?: string): Promise<PortalAnswer> {
    const response = await fetch(`${f.t.baseUrl}/portal/${token}`, { headers: { 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
    return { status: response.status, html: await response.text(), headers: response.headers };
  }

  async function post(session: Session, fields: Fields, files: Upload[] = [], options: { cookie?: string | null } = {}): Promise<PortalAnswer> {
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, value);
    for (const [filename, content] of files) form.append('files', new Blob([new Uint8Array(content)]), filename);
    const cookie = options.cookie === undefined ? session.cookie : options.cookie;
    const response = await fetch(`${f.t.baseUrl}/portal/${session.token}`, {
      method: 'POST',
      body: form,
      headers: { 'x-forwarded-for': session.ip, ...(cookie ? { cookie } : {}) },
      redirect: 'manual',
    });
    return { status: response.status, html: await response.text(), headers: response.headers };
  }

  // A new unit with a link, its form opened once (the CSRF cookie and field).
  async function open(): Promise<Session> {
    const unit = await f.createUnit({ name: 'Xã Đăk Tờ Re' });
    const link = await f.t.request('POST', `/api/v1/periods/${period.id}/units/${unit.id}/portal-link`);
    expect(link.status).toBe(201);
    const token = (TOKEN_URL.exec(link.body.url) as RegExpExecArray)[1];
    const ip = nextAddress();
    const page = await get(token, ip);
    expect(page.status).toBe(200);
    return { unit, token, ip, cookie: cookieFrom(page.headers), csrf: csrfFrom(page.html) };
  }

  function report(session: Session, action: 'draft' | 'submit', fields: Fields = []): Fields {
    return [['_csrf', session.csrf], ...fields, ['action', action]];
  }

  function removal(session: Session, id: string, fields: Fields = []): Fields {
    return [['_csrf', session.csrf], ...fields, ['remove', id]];
  }

  async function listed(unitId: string): Promise<Attachment[]> {
    const response = await f.t.request<Attachment[]>('GET', `/api/v1/periods/${period.id}/units/${unitId}/attachments`);
    expect(response.status).toBe(200);
    return response.body;
  }

  // The unit's report as the admin API lists it, or null.
  async function submissionOf(unitId: string): Promise<Submission | null> {
    const response = await f.t.request<{ items: Submission[] }>('GET', `/api/v1/periods/${period.id}/submissions`);
    expect(response.status).toBe(200);
    return response.body.items.find((item) => item.unitId === unitId) ?? null;
  }

  function storedFiles(unitId: string): string[] {
    try {
      return readdirSync(join(f.t.config.dataDir, 'files', period.id, unitId));
    } catch {
      return [];
    }
  }

  // The text of the error paragraph next to the file input.
  function fileError(html: string): string | null {
    const match = /<p class="field-error" id="files-error"><span class="visually-hidden">Lỗi: <\/span>([^<]*)<\/p>/.exec(html);
    return match ? match[1] : null;
  }

  describe('POST /portal/:token with files', () => {
    it('should store a real PDF and PNG with the draft, list them on the page with their sizes and in the admin API', async () => {
      const session = await open();
      const pdf = samplePdf(1_300_000);
      const png = samplePng();
      const saved = await post(session, report(session, 'draft', [[`value-${buoi.id}`, '8.145']]), [
        ['Báo cáo quý II.pdf', pdf],
        ['Ảnh hội nghị.png', png],
      ]);
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toBe(`${session.token}?flash=draft`);
      const files = await listed(session.unit.id);
      expect(files).toEqual([
        expect.objectContaining({ filename: 'Báo cáo quý II.pdf', mimeType: 'application/pdf', size: pdf.length, sha256: sha256(pdf), uploadedBy: 'portal' }),
        expect.objectContaining({ filename: 'Ảnh hội nghị.png', mimeType: 'image/png', size: png.length, sha256: sha256(png), uploadedBy: 'portal' }),
      ]);
      expect(await submissionOf(session.unit.id)).toMatchObject({ status: 'draft', values: { [buoi.code]: 8145 } });
      const page = await get(session.token, session.ip, session.cookie);
      expect(page.html).toContain('Tệp đã đính kèm (2/5)');
      expect(page.html).toContain('<span class="file-name">Báo cáo quý II.pdf</span> <span class="file-size">1,2 MB</span>');
      expect(page.html).toContain('<span class="file-name">Ảnh hội nghị.png</span> <span class="file-size">');
      expect(page.html).toContain(`name="remove" value="${files[0].id}"`);
      const download = await fetch(`${f.t.baseUrl}/api/v1/attachments/${files[0].id}/download`, { headers: { authorization: `Bearer ${f.t.adminKey}` } });
      expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    });

    it('should keep a Word document sent with the report when the unit submits it', async () => {
      const session = await open();
      const docx = await sampleDocx();
      expect((await post(session, report(session, 'submit'), [['Báo cáo chi tiết.docx', docx]])).status).toBe(303);
      expect(await listed(session.unit.id)).toEqual([expect.objectContaining({ filename: 'Báo cáo chi tiết.docx', size: docx.length })]);
      expect(await submissionOf(session.unit.id)).toMatchObject({ status: 'submitted' });
      const page = await get(session.token, session.ip, session.cookie);
      expect(page.html).toContain('<span class="file-name">Báo cáo chi tiết.docx</span>');
      expect(page.html).not.toContain('name="remove"');
      expect(page.html).not.toContain('type="file"');
    });

    it('should refuse a PNG named .pdf and an executable inline in Vietnamese, keep what was typed and store nothing', async () => {
      const session = await open();
      const answer = await post(
        session,
        report(session, 'submit', [
          [`value-${buoi.id}`, '12'],
          ['results', 'Đã tổ chức 12 buổi.'],
        ]),
        [
          ['Báo cáo.pdf', samplePng()],
          ['Cài đặt.pdf', sampleExe()],
          ['Đúng.pdf', samplePdf()],
        ],
      );
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(fileError(answer.html)).toBe(
        'Tên tệp “Báo cáo.pdf” không khớp với nội dung (nội dung là ảnh PNG). Vui lòng gửi đúng tệp gốc. ' +
          'Nội dung tệp “Cài đặt.pdf” không phải là tệp PDF, Word (.docx), Excel (.xlsx), ảnh JPG hoặc PNG hợp lệ (không nhận tệp có macro hoặc tệp đã bị đổi tên).',
      );
      expect(answer.html).toContain('<a href="#files">Tài liệu đính kèm: Tên tệp “Báo cáo.pdf”');
      expect(answer.html).toContain('Các tệp vừa chọn chưa được tải lên.');
      expect(answer.html).toContain(`value="12"`);
      expect(answer.html).toContain('>Đã tổ chức 12 buổi.</textarea>');
      expect(await listed(session.unit.id)).toEqual([]);
      expect(storedFiles(session.unit.id)).toEqual([]);
      expect(await submissionOf(session.unit.id)).toBeNull();
    });

    it('should refuse a file of 10 MB and one byte with the Vietnamese message on the form, not a 413', async () => {
      const session = await open();
      const answer = await post(session, report(session, 'draft', [['results', 'Giữ lại nội dung này']]), [['Hồ sơ lớn.pdf', samplePdf(TEN_MB + 1)]]);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(fileError(answer.html)).toBe('Tệp “Hồ sơ lớn.pdf” lớn hơn 10 MB, vượt quá dung lượng cho phép.');
      expect(answer.html).toContain('>Giữ lại nội dung này</textarea>');
      expect(await listed(session.unit.id)).toEqual([]);
      expect(await submissionOf(session.unit.id)).toBeNull();
      const exact = await post(session, report(session, 'draft'), [['Vừa đủ.pdf', samplePdf(TEN_MB)]]);
      expect(exact.status).toBe(303);
      expect(await listed(session.unit.id)).toEqual([expect.objectContaining({ filename: 'Vừa đủ.pdf', size: TEN_MB })]);
    });

    it('should store no file when the report has an error, and say the files must be chosen again', async () => {
      const session = await open();
      const answer = await post(session, report(session, 'submit', [[`value-${buoi.id}`, 'abc']]), [['Báo cáo.pdf', samplePdf()]]);
      expect(answer.status).toBe(400);
      expect(answer.html).toContain('Chưa lưu được báo cáo: có 1 lỗi cần sửa');
      expect(fileError(answer.html)).toBeNull();
      expect(answer.html).toContain(
        '<p class="field-note" id="files-note">Các tệp vừa chọn chưa được tải lên. Vui lòng chọn lại tệp trước khi bấm &quot;Lưu nháp&quot; hoặc &quot;Gửi báo cáo&quot;.</p>',
      );
      expect(await listed(session.unit.id)).toEqual([]);
      expect(await submissionOf(session.unit.id)).toBeNull();
    });

    it('should take 5 files in one post and refuse a 6th, in the same post or a later one', async () => {
      const session = await open();
      const six = Array.from({ length: 6 }, (_, index): Upload => [`Tệp ${index + 1}.pdf`, samplePdf()]);
      const tooMany = await post(session, report(session, 'draft'), six);
      expect(tooMany.status).toBe(400);
      expect(fileError(tooMany.html)).toBe('Mỗi báo cáo chỉ được đính kèm tối đa 5 tệp (vừa chọn 6 tệp).');
      expect(await listed(session.unit.id)).toEqual([]);
      expect((await post(session, report(session, 'draft'), six.slice(0, 5))).status).toBe(303);
      expect((await listed(session.unit.id)).map((file) => file.filename)).toEqual(['Tệp 1.pdf', 'Tệp 2.pdf', 'Tệp 3.pdf', 'Tệp 4.pdf', 'Tệp 5.pdf']);
      const full = await get(session.token, session.ip, session.cookie);
      expect(full.html).toContain('Báo cáo đã có đủ 5 tệp đính kèm. Muốn thêm tệp khác, hãy xóa bớt một tệp.');
      expect(full.html).not.toContain('type="file"');
      const sixth = await post(session, report(session, 'draft', [['results', 'Vẫn giữ']]), [six[5]]);
      expect(sixth.status).toBe(400);
      expect(fileError(sixth.html)).toBe('Báo cáo đã có đủ 5 tệp đính kèm. Vui lòng xóa bớt tệp trước khi thêm tệp mới.');
      expect(sixth.html).toContain('>Vẫn giữ</textarea>');
      expect(await listed(session.unit.id)).toHaveLength(5);
      expect(storedFiles(session.unit.id)).toHaveLength(5);
    });

    it('should answer 403 and store nothing when a file comes without the CSRF cookie or field', async () => {
      const session = await open();
      const noCookie = await post(session, report(session, 'draft'), [['Báo cáo.pdf', samplePdf()]], { cookie: null });
      const noField = await post(session, [['action', 'draft']], [['Báo cáo.pdf', samplePdf()]]);
      for (const answer of [noCookie, noField]) {
        expect(answer.status).toBe(403);
        expect(answer.html).toContain('Chưa gửi được biểu mẫu');
      }
      expect(await listed(session.unit.id)).toEqual([]);
      expect(storedFiles(session.unit.id)).toEqual([]);
    });

    it('should refuse a file once the report is sent and waiting for review, and store nothing', async () => {
      const session = await open();
      expect((await post(session, report(session, 'submit'))).status).toBe(303);
      const answer = await post(session, report(session, 'draft'), [['Bổ sung.pdf', samplePdf()]]);
      expect(answer.status).toBe(409);
      expect(answer.html).toContain('Báo cáo đã được gửi và đang chờ Thường trực Ban Chỉ đạo xem xét nên không sửa được.');
      expect(await listed(session.unit.id)).toEqual([]);
    });
  });

  describe('POST /portal/:token with remove', () => {
    it('should remove the file, keep what was typed without saving it, and say so', async () => {
      const session = await open();
      expect(
        (
          await post(session, report(session, 'draft', [['results', 'Bản đã lưu']]), [
            ['Giữ lại.pdf', samplePdf()],
            ['Xóa đi.png', samplePng()],
          ])
        ).status,
      ).toBe(303);
      const [kept, removed] = await listed(session.unit.id);
      const answer = await post(session, removal(session, removed.id, [['results', 'Bản đang sửa']]));
      expect(answer.status).toBe(200);
      expect(answer.html).toContain('Đã xóa tệp “Xóa đi.png”.');
      expect(answer.html).toContain('>Bản đang sửa</textarea>');
      expect(answer.html).toContain('Tệp đã đính kèm (1/5)');
      expect(answer.html).not.toContain('Xóa đi.png</span>');
      expect(await listed(session.unit.id)).toEqual([expect.objectContaining({ id: kept.id })]);
      expect(storedFiles(session.unit.id)).toEqual([kept.id]);
      expect(await submissionOf(session.unit.id)).toMatchObject({ sections: { results: 'Bản đã lưu' } });
      const audit = await f.t.request('GET', `/api/v1/audit?entity=attachment&actor=portal`);
      expect(audit.body.items.filter((item: { entityId: string }) => item.entityId === removed.id).map((item: { action: string }) => item.action)).toEqual(
        expect.arrayContaining(['create', 'delete']),
      );
    });

    it("should refuse to remove another unit's file or an unknown id, and remove nothing", async () => {
      const session = await open();
      const other = await f.createUnit({ name: 'Xã Đăk Pne' });
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(samplePdf())]), 'Của xã khác.pdf');
      const theirs = await f.t.request<Attachment>('POST', `/api/v1/periods/${period.id}/units/${other.id}/attachments`, { form });
      expect(theirs.status).toBe(201);
      expect((await post(session, report(session, 'draft'), [['Của mình.pdf', samplePdf()]])).status).toBe(303);
      for (const id of [theirs.body.id, UNKNOWN_ID, 'not-an-id']) {
        const answer = await post(session, removal(session, id, [['results', 'Đang nhập']]));
        expect(answer.status).toBe(400);
        expect(fileError(answer.html)).toBe('Không tìm thấy tệp cần xóa trong báo cáo của đơn vị (có thể tệp đã được xóa trước đó). Chưa có tệp nào bị xóa.');
        expect(answer.html).toContain('>Đang nhập</textarea>');
      }
      expect(await listed(other.id)).toEqual([expect.objectContaining({ id: theirs.body.id })]);
      expect(await listed(session.unit.id)).toEqual([expect.objectContaining({ filename: 'Của mình.pdf' })]);
    });

    it('should answer 403 and remove nothing when the removal has no CSRF field', async () => {
      const session = await open();
      expect((await post(session, report(session, 'draft'), [['Báo cáo.pdf', samplePdf()]])).status).toBe(303);
      const [file] = await listed(session.unit.id);
      const answer = await post(session, [['remove', file.id]]);
      expect(answer.status).toBe(403);
      expect(await listed(session.unit.id)).toEqual([expect.objectContaining({ id: file.id })]);
    });
  });
});
