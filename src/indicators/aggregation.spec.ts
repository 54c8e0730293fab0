import fc from 'fast-check';
import { achievement, aggregate, AggregatedValue, Aggregation, AGGREGATIONS, decimalPlaces } from './aggregation';

function at(values: number[]): AggregatedValue[] {
  return values.map((value, index) => ({ value, at: index + 1 }));
}

// Decimals as people type them: up to 4 places, up to a trillion.
const decimal = fc.tuple(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 4 })).map(([digits, places]) => digits / 10 ** places);
const anyNumber = fc.oneof(decimal, fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }));
const entry = fc.record({ value: anyNumber, at: fc.integer({ min: 0, max: 400 }) });
const entries = fc.array(entry, { minLength: 1, maxLength: 30 });
const shuffledPair = entries.chain((values) => fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length })));

// An exact rational comparison of a result with the mean, through the decimals both are written in.
function scaled(value: number, places: number): bigint {
  const [mantissa, exponent = '0'] = String(value).split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  return BigInt(`${whole}${fraction}`) * 10n ** BigInt(places - fraction.length + Number(exponent));
}

describe(aggregate.name, () => {
  describe('any kind', () => {
    it.each(AGGREGATIONS)('should return null when there are no values (%s)', (kind) => {
      expect(aggregate(kind, [])).toBeNull();
    });

    it.each(AGGREGATIONS)('should return the value itself when there is one value (%s)', (kind) => {
      expect(aggregate(kind, [{ value: 12.5, at: 3 }])).toBe(12.5);
    });

    it.each(AGGREGATIONS)('should throw a RangeError when a value is not finite (%s)', (kind) => {
      expect(() =>
        aggregate(kind, [
          { value: 1, at: 1 },
          { value: Number.NaN, at: 2 },
        ]),
      ).toThrow(RangeError);
      expect(() => aggregate(kind, [{ value: Number.POSITIVE_INFINITY, at: 1 }])).toThrow(RangeError);
      expect(() => aggregate(kind, [{ value: 1, at: Number.NaN }])).toThrow(RangeError);
    });

    it('should return 0 when every value is 0', () => {
      for (const kind of AGGREGATIONS) expect(aggregate(kind, at([0, 0, 0]))).toBe(0);
    });
  });

  describe('sum', () => {
    it('should add the values when they are integers', () => {
      expect(aggregate('sum', at([120, 95, 0, 33]))).toBe(248);
    });

    it('should add decimals exactly when doubles would not', () => {
      expect(0.1 + 0.2).not.toBe(0.3);
      expect(aggregate('sum', at([0.1, 0.2]))).toBe(0.3);
      expect(aggregate('sum', at([1.005, 2.995, 0.001]))).toBe(4.001);
      expect(aggregate('sum', at([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]))).toBe(1);
    });

    it('should add values written with exponents when they are very small or large', () => {
      expect(aggregate('sum', at([1e-7, 2e-7]))).toBe(3e-7);
      expect(aggregate('sum', at([1e21, 1e21]))).toBe(2e21);
    });

    it('should keep integers exact when the total passes 2^53', () => {
      expect(aggregate('sum', at([Number.MAX_SAFE_INTEGER, 2]))).toBe(Number(BigInt(Number.MAX_SAFE_INTEGER) + 2n));
    });

    it('should ignore at when adding', () => {
      expect(
        aggregate('sum', [
          { value: 4, at: 9 },
          { value: 6, at: 1 },
        ]),
      ).toBe(10);
    });

    it('should be order-independent when the values are shuffled', () => {
      fc.assert(
        fc.property(shuffledPair, ([values, shuffled]) => {
          expect(aggregate('sum', shuffled)).toBe(aggregate('sum', values));
          expect(aggregate('sum', [...values].reverse())).toBe(aggregate('sum', values));
        }),
      );
    });

    // Exact for decimals as typed; arbitrary doubles round once in the whole and twice in the parts.
    it('should be additive when a list of decimals is split in two', () => {
      const decimals = fc.array(fc.record({ value: decimal, at: fc.nat(400) }), { minLength: 1, maxLength: 30 });
      fc.assert(
        fc.property(decimals, decimals, (first, second) => {
          const whole = aggregate('sum', [...first, ...second]);
          const parts = aggregate('sum', [
            { value: aggregate('sum', first)!, at: 0 },
            { value: aggregate('sum', second)!, at: 0 },
          ]);
          expect(whole).toBe(parts);
        }),
      );
    });

    it('should equal plain addition when the values are safe integers', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 50 }), (values) => {
          expect(aggregate('sum', at(values))).toBe(values.reduce((total, value) => total + value, 0));
        }),
      );
    });

    it('should equal the decimal total when the values are decimals of up to 4 places', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 30 }), (tenThousandths) => {
          const values = tenThousandths.map((units) => units / 10_000);
          const total = tenThousandths.reduce((sum, units) => sum + units, 0);
          expect(aggregate('sum', at(values))).toBe(total / 10_000);
        }),
      );
    });
  });

  describe('avg', () => {
    it('should return the arithmetic mean when it is exact', () => {
      expect(aggregate('avg', at([10, 20, 30, 40]))).toBe(25);
      expect(aggregate('avg', at([1, 2]))).toBe(1.5);
    });

    it('should round to 2 decimals half away from zero when the mean does not terminate', () => {
      expect(aggregate('avg', at([1, 1, 2]))).toBe(1.33);
      expect(aggregate('avg', at([2, 2, 1]))).toBe(1.67);
      expect(aggregate('avg', at([0.005, 0]))).toBe(0.003);
      expect(aggregate('avg', at([0.01, 0]))).toBe(0.01);
      expect(aggregate('avg', at([-1, -1, -2]))).toBe(-1.33);
      expect(aggregate('avg', at([-0.01, 0]))).toBe(-0.01);
    });

    it('should keep the inputs precision when it is finer than 2 decimals', () => {
      expect(aggregate('avg', at([0.001, 0.001, 0.002]))).toBe(0.001);
      expect(aggregate('avg', at([0.001, 0.002]))).toBe(0.002);
      expect(aggregate('avg', at([0.125, 0.125]))).toBe(0.125);
    });

    it('should average decimals exactly when doubles would not', () => {
      expect(aggregate('avg', at([0.1, 0.2]))).toBe(0.15);
      expect(aggregate('avg', at([0.7, 0.1]))).toBe(0.4);
    });

    it('should lie between the smallest and the largest value', () => {
      fc.assert(
        fc.property(entries, (values) => {
          const numbers = values.map((item) => item.value);
          const mean = aggregate('avg', values)!;
          expect(mean).toBeGreaterThanOrEqual(Math.min(...numbers));
          expect(mean).toBeLessThanOrEqual(Math.max(...numbers));
        }),
      );
    });

    it('should be within half a unit of its last place of the exact mean', () => {
      fc.assert(
        fc.property(fc.array(decimal, { minLength: 1, maxLength: 30 }), (numbers) => {
          const mean = aggregate('avg', at(numbers))!;
          const places = Math.max(2, decimalPlaces(mean), ...numbers.map(decimalPlaces));
          const total = numbers.reduce((sum, value) => sum + scaled(value, places), 0n);
          const error = scaled(mean, places) * BigInt(numbers.length) - total;
          expect((error < 0n ? -error : error) * 2n <= BigInt(numbers.length)).toBe(true);
        }),
      );
    });

    it('should be order-independent when the values are shuffled', () => {
      fc.assert(
        fc.property(shuffledPair, ([values, shuffled]) => {
          expect(aggregate('avg', shuffled)).toBe(aggregate('avg', values));
        }),
      );
    });
  });

  describe('max', () => {
    it('should return the largest value wherever it is', () => {
      expect(aggregate('max', at([3, 17, 4]))).toBe(17);
      expect(aggregate('max', at([17, 3]))).toBe(17);
      expect(aggregate('max', at([3, 17]))).toBe(17);
      expect(aggregate('max', at([0.25, 0.5, 0.125]))).toBe(0.5);
    });

    it('should return one of the values and be at least every value', () => {
      fc.assert(
        fc.property(entries, (values) => {
          const result = aggregate('max', values)!;
          expect(values.map((item) => item.value)).toContain(result);
          for (const item of values) expect(result).toBeGreaterThanOrEqual(item.value);
        }),
      );
    });

    it('should handle long lists without spreading them into arguments', () => {
      const values = Array.from({ length: 200_000 }, (_value, index) => ({ value: index % 1000, at: index }));
      expect(aggregate('max', values)).toBe(999);
    });
  });

  describe('latest', () => {
    it('should return the value with the highest at when the list is in any order', () => {
      expect(
        aggregate('latest', [
          { value: 5, at: 2 },
          { value: 9, at: 4 },
          { value: 1, at: 3 },
        ]),
      ).toBe(9);
      expect(
        aggregate('latest', [
          { value: 9, at: 4 },
          { value: 5, at: 2 },
        ]),
      ).toBe(9);
      expect(
        aggregate('latest', [
          { value: 0, at: 8097 },
          { value: 40, at: 8096 },
        ]),
      ).toBe(0);
    });

    it('should take the largest of the values sharing the highest at', () => {
      expect(
        aggregate('latest', [
          { value: 3, at: 4 },
          { value: 7, at: 4 },
          { value: 100, at: 1 },
        ]),
      ).toBe(7);
      expect(
        aggregate('latest', [
          { value: 7, at: 4 },
          { value: 3, at: 4 },
        ]),
      ).toBe(7);
    });

    it('should equal the value of the element with the highest at', () => {
      fc.assert(
        fc.property(fc.uniqueArray(entry, { minLength: 1, maxLength: 30, selector: (item) => item.at }), (values) => {
          const newest = values.reduce((best, item) => (item.at > best.at ? item : best));
          expect(aggregate('latest', values)).toBe(newest.value);
        }),
      );
    });

    it('should be order-independent even when at values repeat', () => {
      fc.assert(
        fc.property(shuffledPair, ([values, shuffled]) => {
          expect(aggregate('latest', shuffled)).toBe(aggregate('latest', values));
        }),
      );
    });
  });

  describe('kinds together', () => {
    it('should give max ≥ avg ≥ min and sum = avg × count when the values are non-negative integers', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 40 }), (values) => {
          const list = at(values);
          const kinds = Object.fromEntries(AGGREGATIONS.map((kind) => [kind, aggregate(kind, list)!])) as Record<Aggregation, number>;
          expect(kinds.max).toBeGreaterThanOrEqual(kinds.avg);
          expect(kinds.avg).toBeGreaterThanOrEqual(Math.min(...values));
          expect(Math.abs(kinds.avg * values.length - kinds.sum)).toBeLessThanOrEqual(0.005 * values.length + 1e-6);
          expect(kinds.latest).toBe(values[values.length - 1]);
        }),
      );
    });
  });
});

describe(achievement.name, () => {
  it('should divide the year to date by the target', () => {
    expect(achievement(200, 400)).toBe(0.5);
    expect(achievement(28, 28)).toBe(1);
    expect(achievement(30, 20)).toBe(1.5);
    expect(achievement(0, 20)).toBe(0);
  });

  it('should round to 4 decimals half away from zero', () => {
    expect(achievement(123, 400)).toBe(0.3075);
    expect(achievement(1, 3)).toBe(0.3333);
    expect(achievement(2, 3)).toBe(0.6667);
    expect(achievement(1, 12000)).toBe(0.0001);
    expect(achievement(1, 200000)).toBe(0);
  });

  it('should divide decimals exactly when doubles would not', () => {
    expect(achievement(0.3, 0.1)).toBe(3);
    expect(achievement(0.07, 0.7)).toBe(0.1);
  });

  it('should return null when there is no target', () => {
    expect(achievement(200, null)).toBeNull();
  });

  it('should return null when the target is 0', () => {
    expect(achievement(5, 0)).toBeNull();
    expect(achievement(0, 0)).toBeNull();
  });

  it('should return null when nothing has been reported yet', () => {
    expect(achievement(null, 400)).toBeNull();
    expect(achievement(null, null)).toBeNull();
  });

  it('should return null when a figure is not finite', () => {
    expect(achievement(Number.NaN, 4)).toBeNull();
    expect(achievement(4, Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('should be within half of its last place of the exact ratio', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (done, target) => {
        const ratio = achievement(done, target)!;
        const error = Math.abs(ratio - done / target);
        expect(error).toBeLessThanOrEqual(0.00005 + 1e-12);
      }),
    );
  });

  it('should grow with the year to date when the target is fixed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (a, b, target) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(achievement(low, target)!).toBeLessThanOrEqual(achievement(high, target)!);
      }),
    );
  });
});

describe(decimalPlaces.name, () => {
  it.each([
    [0, 0],
    [12, 0],
    [0.25, 2],
    [1.5, 1],
    [1e-7, 7],
    [1.5e-7, 8],
    [1e21, 0],
    [-0.125, 3],
  ])('should count %p as having %p decimal places', (value, places) => {
    expect(decimalPlaces(value)).toBe(places);
  });
});
