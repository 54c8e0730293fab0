import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsInt, IsOptional, IsString, IsTimeZone, IsUrl, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { SettingsEntity } from './settings.entity';

export class UpdateSettingsDto {
  @ApiPropertyOptional({ example: 'Cuộc vận động "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  programName?: string;

  @ApiPropertyOptional({ example: 'Ban Chỉ đạo Cuộc vận động huyện Kon Rẫy' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  committeeName?: string;

  @ApiPropertyOptional({ example: 'Thường trực Ban Chỉ đạo' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  secretariatName?: string;

  @ApiPropertyOptional({ example: 'bcd@konray.kontum.gov.vn' })
  @IsOptional()
  @IsEmail()
  secretariatEmail?: string;

  @ApiPropertyOptional({ example: 'Trưởng Ban Chỉ đạo' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  chairTitle?: string;

  @ApiPropertyOptional({ example: 'Kon Rẫy', description: 'place name on documents' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  locality?: string;

  @ApiPropertyOptional({ example: 'Asia/Ho_Chi_Minh' })
  // Not nullable: every date on documents and reminders is read in this zone.
  @ValidateIf((_object, value) => value !== undefined)
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 'https://giaoban.konray.gov.vn' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  portalBaseUrl?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 30,
    description: 'compile the briefing pack this many working days before the meeting; null: only on request',
  })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(30)
  briefingCompileDaysBefore?: number | null;

  @ApiPropertyOptional({ description: 'e-mail the automatically compiled pack to the participants' })
  @IsOptional()
  @IsBoolean()
  briefingAutoSend?: boolean;
}

export class SendTestEmailDto {
  @ApiPropertyOptional({ type: [String], description: 'recipients; default: the secretariat e-mail' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  to?: string[];
}

export class TestEmailResponse {
  @ApiProperty({ format: 'uuid' }) mailId!: string;
  @ApiProperty({ type: [String] }) to!: string[];
  @ApiProperty({ enum: ['queued'] }) status!: 'queued';
}

export class SettingsResponse {
  @ApiProperty({ nullable: true, type: String }) programName!: string | null;
  @ApiProperty({ nullable: true, type: String }) committeeName!: string | null;
  @ApiProperty({ nullable: true, type: String }) secretariatName!: string | null;
  @ApiProperty({ nullable: true, type: String }) secretariatEmail!: string | null;
  @ApiProperty({ nullable: true, type: String }) chairTitle!: string | null;
  @ApiProperty({ nullable: true, type: String }) locality!: string | null;
  @ApiProperty() timezone!: string;
  @ApiProperty({ nullable: true, type: String }) portalBaseUrl!: string | null;
  @ApiProperty({ nullable: true, type: Number }) briefingCompileDaysBefore!: number | null;
  @ApiProperty() briefingAutoSend!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt!: string | null;
}

export function toSettingsResponse(settings: SettingsEntity): SettingsResponse {
  const { id: _id, updatedAt, ...values } = settings;
  return { ...values, updatedAt: updatedAt ? updatedAt.toISOString() : null };
}
