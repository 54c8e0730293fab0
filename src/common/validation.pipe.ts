import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, invalid } from './errors';

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Values are kept on the errors so that array items can be named; they are never echoed back.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
}
