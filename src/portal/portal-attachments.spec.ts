import { sampleExe, samplePdf, samplePng } from '../../test/attachments-samples';
import { checkPostedFiles, PostedFile, tooManyFilesMessage } from './portal-attachments';

function file(filename: string, content: Buffer, truncated = false): PostedFile {
  return { filename, content, truncated };
}

describe(checkPostedFiles.name, () => {
  it('should keep every file when each is an accepted type and the report stays within 5 files', () => {
    const pdf = samplePdf();
    expect(checkPostedFiles({ files: [file('Báo cáo.pdf', pdf), file('Ảnh.png', samplePng())], dropped: 0 }, 3)).toEqual({
      ok: true,
      uploads: [
        { filename: 'Báo cáo.pdf', content: pdf },
        { filename: 'Ảnh.png', content: samplePng() },
      ],
    });
    expect(checkPostedFiles({ files: [], dropped: 0 }, 5)).toEqual({ ok: true, uploads: [] });
  });

  it('should refuse all with one Vietnamese message per refused file when a file is renamed, an executable or too large', () => {
    const checked = checkPostedFiles(
      {
        files: [file('Ảnh.png', samplePng()), file('Báo cáo.pdf', samplePng()), file('Cài đặt.pdf', sampleExe()), file('C:\\fakepath\\Lớn.pdf', Buffer.alloc(0), true)],
        dropped: 0,
      },
      0,
    );
    expect(checked).toEqual({
      ok: false,
      message:
        'Tên tệp “Báo cáo.pdf” không khớp với nội dung (nội dung là ảnh PNG). Vui lòng gửi đúng tệp gốc. ' +
        'Nội dung tệp “Cài đặt.pdf” không phải là tệp PDF, Word (.docx), Excel (.xlsx), ảnh JPG hoặc PNG hợp lệ (không nhận tệp có macro hoặc tệp đã bị đổi tên). ' +
        'Tệp “Lớn.pdf” lớn hơn 10 MB, vượt quá dung lượng cho phép.',
    });
  });

  it('should refuse all when the files chosen, read or not, would make more than 5', () => {
    const pdf = file('Báo cáo.pdf', samplePdf());
    expect(checkPostedFiles({ files: [pdf, pdf, pdf, pdf, pdf], dropped: 1 }, 0)).toEqual({ ok: false, message: 'Mỗi báo cáo chỉ được đính kèm tối đa 5 tệp (vừa chọn 6 tệp).' });
    expect(checkPostedFiles({ files: [pdf, pdf], dropped: 0 }, 4)).toEqual({
      ok: false,
      message: 'Mỗi báo cáo chỉ được đính kèm tối đa 5 tệp: đã có 4 tệp nên chỉ thêm được 1 tệp (vừa chọn 2 tệp).',
    });
  });
});

describe(tooManyFilesMessage.name, () => {
  it('should ask to remove a file first when the report already has 5', () => {
    expect(tooManyFilesMessage(5, 1)).toBe('Báo cáo đã có đủ 5 tệp đính kèm. Vui lòng xóa bớt tệp trước khi thêm tệp mới.');
  });
});
