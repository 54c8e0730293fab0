import { BadRequestException } from '@nestjs/common';
import { ErrorBody } from '../common/errors';
import { HolidayDto } from './holidays.dto';
import { validateHolidayList, YearPipe } from './holidays.pipes';

async function detailsOf(body: unknown): Promise<ErrorBody['details']> {
  const error: unknown = await validateHolidayList(body).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BadRequestException);
  return ((error as BadRequestException).getResponse() as ErrorBody).details;
}

describe(validateHolidayList.name, () => {
  it('should return trimmed DTOs when every entry is valid', async () => {
    const entries = await validateHolidayList([{ date: '2025-09-02', name: ' Quốc khánh ', kind: 'holiday' }]);
    expect(entries).toEqual([{ date: '2025-09-02', name: 'Quốc khánh', kind: 'holiday' }]);
    expect(entries[0]).toBeInstanceOf(HolidayDto);
  });

  it('should accept an empty list when a year has no entries', async () => {
    await expect(validateHolidayList([])).resolves.toEqual([]);
  });

  it('should name the body when it is not an array', async () => {
    for (const body of [undefined, null, 'a,b', 5, { date: '2025-09-02', name: 'x', kind: 'holiday' }]) {
      expect(await detailsOf(body)).toEqual([{ field: 'body', message: 'must be an array of { date, name, kind }' }]);
    }
  });

  it('should name the body when it has more than 200 entries', async () => {
    const body = Array.from({ length: 201 }, () => ({ date: '2025-09-02', name: 'x', kind: 'holiday' }));
    expect(await detailsOf(body)).toEqual([{ field: 'body', message: 'must have at most 200 entries' }]);
  });

  it('should name each wrong field with its index when entries are invalid', async () => {
    const details = await detailsOf([
      { date: '2025-09-02', name: 'ok', kind: 'holiday' },
      { date: '2025-02-29', name: '', kind: 'vacation', extra: true },
      'not an object',
      { name: 'x', kind: 'holiday' },
    ]);
    expect(details).toEqual(
      expect.arrayContaining([
        { field: '[1].date', message: 'must be a date YYYY-MM-DD' },
        { field: '[1].name', message: 'should not be empty' },
        { field: '[1].kind', message: expect.stringContaining('must be one of the following values') },
        { field: '[1].extra', message: 'is not a known field' },
        { field: '[2]', message: 'must be an object { date, name, kind }' },
        { field: '[3].date', message: 'must be a date YYYY-MM-DD' },
      ]),
    );
    expect(details).toHaveLength(6);
  });
});

describe(YearPipe.name, () => {
  const pipe = new YearPipe();

  it('should return the number when the year is in range', () => {
    expect(pipe.transform('2025')).toBe(2025);
  });

  it('should answer 400 naming the year when it is out of range or not four digits', () => {
    for (const value of ['1999', '2101', '25', '2025.0', '+2025', 'abcd', '']) {
      expect(() => pipe.transform(value)).toThrow(BadRequestException);
    }
  });
});
