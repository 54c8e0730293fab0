import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { readDemoData } from '../src/demo/demo-data';
import { loadDemo } from '../src/demo/demo-loader';
import { startTestApp, TestApp } from './support/test-app';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const data = readDemoData();
const q2 = data.periods.find((period) => period.year === 2024 && period.quarter === 2)!;

async function q2Id(t: TestApp): Promise<string> {
  const periods = await t.request('GET', '/api/v1/periods?year=2024');
  return periods.body.items.find((period: { quarter: number }) => period.quarter === 2).id;
}

describe('Kon Rẫy 2024 demo', () => {
  describe('loaded after the year', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { CLOCK_START: '2024-12-31T10:00:00+07:00' } });
      await loadDemo(t.app, data, t.clock.now(), quiet);
    });

    afterAll(async () => {
      await t.close();
    });

    it('should report the published Q2/2024 district totals when the demo is loaded', async () => {
      const response = await t.request('GET', `/api/v1/periods/${await q2Id(t)}/indicators`);
      expect(response.status).toBe(200);
      const totals = Object.fromEntries(response.body.map((row: { indicator: { code: string }; total: number | null }) => [row.indicator.code, row.total]));
      for (const [code, total] of Object.entries(q2.expectedTotals!)) expect({ code, total: totals[code] }).toEqual({ code, total });
    });

    it('should report the expected year-to-date figures and achievement against the yearly target', async () => {
      const response = await t.request('GET', `/api/v1/periods/${await q2Id(t)}/indicators`);
      const byCode = new Map(response.body.map((row: { indicator: { code: string } }) => [row.indicator.code, row]));
      for (const [code, yearToDate] of Object.entries(q2.expectedYearToDate!)) expect(byCode.get(code)).toMatchObject({ yearToDate });
      expect(byCode.get('MH_RAMAT')).toMatchObject({ target: 20, achievement: 0.6 });
    });

    it('should report the expected completeness of Q2/2024 reports', async () => {
      const response = await t.request('GET', `/api/v1/periods/${await q2Id(t)}/status`);
      expect(response.status).toBe(200);
      const expected = q2.expectedCompleteness!;
      expect(response.body.totals).toEqual({
        units: expected.units,
        submitted: expected.submitted,
        onTime: expected.onTime,
        late: expected.late,
        missing: expected.missing.length,
      });
      const missing = response.body.units.filter((unit: { submission: string }) => unit.submission === 'missing').map((unit: { code: string }) => unit.code);
      expect(missing).toEqual(expected.missing);
      const late = response.body.units
        .filter((unit: { late: boolean; submission: string }) => unit.late && unit.submission !== 'missing')
        .map((unit: { code: string }) => unit.code);
      expect(late.sort()).toEqual(['CAH', 'X-DAKPNE']);
    });

    it('should rank units in the Q2/2024 scorecards', async () => {
      const response = await t.request('GET', '/api/v1/scorecards?year=2024&quarter=2');
      expect(response.status).toBe(200);
      expect(response.body).toHaveLength(20);
      const bchqs = response.body.find((card: { code: string }) => card.code === 'BCHQS');
      expect(bchqs.reports).toEqual({ onTime: 0, late: 0, missing: 1 });
      expect(response.body[0].rank).toBe(1);
    });

    it('should load nothing twice when it is loaded again', async () => {
      const before = await t.request('GET', '/api/v1/audit?limit=1');
      const summary = await loadDemo(t.app, data, t.clock.now(), quiet);
      const after = await t.request('GET', '/api/v1/audit?limit=1');
      expect(after.body.total).toBe(before.body.total);
      expect(summary.units).toBe(20);
      expect((await t.request('GET', '/api/v1/tasks?limit=500')).body.total).toBe(data.periods.reduce((sum, period) => sum + (period.tasks?.length ?? 0), 0));
    });
  });

  describe('replayed to 20/6/2024 08:30, three working days before the Q2 deadline', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { CLOCK_START: '2024-06-20T08:30:00+07:00' } });
      await loadDemo(t.app, data, t.clock.now(), quiet);
    });

    afterAll(async () => {
      await t.close();
    });

    it('should hold only the reports sent by then', async () => {
      const response = await t.request('GET', `/api/v1/periods/${await q2Id(t)}/status`);
      const sentBy = q2.submissions!.filter((submission) => new Date(submission.submittedAt!) <= new Date('2024-06-20T08:30:00+07:00')).map((submission) => submission.unit);
      expect(sentBy.length).toBeGreaterThan(0);
      const submitted = response.body.units.filter((unit: { submission: string }) => unit.submission === 'submitted').map((unit: { code: string }) => unit.code);
      expect(submitted.sort()).toEqual(sentBy.sort());
      expect(response.body.totals.late).toBe(0);
    });

    it('should write this morning’s digests to the outbox: each unit yet to report, and none that already reported', async () => {
      const run = await t.request('POST', '/api/v1/reminders/run');
      expect(run.status).toBe(200);
      const status = await t.request('GET', `/api/v1/periods/${await q2Id(t)}/status`);
      const owing = new Set<string>(status.body.units.filter((unit: { submission: string }) => unit.submission === 'missing').map((unit: { code: string }) => unit.code));
      expect(owing.size).toBe(data.units.length - q2.submissions!.filter((submission) => sentBy(submission.unit)).length);
      const outbox = join(t.config.dataDir, 'outbox');
      const emlCount = () => (existsSync(outbox) ? readdirSync(outbox).filter((file) => file.endsWith('.eml')).length : 0);
      const deadline = Date.now() + 20_000;
      while (emlCount() < run.body.reminders.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const files = readdirSync(outbox).filter((file) => file.endsWith('.eml'));
      expect(files).toHaveLength(run.body.reminders.length);
      const mails = await Promise.all(files.map((file) => simpleParser(readFileSync(join(outbox, file)))));
      const codeByEmail = new Map(data.units.flatMap((unit) => unit.emails.map((email) => [email, unit.code] as const)));
      const remindedOfReport = new Set<string>();
      for (const mail of mails) {
        const to = (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((address) => address?.value.map((item) => item.address ?? '') ?? []);
        const code = codeByEmail.get(to[0])!;
        const aboutReport = /Báo cáo/.test(mail.subject ?? '') && (mail.text ?? '').includes('BÁO CÁO QUÝ II/2024');
        // A unit that already reported hears only about its open tasks.
        expect({ code, aboutReport }).toEqual({ code, aboutReport: owing.has(code) });
        if (aboutReport) remindedOfReport.add(code);
      }
      expect([...remindedOfReport].sort()).toEqual([...owing].sort());
    });
  });
});

function sentBy(unitCode: string): boolean {
  return q2.submissions!.some((submission) => submission.unit === unitCode && new Date(submission.submittedAt!) <= new Date('2024-06-20T08:30:00+07:00'));
}
