import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { JOB_QUEUE, JobName, JobPayloads, QUEUES, QueueName } from './jobs';

export interface EnqueueOptions {
  // A deterministic id where running the same work twice would be wrong; BullMQ ignores an add
  // whose id is already in the queue.
  jobId?: string;
  delayMs?: number;
  // Sweeps are not retried: the next tick is the retry.
  attempts?: number;
}

// The only place that enqueues jobs.
@Injectable()
export class QueueService {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QUEUES.mail) mailQueue: Queue,
    @InjectQueue(QUEUES.reminders) remindersQueue: Queue,
    @InjectQueue(QUEUES.briefings) briefingsQueue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.queues = { mail: mailQueue, reminders: remindersQueue, briefings: briefingsQueue };
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const job = await this.queues[JOB_QUEUE[name]].add(name, payload, this.jobOptions(options));
    return job.id ?? '';
  }

  async enqueueMany<N extends JobName>(name: N, jobs: Array<{ payload: JobPayloads[N]; jobId: string }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.queues[JOB_QUEUE[name]].addBulk(jobs.map((job) => ({ name, data: job.payload, opts: this.jobOptions({ jobId: job.jobId }) })));
  }

  // Drops a finished job so that the same id can be enqueued again (a manual retry).
  async forget(name: JobName, jobId: string): Promise<void> {
    const job = await this.queues[JOB_QUEUE[name]].getJob(jobId);
    if (job && !(await job.isActive())) await job.remove();
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
