import { samplePdf, samplePng } from '../../test/attachments-samples';
import { AttachmentRejected, MAX_ATTACHMENT_BYTES } from './attachment-rejected';
import { checkUpload, cleanFilename, contentDisposition } from './attachment-rules';

function rejection(run: () => unknown): AttachmentRejected {
  try {
    run();
  } catch (error) {
    if (error instanceof AttachmentRejected) return error;
    throw error;
  }
  throw new Error('expected an AttachmentRejected');
}

describe(cleanFilename.name, () => {
  it('should keep only the last path segment when a browser sends a path', () => {
    expect(cleanFilename('C:\\fakepath\\Báo cáo.pdf')).toBe('Báo cáo.pdf');
    expect(cleanFilename('../../etc/passwd.pdf')).toBe('passwd.pdf');
  });

  it('should compose decomposed Vietnamese when a phone sends it', () => {
    const decomposed = 'Báo cáo quý II.pdf'.normalize('NFD');
    expect(decomposed).not.toBe('Báo cáo quý II.pdf');
    expect(cleanFilename(decomposed)).toBe('Báo cáo quý II.pdf');
  });

  it('should drop control and bidi override characters and surrounding spaces', () => {
    expect(cleanFilename('  Báo\u0000 cáo\u202Efdp.exe  ')).toBe('Báo cáofdp.exe');
  });

  it('should shorten a long name to 255 characters and keep its extension', () => {
    const name = cleanFilename(`${'Báo cáo '.repeat(60)}.docx`);
    expect(name).toHaveLength(255);
    expect(name.endsWith('.docx')).toBe(true);
  });
});

describe(checkUpload.name, () => {
  it('should answer the kept name and the type from the content when the file is accepted', () => {
    expect(checkUpload({ filename: 'Báo cáo quý II.pdf', content: samplePdf() })).toEqual({ filename: 'Báo cáo quý II.pdf', type: 'pdf', mimeType: 'application/pdf' });
  });

  it('should refuse an empty file with code empty and a Vietnamese message', () => {
    const error = rejection(() => checkUpload({ filename: 'Báo cáo.pdf', content: Buffer.alloc(0) }));
    expect(error.code).toBe('empty');
    expect(error.getStatus()).toBe(400);
    expect(error.messageVi).toBe('Tệp “Báo cáo.pdf” không có nội dung. Vui lòng chọn lại tệp.');
  });

  it('should refuse a file of 10 MB and one byte with code too_large and 413', () => {
    const error = rejection(() => checkUpload({ filename: 'Báo cáo.pdf', content: samplePdf(MAX_ATTACHMENT_BYTES + 1) }));
    expect(error.code).toBe('too_large');
    expect(error.getStatus()).toBe(413);
    expect(checkUpload({ filename: 'Báo cáo.pdf', content: samplePdf(MAX_ATTACHMENT_BYTES) }).type).toBe('pdf');
  });

  it('should refuse a PNG named .pdf with a 400 naming files and what the content is', () => {
    const error = rejection(() => checkUpload({ filename: 'Báo cáo.pdf', content: samplePng() }));
    expect(error.code).toBe('bad_type');
    expect(error.getResponse()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'files the name of "Báo cáo.pdf" does not match its content, which is a PNG image',
      details: [{ field: 'files', message: 'the name of "Báo cáo.pdf" does not match its content, which is a PNG image' }],
    });
    expect(error.messageVi).toBe('Tên tệp “Báo cáo.pdf” không khớp với nội dung (nội dung là ảnh PNG). Vui lòng gửi đúng tệp gốc.');
    expect(error.bodyFor('file').details).toEqual([{ field: 'file', message: error.reason }]);
  });
});

describe(contentDisposition.name, () => {
  it('should give an ASCII fallback and the exact UTF-8 name when the name is Vietnamese', () => {
    expect(contentDisposition('Báo cáo quý II.pdf')).toBe(`attachment; filename="Bao cao quy II.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20II.pdf`);
    expect(contentDisposition('Đề xuất (bản 2).docx')).toBe(
      `attachment; filename="De xuat (ban 2).docx"; filename*=UTF-8''%C4%90%E1%BB%81%20xu%E1%BA%A5t%20%28b%E1%BA%A3n%202%29.docx`,
    );
  });

  it('should keep quotes and backslashes out of the quoted fallback', () => {
    expect(contentDisposition('a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });
});
