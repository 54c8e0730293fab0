import { performance } from 'node:perf_hooks';
import { isWorkingDay } from '../calendar/working-days';
import { SettingsEntity } from '../settings/settings.entity';
import { SettingsRepository } from '../settings/settings.repository';
import { CalendarService, HOLIDAYS_CACHE_TTL_MS } from './calendar.service';
import { Holiday } from './holiday-rules';
import { HolidaysRepository } from './holidays.repository';

function setUp(rows: Holiday[] = [{ date: '2025-09-02', name: 'Quốc khánh', kind: 'holiday' }]) {
  const state = { rows, timezone: 'Asia/Ho_Chi_Minh', failNext: false };
  const list = jest.fn(() => {
    if (state.failNext) {
      state.failNext = false;
      return Promise.reject(new Error('connection lost'));
    }
    return Promise.resolve(state.rows);
  });
  const get = jest.fn(() => Promise.resolve({ id: 1, timezone: state.timezone } as SettingsEntity));
  const service = new CalendarService({ list } as unknown as HolidaysRepository, { get } as unknown as SettingsRepository);
  return { service, state, list };
}

describe(CalendarService.name, () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('calendar', () => {
    it('should build the calendar from the holidays in the committee time zone', async () => {
      const { service } = setUp();
      const calendar = await service.calendar();
      expect(calendar.timeZone).toBe('Asia/Ho_Chi_Minh');
      expect(isWorkingDay(calendar, '2025-09-02')).toBe(false);
      expect(isWorkingDay(calendar, '2025-09-03')).toBe(true);
    });

    it('should read the holidays once when called again and again', async () => {
      const { service, list } = setUp();
      const [first, second] = await Promise.all([service.calendar(), service.calendar()]);
      const third = await service.calendar();
      expect(list).toHaveBeenCalledTimes(1);
      expect(second).toBe(first);
      expect(third).toBe(first);
    });

    it('should read the holidays again when invalidated', async () => {
      const { service, state } = setUp();
      await service.calendar();
      state.rows = [];
      expect(isWorkingDay(await service.calendar(), '2025-09-02')).toBe(false);
      service.invalidate();
      expect(isWorkingDay(await service.calendar(), '2025-09-02')).toBe(true);
    });

    it('should read the holidays again when the cache is older than its TTL', async () => {
      const now = jest.spyOn(performance, 'now').mockReturnValue(1_000);
      const { service, list } = setUp();
      await service.calendar();
      now.mockReturnValue(1_000 + HOLIDAYS_CACHE_TTL_MS - 1);
      await service.calendar();
      expect(list).toHaveBeenCalledTimes(1);
      now.mockReturnValue(1_000 + HOLIDAYS_CACHE_TTL_MS);
      await service.calendar();
      expect(list).toHaveBeenCalledTimes(2);
    });

    it('should follow the settings time zone when it changes', async () => {
      const { service, state, list } = setUp();
      await service.calendar();
      state.timezone = 'Asia/Bangkok';
      expect((await service.calendar()).timeZone).toBe('Asia/Bangkok');
      expect(list).toHaveBeenCalledTimes(1);
    });

    it('should not keep a failed read when the database errs', async () => {
      const { service, state } = setUp();
      state.failNext = true;
      await expect(service.calendar()).rejects.toThrow('connection lost');
      await expect(service.calendar()).resolves.toMatchObject({ timeZone: 'Asia/Ho_Chi_Minh' });
    });
  });
});
