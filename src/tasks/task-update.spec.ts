import { ConflictException } from '@nestjs/common';
import { ExistingAssignment } from './assign-to';
import { planTaskUpdate } from './task-update';
import { TaskEntity } from './task.entity';

const at = new Date('2024-05-02T03:00:00Z');

function task(overrides: Partial<TaskEntity> = {}): TaskEntity {
  return Object.assign(new TaskEntity(), {
    id: 't1',
    periodId: 'p1',
    title: 'Tuyên truyền',
    description: null,
    dueAt: new Date('2024-06-25T10:00:00Z'),
    assignTo: ['u1', 'u2'],
    templateId: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  });
}

const current: ExistingAssignment[] = [
  { id: 'a1', unitId: 'u1', role: 'lead', status: 'done' },
  { id: 'a2', unitId: 'u2', role: 'lead', status: 'pending' },
  { id: 'a3', unitId: 'u3', role: 'support', status: 'in_progress' },
];

describe(planTaskUpdate.name, () => {
  it('should plan nothing when every given field equals the current one', () => {
    expect(planTaskUpdate(task(), current, { title: 'Tuyên truyền', description: null, dueAt: new Date('2024-06-25T17:00:00+07:00') }, at, 'VP')).toBeUndefined();
    expect(planTaskUpdate(task(), current, { assignTo: ['u1', 'u2'], leadUnitIds: ['u1', 'u2'] }, at, 'VP')).toBeUndefined();
  });

  it('should audit only the fields that change', () => {
    const update = planTaskUpdate(task(), current, { title: 'Tuyên truyền', dueAt: new Date('2024-06-28T10:00:00Z') }, at, 'VP');
    expect(update?.fields).toEqual({ dueAt: new Date('2024-06-28T10:00:00Z') });
    expect(update?.audit).toEqual({ at, actor: 'VP', action: 'update', entity: 'task', changes: { dueAt: { from: '2024-06-25T10:00:00.000Z', to: '2024-06-28T10:00:00.000Z' } } });
  });

  it('should keep the support units when only assignTo is given and make a support unit that now leads a lead', () => {
    const update = planTaskUpdate(task(), current, { assignTo: ['u1', 'u3', 'u4'], leadUnitIds: ['u1', 'u3', 'u4'] }, at, 'VP');
    expect(update?.assignments).toEqual({
      added: [{ unitId: 'u4', role: 'lead' }],
      removed: [current[1]],
      roleChanged: [{ id: 'a3', unitId: 'u3', from: 'support', to: 'lead' }],
    });
    expect(update?.audit.changes).toEqual({
      assignTo: { from: ['u1', 'u2'], to: ['u1', 'u3', 'u4'] },
      leadUnitIds: { from: ['u1', 'u2'], to: ['u1', 'u3', 'u4'] },
      supportUnitIds: { from: ['u3'], to: [] },
    });
  });

  it('should refuse (409 naming assignTo) to take a unit whose assignment is done off the task', () => {
    const plan = () => planTaskUpdate(task(), current, { assignTo: ['u2'], leadUnitIds: ['u2'] }, at, 'VP');
    expect(plan).toThrow(ConflictException);
    expect(plan).toThrow(expect.objectContaining({ response: expect.objectContaining({ details: [expect.objectContaining({ field: 'assignTo' })] }) }));
  });

  it('should refuse (409 naming supportUnitIds) to drop a support unit whose assignment is done', () => {
    const finished: ExistingAssignment[] = [current[1], { id: 'a3', unitId: 'u3', role: 'support', status: 'done' }];
    expect(() => planTaskUpdate(task(), finished, { supportUnitIds: [] }, at, 'VP')).toThrow(
      expect.objectContaining({ response: expect.objectContaining({ statusCode: 409, details: [expect.objectContaining({ field: 'supportUnitIds' })] }) }),
    );
  });

  it('should let a done unit change role when it stays on the task', () => {
    const update = planTaskUpdate(task(), current, { assignTo: ['u2'], leadUnitIds: ['u2'], supportUnitIds: ['u1', 'u3'] }, at, 'VP');
    expect(update?.assignments.removed).toEqual([]);
    expect(update?.assignments.roleChanged).toEqual([{ id: 'a1', unitId: 'u1', from: 'lead', to: 'support' }]);
  });
});
