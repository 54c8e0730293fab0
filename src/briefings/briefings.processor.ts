import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { ClockService } from '../infra/clock/clock.service';
import { BoundedWorkerHost } from '../infra/queue/bounded-worker-host';
import { JobPayloads, QUEUES } from '../infra/queue/jobs';
import { BriefingAutomationService } from './briefing-automation.service';
import { BriefingCompilerService } from './briefing-compiler.service';
import { BriefingsRepository } from './briefings.repository';

type BriefingJob = Job<JobPayloads['briefings.compile'], unknown, 'briefings.compile'> | Job<JobPayloads['briefings.sweep'], unknown, 'briefings.sweep'>;

// Compiles are heavy (a 10,000-unit pack peaks near 600 MB): one at a time per worker.
@Processor(QUEUES.briefings, { concurrency: 1 })
export class BriefingsProcessor extends BoundedWorkerHost {
  private readonly logger = new Logger(BriefingsProcessor.name);

  constructor(
    private readonly briefings: BriefingsRepository,
    private readonly compiler: BriefingCompilerService,
    private readonly automation: BriefingAutomationService,
    private readonly clock: ClockService,
  ) {
    super();
  }

  async process(job: BriefingJob): Promise<unknown> {
    switch (job.name) {
      case 'briefings.sweep':
        return this.automation.sweep();
      case 'briefings.compile':
        return this.compile(job as Job<JobPayloads['briefings.compile']>);
    }
  }

  private async compile(job: Job<JobPayloads['briefings.compile']>): Promise<string> {
    const briefing = await this.briefings.findById(job.data.briefingId);
    if (!briefing) throw new UnrecoverableError(`briefing ${job.data.briefingId} does not exist`);
    // Runs twice, same result: a finished or failed compile is left as it is.
    if (!(await this.briefings.start(briefing.id))) return `already ${briefing.status}`;
    try {
      await this.compiler.compile(briefing);
      return 'done';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) await this.briefings.fail(briefing.id, message, this.clock.now());
      this.logger.warn(`briefing ${briefing.id} attempt ${job.attemptsMade + 1} failed: ${message}`);
      throw error;
    }
  }
}
