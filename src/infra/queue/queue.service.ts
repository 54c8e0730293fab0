import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { JOB_QUEUE, JobName, JobPayloads, QUEUES, QueueName } from './jobs';
import { logRedisErrors } from './redis-error-log';

export interface EnqueueOptions {
  // A deterministic id where running the same work twice would be wrong; BullMQ ignores an add
  // whose id is already in the queue.
  jobId?: string;
  delayMs?: number;
  // Sweeps are not retried: the next tick is the retry.
  attempts?: number;
}

// How long a caller waits for Redis to take a job. Every job is the trigger of work already
// recorded in PostgreSQL (a mail, a reminder, a compile) or of a sweep the next tick repeats, so
// a Redis that is away must not hang the request or job that enqueues: the add goes through when
// Redis is back, and the sweeps enqueue again what is still queued after the grace time.
export const ENQUEUE_WAIT_MS = 2_000;
// After one add has waited in vain, the next ones in this window do not wait at all.
const REDIS_AWAY_MS = 30_000;
const TIMED_OUT = Symbol('timed out');

// The only place that enqueues jobs.
@Injectable()
export class QueueService {
  private readonly logger = new Logger(QueueService.name);
  private readonly queues: Record<QueueName, Queue>;
  private redisAwaySince?: number;

  constructor(
    @InjectQueue(QUEUES.mail) mailQueue: Queue,
    @InjectQueue(QUEUES.reminders) remindersQueue: Queue,
    @InjectQueue(QUEUES.briefings) briefingsQueue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.queues = { mail: mailQueue, reminders: remindersQueue, briefings: briefingsQueue };
    for (const queue of Object.values(this.queues)) logRedisErrors(queue, `queue ${queue.name}`, this.logger);
  }

  // The job's id; with Redis away, the id asked for ('' without one) once the wait is over.
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const job = await this.bounded(this.queues[JOB_QUEUE[name]].add(name, payload, this.jobOptions(options)), `${name} ${options.jobId ?? ''}`.trim());
    return job?.id ?? options.jobId ?? '';
  }

  async enqueueMany<N extends JobName>(name: N, jobs: Array<{ payload: JobPayloads[N]; jobId: string }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.bounded(
      this.queues[JOB_QUEUE[name]].addBulk(jobs.map((job) => ({ name, data: job.payload, opts: this.jobOptions({ jobId: job.jobId }) }))),
      `${jobs.length} ${name} job(s)`,
    );
  }

  // Waits for the add at most ENQUEUE_WAIT_MS (not at all shortly after a wait ran out); an add
  // still pending then completes, or fails with a warning, on its own.
  private async bounded<T>(adding: Promise<T>, what: string): Promise<T | undefined> {
    const away = this.redisAwaySince !== undefined && Date.now() - this.redisAwaySince < REDIS_AWAY_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), away ? 0 : ENQUEUE_WAIT_MS);
      timer.unref();
    });
    let result: T | typeof TIMED_OUT;
    try {
      result = await Promise.race([adding, timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (result !== TIMED_OUT) {
      this.redisAwaySince = undefined;
      return result;
    }
    this.redisAwaySince ??= Date.now();
    this.logger.warn(`Redis did not answer (${what}) within ${ENQUEUE_WAIT_MS} ms; the work stays recorded and the call goes through when Redis is back`);
    adding.then(
      () => (this.redisAwaySince = undefined),
      (error: unknown) => this.logger.warn(`could not enqueue ${what} (a sweep enqueues it again): ${String(error)}`),
    );
    return undefined;
  }

  // Drops, of these jobs, those that have finished (completed or failed), so that their ids can be
  // enqueued again: BullMQ ignores an add under an id it still holds, and a job can finish with
  // its work still recorded as to do (it failed after stalling twice, or the database was away
  // when its failure was to be recorded). Jobs waiting, delayed or running are left alone.
  // Waits for Redis no longer than an add does.
  async forgetFinished(name: JobName, jobIds: string[]): Promise<void> {
    if (jobIds.length === 0) return;
    const queue = this.queues[JOB_QUEUE[name]];
    const forgetting = (async () => {
      for (const jobId of jobIds) {
        const state = await queue.getJobState(jobId);
        if (state === 'completed' || state === 'failed') await (await queue.getJob(jobId))?.remove();
      }
    })();
    await this.bounded(forgetting, `the finished jobs of ${jobIds.length} ${name} job id(s)`);
  }

  private jobOptions(options: EnqueueOptions): JobsOptions {
    return {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: options.attempts ?? 5,
      backoff: { type: 'exponential', delay: this.config.mailRetryDelayMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
    };
  }
}
