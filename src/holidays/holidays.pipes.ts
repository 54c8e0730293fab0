import { Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldError, flattenValidationErrors, invalid, invalidField } from '../common/errors';
import { HolidayDto } from './holidays.dto';
import { isYear, MAX_ENTRIES_PER_YEAR, MAX_YEAR, MIN_YEAR } from './holiday-rules';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The global ValidationPipe skips a body typed as an array, so each entry is validated here,
// with the same options, its errors named [index].field.
export async function validateHolidayList(body: unknown): Promise<HolidayDto[]> {
  if (!Array.isArray(body)) throw invalidField('body', 'must be an array of { date, name, kind }');
  if (body.length > MAX_ENTRIES_PER_YEAR) throw invalidField('body', `must have at most ${MAX_ENTRIES_PER_YEAR} entries`);
  const errors: FieldError[] = [];
  const entries: HolidayDto[] = [];
  for (const [index, item] of body.entries()) {
    if (!isPlainObject(item)) {
      errors.push({ field: `[${index}]`, message: 'must be an object { date, name, kind }' });
      continue;
    }
    const entry = plainToInstance(HolidayDto, item);
    const found = await validate(entry, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
    errors.push(...flattenValidationErrors(found, `[${index}]`));
    entries.push(entry);
  }
  if (errors.length > 0) throw invalid(errors);
  return entries;
}

@Injectable()
export class HolidayListPipe implements PipeTransform<unknown, Promise<HolidayDto[]>> {
  transform(body: unknown): Promise<HolidayDto[]> {
    return validateHolidayList(body);
  }
}

// A path year: four digits within the range the calendar is kept for.
@Injectable()
export class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
    if (!isYear(year)) throw invalidField('year', `must be a year from ${MIN_YEAR} to ${MAX_YEAR}`);
    return year;
  }
}
