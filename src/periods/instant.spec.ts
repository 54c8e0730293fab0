import fc from 'fast-check';
import { isInstant } from './instant';

describe(isInstant.name, () => {
  it('should accept an instant when it has an offset or Z', () => {
    for (const value of [
      '2024-07-05T17:00:00+07:00',
      '2024-07-05T10:00:00Z',
      '2024-07-05T10:00:00.123Z',
      '2024-07-05T17:00+07:00',
      '2024-07-05T17:00:00.123456-03:30',
      '2024-07-05T17:00:00+0700',
    ]) {
      expect(isInstant(value)).toBe(true);
    }
  });

  it('should refuse a date and time when the offset is missing', () => {
    for (const value of ['2024-07-05T17:00:00', '2024-07-05T17:00', '2024-07-05 17:00:00+07:00', '2024-07-05']) expect(isInstant(value)).toBe(false);
  });

  it('should refuse a day, hour, minute, second or offset that does not exist', () => {
    for (const value of [
      '2024-02-30T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-07-05T24:00:00Z',
      '2024-07-05T23:60:00Z',
      '2024-07-05T23:59:60Z',
      '2024-07-05T10:00:00+19:00',
      '2024-07-05T10:00:00+07:60',
    ]) {
      expect(isInstant(value)).toBe(false);
    }
  });

  it('should refuse anything but a string when given other types', () => {
    for (const value of [null, undefined, 1720173600000, new Date(), {}, ['2024-07-05T10:00:00Z']]) expect(isInstant(value)).toBe(false);
  });

  it('should accept every instant Date writes and read it back unchanged', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const written = date.toISOString();
        expect(isInstant(written)).toBe(true);
        expect(new Date(written).getTime()).toBe(date.getTime());
      }),
    );
  });
});
