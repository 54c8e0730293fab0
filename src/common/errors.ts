import { STATUS_CODES } from 'node:http';
import { BadRequestException, ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { ValidationError } from 'class-validator';

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldError[];
}

export function errorBody(statusCode: number, message: string, details?: FieldError[]): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
}

// A 400 whose body names each wrong field, as in API.md.
export function invalid(details: FieldError[]): BadRequestException {
  const message = details.map((detail) => `${detail.field} ${detail.message}`).join('; ');
  return new BadRequestException(errorBody(400, message, details));
}

export function invalidField(field: string, message: string): BadRequestException {
  return invalid([{ field, message }]);
}

export function notFound(what: string, id: string): NotFoundException {
  return new NotFoundException(errorBody(404, `${what} ${id} not found`));
}

export function conflict(message: string, field?: string): ConflictException {
  return new ConflictException(errorBody(409, message, field ? [{ field, message }] : undefined));
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

function messageOf(constraints: Record<string, string>, property: string): string {
  return Object.entries(constraints)
    .map(([name, text]) => (name === 'whitelistValidation' ? 'is not a known field' : text.replace(new RegExp(`^(each value in )?${property} `), '$1')))
    .join(', ');
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const own = error.constraints ? [{ field, message: messageOf(error.constraints, error.property) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function isHttpException(error: unknown): error is HttpException {
  return error instanceof HttpException;
}
