import { AttachmentRejected, MAX_ATTACHMENTS, tooLarge } from '../attachments/attachment-rejected';
import { checkUpload, cleanFilename } from '../attachments/attachment-rules';

// The files a unit posts with its form ("Tài liệu đính kèm"): which ones may be kept and the
// Vietnamese words for those that may not. Pure: the portal service stores what passes through
// AttachmentsService, which checks each file again.

export const FILES_FIELD = 'files';
export const REMOVE_FIELD = 'remove';
export const ACCEPTED_FILES = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';
// Files of one post read into memory; more are counted and refused without being read.
export const MAX_FILES_PER_POST = MAX_ATTACHMENTS;

export interface PostedFile {
  // As the browser sent it (a path, decomposed Unicode…); cleaned by the attachments rules.
  filename: string;
  content: Buffer;
  // Larger than the limit: only the limit's worth was read, and the content is dropped.
  truncated: boolean;
}

export interface PostedFiles {
  files: PostedFile[];
  // Files beyond MAX_FILES_PER_POST, not read.
  dropped: number;
}

export type CheckedFiles = { ok: true; uploads: Array<{ filename: string; content: Buffer }> } | { ok: false; message: string };

export const FILE_MESSAGES = {
  hint: `Tối đa ${MAX_ATTACHMENTS} tệp PDF, Word, Excel, JPG, PNG; mỗi tệp không quá 10 MB`,
  full: `Báo cáo đã có đủ ${MAX_ATTACHMENTS} tệp đính kèm. Muốn thêm tệp khác, hãy xóa bớt một tệp.`,
  notKept: 'Các tệp vừa chọn chưa được tải lên. Vui lòng chọn lại tệp trước khi bấm "Lưu nháp" hoặc "Gửi báo cáo".',
  removeGone: 'Không tìm thấy tệp cần xóa trong báo cáo của đơn vị (có thể tệp đã được xóa trước đó). Chưa có tệp nào bị xóa.',
} as const;

export function tooManyFilesMessage(attached: number, chosen: number): string {
  if (attached >= MAX_ATTACHMENTS) return `Báo cáo đã có đủ ${MAX_ATTACHMENTS} tệp đính kèm. Vui lòng xóa bớt tệp trước khi thêm tệp mới.`;
  const room = attached === 0 ? '' : `: đã có ${attached} tệp nên chỉ thêm được ${MAX_ATTACHMENTS - attached} tệp`;
  return `Mỗi báo cáo chỉ được đính kèm tối đa ${MAX_ATTACHMENTS} tệp${room} (vừa chọn ${chosen} tệp).`;
}

export function removedNotice(filename: string): string {
  return `Đã xóa tệp “${filename}”. Các nội dung khác trên trang vẫn giữ như vừa nhập nhưng chưa được lưu; bấm "Lưu nháp" hoặc "Gửi báo cáo" để lưu.`;
}

function fileProblem(file: PostedFile): string | null {
  if (file.truncated) return tooLarge(cleanFilename(file.filename)).messageVi;
  try {
    checkUpload(file);
    return null;
  } catch (error) {
    if (error instanceof AttachmentRejected) return error.messageVi;
    throw error;
  }
}

// Every file of the post may be kept, or none: the message names each refused file and the
// count when the report would have more than MAX_ATTACHMENTS.
export function checkPostedFiles(posted: PostedFiles, attached: number): CheckedFiles {
  const chosen = posted.files.length + posted.dropped;
  const problems = attached + chosen > MAX_ATTACHMENTS ? [tooManyFilesMessage(attached, chosen)] : [];
  for (const file of posted.files) {
    const problem = fileProblem(file);
    if (problem) problems.push(problem);
  }
  if (problems.length) return { ok: false, message: problems.join(' ') };
  return { ok: true, uploads: posted.files.map((file) => ({ filename: file.filename, content: file.content })) };
}
