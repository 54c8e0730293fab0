import { HttpException } from '@nestjs/common';
import { ErrorBody, errorBody } from '../common/errors';
import { AttachmentType, FileTypeVerdict } from './file-type';

export const MAX_ATTACHMENTS = 5;
// The same limit as the multipart parser's (MAX_UPLOAD_BYTES in app.setup.ts).
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type AttachmentRejectionCode = 'too_many' | 'too_large' | 'bad_type' | 'empty' | 'locked';

const STATUS: Record<AttachmentRejectionCode, number> = { too_many: 409, too_large: 413, bad_type: 400, empty: 400, locked: 409 };

// A refused upload or removal. It is a 4xx naming the portal's field `files` on its own; the
// admin API names its multipart field `file` instead (bodyFor). `messageVi` is for the unit's
// form, in plain Vietnamese.
export class AttachmentRejected extends HttpException {
  constructor(
    readonly code: AttachmentRejectionCode,
    // English, without the field name: "is empty", "\"a.pdf\" is larger than 10 MB".
    readonly reason: string,
    readonly messageVi: string,
  ) {
    super(rejectionBody(code, 'files', reason), STATUS[code]);
  }

  bodyFor(field: string): ErrorBody {
    return rejectionBody(this.code, field, this.reason);
  }
}

function rejectionBody(code: AttachmentRejectionCode, field: string, reason: string): ErrorBody {
  return errorBody(STATUS[code], `${field} ${reason}`, [{ field, message: reason }]);
}

const LABELS: Record<AttachmentType, { en: string; vi: string }> = {
  pdf: { en: 'a PDF file', vi: 'tệp PDF' },
  docx: { en: 'a Word (.docx) document', vi: 'tài liệu Word (.docx)' },
  xlsx: { en: 'an Excel (.xlsx) workbook', vi: 'bảng tính Excel (.xlsx)' },
  jpeg: { en: 'a JPEG image', vi: 'ảnh JPG' },
  png: { en: 'a PNG image', vi: 'ảnh PNG' },
};

const ACCEPTED_EN = 'PDF, Word (.docx), Excel (.xlsx), JPEG or PNG';
const ACCEPTED_VI = 'PDF, Word (.docx), Excel (.xlsx), ảnh JPG hoặc PNG';

export function emptyFile(filename: string): AttachmentRejected {
  return new AttachmentRejected('empty', `"${filename}" is empty`, `Tệp “${filename}” không có nội dung. Vui lòng chọn lại tệp.`);
}

export function tooLarge(filename: string): AttachmentRejected {
  return new AttachmentRejected('too_large', `"${filename}" is larger than 10 MB`, `Tệp “${filename}” lớn hơn 10 MB, vượt quá dung lượng cho phép.`);
}

export function tooMany(): AttachmentRejected {
  return new AttachmentRejected(
    'too_many',
    `already has ${MAX_ATTACHMENTS} attachments for this report; remove one before adding another`,
    `Mỗi báo cáo chỉ được đính kèm tối đa ${MAX_ATTACHMENTS} tệp. Vui lòng xóa bớt tệp đã đính kèm trước khi thêm tệp mới.`,
  );
}

export function reportLocked(): AttachmentRejected {
  return new AttachmentRejected(
    'locked',
    'is locked: the report has been accepted; return it for revision before changing its attachments',
    'Báo cáo đã được tiếp nhận nên không thể thêm hoặc xóa tệp đính kèm.',
  );
}

export function badType(filename: string, verdict: Extract<FileTypeVerdict, { ok: false }>): AttachmentRejected {
  const name = filename || '(no name)';
  switch (verdict.reason) {
    case 'extension':
      return new AttachmentRejected(
        'bad_type',
        `"${name}" is not an accepted file: attach ${ACCEPTED_EN} files`,
        `Tệp “${filename}” không thuộc loại được nhận. Chỉ nhận tệp ${ACCEPTED_VI}.`,
      );
    case 'content':
      return new AttachmentRejected(
        'bad_type',
        `the content of "${name}" is not ${ACCEPTED_EN} (macro-enabled and renamed files are refused)`,
        `Nội dung tệp “${filename}” không phải là tệp ${ACCEPTED_VI} hợp lệ (không nhận tệp có macro hoặc tệp đã bị đổi tên).`,
      );
    case 'mismatch': {
      const detected = verdict.detected ? LABELS[verdict.detected] : { en: 'another type', vi: 'loại khác' };
      return new AttachmentRejected(
        'bad_type',
        `the name of "${name}" does not match its content, which is ${detected.en}`,
        `Tên tệp “${filename}” không khớp với nội dung (nội dung là ${detected.vi}). Vui lòng gửi đúng tệp gốc.`,
      );
    }
  }
}
