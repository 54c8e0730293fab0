import { escapeHtml } from '../common/html';
import { FormErrors } from './portal-form';

// Small pieces shared by the parts of the form: the error next to a field and the attributes
// that tie them together for a screen reader.

const h = escapeHtml;

export function errorId(name: string): string {
  return `${name}-error`;
}

export function describedBy(ids: Array<string | false | null | undefined>): string {
  const present = ids.filter((id): id is string => Boolean(id));
  return present.length ? ` aria-describedby="${h(present.join(' '))}"` : '';
}

export function fieldError(name: string, errors: FormErrors | null): string {
  const message = errors?.fields[name];
  return message ? `<p class="field-error" id="${h(errorId(name))}"><span class="visually-hidden">Lỗi: </span>${h(message)}</p>` : '';
}

export function invalidAttributes(name: string, errors: FormErrors | null): string {
  return errors?.fields[name] ? ' aria-invalid="true"' : '';
}
