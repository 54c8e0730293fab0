import { Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldError, flattenValidationErrors, invalid, invalidField } from '../common/errors';
import { MAX_AGENDA_ITEMS } from './agenda';
import { AgendaItemDto } from './periods.dto';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The global ValidationPipe skips a body typed as an array, so each item is validated here,
// with the same options, its errors named [index].field.
export async function validateAgendaItems(body: unknown): Promise<AgendaItemDto[]> {
  if (!Array.isArray(body)) throw invalidField('body', 'must be an array of { time, title, presenter? }');
  if (body.length > MAX_AGENDA_ITEMS) throw invalidField('body', `must have at most ${MAX_AGENDA_ITEMS} items`);
  const errors: FieldError[] = [];
  const items: AgendaItemDto[] = [];
  for (const [index, item] of body.entries()) {
    if (!isPlainObject(item)) {
      errors.push({ field: `[${index}]`, message: 'must be an object { time, title, presenter? }' });
      continue;
    }
    const dto = plainToInstance(AgendaItemDto, item);
    const found = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
    errors.push(...flattenValidationErrors(found, `[${index}]`));
    items.push(dto);
  }
  if (errors.length > 0) throw invalid(errors);
  return items;
}

@Injectable()
export class AgendaItemsPipe implements PipeTransform<unknown, Promise<AgendaItemDto[]>> {
  transform(body: unknown): Promise<AgendaItemDto[]> {
    return validateAgendaItems(body);
  }
}
