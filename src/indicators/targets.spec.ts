import { duplicateTargets, planTargetWrites, StoredTarget, targetKey } from './targets';

const AT = new Date('2024-03-01T08:00:00+07:00');
const UNIT = '6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f';

describe(planTargetWrites.name, () => {
  const existing: StoredTarget[] = [
    { id: 'program-2024', year: 2024, value: 400, unitId: null },
    { id: 'unit-2024', year: 2024, value: 20, unitId: UNIT },
  ];

  it('should create a target when its year and unit are new', () => {
    const writes = planTargetWrites('indicator', existing, [{ year: 2025, value: 420, unitId: null }], AT, 'Văn phòng');
    expect(writes).toEqual([
      {
        kind: 'create',
        target: { indicatorId: 'indicator', year: 2025, unitId: null, value: 420, at: AT },
        audit: {
          at: AT,
          actor: 'Văn phòng',
          action: 'create',
          entity: 'indicator_target',
          changes: { indicatorId: { to: 'indicator' }, year: { to: 2025 }, unitId: { to: null }, value: { to: 420 } },
        },
      },
    ]);
  });

  it('should update the value when the target exists with another value', () => {
    const writes = planTargetWrites('indicator', existing, [{ year: 2024, value: 25, unitId: UNIT.toUpperCase() }], AT, 'Văn phòng');
    expect(writes).toEqual([
      {
        kind: 'update',
        id: 'unit-2024',
        value: 25,
        at: AT,
        audit: { at: AT, actor: 'Văn phòng', action: 'update', entity: 'indicator_target', changes: { value: { from: 20, to: 25 } } },
      },
    ]);
  });

  it('should plan nothing when every listed value is unchanged', () => {
    expect(planTargetWrites('indicator', existing, [{ year: 2024, value: 400, unitId: null }], AT, 'x')).toEqual([]);
  });

  it('should keep the program target apart from a unit target of the same year', () => {
    const writes = planTargetWrites('indicator', [existing[1]], [{ year: 2024, value: 20, unitId: null }], AT, 'x');
    expect(writes.map((write) => write.kind)).toEqual(['create']);
  });

  it('should plan nothing when no target is listed', () => {
    expect(planTargetWrites('indicator', existing, [], AT, 'x')).toEqual([]);
  });
});

describe(duplicateTargets.name, () => {
  it('should name each repeat with the index it repeats when a (year, unit) is listed twice', () => {
    const errors = duplicateTargets([
      { year: 2024, value: 1, unitId: null },
      { year: 2024, value: 2, unitId: UNIT },
      { year: 2025, value: 3, unitId: null },
      { year: 2024, value: 4, unitId: UNIT.toUpperCase() },
      { year: 2024, value: 5, unitId: null },
    ]);
    expect(errors).toEqual([
      { field: '[3]', message: 'repeats [1]: the same year and unitId' },
      { field: '[4]', message: 'repeats [0]: the same year and unitId' },
    ]);
  });

  it('should find nothing when every (year, unit) is distinct', () => {
    expect(
      duplicateTargets([
        { year: 2024, value: 1, unitId: null },
        { year: 2024, value: 1, unitId: UNIT },
      ]),
    ).toEqual([]);
  });
});

describe(targetKey.name, () => {
  it('should ignore the case of the unit id', () => {
    expect(targetKey({ year: 2024, unitId: UNIT.toUpperCase() })).toBe(targetKey({ year: 2024, unitId: UNIT }));
  });
});
