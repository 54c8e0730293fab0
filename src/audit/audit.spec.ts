import { diffChanges } from './audit';

describe('diffChanges', () => {
  it('should list every field with its new value when a record is created', () => {
    expect(diffChanges(undefined, { code: 'X', emails: ['a@b.vn'] })).toEqual({ code: { to: 'X' }, emails: { to: ['a@b.vn'] } });
  });

  it('should list only the fields that differ when a record is updated', () => {
    expect(diffChanges({ code: 'X', name: 'Cũ', emails: ['a@b.vn'] }, { code: 'X', name: 'Mới', emails: ['a@b.vn'] })).toEqual({ name: { from: 'Cũ', to: 'Mới' } });
  });

  it('should record null when a field is cleared', () => {
    expect(diffChanges({ headEmail: 'a@b.vn' }, { headEmail: undefined })).toEqual({ headEmail: { from: 'a@b.vn', to: null } });
  });

  it('should list the old values when a record is deleted', () => {
    expect(diffChanges({ name: 'Khóa' }, undefined)).toEqual({ name: { from: 'Khóa' } });
  });
});
