import { startSmtpServer, TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

// Q2/2024: report due Tuesday 25/6/2024 17:00; 20/6 is a Thursday, 22/6 a Saturday.
const REPORT_DUE = '2024-06-25T17:00:00+07:00';

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function seedQuarter(t: TestApp): Promise<{ periodId: string; units: Record<string, string> }> {
  await t.request('PATCH', '/api/v1/settings', {
    body: { secretariatEmail: 'bcd@konray.gov.vn', secretariatName: 'Thường trực Ban Chỉ đạo', committeeName: 'Ban Chỉ đạo huyện Kon Rẫy', programName: 'Cuộc vận động' },
  });
  const units: Record<string, string> = {};
  for (const [code, name, kind] of [
    ['X-DAKRUONG', 'Xã Đăk Ruồng', 'commune'],
    ['MTTQ', 'Ủy ban MTTQ Việt Nam huyện', 'agency'],
  ]) {
    const created = await t.request('POST', '/api/v1/units', {
      body: { code, name, kind, emails: [`${code.toLowerCase()}@konray.gov.vn`], headEmail: `head.${code.toLowerCase()}@konray.gov.vn` },
    });
    units[code] = created.body.id;
  }
  const period = await t.request('POST', '/api/v1/periods', { body: { year: 2024, quarter: 2, reportDueAt: REPORT_DUE, briefingAt: '2024-07-03T08:00:00+07:00' } });
  await t.request('POST', '/api/v1/tasks', {
    body: { periodId: period.body.id, title: 'Ra mắt mô hình Cuộc vận động năm 2024', dueAt: '2024-06-28T17:00:00+07:00', assignTo: [units['X-DAKRUONG']] },
  });
  return { periodId: period.body.id, units };
}

describe('Reminders', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let seeded: { periodId: string; units: Record<string, string> };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_RETRY_DELAY_MS: '100', CLOCK_START: '2024-06-01T08:00:00+07:00', REMINDER_SWEEP_INTERVAL_SECONDS: '3600' } });
    seeded = await seedQuarter(t);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  describe('GET/PUT /reminder-policy', () => {
    it('should answer the defaults when nothing was set', async () => {
      const response = await t.request('GET', '/api/v1/reminder-policy');
      expect(response.body).toEqual({ beforeDue: [7, 3, 1], onDueDay: true, overdueEvery: 2, overdueMax: 5, escalateAfter: 2, sendAt: '08:00', timezone: 'Asia/Ho_Chi_Minh' });
    });

    it('should answer 400 naming the field and keep the policy when a value is wrong', async () => {
      const response = await t.request('PUT', '/api/v1/reminder-policy', { body: { beforeDue: [7, -3], sendAt: '25:00' } });
      expect(response.status).toBe(400);
      const fields = response.body.details.map((detail: { field: string }) => detail.field);
      expect(fields).toEqual(expect.arrayContaining(['beforeDue[1]', 'sendAt']));
      expect((await t.request('GET', '/api/v1/reminder-policy')).body.beforeDue).toEqual([7, 3, 1]);
    });

    it('should forbid a viewer to change it', async () => {
      const viewer = await t.request('POST', '/api/v1/api-keys', { body: { name: 'viewer', role: 'viewer' } });
      const response = await t.request('PUT', '/api/v1/reminder-policy', { key: viewer.body.key, body: { sendAt: '07:30' } });
      expect(response.status).toBe(403);
    });
  });

  describe('a sweep on Thursday 20/6/2024 08:30', () => {
    beforeAll(() => {
      t.clock.travelTo(new Date('2024-06-20T08:30:00+07:00'));
    });

    it('should preview one digest per unit without recording anything when dryRun is set', async () => {
      const preview = await t.request('POST', '/api/v1/reminders/run?dryRun=true');
      expect(preview.status).toBe(200);
      expect(preview.body.dryRun).toBe(true);
      const units = preview.body.reminders.map((reminder: { unitId: string }) => reminder.unitId).sort();
      expect(units).toEqual(Object.values(seeded.units).sort());
      expect(preview.body.reminders.every((reminder: { kind: string; step: number }) => reminder.kind === 'before_due' && reminder.step === 3)).toBe(true);
      expect((await t.request('GET', '/api/v1/reminders')).body.total).toBe(0);
    });

    it('should send one Vietnamese digest per unit through SMTP when it runs', async () => {
      const preview = await t.request('POST', '/api/v1/reminders/run?dryRun=true');
      const run = await t.request('POST', '/api/v1/reminders/run');
      expect(run.body.reminders).toHaveLength(2);
      // The answer lists what was recorded, as the preview planned it, in unit order.
      const byUnit = (a: { unitId: string }, b: { unitId: string }) => (a.unitId < b.unitId ? -1 : 1);
      expect(run.body.reminders).toEqual([...preview.body.reminders].sort(byUnit));
      expect(run.body.reminders.map((reminder: { unitId: string }) => reminder.unitId)).toEqual(Object.values(seeded.units).sort());
      const mails = await smtp.waitForMails(2);
      const commune = mails.find((mail) => mail.envelopeTo.includes('x-dakruong@konray.gov.vn'))!;
      expect(commune.parsed.subject).toContain('quý II/2024');
      expect(commune.parsed.subject).toContain('25/6/2024');
      expect(commune.parsed.text).toContain('Xã Đăk Ruồng');
      expect(commune.parsed.text).toContain('Ra mắt mô hình Cuộc vận động năm 2024');
      expect(commune.parsed.html).toContain('Xã Đăk Ruồng');
      const sent = await waitFor(
        () => t.request('GET', '/api/v1/reminders?status=sent'),
        (response) => response.body.total === 2,
        'two sent reminders',
      );
      expect(sent.body.items[0]).toMatchObject({ kind: 'before_due', step: 3, status: 'sent', attempts: 1 });
    });

    it('should send nothing more when the same sweep runs again', async () => {
      const again = await t.request('POST', '/api/v1/reminders/run');
      expect(again.body.reminders).toHaveLength(0);
      expect(smtp.mails).toHaveLength(2);
    });
  });

  describe('on a Saturday', () => {
    it('should plan nothing', async () => {
      t.clock.travelTo(new Date('2024-06-22T08:30:00+07:00'));
      const preview = await t.request('POST', '/api/v1/reminders/run?dryRun=true');
      expect(preview.body.reminders).toHaveLength(0);
    });
  });

  describe('after a unit submits', () => {
    it('should remind only the units that still owe something', async () => {
      const before = smtp.mails.length;
      await t.request('PUT', `/api/v1/periods/${seeded.periodId}/submissions/${seeded.units['MTTQ']}`, { body: { sections: {}, values: {}, submit: true } });
      await smtp.waitForMails(before + 1); // the unit's receipt, delivered before the next test refuses mail
      t.clock.travelTo(new Date('2024-06-24T08:30:00+07:00'));
      const preview = await t.request('POST', '/api/v1/reminders/run?dryRun=true');
      expect(preview.body.reminders.map((reminder: { unitId: string }) => reminder.unitId)).toEqual([seeded.units['X-DAKRUONG']]);
    });
  });

  describe('when the SMTP server refuses and then recovers', () => {
    it('should retry with backoff and then send', async () => {
      smtp.refuseNext(2);
      const before = smtp.mails.length;
      t.clock.travelTo(new Date('2024-06-24T08:30:00+07:00'));
      const run = await t.request('POST', '/api/v1/reminders/run');
      expect(run.body.reminders).toHaveLength(1);
      await smtp.waitForMails(before + 1);
      const sent = await waitFor(
        () => t.request('GET', `/api/v1/reminders?unitId=${seeded.units['X-DAKRUONG']}&status=sent`),
        (response) => response.body.items.some((reminder: { step: number }) => reminder.step === 1),
        'the retried reminder to be sent',
      );
      expect(sent.body.items.find((reminder: { step: number }) => reminder.step === 1)).toMatchObject({ attempts: 3, lastError: null });
    });
  });

  describe('POST /reminders/:id/retry', () => {
    it('should end failed with the error after every attempt is refused, then send once when retried', async () => {
      smtp.refuseNext(5);
      const before = smtp.mails.length;
      t.clock.travelTo(new Date('2024-06-25T08:30:00+07:00'));
      const run = await t.request('POST', '/api/v1/reminders/run');
      expect(run.body.reminders).toHaveLength(1);
      const failed = await waitFor(
        () => t.request('GET', `/api/v1/reminders?unitId=${seeded.units['X-DAKRUONG']}&status=failed`),
        (response) => response.body.items.length === 1,
        'the reminder to fail',
      );
      expect(failed.body.items[0]).toMatchObject({ kind: 'due_today', step: 0, attempts: 5, lastError: expect.stringContaining('mailbox busy') });
      expect(smtp.mails).toHaveLength(before);

      const retried = await t.request('POST', `/api/v1/reminders/${failed.body.items[0].id}/retry`);
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ id: failed.body.items[0].id, status: 'queued', lastError: null });
      await smtp.waitForMails(before + 1);
      const sent = await waitFor(
        () => t.request('GET', `/api/v1/reminders?unitId=${seeded.units['X-DAKRUONG']}&status=sent`),
        (response) => response.body.items.some((reminder: { id: string }) => reminder.id === failed.body.items[0].id),
        'the retried reminder to be sent',
      );
      expect(sent.body.items.find((reminder: { id: string }) => reminder.id === failed.body.items[0].id)).toMatchObject({ attempts: 6, lastError: null });
      expect(smtp.mails).toHaveLength(before + 1);
    });

    it('should answer 409 when the reminder was sent', async () => {
      const sent = await t.request('GET', '/api/v1/reminders?status=sent');
      const response = await t.request('POST', `/api/v1/reminders/${sent.body.items[0].id}/retry`);
      expect(response.status).toBe(409);
    });

    it('should answer 404 for an unknown reminder and 400 for a bad id', async () => {
      expect((await t.request('POST', '/api/v1/reminders/00000000-0000-4000-8000-000000000000/retry')).status).toBe(404);
      expect((await t.request('POST', '/api/v1/reminders/x/retry')).status).toBe(400);
    });
  });
});
