import fc from 'fast-check';
import { ExistingAssignment, isAssignToKeyword, KEYWORD_KINDS, planAssignmentChanges, wantedAssignments } from './assign-to';

const unitIds = fc.uniqueArray(fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6'), { maxLength: 6 });
const existing: fc.Arbitrary<ExistingAssignment[]> = unitIds.chain((ids) =>
  fc.tuple(
    ...ids.map((unitId) =>
      fc.record({
        id: fc.constant(`a-${unitId}`),
        unitId: fc.constant(unitId),
        role: fc.constantFrom('lead' as const, 'support' as const),
        status: fc.constantFrom('pending' as const, 'in_progress' as const, 'done' as const),
      }),
    ),
  ),
);

describe(isAssignToKeyword.name, () => {
  it('should accept the three keywords and nothing else', () => {
    expect(['all', 'communes', 'agencies'].every(isAssignToKeyword)).toBe(true);
    expect([['all'], 'All', 'commune', '', null, 1].some(isAssignToKeyword)).toBe(false);
  });

  it('should take communes and townships as the grassroots level', () => {
    expect(KEYWORD_KINDS.communes).toEqual(['commune', 'township']);
    expect(KEYWORD_KINDS.agencies).toEqual(['agency']);
    expect(KEYWORD_KINDS.all).toBeUndefined();
  });
});

describe(wantedAssignments.name, () => {
  it('should list each unit once with lead winning over support', () => {
    expect(wantedAssignments(['u1', 'u2', 'u1'], ['u2', 'u3', 'u3'])).toEqual([
      { unitId: 'u1', role: 'lead' },
      { unitId: 'u2', role: 'lead' },
      { unitId: 'u3', role: 'support' },
    ]);
  });

  it('should make every listed unit a lead or a support, never both', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.array(fc.string()), (leads, supports) => {
        const wanted = wantedAssignments(leads, supports);
        expect(new Set(wanted.map((item) => item.unitId))).toEqual(new Set([...leads, ...supports]));
        expect(wanted).toHaveLength(new Set([...leads, ...supports]).size);
        for (const item of wanted) expect(item.role).toBe(leads.includes(item.unitId) ? 'lead' : 'support');
      }),
    );
  });
});

describe(planAssignmentChanges.name, () => {
  it('should add, remove and change roles to reach the wanted assignments', () => {
    const current: ExistingAssignment[] = [
      { id: 'a1', unitId: 'u1', role: 'lead', status: 'pending' },
      { id: 'a2', unitId: 'u2', role: 'support', status: 'done' },
      { id: 'a3', unitId: 'u3', role: 'lead', status: 'in_progress' },
    ];
    expect(planAssignmentChanges(current, wantedAssignments(['u1', 'u2', 'u4'], []))).toEqual({
      added: [{ unitId: 'u4', role: 'lead' }],
      removed: [current[2]],
      roleChanged: [{ id: 'a2', unitId: 'u2', from: 'support', to: 'lead' }],
    });
  });

  it('should leave exactly the wanted units with the wanted roles once applied', () => {
    fc.assert(
      fc.property(existing, unitIds, unitIds, (current, leads, supports) => {
        const wanted = wantedAssignments(leads, supports);
        const changes = planAssignmentChanges(current, wanted);
        const removed = new Set(changes.removed.map((item) => item.id));
        const roles = new Map(changes.roleChanged.map((item) => [item.id, item.to]));
        const after = [...current.filter((item) => !removed.has(item.id)).map((item) => ({ unitId: item.unitId, role: roles.get(item.id) ?? item.role })), ...changes.added];
        expect(new Map(after.map((item) => [item.unitId, item.role]))).toEqual(new Map(wanted.map((item) => [item.unitId, item.role])));
        expect(after).toHaveLength(wanted.length);
      }),
    );
  });
});
