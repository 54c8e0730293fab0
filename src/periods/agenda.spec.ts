import fc from 'fast-check';
import { AGENDA_TIME_PATTERN, inTimeOrder } from './agenda';

const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

describe(inTimeOrder.name, () => {
  it('should order items by time when they are given out of order', () => {
    const items = [
      { time: '09:30', title: 'Thảo luận' },
      { time: '08:00', title: 'Khai mạc' },
      { time: '08:15', title: 'Báo cáo' },
    ];
    expect(inTimeOrder(items).map((item) => item.title)).toEqual(['Khai mạc', 'Báo cáo', 'Thảo luận']);
  });

  it('should keep the given order when items share a time', () => {
    const items = [
      { time: '08:00', title: 'b' },
      { time: '07:30', title: 'a' },
      { time: '08:00', title: 'c' },
      { time: '08:00', title: 'd' },
    ];
    expect(inTimeOrder(items).map((item) => item.title)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('should return a sorted permutation that leaves the input alone when any list is given', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ time, title: fc.string() }), { maxLength: 60 }), (items) => {
        const copy = [...items];
        const ordered = inTimeOrder(items);
        expect(items).toEqual(copy);
        expect(ordered).toHaveLength(items.length);
        expect(new Set(ordered)).toEqual(new Set(items));
        for (const item of ordered) expect(items).toContain(item);
        for (let i = 1; i < ordered.length; i++) {
          expect(ordered[i - 1].time <= ordered[i].time).toBe(true);
          if (ordered[i - 1].time === ordered[i].time) expect(items.indexOf(ordered[i - 1])).toBeLessThan(items.indexOf(ordered[i]));
        }
      }),
    );
  });
});

describe('AGENDA_TIME_PATTERN', () => {
  it('should accept HH:mm from 00:00 to 23:59 only', () => {
    expect(['00:00', '08:00', '23:59'].every((value) => AGENDA_TIME_PATTERN.test(value))).toBe(true);
    expect(['24:00', '8:00', '08:60', '08:00:00', '0800', ' 08:00'].some((value) => AGENDA_TIME_PATTERN.test(value))).toBe(false);
  });
});
