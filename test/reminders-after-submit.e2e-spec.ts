import { ReminderSenderService } from '../src/reminders/reminder-sender.service';
import { ReminderSweepService } from '../src/reminders/reminder-sweep.service';
import { startSmtpServer, TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

// Q2/2024: report due Tuesday 25/6/2024 17:00 (+07), a task due the same day. With the default
// policy before_due 3 is due on Thursday 20/6 and before_due 1 on Monday 24/6, at 08:00.
const THURSDAY = '2024-06-20T08:30:00+07:00';
const MONDAY = '2024-06-24T08:30:00+07:00';
const Q2 = { year: 2024, quarter: 2, reportDueAt: '2024-06-25T17:00:00+07:00', briefingAt: '2024-07-03T08:00:00+07:00' };

interface Planned {
  unitId: string;
  items: Array<{ kind: string }>;
}

describe('Reminders around a submitted report', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let unitId: string;
  let periodId: string;
  let submissionId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, CLOCK_START: THURSDAY, REMINDER_SWEEP_INTERVAL_SECONDS: '3600' } });
    const unit = await t.request('POST', '/api/v1/units', { body: { code: 'X-DAKRUONG', name: 'Xã Đăk Ruồng', kind: 'commune', emails: ['x-dakruong@konray.gov.vn'] } });
    unitId = unit.body.id;
    const period = await t.request('POST', '/api/v1/periods', { body: Q2 });
    periodId = period.body.id;
    const task = await t.request('POST', '/api/v1/tasks', {
      body: { periodId, title: 'Tổ chức tuyên truyền pháp luật', dueAt: '2024-06-25T17:00:00+07:00', assignTo: [unitId] },
    });
    expect(task.status).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  async function preview(): Promise<Planned[]> {
    const response = await t.request('POST', '/api/v1/reminders/run?dryRun=true');
    expect(response.status).toBe(200);
    return response.body.reminders;
  }

  it('should remind a unit of its report and its open task before it submits', async () => {
    const planned = await preview();
    expect(planned).toHaveLength(1);
    expect(planned[0].items.map((item) => item.kind).sort()).toEqual(['report', 'task']);
  });

  it('should cancel a digest recorded before the unit submitted, and send nothing', async () => {
    // Recorded but not yet sent when the report arrives (its send job still waiting).
    const [reminder] = await t.app.get(ReminderSweepService).plan();
    const [id] = await t.app.get(ReminderSweepService).record([reminder], t.clock.now());
    const submitted = await t.request('PUT', `/api/v1/periods/${periodId}/submissions/${unitId}`, { body: { sections: { results: 'Đã hoàn thành.' }, values: {}, submit: true } });
    expect(submitted.status).toBe(200);
    submissionId = submitted.body.id;
    const receipts = await smtp.waitForMails(1);

    expect(await t.app.get(ReminderSenderService).send(id)).toBe('cancelled');
    expect(smtp.mails).toHaveLength(receipts.length);
    expect((await t.request('GET', `/api/v1/reminders?unitId=${unitId}`)).body.items.map((item: { status: string }) => item.status)).toEqual(['cancelled']);
  });

  it('should remind the unit of nothing while its report is submitted, its open task included', async () => {
    t.clock.travelTo(new Date(MONDAY));
    expect(await preview()).toEqual([]);
  });

  it('should remind it again, report and task, once the secretariat returns the report', async () => {
    const returned = await t.request('POST', `/api/v1/submissions/${submissionId}/return`, { body: { comment: 'Đề nghị bổ sung số liệu.' } });
    expect(returned.status).toBe(200);
    const planned = await preview();
    expect(planned.map((reminder) => reminder.unitId)).toEqual([unitId]);
    expect(planned[0].items.map((item) => item.kind).sort()).toEqual(['report', 'task']);
  });
});
