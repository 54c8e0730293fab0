import { Logger } from '@nestjs/common';

const QUIET_MS = 30_000;

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

// BullMQ queues and workers emit 'error' for every failed connection attempt while Redis is away;
// without a listener BullMQ writes each one to stderr as a raw stack trace. Here they go to the
// service's log as one warning, then at most one every 30 s with how many were left out.
export function logRedisErrors(emitter: ErrorEmitter, what: string, logger: Logger, now: () => number = Date.now): void {
  let lastLoggedAt: number | undefined;
  let leftOut = 0;
  emitter.on('error', (error) => {
    const at = now();
    if (lastLoggedAt !== undefined && at - lastLoggedAt < QUIET_MS) {
      leftOut++;
      return;
    }
    logger.warn(`${what}: ${error.message}${leftOut ? ` (and ${leftOut} more error(s) in the last ${Math.round((at - lastLoggedAt!) / 1000)} s)` : ''}`);
    lastLoggedAt = at;
    leftOut = 0;
  });
}
