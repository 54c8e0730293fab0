import { ParseUUIDPipe } from '@nestjs/common';
import { invalidField } from './errors';

// A path id that is not a UUID is a 400 naming the parameter, never a database error.
export function uuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => invalidField(name, 'must be a UUID') });
}
