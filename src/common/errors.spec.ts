import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './errors';

function validationError(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('flattenValidationErrors', () => {
  it('should name array items with their index when an item is wrong', () => {
    const errors = [validationError('emails', undefined, [validationError('0', { isEmail: '0 must be an email' })])];
    expect(flattenValidationErrors(errors)).toEqual([{ field: 'emails[0]', message: 'must be an email' }]);
  });

  it('should name nested fields with dots when a nested object is wrong', () => {
    const errors = [validationError('sections', undefined, [validationError('results', { isString: 'results must be a string' })])];
    expect(flattenValidationErrors(errors)).toEqual([{ field: 'sections.results', message: 'must be a string' }]);
  });

  it('should name the array items that fail when an each-rule fails for the whole array', () => {
    const error = Object.assign(validationError('emails', { isEmail: 'each value in emails must be an email' }), { value: ['a@b.vn', 'bad', 'c@d.vn', 7] });
    expect(flattenValidationErrors([error])).toEqual([
      { field: 'emails[1]', message: 'must be an email' },
      { field: 'emails[3]', message: 'must be an email' },
    ]);
  });

  it('should say a field is unknown when the whitelist rejects it', () => {
    const errors = [validationError('colour', { whitelistValidation: 'property colour should not exist' })];
    expect(flattenValidationErrors(errors)).toEqual([{ field: 'colour', message: 'is not a known field' }]);
  });
});
