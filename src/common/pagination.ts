import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { invalidField } from './errors';

export class ListQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  @ApiPropertyOptional({ description: 'field to sort by; prefix with - for descending', example: '-createdAt' })
  @IsOptional()
  @IsString()
  @Matches(/^-?[a-zA-Z]+$/, { message: 'must be a field name, optionally prefixed with -' })
  sort?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface SortOrder<F extends string> {
  field: F;
  direction: 'ASC' | 'DESC';
}

export function parseSort<F extends string>(sort: string | undefined, allowed: readonly F[], fallback: F): SortOrder<F> {
  if (!sort) return { field: fallback, direction: 'ASC' };
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const field = sort.replace(/^-/, '');
  if (!(allowed as readonly string[]).includes(field)) throw invalidField('sort', `must be one of ${allowed.join(', ')}, optionally prefixed with -`);
  return { field: field as F, direction };
}

export function toPage<T>(items: T[], total: number, query: ListQuery): Page<T> {
  return { items, total, page: query.page, limit: query.limit };
}
