import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/roles';
import { conflict, notFound } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { QueueService } from '../infra/queue/queue.service';
import { BriefingCompilerService, BriefingFormat, CONTENT_TYPES } from './briefing-compiler.service';
import { BriefingDataRepository } from './briefing-data.repository';
import { BriefingResponse, toBriefingResponse } from './briefings.dto';
import { BriefingRow, BriefingsRepository } from './briefings.repository';

export interface BriefingFile {
  path: string;
  contentType: string;
  fileName: string;
}

@Injectable()
export class BriefingsService {
  constructor(
    private readonly briefings: BriefingsRepository,
    private readonly data: BriefingDataRepository,
    private readonly compiler: BriefingCompilerService,
    private readonly queue: QueueService,
    private readonly clock: ClockService,
  ) {}

  // Records a new version in PostgreSQL first, then enqueues its compile (job id = briefing id):
  // a lost Redis delays the compile, the sweep enqueues it again.
  async request(periodId: string, actor: Pick<Actor, 'name'>): Promise<BriefingResponse> {
    if (!(await this.data.period(periodId))) throw notFound('period', periodId);
    const briefing = await this.briefings.create(periodId, actor.name, this.clock.now());
    await this.queue.enqueue('briefings.compile', { briefingId: briefing.id }, { jobId: briefing.id, attempts: 3 });
    return toBriefingResponse(briefing);
  }

  async list(periodId: string): Promise<BriefingResponse[]> {
    if (!(await this.data.period(periodId))) throw notFound('period', periodId);
    return (await this.briefings.listForPeriod(periodId)).map(toBriefingResponse);
  }

  async get(id: string): Promise<BriefingResponse> {
    return toBriefingResponse(await this.require(id));
  }

  async file(id: string, format: BriefingFormat): Promise<BriefingFile> {
    const briefing = await this.require(id);
    if (briefing.status !== 'done') throw conflict(`briefing ${id} is ${briefing.status}; its files are not ready`, 'status');
    const path = join(this.compiler.directory(id), `pack.${format}`);
    const period = await this.data.period(briefing.periodId);
    if (!briefing.files.includes(format) || !existsSync(path) || !period) throw notFound(`${format} file of briefing`, id);
    return { path, contentType: CONTENT_TYPES[format], fileName: this.compiler.fileName(briefing, period, format) };
  }

  async require(id: string): Promise<BriefingRow> {
    const briefing = await this.briefings.findById(id);
    if (!briefing) throw notFound('briefing', id);
    return briefing;
  }
}
