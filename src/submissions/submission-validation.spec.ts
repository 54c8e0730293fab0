import fc from 'fast-check';
import { checkTaskAssignments, isIndicatorValue, MAX_INDICATOR_VALUE, MAX_VALUES_PER_SUBMISSION, normalizeNote, normalizeSections, resolveValues } from './submission-validation';

const TT = { id: 'i1', code: 'TT_BUOI', active: true };
const LUOT = { id: 'i2', code: 'TT_LUOT', active: true };
const OLD = { id: 'i3', code: 'CU', active: false };

describe('submission validation', () => {
  describe('resolveValues', () => {
    it("should match codes ignoring case and keep the indicator's own spelling when they are known", () => {
      expect(resolveValues({ tt_buoi: 12, TT_LUOT: 8145.5 }, [TT, LUOT])).toEqual({
        values: [
          { indicatorId: 'i1', code: 'TT_BUOI', value: 12 },
          { indicatorId: 'i2', code: 'TT_LUOT', value: 8145.5 },
        ],
        errors: [],
      });
    });

    it('should name values.KEY for an unknown, inactive or repeated code', () => {
      const { errors } = resolveValues({ NOPE: 1, CU: 2, TT_BUOI: 3, tt_buoi: 4 }, [TT, OLD]);
      expect(errors).toEqual([
        { field: 'values.NOPE', message: 'is not a known indicator code' },
        { field: 'values.CU', message: 'is an inactive indicator (CU)' },
        { field: 'values.tt_buoi', message: 'gives TT_BUOI a second time (codes ignore case)' },
      ]);
    });

    it('should name values.KEY for a value that is not a finite number from 0 to the limit', () => {
      for (const value of ['5', -1, Number.NaN, Number.POSITIVE_INFINITY, MAX_INDICATOR_VALUE * 10, null, true, [1], {}]) {
        expect(resolveValues({ TT_BUOI: value }, [TT]).errors).toEqual([{ field: 'values.TT_BUOI', message: expect.stringContaining('finite number') }]);
      }
    });

    it('should store -0 as 0', () => {
      expect(Object.is(resolveValues({ TT_BUOI: -0 }, [TT]).values[0].value, 0)).toBe(true);
    });

    it('should refuse more values than the limit with one error on values', () => {
      const many = Object.fromEntries(Array.from({ length: MAX_VALUES_PER_SUBMISSION + 1 }, (_, index) => [`C${index}`, 1]));
      expect(resolveValues(many, []).errors).toEqual([{ field: 'values', message: expect.stringContaining(String(MAX_VALUES_PER_SUBMISSION)) }]);
    });

    it('should accept exactly the finite numbers from 0 to the limit', () => {
      fc.assert(
        fc.property(fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)), (value) => {
          const expected = typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_INDICATOR_VALUE;
          expect(isIndicatorValue(value)).toBe(expected);
          expect(resolveValues({ TT_BUOI: value }, [TT]).errors.length === 0).toBe(expected);
        }),
      );
    });
  });

  describe('checkTaskAssignments', () => {
    const mine = { id: 'a1', periodId: 'p', unitId: 'u' };
    const other = { id: 'a2', periodId: 'p', unitId: 'v' };
    const elsewhere = { id: 'a3', periodId: 'q', unitId: 'u' };

    it("should name taskUpdates[i].assignmentId for another unit's, another period's, unknown or repeated assignments", () => {
      expect(checkTaskAssignments(['a1', 'a2', 'a3', 'a4', 'A1'], [mine, other, elsewhere], 'p', 'u')).toEqual([
        { field: 'taskUpdates[1].assignmentId', message: 'is not an assignment of this unit in this period' },
        { field: 'taskUpdates[2].assignmentId', message: 'is not an assignment of this unit in this period' },
        { field: 'taskUpdates[3].assignmentId', message: 'is not an assignment of this unit in this period' },
        { field: 'taskUpdates[4].assignmentId', message: 'is listed more than once' },
      ]);
    });

    it('should find nothing wrong when every assignment is the unit’s own in the period', () => {
      expect(checkTaskAssignments(['a1'], [mine], 'p', 'u')).toEqual([]);
    });
  });

  describe('normalizeSections and normalizeNote', () => {
    it('should trim sections and leave out the empty ones', () => {
      expect(normalizeSections({ results: '  Kết quả ', difficulties: '  ', proposals: null })).toEqual({ results: 'Kết quả' });
    });

    it('should keep undefined, clear null or blank notes and trim the others', () => {
      expect(normalizeNote(undefined)).toBeUndefined();
      expect(normalizeNote(null)).toBeNull();
      expect(normalizeNote('   ')).toBeNull();
      expect(normalizeNote(' Đã xong ')).toBe('Đã xong');
    });
  });
});
