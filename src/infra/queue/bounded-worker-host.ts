import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { logRedisErrors } from './redis-error-log';

export const WORKER_CLOSE_TIMEOUT_MS = 10_000;

// BullMQ's Worker.close() can wait forever once its Redis connection has dropped and come back
// (upstream issue taskforcesh/bullmq#4656), which would stall a graceful shutdown. Each processor
// closes its worker here with a time limit; past it, the worker is left to the process exit
// (an unfinished job's lock expires and BullMQ runs it again), and the later close() from
// @nestjs/bullmq returns at once instead of waiting on the stuck one.
export abstract class BoundedWorkerHost extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  // The worker exists once @nestjs/bullmq has set it up (module init).
  onApplicationBootstrap(): void {
    logRedisErrors(this.worker, `worker ${this.worker.name}`, new Logger(this.constructor.name));
  }

  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    const closed = await Promise.race([worker.close().then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), WORKER_CLOSE_TIMEOUT_MS).unref())]);
    if (closed) return;
    new Logger(this.constructor.name).warn(`worker ${worker.name} did not close within ${WORKER_CLOSE_TIMEOUT_MS} ms; leaving it to the process exit`);
    Object.assign(worker, { closing: Promise.resolve() });
  }
}
