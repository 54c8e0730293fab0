import { badType, emptyFile, MAX_ATTACHMENT_BYTES, tooLarge } from './attachment-rejected';
import { AttachmentType, checkFileType } from './file-type';

// Rules of an upload without I/O: the name we keep, the checks, the download headers.

const MAX_FILENAME_LENGTH = 255;

export interface CheckedUpload {
  filename: string;
  type: AttachmentType;
  mimeType: string;
}

// The name as the unit sees it: the last path segment a browser may send ("C:\fakepath\…"),
// composed Unicode (macOS and iOS send "Báo cáo" decomposed), no control or bidi characters, at
// most 255 characters with the extension kept. Never used in a path on disk.
export function cleanFilename(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (clean.length <= MAX_FILENAME_LENGTH) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, MAX_FILENAME_LENGTH - extension.length).trimEnd() + extension;
}

// Throws AttachmentRejected (empty, too_large, bad_type) or answers what the file is.
export function checkUpload(file: { filename: string; content: Buffer }): CheckedUpload {
  const filename = cleanFilename(file.filename);
  if (file.content.length === 0) throw emptyFile(filename);
  if (file.content.length > MAX_ATTACHMENT_BYTES) throw tooLarge(filename);
  const verdict = checkFileType(filename, file.content);
  if (!verdict.ok) throw badType(filename, verdict);
  return { filename, type: verdict.type, mimeType: verdict.mimeType };
}

// The admin API path of a file's bytes, relative to the service's origin.
export function attachmentDownloadPath(id: string): string {
  return `/api/v1/attachments/${id}/download`;
}

// `attachment` with an ASCII fallback name for old clients and the exact UTF-8 name (RFC 6266,
// RFC 5987): "Báo cáo quý II.pdf" → filename="Bao cao quy II.pdf"; filename*=UTF-8''B%C3%A1o…
export function contentDisposition(filename: string): string {
  return `attachment; filename="${asciiFilename(filename)}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

function asciiFilename(filename: string): string {
  return filename
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
