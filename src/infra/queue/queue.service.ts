import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, JobPayloads, QUEUES } from './jobs';

export interface EnqueueOptions {
  // A deterministic id where running the same work twice would be wrong; BullMQ ignores an add
  // whose id is already in the queue.
  jobId?: string;
  delayMs?: number;
}

// The only place that enqueues jobs.
@Injectable()
export class QueueService {
  constructor(@InjectQueue(QUEUES.mail) private readonly mailQueue: Queue) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const job = await this.queueFor(name).add(name, payload, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
    });
    return job.id ?? '';
  }

  private queueFor(name: JobName): Queue {
    switch (name) {
      case 'mail.send':
        return this.mailQueue;
    }
  }
}
