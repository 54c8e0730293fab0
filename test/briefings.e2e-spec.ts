import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import ICAL from 'ical.js';
import { BriefingCompilerService } from '../src/briefings/briefing-compiler.service';
import { BriefingsRepository } from '../src/briefings/briefings.repository';
import { readDemoData } from '../src/demo/demo-data';
import { loadDemo } from '../src/demo/demo-loader';
import { startSmtpServer, TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const data = readDemoData();
const q2 = data.periods.find((period) => period.quarter === 2)!;

async function waitForBriefing(t: TestApp, id: string): Promise<{ status: string; progress: number; files: string[] }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await t.request('GET', `/api/v1/briefings/${id}`);
    if (response.body.status === 'done' || response.body.status === 'failed' || Date.now() > deadline) return response.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function download(t: TestApp, id: string, format: string): Promise<{ status: number; type: string | null; body: Buffer; disposition: string | null }> {
  const response = await fetch(`${t.baseUrl}/api/v1/briefings/${id}/files/${format}`, { headers: { authorization: `Bearer ${t.adminKey}` } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

describe('Briefings', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let periodId: string;
  let briefingId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { CLOCK_START: '2024-07-01T09:00:00+07:00', SMTP_URL: smtp.url } });
    await loadDemo(t.app, data, t.clock.now(), quiet);
    const periods = await t.request('GET', '/api/v1/periods?year=2024');
    periodId = periods.body.items.find((period: { quarter: number }) => period.quarter === 2).id;
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  describe('the briefing model of the Kon Rẫy demo', () => {
    it('should carry the published Q2/2024 totals, year to date and completeness', async () => {
      const briefing = await t.app.get(BriefingsRepository).create(periodId, 'test', t.clock.now());
      const model = await t.app.get(BriefingCompilerService).model(briefing);
      const totals = Object.fromEntries(model.results.indicators.map((row) => [row.code, row.total]));
      expect(totals).toMatchObject(q2.expectedTotals!);
      const ytd = Object.fromEntries(model.results.indicators.map((row) => [row.code, row.yearToDate]));
      expect(ytd).toMatchObject(q2.expectedYearToDate!);
      const { completeness } = model.results;
      expect([completeness.units, completeness.submitted, completeness.onTime.length, completeness.late.length]).toEqual([20, 19, 17, 2]);
      expect(completeness.missing.map((unit) => unit.code)).toEqual(q2.expectedCompleteness!.missing);
      expect(model.header).toMatchObject({ periodLabel: 'Quý II/2024', locality: 'Kon Rẫy', meetingPlace: q2.briefingPlace });
      expect(model.agenda).toHaveLength(q2.agenda!.length);
      expect(model.nextQuarter?.periodLabel).toBe('Quý III/2024');
      expect(model.unitSummaries.map((unit) => unit.kind)).toEqual(
        [...model.unitSummaries.map((unit) => unit.kind)].sort((a, b) => Number(a !== 'agency') - Number(b !== 'agency')),
      );
    });
  });

  describe('POST /periods/:id/briefings', () => {
    it('should record a version, compile it in the worker and report the progress', async () => {
      const response = await t.request('POST', `/api/v1/periods/${periodId}/briefings`);
      expect(response.status).toBe(202);
      expect(response.body).toMatchObject({ status: 'queued', progress: 0 });
      briefingId = response.body.id;
      const done = await waitForBriefing(t, briefingId);
      expect(done).toMatchObject({ status: 'done', progress: 100, files: ['docx', 'html', 'md', 'xlsx'] });
    });

    it('should keep older versions downloadable when the pack is compiled again', async () => {
      const again = await t.request('POST', `/api/v1/periods/${periodId}/briefings`);
      await waitForBriefing(t, again.body.id);
      const list = await t.request('GET', `/api/v1/periods/${periodId}/briefings`);
      const versions = list.body.map((briefing: { version: number }) => briefing.version);
      expect(versions.slice(0, 2)).toEqual([again.body.version, again.body.version - 1]);
      expect((await download(t, briefingId, 'md')).status).toBe(200);
    });

    it('should answer 404 for an unknown period and 400 for a bad id', async () => {
      expect((await t.request('POST', '/api/v1/periods/00000000-0000-4000-8000-000000000000/briefings')).status).toBe(404);
      expect((await t.request('POST', '/api/v1/periods/nope/briefings')).status).toBe(400);
    });
  });

  describe('GET /briefings/:id/files/:format', () => {
    it('should serve a Word document with the figures, the diacritics and the A4 page', async () => {
      const file = await download(t, briefingId, 'docx');
      expect(file.status).toBe(200);
      expect(file.type).toContain('wordprocessingml');
      expect(file.disposition).toContain('.docx');
      const zip = await JSZip.loadAsync(file.body);
      const xml = await zip.file('word/document.xml')!.async('string');
      expect(xml).toContain('8.145');
      expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(xml).toContain('Kon Rẫy, ngày 01 tháng 7 năm 2024');
      expect(xml).toMatch(/w:w="11906"/);
      expect(xml).toMatch(/w:h="16838"/);
      expect(xml).toContain('Ban Chỉ huy Quân sự huyện');
    });

    it('should serve a workbook whose figures are numbers', async () => {
      const file = await download(t, briefingId, 'xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
      const values = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat());
      expect(values).toContain(8145);
      expect(values).toContain(110);
    });

    it('should serve a self-contained HTML page and Markdown', async () => {
      const html = await download(t, briefingId, 'html');
      expect(html.type).toContain('text/html');
      expect(html.body.toString('utf8')).toContain('8.145');
      const md = await download(t, briefingId, 'md');
      expect(md.body.toString('utf8')).toContain('Quý II/2024');
    });

    it('should answer 400 naming the format when it is unknown', async () => {
      const response = await t.request('GET', `/api/v1/briefings/${briefingId}/files/pdf`);
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('format');
    });
  });

  describe('POST /briefings/:id/send', () => {
    it('should mail the pack with the Word file and a calendar invitation at the meeting instant', async () => {
      const response = await t.request('POST', `/api/v1/briefings/${briefingId}/send`, { body: { to: ['mttq@konray.gov.example', 'dakruong@konray.gov.example'] } });
      expect(response.status).toBe(202);
      const [mail] = await smtp.waitForMails(1);
      expect(mail.envelopeTo.sort()).toEqual(['dakruong@konray.gov.example', 'mttq@konray.gov.example']);
      expect(mail.parsed.subject).toContain('quý II/2024');
      const names = mail.parsed.attachments.map((attachment) => attachment.filename ?? attachment.contentType);
      expect(names.some((name) => name.endsWith('.docx'))).toBe(true);
      const calendarPart = mail.parsed.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar') || attachment.contentType === 'application/ics');
      const icsText = calendarPart ? calendarPart.content.toString('utf8') : '';
      expect(icsText).toContain('METHOD:REQUEST');
      const calendar = new ICAL.Component(ICAL.parse(icsText));
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      event.startDate.zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
      expect(event.startDate.toJSDate().toISOString()).toBe(new Date(q2.briefingAt).toISOString());
      expect(event.location).toBe(q2.briefingPlace);
    });

    it('should answer 400 naming each recipient that is not an e-mail', async () => {
      const response = await t.request('POST', `/api/v1/briefings/${briefingId}/send`, { body: { to: ['ok@konray.gov.example', 'nope'] } });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'to[1]', message: 'must be an email' }]);
    });
  });
});
