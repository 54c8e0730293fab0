import { Injectable, Logger } from '@nestjs/common';
import { conflict, notFound } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { MailService } from '../mail/mail.service';
import { SettingsRepository } from '../settings/settings.repository';
import { acceptedMail, returnedMail, reviewMailContext } from './submission-mails';
import { planReview, Review, reviewConflict } from './submission-rules';
import { MAX_WRITE_ATTEMPTS, raceLost, stateOf, SubmissionActor, toWrite } from './submission-writes';
import { SubmissionRecord } from './submission.entity';
import { ReturnSubmissionDto, SubmissionResponse, toSubmissionResponse } from './submissions.dto';
import { SubmissionsRepository } from './submissions.repository';

// The secretariat's review: accept a submitted report, or return it with a comment. Either way
// the unit gets an e-mail.
@Injectable()
export class SubmissionReviewService {
  private readonly logger = new Logger(SubmissionReviewService.name);

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly settings: SettingsRepository,
    private readonly mail: MailService,
    private readonly clock: ClockService,
  ) {}

  accept(id: string, actor: SubmissionActor): Promise<SubmissionResponse> {
    return this.review(id, { kind: 'accept' }, actor);
  }

  return(id: string, dto: ReturnSubmissionDto, actor: SubmissionActor): Promise<SubmissionResponse> {
    return this.review(id, { kind: 'return', comment: dto.comment }, actor);
  }

  private async review(id: string, review: Review, actor: SubmissionActor): Promise<SubmissionResponse> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.submissions.findById(id);
      if (!current) throw notFound('submission', id);
      const blocked = reviewConflict(current.status, review.kind);
      if (blocked) throw conflict(blocked, 'status');
      const now = this.clock.now();
      const plan = planReview(stateOf(current), review, now);
      if (!(await this.submissions.save(toWrite({ current, periodId: current.periodId, unitId: current.unitId }, plan, actor, now)))) continue;
      const reviewed = (await this.submissions.findById(id)) as SubmissionRecord;
      await this.notify(reviewed, review, now).catch((error: unknown) => this.logger.error(`could not queue the ${review.kind} e-mail for submission ${id}: ${String(error)}`));
      return toSubmissionResponse(reviewed);
    }
    return raceLost();
  }

  // Queued after the review is stored: the review stands even when the e-mail cannot be queued.
  private async notify(submission: SubmissionRecord, review: Review, now: Date): Promise<void> {
    const settings = await this.settings.get();
    const context = reviewMailContext(submission, settings, now);
    const content = review.kind === 'accept' ? acceptedMail(context) : returnedMail(context, review.comment);
    await this.mail.queueMail({ kind: review.kind === 'accept' ? 'submission.accepted' : 'submission.returned', toAddresses: submission.unitEmails, ccAddresses: [], ...content });
  }
}
