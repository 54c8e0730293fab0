import { SubmissionsFixture } from './submissions-fixtures';
import { createTestDatabase, deleteRedisPrefix, requiredEnv } from './support/resources';
import { startSmtpServer, TestSmtpServer } from './support/smtp';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { cookieFrom, csrfFrom } from './support/portal-page';

// Redis holds only queues, each job the trigger of work recorded in PostgreSQL: while Redis is
// away, requests that enqueue still answer (QueueService waits at most ENQUEUE_WAIT_MS), and the
// work goes out once Redis is back.
describe('While Redis is unreachable', () => {
  let database: { url: string; drop: () => Promise<void> };
  let redisProxy: TcpProxy;
  let smtp: TestSmtpServer;
  let f: SubmissionsFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    redisProxy = await startTcpProxy(requiredEnv('REDIS_URL'));
    smtp = await startSmtpServer();
    f = await SubmissionsFixture.start({ databaseUrl: database.url, redisUrl: redisProxy.url(requiredEnv('REDIS_URL')), env: { SMTP_URL: smtp.url, MAIL_RETRY_DELAY_MS: '100' } });
  });

  afterAll(async () => {
    await redisProxy.restore();
    await f.close();
    await redisProxy.close();
    await smtp.close();
    await database.drop();
    // startTestApp leaves a Redis it was given alone; the queues' keys under this prefix go here.
    await deleteRedisPrefix(requiredEnv('REDIS_URL'), f.t.config.redisPrefix);
  });

  it('should answer the submission, keep its receipt queued, and send it once Redis is back', async () => {
    const email = 'vanphong.dakkoi@konray.gov.vn';
    const unit = await f.createUnit({ name: 'Xã Đăk Kôi', emails: [email] });
    const period = await f.insertPeriod();
    await redisProxy.cut();
    try {
      // The request answers: it does not wait for Redis to come back.
      const submitted = await f.t.request('PUT', `/api/v1/periods/${period.id}/submissions/${unit.id}`, {
        body: { sections: { results: 'Đã hoàn thành' }, values: {}, submit: true },
        key: f.secretariatKey,
      });
      expect(submitted.status).toBe(200);
      expect(submitted.body.status).toBe('submitted');
      const { rows } = await f.db.query(`SELECT status FROM mail_messages WHERE kind = 'submission.received' AND $1 = ANY(to_addresses)`, [email]);
      expect(rows).toEqual([{ status: 'queued' }]);
    } finally {
      await redisProxy.restore();
    }
    const [receipt] = await smtp.waitForMails(1, 30_000);
    expect(receipt.envelopeTo).toEqual([email]);
    expect(receipt.parsed.subject).toBe(`[Giao ban] Đã nhận báo cáo ${'quý'} ${['I', 'II', 'III', 'IV'][period.quarter - 1]}/${period.year} của Xã Đăk Kôi`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails).toHaveLength(1);
  });

  // The clerk's path: the portal's rate limits live in Redis and let requests through while it is
  // away (with a warning), so the form still opens and submits.
  it('should open the portal form and take the submission from it, and send the receipt once Redis is back', async () => {
    f.t.clock.travelTo(new Date('2024-06-20T09:00:00+07:00'));
    const email = 'vanphong.tanlap@konray.gov.vn';
    const unit = await f.createUnit({ name: 'Xã Tân Lập', emails: [email] });
    const period = await f.insertPeriod();
    expect((await f.t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: f.t.baseUrl } })).status).toBe(200);
    const issued = await f.t.request('POST', `/api/v1/periods/${period.id}/units/${unit.id}/portal-link`);
    expect(issued.status).toBe(201);
    const before = smtp.mails.length;
    await redisProxy.cut();
    try {
      const page = await fetch(issued.body.url);
      expect(page.status).toBe(200);
      const html = await page.text();
      const csrf = csrfFrom(html);
      const form = new FormData();
      for (const [name, value] of [
        ['_csrf', csrf],
        ['results', 'Đã hoàn thành'],
        ['action', 'submit'],
      ])
        form.append(name, value);
      const posted = await fetch(issued.body.url, { method: 'POST', body: form, headers: { cookie: cookieFrom(page.headers) }, redirect: 'manual' });
      expect(posted.status).toBe(303);
      const { rows } = await f.db.query(`SELECT status FROM submissions WHERE period_id = $1 AND unit_id = $2`, [period.id, unit.id]);
      expect(rows).toEqual([{ status: 'submitted' }]);
    } finally {
      await redisProxy.restore();
    }
    const mails = await smtp.waitForMails(before + 1, 30_000);
    expect(mails[before].envelopeTo).toEqual([email]);
    expect(mails[before].parsed.subject).toContain('Xã Tân Lập');
  });

  // The secretariat's path: a sweep run by hand records its reminders and answers; their send jobs
  // go to Redis once it is back.
  it('should answer a reminder run and send its digest once Redis is back', async () => {
    f.t.clock.travelTo(new Date('2024-06-20T08:30:00+07:00'));
    const email = 'vanphong.dakruong@konray.gov.vn';
    const unit = await f.createUnit({ name: 'Xã Đăk Ruồng', emails: [email] });
    await f.insertPeriod({ year: 2024, quarter: 2, reportDueAt: '2024-06-25T17:00:00+07:00' });
    const before = smtp.mails.length;
    await redisProxy.cut();
    let reminderIds: string[];
    try {
      const run = await f.t.request('POST', '/api/v1/reminders/run');
      expect(run.status).toBe(200);
      // One digest per period the unit owes a report for (the earlier tests' periods included).
      const planned = run.body.reminders.filter((reminder: { unitId: string }) => reminder.unitId === unit.id);
      expect(planned.length).toBeGreaterThanOrEqual(1);
      const { rows } = await f.db.query(`SELECT id, status FROM reminders WHERE unit_id = $1`, [unit.id]);
      expect(rows.map((row) => row.status)).toEqual(planned.map(() => 'queued'));
      reminderIds = rows.map((row) => row.id);
    } finally {
      await redisProxy.restore();
    }
    const deadline = Date.now() + 30_000;
    const digestsTo = () => smtp.mails.slice(before).filter((mail) => mail.envelopeTo.includes(email));
    while (digestsTo().length < reminderIds.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(digestsTo()).toHaveLength(reminderIds.length);
    expect(digestsTo().some((mail) => mail.parsed.subject?.includes('quý II/2024'))).toBe(true);
    const { rows } = await f.db.query(`SELECT DISTINCT status FROM reminders WHERE id = ANY($1::uuid[])`, [reminderIds]);
    expect(rows).toEqual([{ status: 'sent' }]);
  });
});
