import { DataSource } from 'typeorm';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AddressObject } from 'mailparser';
import { QUEUES } from '../src/infra/queue/jobs';
import { QueueService } from '../src/infra/queue/queue.service';
import { ReminderSweepService } from '../src/reminders/reminder-sweep.service';
import { RemindersRepository } from '../src/reminders/reminders.repository';
import { CapturedMail, startSmtpServer, TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

// Q2/2024: report due Tuesday 25/6/2024 17:00 (+07). With the default policy (before 7, 3, 1
// working days, on the day, then every 2 working days, escalating from the 2nd overdue reminder):
// before_due 3 on Thu 20/6, before_due 1 on Mon 24/6, overdue 1 on Thu 27/6, overdue 2 (an
// escalation) on Mon 1/7, each at 08:00.
const Q2_REPORT_DUE = '2024-06-25T17:00:00+07:00';
// Q3/2024: report due Thursday 5/9/2024 17:00; Mon 2/9 and Tue 3/9 are Quốc khánh, so
// before_due 1 is on Wed 4/9.
const Q3_REPORT_DUE = '2024-09-05T17:00:00+07:00';
const SECRETARIAT = 'bcd@konray.gov.vn';

interface Seeded {
  units: Record<string, string>;
  periods: Record<string, string>;
}

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) => object.value.map((address) => address.address ?? '')).sort();
}

function mailsTo(smtp: TestSmtpServer, address: string): CapturedMail[] {
  return smtp.mails.filter((mail) => mail.envelopeTo.includes(address));
}

// Two units owing the Q2 report (the commune has a head, the agency none) and, for the calendar
// tests, a Q3 period.
async function seed(t: TestApp, quarters: Array<{ quarter: number; reportDueAt: string; briefingAt: string }>): Promise<Seeded> {
  await t.request('PATCH', '/api/v1/settings', { body: { secretariatEmail: SECRETARIAT, secretariatName: 'Thường trực Ban Chỉ đạo', committeeName: 'Ban Chỉ đạo huyện Kon Rẫy' } });
  const units: Record<string, string> = {};
  for (const [code, name, kind, headEmail] of [
    ['X-DAKRUONG', 'Xã Đăk Ruồng', 'commune', 'chutich.dakruong@konray.gov.vn'],
    ['MTTQ', 'Ủy ban MTTQ Việt Nam huyện', 'agency', null],
  ] as const) {
    const created = await t.request('POST', '/api/v1/units', { body: { code, name, kind, emails: [`${code.toLowerCase()}@konray.gov.vn`], headEmail } });
    expect(created.status).toBe(201);
    units[code] = created.body.id;
  }
  const periods: Record<string, string> = {};
  for (const { quarter, reportDueAt, briefingAt } of quarters) {
    const period = await t.request('POST', '/api/v1/periods', { body: { year: 2024, quarter, reportDueAt, briefingAt } });
    expect(period.status).toBe(201);
    periods[`Q${quarter}`] = period.body.id;
  }
  return { units, periods };
}

const Q2 = { quarter: 2, reportDueAt: Q2_REPORT_DUE, briefingAt: '2024-07-03T08:00:00+07:00' };
const Q3 = { quarter: 3, reportDueAt: Q3_REPORT_DUE, briefingAt: '2024-09-12T08:00:00+07:00' };

describe('Reminder delivery', () => {
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });

  afterAll(async () => {
    await smtp.close();
  });

  describe('a reminder whose send job runs more than once', () => {
    let t: TestApp;
    let seeded: Seeded;
    let queue: Queue;

    beforeAll(async () => {
      smtp.mails.length = 0;
      t = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_RETRY_DELAY_MS: '100', CLOCK_START: '2024-06-01T08:00:00+07:00', REMINDER_SWEEP_INTERVAL_SECONDS: '3600' } });
      seeded = await seed(t, [Q2]);
      queue = t.app.get<Queue>(getQueueToken(QUEUES.reminders));
    });

    afterAll(async () => {
      await t.close();
    });

    // Records the reminders due now without enqueuing anything, as if their send jobs were lost.
    async function recordDueReminders(): Promise<Array<{ id: string; unitId: string }>> {
      const planned = await t.app.get(ReminderSweepService).plan();
      const ids = await t.app.get(ReminderSweepService).record(planned, t.clock.now());
      expect(ids).toHaveLength(planned.length);
      const rows = await Promise.all(ids.map((id) => t.app.get(RemindersRepository).findById(id)));
      return rows.map((row) => ({ id: row!.id, unitId: row!.unitId }));
    }

    async function settled(jobId: string): Promise<unknown> {
      const state = await waitFor(
        () => queue.getJobState(jobId),
        (value) => value === 'completed' || value === 'failed',
        `job ${jobId} to finish`,
      );
      expect(state).toBe('completed');
      return (await queue.getJob(jobId))!.returnvalue;
    }

    it('should send one e-mail when two send jobs for the same reminder run at once', async () => {
      t.clock.travelTo(new Date('2024-06-20T08:30:00+07:00'));
      const recorded = await recordDueReminders();
      const commune = recorded.find((reminder) => reminder.unitId === seeded.units['X-DAKRUONG'])!;
      const queueService = t.app.get(QueueService);
      await Promise.all(['dup-a', 'dup-b'].map((prefix) => queueService.enqueue('reminders.send', { reminderId: commune.id }, { jobId: `${prefix}-${commune.id}` })));
      const outcomes = await Promise.all(['dup-a', 'dup-b'].map((prefix) => settled(`${prefix}-${commune.id}`)));
      expect([...outcomes].sort()).toEqual(['already sent', 'sent']);
      expect(mailsTo(smtp, 'x-dakruong@konray.gov.vn')).toHaveLength(1);
      const row = await t.request('GET', `/api/v1/reminders?unitId=${seeded.units['X-DAKRUONG']}`);
      expect(row.body.items).toEqual([expect.objectContaining({ kind: 'before_due', step: 3, status: 'sent', attempts: 1 })]);
    });

    it("should answer 'already sent' and send nothing when a job for a sent reminder runs again", async () => {
      const [sent] = (await t.request('GET', `/api/v1/reminders?unitId=${seeded.units['X-DAKRUONG']}`)).body.items;
      const before = smtp.mails.length;
      await t.app.get(QueueService).enqueue('reminders.send', { reminderId: sent.id }, { jobId: `dup-c-${sent.id}` });
      expect(await settled(`dup-c-${sent.id}`)).toBe('already sent');
      await pause(300);
      expect(smtp.mails).toHaveLength(before);
    });

    it('should send a reminder enqueued under its own id and under another id once', async () => {
      const agency = (await t.request('GET', `/api/v1/reminders?unitId=${seeded.units['MTTQ']}`)).body.items;
      expect(agency).toEqual([expect.objectContaining({ status: 'queued' })]);
      const queueService = t.app.get(QueueService);
      await Promise.all([
        queueService.enqueue('reminders.send', { reminderId: agency[0].id }, { jobId: agency[0].id }),
        queueService.enqueue('reminders.send', { reminderId: agency[0].id }, { jobId: `dup-d-${agency[0].id}` }),
      ]);
      const outcomes = await Promise.all([settled(agency[0].id), settled(`dup-d-${agency[0].id}`)]);
      expect([...outcomes].sort()).toEqual(['already sent', 'sent']);
      expect(mailsTo(smtp, 'mttq@konray.gov.vn')).toHaveLength(1);
    });
    // BullMQ keeps a finished job's id for a day (completed) or a week (failed) and ignores an add
    // under an id it holds. A reminder still queued behind such a job (its job failed after
    // stalling twice, say) is enqueued again by the sweep under a job id of its own.
    it('should send a stale reminder whose job id BullMQ still holds as finished', async () => {
      t.clock.travelTo(new Date('2024-06-24T08:30:00+07:00'));
      const recorded = await recordDueReminders();
      const commune = recorded.find((reminder) => reminder.unitId === seeded.units['X-DAKRUONG'])!;
      const db = t.app.get(DataSource);
      // Its job ran while the reminder looked cancelled, and finished: 'not queued'.
      await db.query(`UPDATE reminders SET status = 'cancelled' WHERE id = $1`, [commune.id]);
      await t.app.get(QueueService).enqueue('reminders.send', { reminderId: commune.id }, { jobId: commune.id });
      expect(await settled(commune.id)).toBe('not queued');
      await db.query(`UPDATE reminders SET status = 'queued', enqueued_at = $2 WHERE id = $1`, [commune.id, new Date(t.clock.now().getTime() - 86_400_000)]);
      const before = mailsTo(smtp, 'x-dakruong@konray.gov.vn').length;

      const sweep = await t.app.get(ReminderSweepService).sweep();
      expect(sweep.requeued).toBeGreaterThanOrEqual(1);
      const row = await waitFor(
        () => t.app.get(RemindersRepository).findById(commune.id),
        (reminder) => reminder?.status === 'sent',
        'the stale reminder to be sent',
      );
      expect(row?.attempts).toBe(1);
      expect(mailsTo(smtp, 'x-dakruong@konray.gov.vn')).toHaveLength(before + 1);
    });
  });

  describe('recipients of each kind of reminder', () => {
    let t: TestApp;
    let seeded: Seeded;

    beforeAll(async () => {
      smtp.mails.length = 0;
      t = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_RETRY_DELAY_MS: '100', CLOCK_START: '2024-06-01T08:00:00+07:00', REMINDER_SWEEP_INTERVAL_SECONDS: '3600' } });
      seeded = await seed(t, [Q2]);
    });

    afterAll(async () => {
      await t.close();
    });

    async function runAt(instant: string, expected: number): Promise<CapturedMail[]> {
      t.clock.travelTo(new Date(instant));
      const before = smtp.mails.length;
      const run = await t.request('POST', '/api/v1/reminders/run');
      expect(run.status).toBe(200);
      expect(run.body.reminders).toHaveLength(expected);
      await smtp.waitForMails(before + expected);
      await waitFor(
        () => t.request('GET', '/api/v1/reminders?status=queued'),
        (response) => response.body.total === 0,
        'every reminder to be sent',
      );
      return smtp.mails.slice(before);
    }

    it("should write an overdue reminder to the unit's own addresses", async () => {
      const mails = await runAt('2024-06-27T08:30:00+07:00', 2);
      const commune = mails.find((mail) => mail.envelopeTo.includes('x-dakruong@konray.gov.vn'))!;
      expect(commune.envelopeTo).toEqual(['x-dakruong@konray.gov.vn']);
      expect(addresses(commune.parsed.to)).toEqual(['x-dakruong@konray.gov.vn']);
      expect(commune.parsed.cc).toBeUndefined();
      const sent = await t.request('GET', `/api/v1/reminders?unitId=${seeded.units['X-DAKRUONG']}`);
      expect(sent.body.items[0]).toMatchObject({ kind: 'overdue', step: 1, status: 'sent', recipients: ['x-dakruong@konray.gov.vn'], cc: [] });
    });

    it("should escalate the 2nd overdue reminder to the unit's head with the secretariat in copy", async () => {
      const mails = await runAt('2024-07-01T08:30:00+07:00', 2);
      const commune = mails.find((mail) => mail.envelopeTo.includes('chutich.dakruong@konray.gov.vn'))!;
      expect(commune).toBeDefined();
      expect([...commune.envelopeTo].sort()).toEqual([SECRETARIAT, 'chutich.dakruong@konray.gov.vn']);
      expect(addresses(commune.parsed.to)).toEqual(['chutich.dakruong@konray.gov.vn']);
      expect(addresses(commune.parsed.cc)).toEqual([SECRETARIAT]);
      expect(mailsTo(smtp, 'x-dakruong@konray.gov.vn').filter((mail) => mails.includes(mail))).toEqual([]);
      const sent = await t.request('GET', `/api/v1/reminders?unitId=${seeded.units['X-DAKRUONG']}`);
      expect(sent.body.items[0]).toMatchObject({ kind: 'escalation', step: 2, status: 'sent', recipients: ['chutich.dakruong@konray.gov.vn'], cc: [SECRETARIAT] });
    });

    it("should escalate to the unit's own addresses, the secretariat in copy, when the unit has no head", async () => {
      const agency = smtp.mails.filter((mail) => mail.envelopeTo.includes('mttq@konray.gov.vn'));
      expect(agency).toHaveLength(2);
      const escalation = agency[1];
      expect([...escalation.envelopeTo].sort()).toEqual([SECRETARIAT, 'mttq@konray.gov.vn']);
      expect(addresses(escalation.parsed.to)).toEqual(['mttq@konray.gov.vn']);
      expect(addresses(escalation.parsed.cc)).toEqual([SECRETARIAT]);
      const sent = await t.request('GET', `/api/v1/reminders?unitId=${seeded.units['MTTQ']}`);
      expect(sent.body.items[0]).toMatchObject({ kind: 'escalation', step: 2, recipients: ['mttq@konray.gov.vn'], cc: [SECRETARIAT] });
    });
  });

  describe('on days off', () => {
    let t: TestApp;
    let seeded: Seeded;

    beforeAll(async () => {
      smtp.mails.length = 0;
      t = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_RETRY_DELAY_MS: '100', CLOCK_START: '2024-06-22T08:30:00+07:00', REMINDER_SWEEP_INTERVAL_SECONDS: '3600' } });
      seeded = await seed(t, [Q2, Q3]);
    });

    afterAll(async () => {
      await t.close();
    });

    async function expectNothingAt(instant: string): Promise<void> {
      t.clock.travelTo(new Date(instant));
      const preview = await t.request('POST', '/api/v1/reminders/run?dryRun=true');
      expect(preview.status).toBe(200);
      expect(preview.body).toEqual({ dryRun: true, reminders: [] });
      const run = await t.request('POST', '/api/v1/reminders/run');
      expect(run.body).toEqual({ dryRun: false, reminders: [] });
      expect((await t.request('GET', '/api/v1/reminders')).body.total).toBe(0);
      await pause(200);
      expect(smtp.mails).toHaveLength(0);
    }

    async function expectPlannedAt(instant: string, periodId: string, kind: string, step: number): Promise<void> {
      t.clock.travelTo(new Date(instant));
      const preview = await t.request('POST', '/api/v1/reminders/run?dryRun=true');
      expect(preview.body.reminders).toHaveLength(2);
      for (const reminder of preview.body.reminders) expect(reminder).toMatchObject({ periodId, kind, step });
      expect(preview.body.reminders.map((reminder: { unitId: string }) => reminder.unitId).sort()).toEqual(Object.values(seeded.units).sort());
    }

    it('should plan, record and send nothing on Saturday 22/6/2024', async () => {
      await expectNothingAt('2024-06-22T08:30:00+07:00');
    });

    it('should plan before_due 1 for the same data on Monday 24/6/2024', async () => {
      await expectPlannedAt('2024-06-24T08:30:00+07:00', seeded.periods['Q2'], 'before_due', 1);
    });

    it('should plan, record and send nothing on Quốc khánh, Monday 2/9/2024, nor on Tuesday 3/9/2024', async () => {
      await expectNothingAt('2024-09-02T08:30:00+07:00');
      await expectNothingAt('2024-09-03T08:30:00+07:00');
    });

    it('should plan before_due 1 for the same data on the next working day, Wednesday 4/9/2024', async () => {
      await expectPlannedAt('2024-09-04T08:30:00+07:00', seeded.periods['Q3'], 'before_due', 1);
    });
  });
});
