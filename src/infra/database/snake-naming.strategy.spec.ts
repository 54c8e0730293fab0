import { snakeCase, SnakeNamingStrategy } from './snake-naming.strategy';

describe(SnakeNamingStrategy.name, () => {
  describe('snakeCase', () => {
    it.each([
      ['reportDueAt', 'report_due_at'],
      ['ApiKey', 'api_key'],
      ['headEmail', 'head_email'],
      ['HTMLBody', 'html_body'],
      ['code', 'code'],
    ])('should turn %s into %s', (input, expected) => {
      expect(snakeCase(input)).toBe(expected);
    });
  });

  describe('columnName', () => {
    it('should prefix embedded columns when the property sits in an embedded entity', () => {
      expect(new SnakeNamingStrategy().columnName('dueAt', undefined, ['report'])).toBe('report_due_at');
    });
  });
});
