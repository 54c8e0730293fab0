import { STATUS_CODES } from 'node:http';
import { BadRequestException, ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { isEmail, isInt, isString, isUUID, ValidationError } from 'class-validator';

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
    .map(([name, text]) =>
      name === 'whitelistValidation' ? 'is not a known field' : text.replace(`each value in ${property} `, 'each value ').replace(new RegExp(`^${property} `), ''),
    )
    .join(', ');
}

// class-validator reports an `each: true` rule once for the whole array; these re-check each item
// so that the error names the item (`emails[1]`), as API.md asks.
const ITEM_CHECKS: Record<string, (value: unknown) => boolean> = {
  isEmail: (value) => typeof value === 'string' && isEmail(value),
  isUUID: (value) => isUUID(value),
  isUuid: (value) => isUUID(value),
  isString: (value) => isString(value),
  isInt: (value) => isInt(value),
};

function itemErrors(error: ValidationError, field: string): FieldError[] | undefined {
  if (!Array.isArray(error.value) || !error.constraints) return undefined;
  const entries = Object.entries(error.constraints);
  if (!entries.every(([name, text]) => ITEM_CHECKS[name] && text.startsWith('each value in '))) return undefined;
  const values: unknown[] = error.value;
  return values.flatMap((item, index) =>
    entries.filter(([name]) => !ITEM_CHECKS[name](item)).map(([, text]) => ({ field: `${field}[${index}]`, message: text.replace(`each value in ${error.property} `, '') })),
  );
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const perItem = itemErrors(error, field);
    const own = perItem?.length ? perItem : error.constraints ? [{ field, message: messageOf(error.constraints, error.property) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function isHttpException(error: unknown): error is HttpException {
  return error instanceof HttpException;
}
