import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import JSZip from 'jszip';
import { AttachmentRejected } from '../src/attachments/attachment-rejected';
import { AttachmentsService } from '../src/attachments/attachments.service';
import { sampleDocx, sampleExe, sampleJpeg, samplePdf, samplePng, sampleXlsx } from './attachments-samples';
import { fields, Period, SECRETARIAT, SubmissionsFixture, Unit, UNKNOWN_ID, UUID } from './submissions-fixtures';

const TEN_MB = 10 * 1024 * 1024;
const VIETNAMESE_NAME = 'Báo cáo quý II.pdf';

interface Attachment {
  id: string;
  periodId: string;
  unitId: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
  downloadUrl: string;
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

// Every regular file under `directory`, as paths relative to it.
function filesUnder(directory: string): string[] {
  return (readdirSync(directory, { recursive: true }) as string[]).filter((path) => statSync(join(directory, path)).isFile());
}

describe('Attachments', () => {
  let f: SubmissionsFixture;
  let service: AttachmentsService;

  beforeAll(async () => {
    f = await SubmissionsFixture.start();
    service = f.t.app.get(AttachmentsService);
  });

  afterAll(async () => {
    await f.close();
  });

  async function setting(): Promise<{ period: Period; unit: Unit }> {
    return { period: await f.insertPeriod(), unit: await f.createUnit() };
  }

  function upload(periodId: string, unitId: string, filename: string, content: Buffer, key: string | null = f.secretariatKey) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)]), filename);
    return f.t.request<Attachment & { message?: string; details?: Array<{ field: string; message: string }> }>('POST', `/api/v1/periods/${periodId}/units/${unitId}/attachments`, {
      form,
      key,
    });
  }

  async function attach(periodId: string, unitId: string, filename: string, content: Buffer): Promise<Attachment> {
    const response = await upload(periodId, unitId, filename, content);
    expect(response.status).toBe(201);
    return response.body;
  }

  async function list(periodId: string, unitId: string): Promise<Attachment[]> {
    const response = await f.t.request<Attachment[]>('GET', `/api/v1/periods/${periodId}/units/${unitId}/attachments`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function download(id: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const response = await fetch(`${f.t.baseUrl}/api/v1/attachments/${id}/download`, { headers: { authorization: `Bearer ${f.t.adminKey}` } });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  function storedPath(attachment: Pick<Attachment, 'periodId' | 'unitId' | 'id'>): string {
    return join(f.t.config.dataDir, 'files', attachment.periodId, attachment.unitId, attachment.id);
  }

  async function rejectionOf(promise: Promise<unknown>): Promise<AttachmentRejected> {
    const error = await promise.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AttachmentRejected);
    return error as AttachmentRejected;
  }

  describe('POST /periods/:id/units/:unitId/attachments', () => {
    it('should store a PDF with a Vietnamese name and answer its record when the content is a PDF', async () => {
      const { period, unit } = await setting();
      const content = samplePdf();
      const response = await upload(period.id, unit.id, VIETNAMESE_NAME, content);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        periodId: period.id,
        unitId: unit.id,
        filename: VIETNAMESE_NAME,
        mimeType: 'application/pdf',
        size: content.length,
        sha256: sha256(content),
        uploadedAt: expect.any(String),
        uploadedBy: SECRETARIAT,
        downloadUrl: `/api/v1/attachments/${response.body.id}/download`,
      });
      expect(readFileSync(storedPath(response.body)).equals(content)).toBe(true);
    });

    it('should accept a real file of each accepted type, typed by its content', async () => {
      const { period, unit } = await setting();
      const files: Array<[string, Buffer, string]> = [
        ['Báo cáo chi tiết.docx', await sampleDocx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        ['Số liệu.xlsx', await sampleXlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        ['Ảnh hội nghị.png', samplePng(), 'image/png'],
        ['Ảnh thôn Kon Bỉ.JPG', sampleJpeg(), 'image/jpeg'],
      ];
      for (const [name, content, mimeType] of files) expect(await attach(period.id, unit.id, name, content)).toMatchObject({ filename: name, mimeType, size: content.length });
      expect((await list(period.id, unit.id)).map((attachment) => attachment.filename)).toEqual(files.map(([name]) => name));
    });

    it('should refuse the sixth file with a 409 naming file and keep five', async () => {
      const { period, unit } = await setting();
      for (let i = 1; i <= 5; i++) await attach(period.id, unit.id, `Tệp ${i}.pdf`, samplePdf());
      const response = await upload(period.id, unit.id, 'Tệp 6.pdf', samplePdf());
      expect(response.status).toBe(409);
      expect(fields(response.body.details)).toEqual(['file']);
      expect(response.body.message).toContain('5 attachments');
      expect(await list(period.id, unit.id)).toHaveLength(5);
      expect(filesUnder(join(f.t.config.dataDir, 'files', period.id, unit.id))).toHaveLength(5);
    });

    it('should store exactly five when eight uploads for one report arrive at once', async () => {
      const { period, unit } = await setting();
      const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => upload(period.id, unit.id, `Ảnh ${i}.png`, samplePng())));
      expect(responses.map((response) => response.status).sort()).toEqual([201, 201, 201, 201, 201, 409, 409, 409]);
      expect(await list(period.id, unit.id)).toHaveLength(5);
      // A refused upload leaves no bytes behind, not even a temporary file.
      expect(filesUnder(join(f.t.config.dataDir, 'files', period.id, unit.id))).toHaveLength(5);
    });

    it('should accept a file of exactly 10 MB and refuse 10 MB and one byte with a 413', async () => {
      const { period, unit } = await setting();
      expect(await attach(period.id, unit.id, 'Đúng 10 MB.pdf', samplePdf(TEN_MB))).toMatchObject({ size: TEN_MB });
      const response = await upload(period.id, unit.id, 'Quá lớn.pdf', samplePdf(TEN_MB + 1));
      expect(response.status).toBe(413);
      expect(response.body.message).toContain('file');
      expect(await list(period.id, unit.id)).toHaveLength(1);
    });

    it('should refuse with a 400 naming file and store nothing when the content does not match the name', async () => {
      const { period, unit } = await setting();
      const cases: Array<[string, Buffer]> = [
        ['Báo cáo.pdf', samplePng()],
        ['Báo cáo.docx', sampleExe()],
        ['Cài đặt.exe', sampleExe()],
        ['Trống.pdf', Buffer.alloc(0)],
      ];
      for (const [name, content] of cases) {
        const response = await upload(period.id, unit.id, name, content);
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'file', message: expect.stringContaining(name) }]);
      }
      expect(await list(period.id, unit.id)).toEqual([]);
    });

    it('should answer 400 naming file when the request is not multipart', async () => {
      const { period, unit } = await setting();
      const response = await f.t.request('POST', `/api/v1/periods/${period.id}/units/${unit.id}/attachments`, { body: { file: 'x' }, key: f.secretariatKey });
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['file']);
    });

    it('should answer 404 for an unknown period or unit and 400 naming the id that is not a UUID', async () => {
      const { period, unit } = await setting();
      expect((await upload(UNKNOWN_ID, unit.id, 'a.pdf', samplePdf())).status).toBe(404);
      expect((await upload(period.id, UNKNOWN_ID, 'a.pdf', samplePdf())).status).toBe(404);
      const response = await upload(period.id, 'not-a-uuid', 'a.pdf', samplePdf());
      expect(response.status).toBe(400);
      expect(fields(response.body.details)).toEqual(['unitId']);
    });

    it('should refuse a viewer key with a 403 and store nothing', async () => {
      const { period, unit } = await setting();
      expect((await upload(period.id, unit.id, 'a.pdf', samplePdf(), f.viewerKey)).status).toBe(403);
      expect(await list(period.id, unit.id)).toEqual([]);
    });

    it('should refuse an upload to an accepted report with a 409 naming file, and accept it again once the report is returned', async () => {
      const { period, unit } = await setting();
      const submission = await f.save(period.id, unit.id, { sections: { results: 'Đã tổ chức 12 buổi.' }, submit: true });
      expect((await f.review(submission.id, 'accept')).status).toBe(200);
      const response = await upload(period.id, unit.id, 'Bổ sung.pdf', samplePdf());
      expect(response.status).toBe(409);
      expect(fields(response.body.details)).toEqual(['file']);
      expect(response.body.message).toContain('accepted');
      expect((await f.review(submission.id, 'return', { comment: 'Bổ sung số liệu' })).status).toBe(200);
      expect((await upload(period.id, unit.id, 'Bổ sung.pdf', samplePdf())).status).toBe(201);
    });
  });

  describe('GET /attachments/:id/download', () => {
    it('should answer the same bytes with the type, a UTF-8 file name and nosniff', async () => {
      const { period, unit } = await setting();
      const content = await sampleDocx('Nội dung báo cáo');
      const attachment = await attach(period.id, unit.id, 'Đề xuất (bản 2).docx', content);
      const response = await download(attachment.id);
      expect(response.status).toBe(200);
      expect(response.body.equals(content)).toBe(true);
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(response.headers.get('content-length')).toBe(String(content.length));
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="De xuat (ban 2).docx"; filename*=UTF-8''%C4%90%E1%BB%81%20xu%E1%BA%A5t%20%28b%E1%BA%A3n%202%29.docx`,
      );
    });

    it('should answer 404 for an unknown attachment and 401 without a key', async () => {
      expect((await download(UNKNOWN_ID)).status).toBe(404);
      expect((await fetch(`${f.t.baseUrl}/api/v1/attachments/${UNKNOWN_ID}/download`)).status).toBe(401);
    });
  });

  describe('GET lists', () => {
    it("should list only the unit's own files of that period, and the same for its submission", async () => {
      const { period, unit } = await setting();
      const other = await f.createUnit({ name: 'Xã Đăk Kôi' });
      const otherPeriod = await f.insertPeriod();
      const own = await attach(period.id, unit.id, 'Của xã Đăk Ruồng.pdf', samplePdf());
      const foreign = await attach(period.id, other.id, 'Của xã Đăk Kôi.pdf', samplePdf());
      await attach(otherPeriod.id, unit.id, 'Quý khác.pdf', samplePdf());
      expect((await list(period.id, unit.id)).map((attachment) => attachment.id)).toEqual([own.id]);
      expect((await list(period.id, other.id)).map((attachment) => attachment.id)).toEqual([foreign.id]);
      const submission = await f.save(period.id, unit.id, { sections: { results: 'Kết quả' } });
      const response = await f.t.request<Attachment[]>('GET', `/api/v1/submissions/${submission.id}/attachments`, { key: f.viewerKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(await list(period.id, unit.id));
      expect((await f.t.request('GET', `/api/v1/submissions/${UNKNOWN_ID}/attachments`)).status).toBe(404);
    });

    it("should not let a unit remove another unit's file through its own scope", async () => {
      const { period, unit } = await setting();
      const other = await f.createUnit({ name: 'Xã Đăk Kôi' });
      const foreign = await attach(period.id, other.id, 'Của xã Đăk Kôi.pdf', samplePdf());
      await expect(service.remove(foreign.id, period.id, unit.id, { name: 'portal' })).rejects.toMatchObject({ status: 404 });
      expect(await list(period.id, other.id)).toHaveLength(1);
    });
  });

  describe('DELETE /attachments/:id', () => {
    it('should remove the file from the list and the disk, audit both changes, and answer 404 after', async () => {
      const { period, unit } = await setting();
      const attachment = await attach(period.id, unit.id, VIETNAMESE_NAME, samplePdf());
      const response = await f.t.request('DELETE', `/api/v1/attachments/${attachment.id}`, { key: f.secretariatKey });
      expect(response.status).toBe(204);
      expect(await list(period.id, unit.id)).toEqual([]);
      expect((await download(attachment.id)).status).toBe(404);
      expect(() => statSync(storedPath(attachment))).toThrow();
      expect((await f.t.request('DELETE', `/api/v1/attachments/${attachment.id}`, { key: f.secretariatKey })).status).toBe(404);
      const audit = await f.t.request('GET', `/api/v1/audit?entity=attachment&entityId=${attachment.id}&sort=at`);
      expect(audit.body.items.map((entry: { action: string; actor: string }) => [entry.action, entry.actor])).toEqual([
        ['create', SECRETARIAT],
        ['delete', SECRETARIAT],
      ]);
      expect(audit.body.items[0].changes).toMatchObject({ filename: { to: VIETNAMESE_NAME }, sha256: { to: attachment.sha256 } });
    });

    it('should refuse to remove a file of an accepted report with a 409 and keep it', async () => {
      const { period, unit } = await setting();
      const attachment = await attach(period.id, unit.id, 'Báo cáo.pdf', samplePdf());
      const submission = await f.save(period.id, unit.id, { sections: { results: 'Kết quả' }, submit: true });
      expect((await f.review(submission.id, 'accept')).status).toBe(200);
      const response = await f.t.request('DELETE', `/api/v1/attachments/${attachment.id}`, { key: f.secretariatKey });
      expect(response.status).toBe(409);
      expect(await list(period.id, unit.id)).toHaveLength(1);
      expect((await download(attachment.id)).status).toBe(200);
    });
  });

  describe('AttachmentsService (the portal’s entry point)', () => {
    it('should add, list and remove as the portal with Vietnamese messages for refusals', async () => {
      const { period, unit } = await setting();
      const added = await service.add(period.id, unit.id, { filename: VIETNAMESE_NAME.normalize('NFD'), content: samplePdf() }, { name: 'portal' });
      expect(added).toMatchObject({ filename: VIETNAMESE_NAME, uploadedBy: 'portal' });
      const wrong = await rejectionOf(service.add(period.id, unit.id, { filename: 'Ảnh.pdf', content: samplePng() }, { name: 'portal' }));
      expect(wrong).toMatchObject({ code: 'bad_type', messageVi: 'Tên tệp “Ảnh.pdf” không khớp với nội dung (nội dung là ảnh PNG). Vui lòng gửi đúng tệp gốc.' });
      expect(wrong.getResponse()).toMatchObject({ statusCode: 400, details: [{ field: 'files' }] });
      const large = await rejectionOf(service.add(period.id, unit.id, { filename: 'Lớn.pdf', content: samplePdf(TEN_MB + 1) }, { name: 'portal' }));
      expect(large).toMatchObject({ code: 'too_large', messageVi: 'Tệp “Lớn.pdf” lớn hơn 10 MB, vượt quá dung lượng cho phép.' });
      for (let i = 2; i <= 5; i++) await service.add(period.id, unit.id, { filename: `Ảnh ${i}.jpg`, content: sampleJpeg() }, { name: 'portal' });
      const many = await rejectionOf(service.add(period.id, unit.id, { filename: 'Ảnh 6.jpg', content: sampleJpeg() }, { name: 'portal' }));
      expect(many.code).toBe('too_many');
      expect(many.messageVi).toContain('tối đa 5 tệp');
      await service.remove(added.id, period.id, unit.id, { name: 'portal' });
      expect((await service.list(period.id, unit.id)).map((attachment) => attachment.filename)).toEqual(['Ảnh 2.jpg', 'Ảnh 3.jpg', 'Ảnh 4.jpg', 'Ảnh 5.jpg']);
      const opened = await service.open((await service.list(period.id, unit.id))[0].id);
      expect(opened).toMatchObject({ filename: 'Ảnh 2.jpg', mimeType: 'image/jpeg', size: sampleJpeg().length });
      opened.stream.destroy();
    });
  });

  describe('storage', () => {
    it('should keep uploaded bytes only under DATA_DIR/files, named by ids, with no temporary file left', async () => {
      const { period, unit } = await setting();
      const marker = Buffer.concat([samplePdf(), Buffer.from(`% ${'unique marker '.repeat(4)}${Date.now()}\n`, 'latin1')]);
      const attachment = await attach(period.id, unit.id, '../../ngoài thư mục.pdf', marker);
      expect(attachment.filename).toBe('ngoài thư mục.pdf');
      const dataDir = f.t.config.dataDir;
      const holding = filesUnder(dataDir).filter((path) => readFileSync(join(dataDir, path)).equals(marker));
      expect(holding).toEqual([join('files', period.id, unit.id, attachment.id)]);
      const stored = filesUnder(join(dataDir, 'files'));
      expect(stored.length).toBeGreaterThan(0);
      for (const path of stored) expect(path.split(sep)).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID), expect.stringMatching(UUID)]);
      expect(relative(dataDir, storedPath(attachment)).startsWith('files')).toBe(true);
    });
  });

  describe('briefing pack', () => {
    async function compile(periodId: string): Promise<{ html: string; docx: string; md: string }> {
      const requested = await f.t.request('POST', `/api/v1/periods/${periodId}/briefings`);
      expect(requested.status).toBe(202);
      const deadline = Date.now() + 60_000;
      let status = '';
      while (status !== 'done' && status !== 'failed' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await f.t.request('GET', `/api/v1/briefings/${requested.body.id}`)).body.status;
      }
      expect(status).toBe('done');
      const file = async (format: string) => {
        const response = await fetch(`${f.t.baseUrl}/api/v1/briefings/${requested.body.id}/files/${format}`, { headers: { authorization: `Bearer ${f.t.adminKey}` } });
        return Buffer.from(await response.arrayBuffer());
      };
      const docx = await JSZip.loadAsync(await file('docx'));
      return { html: (await file('html')).toString('utf8'), md: (await file('md')).toString('utf8'), docx: await docx.file('word/document.xml')!.async('string') };
    }

    it('should list the files of submitted reports with their links in the HTML, Markdown and Word files', async () => {
      const { period, unit } = await setting();
      const drafting = await f.createUnit({ name: 'Xã Đăk Kôi' });
      await f.save(period.id, unit.id, { sections: { results: 'Đã tổ chức 12 buổi tuyên truyền.' }, submit: true });
      await f.save(period.id, drafting.id, { sections: { results: 'Đang soạn.' } });
      const attachment = await attach(period.id, unit.id, VIETNAMESE_NAME, samplePdf());
      await attach(period.id, drafting.id, 'Bản nháp.pdf', samplePdf());
      const pack = await compile(period.id);
      expect(pack.html).toContain('PHỤ LỤC: TÀI LIỆU ĐÍNH KÈM BÁO CÁO CỦA CÁC ĐƠN VỊ');
      expect(pack.html).toContain(`<td>${unit.name}</td><td><a href="/api/v1/attachments/${attachment.id}/download">${VIETNAMESE_NAME}</a></td>`);
      expect(pack.html).not.toContain('Bản nháp.pdf');
      expect(pack.md).toContain(`[Báo cáo quý II.pdf](/api/v1/attachments/${attachment.id}/download)`);
      expect(pack.docx).toContain(VIETNAMESE_NAME);
      expect(pack.docx).not.toContain('Bản nháp.pdf');
    });

    it('should link to the public address when the settings give one', async () => {
      const { period, unit } = await setting();
      await f.save(period.id, unit.id, { sections: { results: 'Kết quả' }, submit: true });
      const attachment = await attach(period.id, unit.id, 'Số liệu.xlsx', await sampleXlsx());
      expect((await f.t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: 'https://giaoban.konray.gov.vn/' } })).status).toBe(200);
      try {
        const pack = await compile(period.id);
        const url = `https://giaoban.konray.gov.vn/api/v1/attachments/${attachment.id}/download`;
        expect(pack.html).toContain(`<a href="${url}">Số liệu.xlsx</a>`);
        expect(pack.docx).toContain(`w:instr="HYPERLINK &quot;${url}&quot;"`);
      } finally {
        await f.t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: null } });
      }
    });
  });
});
