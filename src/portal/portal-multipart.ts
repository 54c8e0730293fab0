import { MultipartFile } from '@fastify/multipart';
import { FastifyRequest } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from '../attachments/attachment-rejected';
import { MAX_NOTE_LENGTH, MAX_SECTION_LENGTH, MAX_TASK_UPDATES } from '../submissions/submissions.dto';
import { MAX_VALUES_PER_SUBMISSION } from '../submissions/submission-validation';
import { FILES_FIELD, MAX_FILES_PER_POST, PostedFile, PostedFiles } from './portal-attachments';
import { PortalBadForm, PortalTooLarge } from './portal-errors';
import { PostedField } from './portal-form';

// The form's fields: the sections, a value per indicator, a status and a note per task, the
// action and the CSRF token, with room to spare. A field is cut (and then refused as too long)
// past fieldSize bytes: a section of MAX_SECTION_LENGTH characters takes at most 4 bytes each.
// Files ("Tài liệu đính kèm"): a file past 10 MB is cut at the limit and refused by name, the
// rest of the form still read; the first MAX_FILES_PER_POST files are read, further ones counted
// (and refused) without being read, up to `files` parts, past which the post is too large.
export const PORTAL_FORM_LIMITS = {
  fields: MAX_VALUES_PER_SUBMISSION + 2 * MAX_TASK_UPDATES + 20,
  fieldNameSize: 100,
  fieldSize: 4 * Math.max(MAX_SECTION_LENGTH, MAX_NOTE_LENGTH) + 1,
  fileSize: MAX_ATTACHMENT_BYTES,
  files: 4 * MAX_FILES_PER_POST,
};

// @fastify/multipart reads throwFileSizeLimit from the options of parts() too; its types omit it.
const PARTS_OPTIONS: NonNullable<Parameters<FastifyRequest['parts']>[0]> & { throwFileSizeLimit: boolean } = { limits: PORTAL_FORM_LIMITS, throwFileSizeLimit: false };

export interface PostedForm extends PostedFiles {
  fields: PostedField[];
}

function isLimitError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_REQ_FILE_TOO_LARGE';
}

async function readFile(part: MultipartFile): Promise<PostedFile> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  const truncated = part.file.truncated;
  return { filename: part.filename, content: truncated ? Buffer.alloc(0) : Buffer.concat(chunks), truncated };
}

async function discard(part: MultipartFile): Promise<number> {
  let bytes = 0;
  for await (const chunk of part.file) bytes += (chunk as Buffer).length;
  return bytes;
}

// Reads every field and file of the multipart/form-data body the portal's form posts. The part
// a browser sends for an empty file input (no name, no bytes) is no file.
export async function readPortalForm(request: FastifyRequest): Promise<PostedForm> {
  if (!request.isMultipart()) throw new PortalBadForm('not multipart/form-data');
  const form: PostedForm = { fields: [], files: [], dropped: 0 };
  try {
    for await (const part of request.parts(PARTS_OPTIONS)) {
      if (part.type === 'file') {
        if (part.fieldname !== FILES_FIELD) throw new PortalBadForm(`unexpected file in ${part.fieldname}`);
        if (form.files.length < MAX_FILES_PER_POST) {
          const file = await readFile(part);
          if (file.filename !== '' || file.content.length > 0 || file.truncated) form.files.push(file);
        } else if ((await discard(part)) > 0 || part.filename !== '') form.dropped++;
        continue;
      }
      if (typeof part.value !== 'string') throw new PortalBadForm(`field ${part.fieldname} is not text`);
      form.fields.push({ name: part.fieldname, value: part.value, truncated: part.valueTruncated || part.fieldnameTruncated });
    }
  } catch (error) {
    if (error instanceof PortalBadForm) throw error;
    if (isLimitError(error)) throw new PortalTooLarge();
    throw new PortalBadForm(error instanceof Error ? error.message : String(error));
  }
  return form;
}
