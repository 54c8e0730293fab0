import { Injectable, Logger } from '@nestjs/common';
import { conflict, notFound } from '../common/errors';
import { Page, parseSort, toPage } from '../common/pagination';
import { ClockService } from '../infra/clock/clock.service';
import { MailService } from '../mail/mail.service';
import { SettingsRepository } from '../settings/settings.repository';
import { UnitsRepository } from '../units/units.repository';
import { CheckedInput, SubmissionInput } from './submission-input';
import { receivedMail, reviewMailContext } from './submission-mails';
import { editConflict, planEdit } from './submission-rules';
import { MAX_WRITE_ATTEMPTS, raceLost, stateOf, SubmissionActor, toWrite } from './submission-writes';
import { SubmissionRecord } from './submission.entity';
import { UnitMail, unitMail } from './unit-mail';
import { RevisionResponse, SubmissionQuery, SubmissionResponse, toRevisionResponse, toSubmissionResponse, UpsertSubmissionDto } from './submissions.dto';
import { PeriodRef, SUBMISSION_SORT_FIELDS, SubmissionsRepository } from './submissions.repository';

@Injectable()
export class SubmissionsService {
  private readonly logger = new Logger(SubmissionsService.name);

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly input: SubmissionInput,
    private readonly units: UnitsRepository,
    private readonly clock: ClockService,
    private readonly mail: MailService,
    private readonly settings: SettingsRepository,
  ) {}

  async list(periodId: string, query: SubmissionQuery): Promise<Page<SubmissionResponse>> {
    await this.requirePeriod(periodId);
    const order = parseSort(query.sort, SUBMISSION_SORT_FIELDS, 'unitCode');
    const { submissions, total } = await this.submissions.list({ periodId, status: query.status, order, offset: (query.page - 1) * query.limit, limit: query.limit });
    return toPage(submissions.map(toSubmissionResponse), total, query);
  }

  async get(id: string): Promise<SubmissionResponse> {
    return toSubmissionResponse(await this.require(id));
  }

  // For the portal: the unit's report for the period, or null before its first save.
  async findByPeriodAndUnit(periodId: string, unitId: string): Promise<SubmissionResponse | null> {
    const submission = await this.submissions.findByPeriodAndUnit(periodId.toLowerCase(), unitId.toLowerCase());
    return submission ? toSubmissionResponse(submission) : null;
  }

  async revisions(id: string): Promise<RevisionResponse[]> {
    await this.require(id);
    return (await this.submissions.revisions(id)).map(toRevisionResponse);
  }

  /**
   * Creates or replaces a unit's report for a period (PUT semantics: sections and values replace
   * the stored ones), applies its task updates, and submits it when `dto.submit` is true. Used by
   * the admin API, the unit portal (actor { name: 'portal' }) and the demo loader.
   *
   * 404 unknown period or unit; 409 inactive unit or accepted report; 400 naming each wrong field.
   * A PUT that changes nothing stores nothing and returns the report as it is.
   * `options.at` records the change at another instant than the clock's now (the demo loader
   * replays a past quarter with it); submission times, completion times and revisions use it.
   *
   * Each stored submission (a revision with action submit) records one receipt e-mail to the unit
   * in the same transaction, so the report and its receipt are stored together or not at all; the
   * write is conditional on the revision it read, so only the request that stored it sends it,
   * and a PUT that changes nothing sends nothing. A replay (`options.at`) sends none.
   */
  async upsert(periodId: string, unitId: string, dto: UpsertSubmissionDto, actor: SubmissionActor, options: { at?: Date } = {}): Promise<SubmissionResponse> {
    const period = await this.requirePeriod(periodId.toLowerCase());
    const unit = await this.units.findById(unitId.toLowerCase());
    if (!unit) throw notFound('unit', unitId);
    if (!unit.active) throw conflict(`unit ${unit.code} is inactive; its reports cannot be changed`, 'unitId');
    const input = await this.input.check(period.id, unit.id, dto);
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.submissions.findByPeriodAndUnit(period.id, unit.id);
      const blocked = current && editConflict(current.status);
      if (blocked) throw conflict(blocked, 'status');
      const assignments = await this.submissions.findAssignments(input.assignmentIds);
      const now = options.at ?? this.clock.now();
      const plan = planEdit(current && stateOf(current), input.edit, new Map(assignments.map((assignment) => [assignment.id, assignment])), now);
      if (!plan) return toSubmissionResponse(current as SubmissionRecord);
      const write = toWrite({ current, periodId: period.id, unitId: unit.id }, plan, actor, now, input.values);
      const receipt = plan.action === 'submit' && !options.at ? await this.receipt(write.revision, input, now) : undefined;
      const id = await this.submissions.save(write, receipt?.record);
      if (!id) continue;
      await receipt?.enqueue();
      return toSubmissionResponse(await this.require(id));
    }
    return raceLost();
  }

  // The receipt, written in the submission's transaction (unitMail).
  // `revision` is the one that submits; submissions stored after it are not counted.
  private async receipt(revision: number, input: CheckedInput, now: Date): Promise<UnitMail> {
    const settings = await this.settings.get();
    return unitMail({ submissions: this.submissions, mail: this.mail, clock: this.clock, logger: this.logger }, 'submission.received', async (submission, manager) => {
      const revisions = await this.submissions.revisions(submission.id, manager);
      return receivedMail({
        ...reviewMailContext(submission, settings, now),
        secretariatEmail: settings.secretariatEmail,
        submissionNumber: revisions.filter((stored) => stored.action === 'submit' && stored.revision <= revision).length,
        valueCount: Object.keys(submission.values).length,
        taskCount: new Set(input.assignmentIds).size,
      });
    });
  }

  private async requirePeriod(id: string): Promise<PeriodRef> {
    const period = await this.submissions.findPeriod(id);
    if (!period) throw notFound('period', id);
    return period;
  }

  private async require(id: string): Promise<SubmissionRecord> {
    const submission = await this.submissions.findById(id);
    if (!submission) throw notFound('submission', id);
    return submission;
  }
}
