import fc from 'fast-check';
import {
  contentTypes,
  handMadeDocx,
  sampleDocm,
  sampleDocx,
  sampleExe,
  sampleJpeg,
  samplePdf,
  samplePlainZip,
  samplePng,
  sampleXlsx,
  storedZip,
} from '../../test/attachments-samples';
import { AttachmentType, checkFileType, detectFileType, MIME_TYPES, typeFromName, zipEntries } from './file-type';

describe(checkFileType.name, () => {
  let docx: Buffer;
  let xlsx: Buffer;

  beforeAll(async () => {
    [docx, xlsx] = await Promise.all([sampleDocx(), sampleXlsx()]);
  });

  describe('accepted files', () => {
    it('should accept a real file of each type when its name agrees with its content', () => {
      const cases: Array<[string, Buffer, AttachmentType]> = [
        ['Báo cáo quý II.pdf', samplePdf(), 'pdf'],
        ['Ảnh hội nghị.png', samplePng(), 'png'],
        ['Ảnh hội nghị.jpg', sampleJpeg(), 'jpeg'],
        ['Ảnh hội nghị.jpeg', sampleJpeg(), 'jpeg'],
        ['Báo cáo chi tiết.docx', docx, 'docx'],
        ['Số liệu.xlsx', xlsx, 'xlsx'],
      ];
      for (const [name, content, type] of cases) expect(checkFileType(name, content)).toEqual({ ok: true, type, mimeType: MIME_TYPES[type] });
    });

    it('should accept the extension in capitals when the content agrees', () => {
      expect(checkFileType('BAO CAO.PDF', samplePdf())).toMatchObject({ ok: true, type: 'pdf' });
      expect(checkFileType('SO LIEU.XLSX', xlsx)).toMatchObject({ ok: true, type: 'xlsx' });
    });

    it('should accept a hand-made package when it declares the Word main part', () => {
      expect(checkFileType('a.docx', handMadeDocx())).toMatchObject({ ok: true, type: 'docx' });
    });
  });

  describe('refused files', () => {
    it('should refuse a .pdf that is really a PNG, naming what it is', () => {
      expect(checkFileType('Báo cáo.pdf', samplePng())).toEqual({ ok: false, reason: 'mismatch', detected: 'png' });
    });

    it('should refuse a Word document named .xlsx and a workbook named .docx', () => {
      expect(checkFileType('Số liệu.xlsx', docx)).toEqual({ ok: false, reason: 'mismatch', detected: 'docx' });
      expect(checkFileType('Báo cáo.docx', xlsx)).toEqual({ ok: false, reason: 'mismatch', detected: 'xlsx' });
    });

    it('should refuse a zip that is not a Word or Excel document when it is named .docx or .xlsx', () => {
      expect(checkFileType('Ảnh.docx', samplePlainZip())).toEqual({ ok: false, reason: 'content', detected: null });
      expect(checkFileType('Ảnh.xlsx', samplePlainZip())).toEqual({ ok: false, reason: 'content', detected: null });
    });

    it('should refuse a renamed executable whatever accepted name it has', () => {
      for (const name of ['Báo cáo.pdf', 'Báo cáo.docx', 'Ảnh.jpg', 'Ảnh.png', 'Số liệu.xlsx']) {
        expect(checkFileType(name, sampleExe())).toEqual({ ok: false, reason: 'content', detected: null });
      }
    });

    it('should refuse an executable with a Word document appended when it is named .docx', () => {
      expect(checkFileType('Báo cáo.docx', Buffer.concat([sampleExe(), docx]))).toMatchObject({ ok: false, reason: 'content' });
    });

    it('should refuse a macro-enabled document when it is named .docx', () => {
      expect(checkFileType('Báo cáo.docx', sampleDocm())).toMatchObject({ ok: false, reason: 'content' });
    });

    it('should refuse a package with a VBA project when it declares the Word main part', () => {
      expect(checkFileType('Báo cáo.docx', handMadeDocx(undefined, { 'word/vbaProject.bin': Buffer.from([1, 2, 3]) }))).toMatchObject({ ok: false, reason: 'content' });
    });

    it('should refuse a Word template when it is named .docx', () => {
      const template = handMadeDocx('application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml');
      expect(checkFileType('Mẫu.docx', template)).toMatchObject({ ok: false, reason: 'content' });
    });

    it('should refuse a package without content types when it has the Word main part', () => {
      expect(checkFileType('Báo cáo.docx', storedZip({ 'word/document.xml': '<w:document/>' }))).toMatchObject({ ok: false, reason: 'content' });
    });

    it('should refuse a package with both Word and Excel main parts', () => {
      const both = storedZip({
        '[Content_Types].xml': contentTypes({ '/word/document.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' }),
        'word/document.xml': '<w:document/>',
        'xl/workbook.xml': '<workbook/>',
      });
      expect(checkFileType('Báo cáo.docx', both)).toMatchObject({ ok: false, reason: 'content' });
    });

    it('should refuse a truncated Word document', () => {
      expect(checkFileType('Báo cáo.docx', docx.subarray(0, docx.length - 30))).toMatchObject({ ok: false, reason: 'content' });
    });

    it('should refuse names without an accepted extension whatever the content', () => {
      expect(checkFileType('Báo cáo.exe', samplePdf())).toEqual({ ok: false, reason: 'extension', detected: 'pdf' });
      expect(checkFileType('Ảnh.gif', Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1'))).toEqual({ ok: false, reason: 'extension', detected: null });
      expect(checkFileType('Báo cáo', samplePdf())).toMatchObject({ ok: false, reason: 'extension' });
      expect(checkFileType('Báo cáo.docm', sampleDocm())).toMatchObject({ ok: false, reason: 'extension' });
      expect(checkFileType('Báo cáo.pdf.exe', sampleExe())).toMatchObject({ ok: false, reason: 'extension' });
    });
  });

  describe(detectFileType.name, () => {
    it('should never throw when the bytes are random', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
          detectFileType(Buffer.from(bytes));
        }),
      );
    });

    it('should never throw when random bytes follow a zip signature or end with a zip directory record', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 512 }), fc.uint8Array({ minLength: 18, maxLength: 18 }), (bytes, tail) => {
          const content = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(bytes), Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.from(tail)]);
          expect(detectFileType(content)).toBeNull();
        }),
      );
    });

    it('should answer null when the content is empty or shorter than any signature', () => {
      expect(detectFileType(Buffer.alloc(0))).toBeNull();
      expect(detectFileType(Buffer.from([0xff, 0xd8]))).toBeNull();
    });
  });

  describe(zipEntries.name, () => {
    it('should list the parts of a real Word document from its central directory', () => {
      const names = zipEntries(docx)?.map((entry) => entry.name) ?? [];
      expect(names).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    });

    it('should answer null when the end of the central directory is missing', () => {
      expect(zipEntries(xlsx.subarray(0, xlsx.length - 22))).toBeNull();
    });
  });

  describe(typeFromName.name, () => {
    it('should read the last extension only when the name has several dots', () => {
      expect(typeFromName('bao.cao.quy.II.pdf')).toBe('pdf');
      expect(typeFromName('anh.png.exe')).toBeNull();
      expect(typeFromName('.pdf')).toBe('pdf');
    });
  });
});
