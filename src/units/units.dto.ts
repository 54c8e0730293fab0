import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ListQuery } from '../common/pagination';
import { QueryBoolean, Trim, TrimLower, TrimLowerEach } from '../common/transforms';
import { UNIT_KINDS, UnitEntity, UnitKind } from './unit.entity';

export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;

export class CreateUnitDto {
  @ApiProperty({ example: 'XA-DAKRUONG', description: 'unique, case-insensitive; letters, digits, . _ -' })
  @Trim()
  @IsString()
  @Matches(UNIT_CODE_PATTERN, { message: 'must be 1–50 letters, digits, dots, dashes or underscores' })
  code!: string;

  @ApiProperty({ example: 'Xã Đăk Ruồng' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind!: UnitKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsUUID()
  parentId?: string | null;

  @ApiProperty({ type: [String], example: ['ubnd.dakruong@konray.gov.vn'], minItems: 1 })
  @TrimLowerEach()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  emails!: string[];

  @ApiPropertyOptional({ example: 'chutich.dakruong@konray.gov.vn', nullable: true, type: String })
  @IsOptional()
  @TrimLower()
  @ValidateIf((_object, value) => value !== null)
  @IsEmail()
  headEmail?: string | null;

  // Omitted means true; null is refused, as the column is not nullable.
  @ApiPropertyOptional({ default: true })
  @ValidateIf((_object, value) => value !== undefined)
  @IsBoolean()
  active?: boolean;
}

// skipNullProperties: false, so that null for a required field is a 400 rather than a database error.
export class UpdateUnitDto extends PartialType(CreateUnitDto, { skipNullProperties: false }) {}

export class UnitQuery extends ListQuery {
  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional()
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'matches code or name, ignoring case and diacritics', example: 'dak ruong' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class UnitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: UnitKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ type: [String] }) emails!: string[];
  @ApiProperty({ nullable: true, type: String }) headEmail!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UnitPage {
  @ApiProperty({ type: [UnitResponse] }) items!: UnitResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class ImportQuery {
  @ApiPropertyOptional({ description: 'apply the valid rows even when others have errors', default: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  partial?: boolean;
}

export class ImportRowError {
  @ApiProperty({ description: 'row number in the file, the header being row 1' }) row!: number;
  @ApiProperty({ nullable: true, type: String }) field!: string | null;
  @ApiProperty() message!: string;
}

export class ImportResult {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty({ type: [ImportRowError] }) errors!: ImportRowError[];
  @ApiProperty({ description: 'false when errors stopped the whole file (without partial=true)' }) applied!: boolean;
}

export function toUnitResponse(unit: UnitEntity): UnitResponse {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId,
    emails: unit.emails,
    headEmail: unit.headEmail,
    active: unit.active,
    createdAt: unit.createdAt.toISOString(),
    updatedAt: unit.updatedAt.toISOString(),
  };
}
