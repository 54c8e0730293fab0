import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQuery } from '../common/pagination';
import { AuditAction, FieldChange } from './audit';
import { AuditRecord } from './audit.repository';

export class AuditQuery extends ListQuery {
  @ApiPropertyOptional({ example: 'unit' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ description: 'name of the API key that made the change' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;
}

export class AuditEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action!: AuditAction;
  @ApiProperty() entity!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', properties: { from: {}, to: {} } } }) changes!: Record<string, FieldChange>;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export function toAuditResponse(record: AuditRecord): AuditEntryResponse {
  return { ...record, at: new Date(record.at).toISOString() };
}
