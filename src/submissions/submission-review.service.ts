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
import { UnitMail, unitMail } from './unit-mail';

// The secretariat's review: accept a submitted report, or return it with a comment. Either way
// the unit gets an e-mail, recorded with the review.
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
      const notice = await this.notice(review, now);
      if (!(await this.submissions.save(toWrite({ current, periodId: current.periodId, unitId: current.unitId }, plan, actor, now), notice.record))) continue;
      await notice.enqueue();
      return toSubmissionResponse((await this.submissions.findById(id)) as SubmissionRecord);
    }
    return raceLost();
  }

  // The e-mail to the unit, written in the review's transaction (unitMail).
  private async notice(review: Review, now: Date): Promise<UnitMail> {
    const settings = await this.settings.get();
    return unitMail(
      { submissions: this.submissions, mail: this.mail, clock: this.clock, logger: this.logger },
      review.kind === 'accept' ? 'submission.accepted' : 'submission.returned',
      (submission) => {
        const context = reviewMailContext(submission, settings, now);
        return review.kind === 'accept' ? acceptedMail(context) : returnedMail(context, review.comment);
      },
    );
  }
}
