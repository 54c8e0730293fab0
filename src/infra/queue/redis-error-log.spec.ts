import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { logRedisErrors } from './redis-error-log';

class CapturingLogger extends Logger {
  readonly warnings: string[] = [];

  override warn(message: string): void {
    this.warnings.push(message);
  }
}

describe(logRedisErrors.name, () => {
  function setUp(): { emitter: EventEmitter; logger: CapturingLogger; clock: { now: number } } {
    const emitter = new EventEmitter();
    const logger = new CapturingLogger();
    const clock = { now: 1_000_000 };
    logRedisErrors(emitter, 'queue mail', logger, () => clock.now);
    return { emitter, logger, clock };
  }

  it('should log the first error at once, naming what failed', () => {
    const { emitter, logger } = setUp();
    emitter.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(logger.warnings).toEqual(['queue mail: connect ECONNREFUSED 127.0.0.1:6379']);
  });

  it('should leave out errors within 30 s of the last one logged, then count them in the next line', () => {
    const { emitter, logger, clock } = setUp();
    emitter.emit('error', new Error('read ECONNRESET'));
    for (let second = 1; second < 30; second++) {
      clock.now += 1_000;
      emitter.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    }
    expect(logger.warnings).toHaveLength(1);
    clock.now += 1_000;
    emitter.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(logger.warnings).toEqual(['queue mail: read ECONNRESET', 'queue mail: connect ECONNREFUSED 127.0.0.1:6379 (and 29 more error(s) in the last 30 s)']);
  });

  it('should keep the emitter from throwing, as an unheard error event would', () => {
    const { emitter } = setUp();
    expect(() => emitter.emit('error', new Error('boom'))).not.toThrow();
  });
});
