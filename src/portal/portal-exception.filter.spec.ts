import { relativeBase } from './portal-exception.filter';

describe(relativeBase.name, () => {
  it('should lead from the page to /portal/ so that the stylesheet link resolves', () => {
    expect(relativeBase('/portal')).toBe('portal/');
    expect(relativeBase('/portal?x=1')).toBe('portal/');
    expect(relativeBase('/portal/abc')).toBe('');
    expect(relativeBase('/portal/abc?flash=draft')).toBe('');
    expect(relativeBase('/portal/a/b')).toBe('../');
  });
});
