import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { hashToken } from '../src/portal/portal-token';
import { REMINDER_LINK_KEY_FILE } from '../src/portal/reminder-link-key';
import { ReminderSenderService } from '../src/reminders/reminder-sender.service';
import { ReminderSweepService } from '../src/reminders/reminder-sweep.service';
import { CapturedMail, startSmtpServer, TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

// Q2/2024: report due Tuesday 25/6/2024 17:00 (+07); with the default policy the before_due 3
// digest goes out on Thursday 20/6 at 08:00 and before_due 1 on Monday 24/6.
const THURSDAY_MORNING = '2024-06-20T08:30:00+07:00';
const Q2 = { year: 2024, quarter: 2, reportDueAt: '2024-06-25T17:00:00+07:00', briefingAt: '2024-07-03T08:00:00+07:00' };
const LINK = /https?:\/\/[^\s"<>]+\/portal\/[A-Za-z0-9_-]{43}/g;

function linksIn(mail: CapturedMail): { text: string[]; html: string[] } {
  const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';
  return { text: [...new Set(mail.parsed.text?.match(LINK) ?? [])], html: [...new Set(html.match(LINK) ?? [])] };
}

async function waitForMailsTo(smtp: TestSmtpServer, address: string, count: number): Promise<CapturedMail[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mails = smtp.mails.filter((mail) => mail.envelopeTo.includes(address));
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} mail(s) to ${address}; got ${mails.length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Reminder e-mails and the unit portal', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  const units: Record<string, string> = {};
  let periodId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, CLOCK_START: THURSDAY_MORNING, REMINDER_SWEEP_INTERVAL_SECONDS: '3600' } });
    for (const [code, name] of [
      ['X-DAKRUONG', 'Xã Đăk Ruồng'],
      ['X-DAKTOLUNG', 'Xã Đăk Tơ Lung'],
    ]) {
      const created = await t.request('POST', '/api/v1/units', { body: { code, name, kind: 'commune', emails: [`${code.toLowerCase()}@konray.gov.vn`] } });
      expect(created.status).toBe(201);
      units[code] = created.body.id;
    }
    const settings = await t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: t.baseUrl } });
    expect(settings.status).toBe(200);
    const period = await t.request('POST', '/api/v1/periods', { body: Q2 });
    expect(period.status).toBe(201);
    periodId = period.body.id;
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("should put a working link to each unit's own form in both bodies of its digest", async () => {
    const run = await t.request('POST', '/api/v1/reminders/run');
    expect(run.body.reminders).toHaveLength(2);
    for (const [code, name] of [
      ['X-DAKRUONG', 'Xã Đăk Ruồng'],
      ['X-DAKTOLUNG', 'Xã Đăk Tơ Lung'],
    ]) {
      const [mail] = await waitForMailsTo(smtp, `${code.toLowerCase()}@konray.gov.vn`, 1);
      const links = linksIn(mail);
      expect(links.text).toHaveLength(1);
      expect(links.html).toEqual(links.text);
      expect(links.text[0].startsWith(`${t.baseUrl}/portal/`)).toBe(true);

      const page = await fetch(links.text[0]);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(name);
      for (const other of ['Xã Đăk Ruồng', 'Xã Đăk Tơ Lung'].filter((unit) => unit !== name)) expect(html).not.toContain(other);
    }
  });

  it("should keep an earlier reminder's link working, and stop every link once the secretariat issues a new one", async () => {
    const address = 'x-dakruong@konray.gov.vn';
    const [digest] = await waitForMailsTo(smtp, address, 1);
    const reminderLink = linksIn(digest).text[0];
    // The next step (before_due 1, Monday 24/6) carries a link of its own; the first still works.
    t.clock.travelTo(new Date('2024-06-24T08:30:00+07:00'));
    expect((await t.request('POST', '/api/v1/reminders/run')).body.reminders).toHaveLength(2);
    const [, nextDigest] = await waitForMailsTo(smtp, address, 2);
    const nextLink = linksIn(nextDigest).text[0];
    expect(nextLink).not.toBe(reminderLink);
    expect((await fetch(reminderLink)).status).toBe(200);
    expect((await fetch(nextLink)).status).toBe(200);

    const issued = await t.request('POST', `/api/v1/periods/${periodId}/units/${units['X-DAKRUONG']}/portal-link`);
    expect(issued.status).toBe(201);
    expect(issued.body.url).not.toBe(reminderLink);
    expect((await fetch(issued.body.url)).status).toBe(200);
    for (const link of [reminderLink, nextLink]) {
      const replaced = await fetch(link);
      expect(replaced.status).toBe(404);
      expect(await replaced.text()).not.toContain('Đăk Ruồng');
    }
  });

  it('should give links that expire 30 days after the briefing', async () => {
    const [digest] = await waitForMailsTo(smtp, 'x-daktolung@konray.gov.vn', 1);
    const link = linksIn(digest).text[0];
    t.clock.travelTo(new Date('2024-08-02T07:59:00+07:00'));
    expect((await fetch(link)).status).toBe(200);
    t.clock.travelTo(new Date('2024-08-02T08:00:01+07:00'));
    expect((await fetch(link)).status).toBe(404);
  });
});

// The link in a digest is derived from the reminder's id with a key outside the database: the
// sweep stores its hash with the reminder, the send writes nothing (src/portal/reminder-link-key.ts).
describe('Reminder links derived from the reminder', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let db: DataSource;
  let periodId: string;
  const units: Record<string, string> = {};

  async function reminderLinkRows(): Promise<Array<{ tokenHash: string; unitId: string; revoked: boolean }>> {
    return db.query(
      `SELECT token_hash AS "tokenHash", unit_id AS "unitId", revoked_at IS NOT NULL AS revoked FROM portal_tokens WHERE created_by = 'reminder' ORDER BY created_at, token_hash`,
    );
  }

  // Records the reminders due now for one unit without enqueuing them (their send jobs not yet run).
  async function recordFor(code: string): Promise<string> {
    const planned = (await t.app.get(ReminderSweepService).plan()).filter((reminder) => reminder.unitId === units[code]);
    expect(planned).toHaveLength(1);
    const [id] = await t.app.get(ReminderSweepService).record(planned, t.clock.now());
    return id;
  }

  async function sendAndReadLink(id: string, code: string): Promise<string> {
    expect(await t.app.get(ReminderSenderService).send(id)).toBe('sent');
    const [mail] = await waitForMailsTo(smtp, `${code.toLowerCase()}@konray.gov.vn`, 1);
    const links = linksIn(mail);
    expect(links.text).toHaveLength(1);
    expect(links.html).toEqual(links.text);
    return links.text[0];
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, CLOCK_START: THURSDAY_MORNING, REMINDER_SWEEP_INTERVAL_SECONDS: '3600' } });
    db = await new DataSource({ type: 'postgres', url: t.config.databaseUrl }).initialize();
    for (const code of ['X-DAKKOI', 'X-DAKPNE', 'X-TANLAP', 'X-DAKRVE']) {
      const created = await t.request('POST', '/api/v1/units', { body: { code, name: `Xã ${code}`, kind: 'commune', emails: [`${code.toLowerCase()}@konray.gov.vn`] } });
      expect(created.status).toBe(201);
      units[code] = created.body.id;
    }
    const period = await t.request('POST', '/api/v1/periods', { body: Q2 });
    expect(period.status).toBe(201);
    periodId = period.body.id;
  });

  afterAll(async () => {
    await db?.destroy();
    await t?.close();
    await smtp?.close();
  });

  it('should record no link with a reminder while the portal base URL is not set, then issue one as the digest is sent', async () => {
    const id = await recordFor('X-DAKKOI');
    expect(await reminderLinkRows()).toEqual([]);
    expect((await t.request('PATCH', '/api/v1/settings', { body: { portalBaseUrl: t.baseUrl } })).status).toBe(200);

    const link = await sendAndReadLink(id, 'X-DAKKOI');
    const rows = await reminderLinkRows();
    expect(rows).toEqual([{ tokenHash: hashToken(link.split('/portal/')[1]), unitId: units['X-DAKKOI'], revoked: false }]);
    expect((await fetch(link)).status).toBe(200);
  });

  it("should store the reminder's link as the sweep records it, keep its key in the data directory, and write no link as it sends", async () => {
    const id = await recordFor('X-DAKPNE');
    const recorded = (await reminderLinkRows()).filter((row) => row.unitId === units['X-DAKPNE']);
    expect(recorded).toHaveLength(1);
    expect(existsSync(join(t.config.dataDir, REMINDER_LINK_KEY_FILE))).toBe(true);

    const link = await sendAndReadLink(id, 'X-DAKPNE');
    expect(hashToken(link.split('/portal/')[1])).toBe(recorded[0].tokenHash);
    expect((await reminderLinkRows()).filter((row) => row.unitId === units['X-DAKPNE'])).toEqual(recorded);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Xã X-DAKPNE');
  });

  it('should give a reminder still queued when the secretariat replaced the links a new link that works, not the replaced one', async () => {
    const id = await recordFor('X-TANLAP');
    const [recorded] = (await reminderLinkRows()).filter((row) => row.unitId === units['X-TANLAP']);
    const issued = await t.request('POST', `/api/v1/periods/${periodId}/units/${units['X-TANLAP']}/portal-link`);
    expect(issued.status).toBe(201);

    const link = await sendAndReadLink(id, 'X-TANLAP');
    expect(hashToken(link.split('/portal/')[1])).not.toBe(recorded.tokenHash);
    expect((await reminderLinkRows()).filter((row) => row.unitId === units['X-TANLAP'])).toEqual([
      { ...recorded, revoked: true },
      { tokenHash: hashToken(link.split('/portal/')[1]), unitId: units['X-TANLAP'], revoked: false },
    ]);
    expect((await fetch(link)).status).toBe(200);
    expect((await fetch(issued.body.url)).status).toBe(200);
  });

  it('should put the same link in a digest sent again after the first send was lost', async () => {
    const id = await recordFor('X-DAKRVE');
    const first = await sendAndReadLink(id, 'X-DAKRVE');
    // As if the process had died between the SMTP answer and recording the send.
    await db.query(`UPDATE reminders SET status = 'queued' WHERE id = $1`, [id]);
    expect(await t.app.get(ReminderSenderService).send(id)).toBe('sent');
    const mails = await waitForMailsTo(smtp, 'x-dakrve@konray.gov.vn', 2);
    expect(linksIn(mails[1]).text).toEqual([first]);
    expect((await reminderLinkRows()).filter((row) => row.unitId === units['X-DAKRVE'])).toHaveLength(1);
  });
});
