import { PayloadTooLargeException } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { errorBody, invalidField } from './errors';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  content: Buffer;
}

// Reads the single file of a multipart/form-data request (field `field`).
export async function readUploadedFile(request: FastifyRequest, field = 'file'): Promise<UploadedFile> {
  if (!request.isMultipart()) throw invalidField(field, 'must be sent as multipart/form-data');
  const part = await request.file().catch(() => undefined);
  if (!part || part.fieldname !== field) throw invalidField(field, 'is required');
  const content = await part.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLargeException(errorBody(413, `${field} is larger than the limit`));
    throw error;
  });
  return { filename: part.filename, mimetype: part.mimetype, content };
}
