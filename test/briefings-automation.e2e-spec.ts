import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { BriefingAutomationService } from '../src/briefings/briefing-automation.service';
import { BriefingsRepository } from '../src/briefings/briefings.repository';
import { startTestApp, TestApp } from './support/test-app';

async function waitForStatus(t: TestApp, id: string, statuses: string[]): Promise<{ status: string; error: string | null }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await t.request('GET', `/api/v1/briefings/${id}`);
    if (statuses.includes(response.body.status) || Date.now() > deadline) return response.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function seedPeriod(t: TestApp, quarter: number, briefingAt: string): Promise<string> {
  await t.request('POST', '/api/v1/units', { body: { code: `U${quarter}`, name: `Xã Đăk Ruồng ${quarter}`, kind: 'commune', emails: [`u${quarter}@konray.gov.vn`] } });
  const reportDueAt = `2024-0${quarter * 3}-25T17:00:00+07:00`;
  const period = await t.request('POST', '/api/v1/periods', { body: { year: 2024, quarter, reportDueAt, briefingAt } });
  expect(period.status).toBe(201);
  return period.body.id;
}

describe('Briefing compiles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { CLOCK_START: '2024-06-28T09:00:00+07:00', MAIL_RETRY_DELAY_MS: '50', REMINDER_REQUEUE_AFTER_SECONDS: '60' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should record the failure with its error when every attempt fails', async () => {
    const periodId = await seedPeriod(t, 1, '2024-04-05T08:00:00+07:00');
    // A file where the briefings folder should be: every attempt fails to write the pack.
    writeFileSync(join(t.config.dataDir, 'briefings'), 'not a folder');
    const requested = await t.request('POST', `/api/v1/periods/${periodId}/briefings`);
    const failed = await waitForStatus(t, requested.body.id, ['failed', 'done']);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/EEXIST|ENOTDIR/);
  });

  it('should compile a request whose job Redis lost, once the worker sweep finds it still queued', async () => {
    rmSync(join(t.config.dataDir, 'briefings'), { force: true });
    const periodId = await seedPeriod(t, 2, '2024-07-03T08:00:00+07:00');
    // Recorded an hour ago and never enqueued, as after a Redis flush.
    const lost = await t.app.get(BriefingsRepository).create(periodId, 'test', new Date(t.clock.now().getTime() - 3_600_000));
    const swept = await t.app.get(BriefingAutomationService).sweep();
    expect(swept.requeued).toBe(1);
    expect((await waitForStatus(t, lost.id, ['done', 'failed'])).status).toBe('done');
    expect((await t.app.get(BriefingAutomationService).sweep()).requeued).toBe(0);
  });

  it('should compile and send the pack by itself N working days before the meeting when the settings ask for it', async () => {
    const periodId = await seedPeriod(t, 3, '2024-10-04T08:00:00+07:00');
    await t.request('PATCH', '/api/v1/settings', { body: { briefingCompileDaysBefore: 3, briefingAutoSend: true, secretariatEmail: 'bcd@konray.gov.vn' } });
    // Monday 30/9: the Friday 4/10 meeting is 4 working days away — not yet.
    t.clock.travelTo(new Date('2024-09-30T09:00:00+07:00'));
    expect((await t.app.get(BriefingAutomationService).sweep()).requested).toBe(0);
    // Tuesday 1/10: 3 working days away.
    t.clock.travelTo(new Date('2024-10-01T09:00:00+07:00'));
    expect((await t.app.get(BriefingAutomationService).sweep()).requested).toBe(1);
    const [briefing] = (await t.request('GET', `/api/v1/periods/${periodId}/briefings`)).body;
    expect((await waitForStatus(t, briefing.id, ['done', 'failed'])).status).toBe('done');
    expect((await t.app.get(BriefingAutomationService).sweep()).sent).toBe(1);
    expect((await t.app.get(BriefingAutomationService).sweep()).sent).toBe(0);
    const client = new Client({ connectionString: t.config.databaseUrl });
    await client.connect();
    const mails = await client.query(`SELECT to_addresses, ical_event FROM mail_messages WHERE kind = 'briefing'`);
    await client.end();
    expect(mails.rows).toHaveLength(1);
    expect(mails.rows[0].to_addresses).toContain('bcd@konray.gov.vn');
    expect(mails.rows[0].ical_event).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20241004T080000');
  });
});
