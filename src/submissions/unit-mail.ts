import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClockService } from '../infra/clock/clock.service';
import { insertMail } from '../mail/mail.repository';
import { MailService } from '../mail/mail.service';
import { MailContent } from './submission-mails';
import { SubmissionRecord } from './submission.entity';
import { AfterWrite, SubmissionsRepository } from './submissions.repository';

export interface UnitMailServices {
  submissions: SubmissionsRepository;
  mail: MailService;
  clock: ClockService;
  logger: Logger;
}

// An e-mail to the unit about a change of its report (the receipt, the review notices): `record`
// writes it in the change's transaction from the report as stored there, so the two are stored
// together or not at all; `enqueue` hands it to the mail queue once that has committed. A unit
// without addresses gets none.
export interface UnitMail {
  record: AfterWrite;
  enqueue(): Promise<void>;
}

export function unitMail(
  services: UnitMailServices,
  kind: string,
  compose: (submission: SubmissionRecord, manager: EntityManager) => MailContent | Promise<MailContent>,
): UnitMail {
  let mailId: string | undefined;
  return {
    record: async (manager, submissionId) => {
      const submission = (await services.submissions.findById(submissionId, manager)) as SubmissionRecord;
      if (submission.unitEmails.length === 0) return;
      const content = await compose(submission, manager);
      mailId = await insertMail(manager, { kind, toAddresses: submission.unitEmails, ccAddresses: [], ...content, createdAt: services.clock.now() });
    },
    enqueue: async () => {
      if (!mailId) return;
      const recorded = mailId;
      await services.mail
        .enqueueRecorded(recorded)
        .catch((error: unknown) => services.logger.warn(`${kind} e-mail ${recorded} recorded, not yet enqueued (the sweep will): ${String(error)}`));
    },
  };
}
