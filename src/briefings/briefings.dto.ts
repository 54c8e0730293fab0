import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsUUID } from 'class-validator';
import { TrimLowerEach } from '../common/transforms';
import { BRIEFING_FORMATS, BriefingFormat } from './briefing-compiler.service';
import { BriefingRow, BriefingStatus } from './briefings.repository';

const STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export class BriefingResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) periodId!: string;
  @ApiProperty({ description: 'each compile of a period is a new version; older ones stay downloadable' }) version!: number;
  @ApiProperty({ enum: STATUSES }) status!: BriefingStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ enum: BRIEFING_FORMATS, isArray: true, description: 'formats ready to download' }) files!: BriefingFormat[];
}

export class BriefingFileParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ enum: BRIEFING_FORMATS })
  @IsIn(BRIEFING_FORMATS)
  format!: BriefingFormat;
}

export class SendBriefingDto {
  @ApiPropertyOptional({ type: [String], description: 'recipients; default: every active unit’s e-mails and the secretariat' })
  @IsOptional()
  @TrimLowerEach()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsEmail({}, { each: true })
  to?: string[];
}

export class SendBriefingResponse {
  @ApiProperty({ format: 'uuid' }) mailId!: string;
  @ApiProperty() recipients!: number;
  @ApiProperty({ enum: ['queued'] }) status!: 'queued';
}

export function toBriefingResponse(row: BriefingRow): BriefingResponse {
  return {
    id: row.id,
    periodId: row.periodId,
    version: row.version,
    status: row.status,
    progress: row.progress,
    error: row.error,
    createdAt: new Date(row.createdAt).toISOString(),
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
    sentAt: row.sentAt ? new Date(row.sentAt).toISOString() : null,
    files: row.files as BriefingFormat[],
  };
}
