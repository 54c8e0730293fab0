import { Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldError, flattenValidationErrors, invalid, invalidField } from '../common/errors';
import { MAX_TARGETS_PER_REQUEST, TargetDto } from './indicators.dto';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The global ValidationPipe skips a body typed as an array, so each target is validated here,
// with the same options, its errors named [index].field.
export async function validateTargetList(body: unknown): Promise<TargetDto[]> {
  if (!Array.isArray(body)) throw invalidField('body', 'must be an array of { year, value, unitId? }');
  if (body.length > MAX_TARGETS_PER_REQUEST) throw invalidField('body', `must have at most ${MAX_TARGETS_PER_REQUEST} targets`);
  const errors: FieldError[] = [];
  const targets: TargetDto[] = [];
  for (const [index, item] of body.entries()) {
    if (!isPlainObject(item)) {
      errors.push({ field: `[${index}]`, message: 'must be an object { year, value, unitId? }' });
      continue;
    }
    const target = plainToInstance(TargetDto, item);
    const found = await validate(target, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
    errors.push(...flattenValidationErrors(found, `[${index}]`));
    targets.push(target);
  }
  if (errors.length > 0) throw invalid(errors);
  return targets;
}

@Injectable()
export class TargetListPipe implements PipeTransform<unknown, Promise<TargetDto[]>> {
  transform(body: unknown): Promise<TargetDto[]> {
    return validateTargetList(body);
  }
}
