import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileForm, HEADER, konRayRows, toCsv, toXlsx, UnitFileRow } from './fixtures/units/unit-files';
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
}

interface ImportResult {
  created: number;
  updated: number;
  errors: Array<{ row: number; field: string | null; message: string }>;
  applied: boolean;
}

const IMPORT = '/api/v1/units/import';

function uniquePrefix(): string {
  return `I${randomBytes(3).toString('hex')}`.toUpperCase();
}

describe('Units import API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  function upload(content: Buffer, options: { query?: string; filename?: string; key?: string | null } = {}) {
    return t.request<ImportResult & { details: Array<{ field: string; message: string }> }>('POST', `${IMPORT}${options.query ?? ''}`, {
      form: fileForm(content, options.filename),
      key: options.key,
    });
  }

  async function unitsByCode(prefix: string): Promise<Map<string, Unit>> {
    const response = await t.request<{ items: Unit[] }>('GET', `/api/v1/units?limit=500&q=${prefix.toLowerCase()}`);
    expect(response.status).toBe(200);
    return new Map(response.body.items.map((unit) => [unit.code, unit]));
  }

  async function allUnits(): Promise<unknown> {
    const response = await t.request('GET', '/api/v1/units?limit=500');
    expect(response.status).toBe(200);
    return response.body;
  }

  // Every unit of the file exists with the file's values, children linked to the district office.
  async function expectKonRayUnits(prefix: string): Promise<void> {
    const units = await unitsByCode(prefix);
    expect([...units.keys()].sort()).toEqual([`${prefix}-HUYEN`, `${prefix}-TT-DAKRVE`, `${prefix}-XA-DAKRUONG`]);
    const district = units.get(`${prefix}-HUYEN`)!;
    expect(district).toMatchObject({ name: 'UBND huyện Kon Rẫy', kind: 'agency', parentId: null, emails: ['vanphong@konray.gov.vn'], headEmail: null, active: true });
    expect(units.get(`${prefix}-XA-DAKRUONG`)).toMatchObject({
      name: 'Xã Đăk Ruồng',
      kind: 'commune',
      parentId: district.id,
      emails: ['ubnd.dakruong@konray.gov.vn', 'vanphong.dakruong@konray.gov.vn'],
      headEmail: 'chutich.dakruong@konray.gov.vn',
    });
    expect(units.get(`${prefix}-TT-DAKRVE`)).toMatchObject({
      name: 'Thị trấn Đăk Rve',
      kind: 'township',
      parentId: district.id,
      emails: ['ubnd.dakrve@konray.gov.vn'],
      headEmail: null,
    });
  }

  describe('POST /units/import', () => {
    describe('CSV', () => {
      it('should create the units and link parents defined on later rows when the file is valid', async () => {
        const prefix = uniquePrefix();
        const response = await upload(toCsv(konRayRows(prefix)));
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ created: 3, updated: 0, errors: [], applied: true });
        await expectKonRayUnits(prefix);
      });

      it('should change nothing when the same file is imported again', async () => {
        const prefix = uniquePrefix();
        const file = toCsv(konRayRows(prefix));
        await upload(file);
        const before = await unitsByCode(prefix);
        const again = await upload(file);
        expect(again.status).toBe(200);
        expect(again.body).toEqual({ created: 0, updated: 0, errors: [], applied: true });
        expect(await unitsByCode(prefix)).toEqual(before);
      });

      it('should count and apply the updates when names change', async () => {
        const prefix = uniquePrefix();
        const rows = konRayRows(prefix);
        await upload(toCsv(rows));
        const renamed = rows.map((row): UnitFileRow => (row[0].endsWith('HUYEN') ? row : [row[0], `${row[1]} (mới)`, row[2], row[3], row[4], row[5]]));
        const response = await upload(toCsv(renamed));
        expect(response.body).toEqual({ created: 0, updated: 2, errors: [], applied: true });
        const units = await unitsByCode(prefix);
        expect(units.get(`${prefix}-XA-DAKRUONG`)?.name).toBe('Xã Đăk Ruồng (mới)');
        expect(units.get(`${prefix}-TT-DAKRVE`)?.name).toBe('Thị trấn Đăk Rve (mới)');
        expect(units.get(`${prefix}-HUYEN`)?.name).toBe('UBND huyện Kon Rẫy');
      });

      it('should create the new rows and update the known ones in one file', async () => {
        const prefix = uniquePrefix();
        const rows = konRayRows(prefix);
        await upload(toCsv(rows.slice(1)));
        const response = await upload(toCsv([...rows.slice(0, 2), [rows[2][0], 'Văn phòng huyện Kon Rẫy', ...rows[2].slice(2)]]));
        expect(response.body).toEqual({ created: 1, updated: 1, errors: [], applied: true });
        const units = await unitsByCode(prefix);
        expect(units.get(`${prefix}-XA-DAKRUONG`)?.parentId).toBe(units.get(`${prefix}-HUYEN`)?.id);
      });

      it('should match codes case-insensitively and reactivate a deactivated unit when it is imported again', async () => {
        const prefix = uniquePrefix();
        const rows = konRayRows(prefix);
        await upload(toCsv(rows));
        const district = (await unitsByCode(prefix)).get(`${prefix}-HUYEN`)!;
        await t.request('DELETE', `/api/v1/units/${district.id}`);
        const response = await upload(toCsv([[rows[2][0].toLowerCase(), ...rows[2].slice(1)]]));
        expect(response.body).toEqual({ created: 0, updated: 1, errors: [], applied: true });
        const after = await t.request<Unit>('GET', `/api/v1/units/${district.id}`);
        expect(after.body).toMatchObject({ active: true, code: rows[2][0].toLowerCase() });
      });

      it('should link a parent that exists only in the database when parentCode names it', async () => {
        const prefix = uniquePrefix();
        const parent = await t.request<Unit>('POST', '/api/v1/units', {
          body: { code: `${prefix}-PARENT`, name: 'Huyện ủy Kon Rẫy', kind: 'agency', emails: ['huyenuy@konray.gov.vn'] },
        });
        expect(parent.status).toBe(201);
        const response = await upload(toCsv([[`${prefix}-CHILD`, 'Xã Tân Lập', 'commune', `${prefix}-parent`, 'ubnd.tanlap@konray.gov.vn', '']]));
        expect(response.body).toEqual({ created: 1, updated: 0, errors: [], applied: true });
        const child = (await unitsByCode(prefix)).get(`${prefix}-CHILD`);
        expect(child?.parentId).toBe(parent.body.id);
      });

      it('should report the row and field and change nothing when one row has a bad e-mail', async () => {
        const prefix = uniquePrefix();
        const rows = konRayRows(prefix);
        await upload(toCsv(rows));
        const before = await allUnits();
        const withError = toCsv([
          [`${prefix}-NEW`, 'Xã Đăk Pne', 'commune', `${prefix}-HUYEN`, 'ubnd.dakpne@konray.gov.vn', ''],
          [rows[1][0], 'Thị trấn Đăk Rve đổi tên', 'township', `${prefix}-HUYEN`, 'ubnd.dakrve@konray.gov.vn;khong-phai-email', ''],
          [rows[2][0], 'Tên mới của huyện', 'agency', '', 'vanphong@konray.gov.vn', ''],
        ]);
        const response = await upload(withError);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ created: 0, updated: 0, errors: [{ row: 3, field: 'emails', message: expect.any(String) }], applied: false });
        expect(response.body.errors[0].message).toMatch(/email/);
        await expect(allUnits()).resolves.toEqual(before);
      });

      it('should apply the valid rows and list the errors when partial is true', async () => {
        const prefix = uniquePrefix();
        const withError = toCsv([
          [`${prefix}-A`, 'Xã Đăk Pne', 'commune', '', 'ubnd.dakpne@konray.gov.vn', ''],
          [`${prefix}-B`, 'Xã Đăk Kôi', 'commune', '', 'khong-phai-email', ''],
          [`${prefix}-C`, 'Xã Đăk Tơ Lung', 'city', '', 'ubnd.daktolung@konray.gov.vn', ''],
          [`${prefix}-D`, 'Xã Tân Lập', 'commune', `${prefix}-A`, 'ubnd.tanlap@konray.gov.vn', ''],
        ]);
        const response = await upload(withError, { query: '?partial=true' });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          created: 2,
          updated: 0,
          errors: [
            { row: 3, field: 'emails', message: expect.any(String) },
            { row: 4, field: 'kind', message: expect.any(String) },
          ],
          applied: true,
        });
        const units = await unitsByCode(prefix);
        expect([...units.keys()].sort()).toEqual([`${prefix}-A`, `${prefix}-D`]);
        expect(units.get(`${prefix}-D`)?.parentId).toBe(units.get(`${prefix}-A`)?.id);
      });

      it('should report the later row when a code appears twice in the file', async () => {
        const prefix = uniquePrefix();
        const response = await upload(
          toCsv([
            [`${prefix}-X`, 'Xã Một', 'commune', '', 'mot@konray.gov.vn', ''],
            [`${prefix}-Y`, 'Xã Hai', 'commune', '', 'hai@konray.gov.vn', ''],
            [`${prefix}-x`, 'Xã Một lần nữa', 'commune', '', 'mot@konray.gov.vn', ''],
          ]),
        );
        expect(response.body).toEqual({ created: 0, updated: 0, errors: [{ row: 4, field: 'code', message: expect.stringContaining('row 2') }], applied: false });
        await expect(unitsByCode(prefix)).resolves.toEqual(new Map());
      });

      it('should report parentCode when the parent is neither in the file nor in the database', async () => {
        const prefix = uniquePrefix();
        const response = await upload(toCsv([[`${prefix}-X`, 'Xã Một', 'commune', `${prefix}-KHONG-CO`, 'mot@konray.gov.vn', '']]));
        expect(response.body).toEqual({ created: 0, updated: 0, errors: [{ row: 2, field: 'parentCode', message: expect.any(String) }], applied: false });
        await expect(unitsByCode(prefix)).resolves.toEqual(new Map());
      });

      it('should report parentCode on each row when the parent codes form a cycle', async () => {
        const prefix = uniquePrefix();
        const response = await upload(
          toCsv([
            [`${prefix}-A`, 'Tổ A', 'other', `${prefix}-B`, 'a@konray.gov.vn', ''],
            [`${prefix}-B`, 'Tổ B', 'other', `${prefix}-A`, 'b@konray.gov.vn', ''],
            [`${prefix}-C`, 'Tổ C', 'other', '', 'c@konray.gov.vn', ''],
          ]),
        );
        expect(response.body.applied).toBe(false);
        expect(response.body.errors.map((error) => [error.row, error.field])).toEqual(
          expect.arrayContaining([
            [2, 'parentCode'],
            [3, 'parentCode'],
          ]),
        );
        expect(response.body.errors.map((error) => error.row)).not.toContain(4);
        await expect(unitsByCode(prefix)).resolves.toEqual(new Map());
      });

      it('should report parentCode and change nothing when a parent in the database leads back to the row', async () => {
        const prefix = uniquePrefix();
        await upload(toCsv([[`${prefix}-TOP`, 'Huyện', 'agency', '', 'top@konray.gov.vn', '']]));
        await upload(toCsv([[`${prefix}-MID`, 'Phòng', 'agency', `${prefix}-TOP`, 'mid@konray.gov.vn', '']]));
        const before = await allUnits();
        const response = await upload(
          toCsv([
            [`${prefix}-TOP`, 'Huyện', 'agency', `${prefix}-MID`, 'top@konray.gov.vn', ''],
            [`${prefix}-LEAF`, 'Tổ', 'other', `${prefix}-TOP`, 'leaf@konray.gov.vn', ''],
          ]),
          { query: '?partial=true' },
        );
        expect(response.body).toEqual({
          created: 0,
          updated: 0,
          errors: [
            { row: 2, field: 'parentCode', message: expect.any(String) },
            { row: 3, field: 'parentCode', message: expect.any(String) },
          ],
          applied: true,
        });
        await expect(allUnits()).resolves.toEqual(before);
      });

      it('should report every missing value of a row when required cells are empty', async () => {
        const prefix = uniquePrefix();
        const response = await upload(toCsv([[`${prefix}-X`, '', '', '', '', '']]));
        expect(response.body.applied).toBe(false);
        expect(response.body.errors.map((error) => error.field).sort()).toEqual(['emails', 'kind', 'name']);
        expect(response.body.errors.every((error) => error.row === 2)).toBe(true);
      });

      it('should read a semicolon-delimited file with a byte-order mark and CRLF line ends when Excel saved it', async () => {
        const response = await upload(readFileSync(join(__dirname, 'fixtures/units/excel-semicolon-bom.csv')));
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ created: 3, updated: 0, errors: [], applied: true });
        const units = await unitsByCode('EXCEL-');
        const district = units.get('EXCEL-HUYEN')!;
        expect(district.name).toBe('Văn phòng HĐND và UBND huyện Kon Rẫy');
        expect(units.get('EXCEL-XA-DAKTOLUNG')).toMatchObject({ name: 'Xã Đăk Tơ Lung', kind: 'commune', parentId: district.id, headEmail: 'chutich.daktolung@konray.gov.vn' });
        expect(units.get('EXCEL-XA-DAKKOI')).toMatchObject({ name: 'Xã Đắk Kôi', emails: ['ubnd.dakkoi@konray.gov.vn', 'vp.dakkoi@konray.gov.vn'], parentId: district.id });
      });

      it('should read a comma-delimited file with a byte-order mark', async () => {
        const prefix = uniquePrefix();
        const response = await upload(toCsv(konRayRows(prefix), { bom: true }));
        expect(response.body).toEqual({ created: 3, updated: 0, errors: [], applied: true });
        await expectKonRayUnits(prefix);
      });

      it('should read a semicolon-delimited file whose e-mails are quoted', async () => {
        const prefix = uniquePrefix();
        const response = await upload(toCsv(konRayRows(prefix), { delimiter: ';' }));
        expect(response.body).toEqual({ created: 3, updated: 0, errors: [], applied: true });
        await expectKonRayUnits(prefix);
      });

      it('should accept columns in any order and case when the header differs', async () => {
        const prefix = uniquePrefix();
        const header = ['Emails', 'NAME', 'Code', 'Kind'];
        const response = await upload(toCsv([['a@konray.gov.vn', 'Xã Ngọc Tụ', `${prefix}-NT`, 'commune']], { header }));
        expect(response.body).toEqual({ created: 1, updated: 0, errors: [], applied: true });
        expect((await unitsByCode(prefix)).get(`${prefix}-NT`)).toMatchObject({ name: 'Xã Ngọc Tụ', emails: ['a@konray.gov.vn'], parentId: null, headEmail: null });
      });

      it('should number rows as lines of the file when a blank line separates the rows', async () => {
        const prefix = uniquePrefix();
        const content = Buffer.from(`${HEADER.join(',')}\n${prefix}-A,Tổ A,other,,a@konray.gov.vn,\n\n${prefix}-B,Tổ B,other,,sai-email,\n`);
        const response = await upload(content);
        expect(response.body.errors).toEqual([{ row: 4, field: 'emails', message: expect.any(String) }]);
      });
    });

    describe('XLSX', () => {
      it('should create the same units as the CSV when the file is a workbook', async () => {
        const prefix = uniquePrefix();
        const response = await upload(await toXlsx(konRayRows(prefix)), { filename: 'units.xlsx' });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ created: 3, updated: 0, errors: [], applied: true });
        await expectKonRayUnits(prefix);
        const again = await upload(await toXlsx(konRayRows(prefix)), { filename: 'units.xlsx' });
        expect(again.body).toEqual({ created: 0, updated: 0, errors: [], applied: true });
      });

      it('should report the sheet row and change nothing when a workbook row is invalid', async () => {
        const prefix = uniquePrefix();
        const rows = konRayRows(prefix);
        const before = await allUnits();
        const response = await upload(await toXlsx([rows[2], rows[0], [`${prefix}-BAD`, 'Tổ C', 'other', '', 'ubnd@', '']]), { filename: 'units.xlsx' });
        expect(response.body).toEqual({ created: 0, updated: 0, errors: [{ row: 4, field: 'emails', message: expect.any(String) }], applied: false });
        await expect(allUnits()).resolves.toEqual(before);
      });

      it('should answer 400 naming file when the workbook lacks a required column', async () => {
        const response = await upload(await toXlsx([['X', 'Tên', 'other']], ['code', 'name', 'kind']), { filename: 'units.xlsx' });
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'file', message: expect.stringContaining('emails') }]);
      });
    });

    describe('invalid uploads', () => {
      it('should answer 400 naming file and the column when a required column is missing', async () => {
        const before = await allUnits();
        const response = await upload(toCsv([['X-NOEMAIL', 'Tổ', 'other']], { header: ['code', 'name', 'kind'] }));
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(response.body.details).toEqual([{ field: 'file', message: expect.stringContaining('emails') }]);
        await expect(allUnits()).resolves.toEqual(before);
      });

      it('should answer 400 naming file when the body is JSON rather than multipart', async () => {
        const response = await t.request('POST', IMPORT, { body: { file: 'code,name,kind,emails' } });
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'file', message: expect.stringContaining('multipart') }]);
      });

      it('should answer 400 naming file when the file is empty', async () => {
        const response = await upload(Buffer.alloc(0));
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'file', message: expect.any(String) }]);
      });

      it('should answer 400 naming file when the file has a header and no rows', async () => {
        const response = await upload(toCsv([]));
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'file', message: expect.any(String) }]);
      });

      it('should answer 400 naming file when the content is neither CSV nor XLSX', async () => {
        const response = await upload(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]), { filename: 'units.bin' });
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'file', message: expect.any(String) }]);
      });

      it('should answer 400 naming file when the workbook is damaged', async () => {
        const response = await upload(Buffer.from('PK\u0003\u0004 not really a zip'), { filename: 'units.xlsx' });
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'file', message: expect.any(String) }]);
      });

      it('should answer 400 naming file when the upload uses another field name', async () => {
        const response = await t.request('POST', IMPORT, { form: fileForm(toCsv(konRayRows(uniquePrefix())), 'units.csv', 'upload') });
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'file', message: expect.any(String) }]);
      });

      it('should answer 400 naming partial when it is not a boolean', async () => {
        const response = await upload(toCsv(konRayRows(uniquePrefix())), { query: '?partial=perhaps' });
        expect(response.status).toBe(400);
        expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual(['partial']);
      });
    });

    describe('access', () => {
      it('should answer 403 and create nothing when the key is a viewer key', async () => {
        const viewer = await t.request('POST', '/api/v1/api-keys', { body: { name: 'Người xem nhập', role: 'viewer' } });
        const prefix = uniquePrefix();
        const response = await upload(toCsv(konRayRows(prefix)), { key: viewer.body.key });
        expect(response.status).toBe(403);
        await expect(unitsByCode(prefix)).resolves.toEqual(new Map());
      });

      it('should let a secretariat key import', async () => {
        const secretariat = await t.request('POST', '/api/v1/api-keys', { body: { name: 'Văn phòng nhập', role: 'secretariat' } });
        const response = await upload(toCsv(konRayRows(uniquePrefix())), { key: secretariat.body.key });
        expect(response.status).toBe(200);
        expect(response.body.created).toBe(3);
      });

      it('should answer 401 when no key is sent', async () => {
        const response = await upload(toCsv(konRayRows(uniquePrefix())), { key: null });
        expect(response.status).toBe(401);
      });
    });
  });
});
