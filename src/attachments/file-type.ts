import { inflateRawSync } from 'node:zlib';

// What an uploaded file really is, judged from its bytes, never from its name alone: the name's
// extension must name the same type as the content. Pure functions, no I/O.

export const ATTACHMENT_TYPES = ['pdf', 'docx', 'xlsx', 'jpeg', 'png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const MIME_TYPES: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

const EXTENSIONS: Record<string, AttachmentType> = { pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', jpg: 'jpeg', jpeg: 'jpeg', png: 'png' };

export type FileTypeVerdict =
  | { ok: true; type: AttachmentType; mimeType: string }
  // extension: the name does not end in an accepted extension; content: the bytes are none of
  // the accepted types (or a macro-enabled or otherwise unsafe Office file); mismatch: the bytes
  // are an accepted type other than the one the name says.
  | { ok: false; reason: 'extension' | 'content' | 'mismatch'; detected: AttachmentType | null };

export function checkFileType(filename: string, content: Buffer): FileTypeVerdict {
  const named = typeFromName(filename);
  const detected = detectFileType(content);
  if (!named) return { ok: false, reason: 'extension', detected };
  if (!detected) return { ok: false, reason: 'content', detected };
  if (detected !== named) return { ok: false, reason: 'mismatch', detected };
  return { ok: true, type: detected, mimeType: MIME_TYPES[detected] };
}

export function typeFromName(filename: string): AttachmentType | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(filename.trim());
  return match ? (EXTENSIONS[match[1].toLowerCase()] ?? null) : null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
const PDF_SIGNATURE = Buffer.from('%PDF-', 'latin1');
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function detectFileType(content: Buffer): AttachmentType | null {
  if (startsWith(content, PDF_SIGNATURE)) return 'pdf';
  if (startsWith(content, PNG_SIGNATURE)) return 'png';
  if (startsWith(content, JPEG_SIGNATURE)) return 'jpeg';
  // A zip must start at byte 0: an executable with a zip appended (a self-extractor) is refused.
  if (startsWith(content, ZIP_SIGNATURE)) return officeType(content);
  return null;
}

function startsWith(content: Buffer, signature: Buffer): boolean {
  return content.length >= signature.length && content.subarray(0, signature.length).equals(signature);
}

// The main part of each accepted Office package and its content type: a macro-enabled (.docm,
// .xlsm), template (.dotx, .xltx) or binary (.xlsb) package declares another one.
const OFFICE_PARTS: Array<{ type: AttachmentType; part: string; contentType: string }> = [
  { type: 'docx', part: 'word/document.xml', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' },
  { type: 'xlsx', part: 'xl/workbook.xml', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml' },
];
const CONTENT_TYPES_PART = '[Content_Types].xml';
// [Content_Types].xml is a few kilobytes; a larger one is not an Office file we accept.
const MAX_CONTENT_TYPES_BYTES = 256 * 1024;

function officeType(content: Buffer): AttachmentType | null {
  const entries = zipEntries(content);
  if (!entries) return null;
  const names = new Set(entries.map((entry) => entry.name));
  // Macros in a package that calls itself .docx/.xlsx: refused whatever the content types say.
  if (entries.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry.name))) return null;
  const matches = OFFICE_PARTS.filter((candidate) => names.has(candidate.part));
  const contentTypesEntry = entries.find((entry) => entry.name === CONTENT_TYPES_PART);
  if (matches.length !== 1 || !contentTypesEntry) return null;
  const xml = readEntry(content, contentTypesEntry, MAX_CONTENT_TYPES_BYTES);
  if (xml === null || /macroEnabled/i.test(xml)) return null;
  const [match] = matches;
  return declaredContentType(xml, `/${match.part}`) === match.contentType ? match.type : null;
}

// The ContentType of the <Override> for `partName`, whatever the order of its attributes.
function declaredContentType(xml: string, partName: string): string | null {
  for (const tag of xml.match(/<Override\b[^>]*>/g) ?? []) {
    const part = /\bPartName\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    if (part?.toLowerCase() === partName.toLowerCase()) return /\bContentType\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? null;
  }
  return null;
}

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;

// The entries of a zip's central directory, or null when it is not a well-formed zip (ZIP64,
// which no 10 MB Office file needs, included).
export function zipEntries(content: Buffer): ZipEntry[] | null {
  const end = findEndOfCentralDirectory(content);
  if (end < 0) return null;
  const count = content.readUInt16LE(end + 10);
  const size = content.readUInt32LE(end + 12);
  const start = content.readUInt32LE(end + 16);
  if (count === 0xffff || start === 0xffffffff || start + size > end) return null;
  const entries: ZipEntry[] = [];
  let record = start;
  for (let i = 0; i < count; i++) {
    if (record + CENTRAL_SIZE > start + size || content.readUInt32LE(record) !== CENTRAL_SIGNATURE) return null;
    const nameLength = content.readUInt16LE(record + 28);
    const next = record + CENTRAL_SIZE + nameLength + content.readUInt16LE(record + 30) + content.readUInt16LE(record + 32);
    if (next > start + size) return null;
    entries.push({
      name: content.toString('utf8', record + CENTRAL_SIZE, record + CENTRAL_SIZE + nameLength),
      flags: content.readUInt16LE(record + 8),
      method: content.readUInt16LE(record + 10),
      compressedSize: content.readUInt32LE(record + 20),
      uncompressedSize: content.readUInt32LE(record + 24),
      localOffset: content.readUInt32LE(record + 42),
    });
    record = next;
  }
  return entries;
}

// The record sits at the end, before a comment of at most 65,535 bytes.
function findEndOfCentralDirectory(content: Buffer): number {
  const lowest = Math.max(0, content.length - EOCD_SIZE - 0xffff);
  for (let offset = content.length - EOCD_SIZE; offset >= lowest; offset--) {
    if (content.readUInt32LE(offset) === EOCD_SIGNATURE) return offset;
  }
  return -1;
}

// One entry's text (stored or deflated), or null when it is encrypted, malformed or larger than
// `limit` once inflated.
function readEntry(content: Buffer, entry: ZipEntry, limit: number): string | null {
  const encrypted = (entry.flags & 0x1) !== 0;
  if (encrypted || entry.uncompressedSize > limit || entry.localOffset + LOCAL_SIZE > content.length) return null;
  if (content.readUInt32LE(entry.localOffset) !== LOCAL_SIGNATURE) return null;
  const dataStart = entry.localOffset + LOCAL_SIZE + content.readUInt16LE(entry.localOffset + 26) + content.readUInt16LE(entry.localOffset + 28);
  const data = content.subarray(dataStart, dataStart + entry.compressedSize);
  if (data.length !== entry.compressedSize) return null;
  try {
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: limit }).toString('utf8');
  } catch {
    return null;
  }
  return null;
}
