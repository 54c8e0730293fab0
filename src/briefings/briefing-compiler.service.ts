import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ClockService } from '../infra/clock/clock.service';
import { AgendaItemsService } from '../periods/agenda-items.service';
import { ProgressService } from '../progress/progress.service';
import { SettingsRepository } from '../settings/settings.repository';
import { BriefingDataRepository } from './briefing-data.repository';
import { BriefingRow, BriefingsRepository } from './briefings.repository';
import { BriefingModel } from './model/briefing-model';
import { buildBriefingModel } from './model/build-model';
import { renderDocx } from './renderers/docx';
import { renderHtml } from './renderers/html';
import { renderMarkdown } from './renderers/markdown';
import { renderXlsx } from './renderers/xlsx';

export const BRIEFING_FORMATS = ['docx', 'html', 'md', 'xlsx'] as const;
export type BriefingFormat = (typeof BRIEFING_FORMATS)[number];

export const CONTENT_TYPES: Record<BriefingFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const RENDERERS: Record<BriefingFormat, (model: BriefingModel) => Promise<Buffer | string> | string> = {
  docx: renderDocx,
  html: renderHtml,
  md: renderMarkdown,
  xlsx: renderXlsx,
};

// Data flow step 5: aggregate in SQL, build the plain model, render each format, reporting the
// progress as it goes. Files are written next to each other under DATA_DIR/briefings/<id>/.
@Injectable()
export class BriefingCompilerService {
  constructor(
    private readonly briefings: BriefingsRepository,
    private readonly data: BriefingDataRepository,
    private readonly progress: ProgressService,
    private readonly agenda: AgendaItemsService,
    private readonly settings: SettingsRepository,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  directory(briefingId: string): string {
    return join(this.config.dataDir, 'briefings', briefingId);
  }

  fileName(briefing: Pick<BriefingRow, 'version'>, period: { year: number; quarter: number }, format: BriefingFormat): string {
    return `giao-ban-quy-${period.quarter}-${period.year}-v${briefing.version}.${format}`;
  }

  async model(briefing: BriefingRow): Promise<BriefingModel> {
    const period = await this.data.period(briefing.periodId);
    if (!period) throw new Error(`period ${briefing.periodId} no longer exists`);
    const now = this.clock.now();
    const [settings, indicators, status, scorecards, tasks, sections, units, agenda, nextPeriod, attachments] = await Promise.all([
      this.settings.get(),
      this.progress.indicators(period.id),
      this.progress.status(period.id),
      this.progress.scorecards({ year: period.year, quarter: period.quarter }),
      this.data.taskResults(period.id, now),
      this.data.sections(period.id),
      this.data.unitKinds(),
      this.agenda.list(period.id),
      this.data.nextPeriod(period.year, period.quarter),
      this.data.attachments(period.id),
    ]);
    await this.briefings.progress(briefing.id, 40);
    const next = nextPeriod ? { period: nextPeriod, tasks: await this.data.nextTasks(nextPeriod.id) } : null;
    return buildBriefingModel({
      settings,
      period,
      version: briefing.version,
      compiledAt: now,
      agenda: agenda.map((item) => ({ time: item.time, title: item.title, presenter: item.presenter ?? null })),
      indicators,
      status,
      scorecards,
      tasks,
      sections,
      units,
      next,
      attachments,
    });
  }

  async compile(briefing: BriefingRow): Promise<void> {
    const model = await this.model(briefing);
    await this.briefings.progress(briefing.id, 50);
    const directory = this.directory(briefing.id);
    await mkdir(directory, { recursive: true });
    for (const [index, format] of BRIEFING_FORMATS.entries()) {
      const content = await RENDERERS[format](model);
      const file = join(directory, `pack.${format}`);
      await writeFile(`${file}.tmp`, content);
      await rename(`${file}.tmp`, file);
      await this.briefings.progress(briefing.id, 50 + Math.round((40 * (index + 1)) / BRIEFING_FORMATS.length));
    }
    await this.briefings.finish(briefing.id, [...BRIEFING_FORMATS], this.clock.now());
  }
}
