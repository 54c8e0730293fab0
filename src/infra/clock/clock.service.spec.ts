import { ClockService } from './clock.service';

describe(ClockService.name, () => {
  describe('now', () => {
    it('should follow the real time when no start is given', () => {
      const before = Date.now();
      const now = new ClockService().now().getTime();
      expect(now).toBeGreaterThanOrEqual(before);
      expect(now).toBeLessThanOrEqual(Date.now());
    });

    it('should start at the given instant and move on from there', () => {
      const start = new Date('2024-06-20T08:30:00+07:00');
      const clock = new ClockService(start);
      const elapsed = clock.now().getTime() - start.getTime();
      expect(elapsed).toBeGreaterThanOrEqual(0);
      expect(elapsed).toBeLessThan(1000);
    });
  });

  describe('advance', () => {
    it('should move the clock forward by the given milliseconds when advanced', () => {
      const clock = new ClockService(new Date('2024-01-01T00:00:00Z'));
      clock.advance(86_400_000);
      expect(clock.now().toISOString().slice(0, 10)).toBe('2024-01-02');
    });
  });
});
