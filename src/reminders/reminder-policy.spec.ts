import fc from 'fast-check';
import { DEFAULT_REMINDER_POLICY, isReminderPolicy, isTimeZoneName, REMINDER_POLICY_LIMITS, ReminderPolicy, validatePolicy } from './reminder-policy';

function policyWith(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...DEFAULT_REMINDER_POLICY, beforeDue: [...DEFAULT_REMINDER_POLICY.beforeDue], ...changes };
}

function fields(input: unknown): string[] {
  return validatePolicy(input).map((error) => error.field);
}

const validPolicy: fc.Arbitrary<ReminderPolicy> = fc
  .record({
    beforeDue: fc.uniqueArray(fc.integer({ min: 1, max: REMINDER_POLICY_LIMITS.beforeDueMax }), { maxLength: 10 }),
    onDueDay: fc.boolean(),
    overdueEvery: fc.integer({ min: 1, max: REMINDER_POLICY_LIMITS.overdueEveryMax }),
    overdueMax: fc.integer({ min: 0, max: REMINDER_POLICY_LIMITS.overdueMaxMax }),
    sendAt: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    timezone: fc.constantFrom('Asia/Ho_Chi_Minh', 'UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo'),
  })
  .chain((policy) => fc.integer({ min: 1, max: policy.overdueMax + 1 }).map((escalateAfter) => ({ ...policy, escalateAfter })));

describe('reminder policy', () => {
  describe('DEFAULT_REMINDER_POLICY', () => {
    it('should be 7, 3 and 1 working days before, the due day, every 2 working days up to 5 times, escalating from the 2nd, at 08:00 in Viet Nam', () => {
      expect(DEFAULT_REMINDER_POLICY).toEqual({
        beforeDue: [7, 3, 1],
        onDueDay: true,
        overdueEvery: 2,
        overdueMax: 5,
        escalateAfter: 2,
        sendAt: '08:00',
        timezone: 'Asia/Ho_Chi_Minh',
      });
    });

    it('should be valid and frozen when read', () => {
      expect(validatePolicy(DEFAULT_REMINDER_POLICY)).toEqual([]);
      expect(Object.isFrozen(DEFAULT_REMINDER_POLICY)).toBe(true);
      expect(Object.isFrozen(DEFAULT_REMINDER_POLICY.beforeDue)).toBe(true);
    });
  });

  describe(validatePolicy.name, () => {
    it('should find nothing wrong when every field is at the edge of its range', () => {
      const edges = [
        { beforeDue: [], onDueDay: false, overdueEvery: 1, overdueMax: 0, escalateAfter: 1, sendAt: '00:00', timezone: 'UTC' },
        { beforeDue: [60, 1], onDueDay: true, overdueEvery: 30, overdueMax: 20, escalateAfter: 21, sendAt: '23:59', timezone: 'America/Argentina/Buenos_Aires' },
        { beforeDue: [1, 3, 7], onDueDay: true, overdueEvery: 2, overdueMax: 5, escalateAfter: 6, sendAt: '08:00', timezone: 'Etc/GMT+7' },
      ];
      for (const policy of edges) expect(validatePolicy(policy)).toEqual([]);
    });

    it('should name the body when the input is not an object', () => {
      for (const input of [null, undefined, [], 'policy', 7, true]) {
        expect(validatePolicy(input)).toEqual([{ field: 'body', message: 'must be an object { beforeDue, onDueDay, overdueEvery, overdueMax, escalateAfter, sendAt, timezone }' }]);
      }
    });

    it('should name each missing field when the policy is partial', () => {
      expect(validatePolicy({ beforeDue: [7], sendAt: '08:00' })).toEqual([
        { field: 'onDueDay', message: 'is required' },
        { field: 'overdueEvery', message: 'is required' },
        { field: 'overdueMax', message: 'is required' },
        { field: 'escalateAfter', message: 'is required' },
        { field: 'timezone', message: 'is required' },
      ]);
    });

    it('should name each unknown field when the policy has extra ones', () => {
      expect(validatePolicy(policyWith({ sendEvery: 3, hour: 8 }))).toEqual([
        { field: 'sendEvery', message: 'is not a known field' },
        { field: 'hour', message: 'is not a known field' },
      ]);
    });

    it('should name beforeDue when it is not an array', () => {
      for (const beforeDue of [7, '7,3,1', null, { 0: 7 }]) {
        expect(validatePolicy(policyWith({ beforeDue }))).toEqual([{ field: 'beforeDue', message: 'must be an array of distinct integers from 1 to 60' }]);
      }
    });

    it('should name each wrong entry of beforeDue when entries are out of range or not integers', () => {
      expect(validatePolicy(policyWith({ beforeDue: [7, 0, 61, 2.5, '3', null, Number.NaN, -1, 1] }))).toEqual(
        [1, 2, 3, 4, 5, 6, 7].map((index) => ({ field: `beforeDue[${index}]`, message: 'must be an integer from 1 to 60' })),
      );
    });

    it('should name the later entry when beforeDue repeats a day', () => {
      expect(validatePolicy(policyWith({ beforeDue: [7, 3, 7, 1, 3] }))).toEqual([
        { field: 'beforeDue[2]', message: 'repeats 7, already given at [0]' },
        { field: 'beforeDue[4]', message: 'repeats 3, already given at [1]' },
      ]);
    });

    it('should give one error when beforeDue is longer than 60 entries', () => {
      expect(validatePolicy(policyWith({ beforeDue: Array.from({ length: 61 }, (_, i) => i + 1) }))).toEqual([{ field: 'beforeDue', message: 'must have at most 60 entries' }]);
      expect(validatePolicy(policyWith({ beforeDue: Array.from({ length: 60 }, (_, i) => i + 1) }))).toEqual([]);
    });

    it('should name onDueDay when it is not a boolean', () => {
      for (const onDueDay of ['true', 1, null]) expect(fields(policyWith({ onDueDay }))).toEqual(['onDueDay']);
    });

    it('should name overdueEvery when it is outside 1 to 30 or not an integer', () => {
      for (const overdueEvery of [0, 31, 1.5, '2', null, Number.POSITIVE_INFINITY]) {
        expect(validatePolicy(policyWith({ overdueEvery }))).toEqual([{ field: 'overdueEvery', message: 'must be an integer from 1 to 30' }]);
      }
    });

    it('should name overdueMax when it is outside 0 to 20 or not an integer', () => {
      for (const overdueMax of [-1, 21, 0.5, '5'])
        expect(validatePolicy(policyWith({ overdueMax }))).toContainEqual({ field: 'overdueMax', message: 'must be an integer from 0 to 20' });
    });

    it('should name escalateAfter when it is beyond overdueMax + 1 or below 1', () => {
      expect(validatePolicy(policyWith({ overdueMax: 5, escalateAfter: 7 }))).toEqual([
        { field: 'escalateAfter', message: 'must be an integer from 1 to 6 (overdueMax + 1 never escalates)' },
      ]);
      expect(validatePolicy(policyWith({ overdueMax: 0, escalateAfter: 2 }))).toEqual([
        { field: 'escalateAfter', message: 'must be an integer from 1 to 1 (overdueMax + 1 never escalates)' },
      ]);
      expect(fields(policyWith({ escalateAfter: 0 }))).toEqual(['escalateAfter']);
      expect(fields(policyWith({ escalateAfter: 2.5 }))).toEqual(['escalateAfter']);
    });

    it('should check escalateAfter against the widest range when overdueMax is itself wrong', () => {
      expect(fields(policyWith({ overdueMax: 99, escalateAfter: 21 }))).toEqual(['overdueMax']);
      expect(fields(policyWith({ overdueMax: 99, escalateAfter: 22 }))).toEqual(['overdueMax', 'escalateAfter']);
    });

    it('should name sendAt when it is not a time HH:mm', () => {
      for (const sendAt of ['8:00', '24:00', '08:60', '08:00:00', '0800', ' 08:00', 800, null]) {
        expect(validatePolicy(policyWith({ sendAt }))).toEqual([{ field: 'sendAt', message: 'must be a time HH:mm from 00:00 to 23:59' }]);
      }
    });

    it('should name timezone when it is not an IANA time zone', () => {
      for (const timezone of ['Mars/Olympus', '+07:00', 'GMT+7', 'Asia/Ho_Chi_Minh ', '', 7, null, 'A'.repeat(65)]) {
        expect(validatePolicy(policyWith({ timezone }))).toEqual([{ field: 'timezone', message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' }]);
      }
    });

    it('should name every wrong field at once when several are wrong', () => {
      expect(fields({ beforeDue: [0], onDueDay: 'yes', overdueEvery: 0, overdueMax: 21, escalateAfter: 0, sendAt: '8h', timezone: 'Hanoi', extra: 1 })).toEqual([
        'extra',
        'beforeDue[0]',
        'onDueDay',
        'overdueEvery',
        'overdueMax',
        'escalateAfter',
        'sendAt',
        'timezone',
      ]);
    });

    it('should accept every policy when it is generated within the limits', () => {
      fc.assert(
        fc.property(validPolicy, (policy) => {
          expect(validatePolicy(policy)).toEqual([]);
        }),
      );
    });

    it('should name the field when one field of a valid policy is replaced by a wrong value', () => {
      const wrong = fc.oneof(
        fc.record({ field: fc.constant('overdueEvery'), value: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 31 }), fc.double({ min: 1.01, max: 1.99 })) }),
        fc.record({ field: fc.constant('overdueMax'), value: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 21 })) }),
        fc.record({ field: fc.constant('sendAt'), value: fc.string().filter((text) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(text)) }),
        fc.record({ field: fc.constant('onDueDay'), value: fc.oneof(fc.integer(), fc.string(), fc.constant(null)) }),
        fc.record({ field: fc.constant('timezone'), value: fc.oneof(fc.integer(), fc.constantFrom('Mars/Olympus', '+07:00', 'Asia/Nowhere', '../etc/passwd')) }),
      );
      fc.assert(
        fc.property(validPolicy, wrong, (policy, { field, value }) => {
          expect(fields({ ...policy, [field]: value })).toContain(field);
        }),
      );
    });
  });

  describe(isReminderPolicy.name, () => {
    it('should narrow a valid input and refuse a wrong one', () => {
      expect(isReminderPolicy(policyWith({}))).toBe(true);
      expect(isReminderPolicy(policyWith({ overdueEvery: 0 }))).toBe(false);
      expect(isReminderPolicy(undefined)).toBe(false);
    });
  });

  describe(isTimeZoneName.name, () => {
    it('should accept IANA names and refuse offsets and unknown names', () => {
      expect(['Asia/Ho_Chi_Minh', 'Asia/Saigon', 'UTC', 'Etc/GMT-7', 'EST5EDT', 'America/Port-au-Prince'].map(isTimeZoneName)).toEqual([true, true, true, true, true, true]);
      expect(['+07:00', 'GMT+7', 'Asia/Hanoi', 'Asia/Ho Chi Minh', '', undefined].map(isTimeZoneName)).toEqual([false, false, false, false, false, false]);
    });
  });
});
