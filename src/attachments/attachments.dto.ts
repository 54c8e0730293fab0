import { ApiProperty } from '@nestjs/swagger';
import { attachmentDownloadPath } from './attachment-rules';
import { ATTACHMENT_TYPES, MIME_TYPES } from './file-type';
import { AttachmentRecord } from './attachments.repository';

export class AttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) periodId!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ example: 'Báo cáo quý II.pdf', description: 'the name the file was sent with' }) filename!: string;
  @ApiProperty({ enum: ATTACHMENT_TYPES.map((type) => MIME_TYPES[type]), description: 'from the content, not the name' }) mimeType!: string;
  @ApiProperty({ description: 'bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ description: 'the API key name, or the portal' }) uploadedBy!: string;
  @ApiProperty({ example: '/api/v1/attachments/…/download', description: 'path of the bytes in the admin API' }) downloadUrl!: string;
}

export function toAttachmentResponse(record: AttachmentRecord): AttachmentResponse {
  return {
    id: record.id,
    periodId: record.periodId,
    unitId: record.unitId,
    filename: record.filename,
    mimeType: record.mimeType,
    size: record.sizeBytes,
    sha256: record.sha256,
    uploadedAt: new Date(record.uploadedAt).toISOString(),
    uploadedBy: record.uploadedBy,
    downloadUrl: attachmentDownloadPath(record.id),
  };
}
