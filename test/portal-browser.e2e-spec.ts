import { Browser, BrowserContext, Page } from 'playwright-core';
import { samplePdf } from './attachments-samples';
import { focusedElement, focusOutline, launchBrowser, pageWidths, phoneContext, screenshot, smallTapTargets, tabTo, unlabelledInputs } from './support/browser';
import { CapturedMail, startSmtpServer, TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

// Issue item 6: a commune clerk opens the link of a reminder e-mail on a phone, fills the report
// with the keyboard alone, gets a number wrong, fixes it, attaches a PDF and sends; the admin API
// then has the report, the unit gets its receipt, and a returned report opens again with the
// secretariat's comment. A screenshot of each step is kept under
// test-artifacts/screenshots/portal-browser/.

const SPEC = 'portal-browser';
const UNIT_EMAIL = 'vanphong.daktore@konray.gov.vn';
// Thursday 20/6/2024, a working morning; the Q2 report is due Tuesday 25/6 at 17:00, so the
// reminder run sends the "3 working days before" digest.
const CLOCK_START = '2024-06-20T08:30:00+07:00';
const PORTAL_LINK = /\/portal\/[A-Za-z0-9_-]{43}$/;
// What a clerk taps: buttons, fields, the rows of the radio choices. The radios themselves are
// small; their whole row, label included, is the target.
const TAP_TARGETS = 'button:not(.visually-hidden), input[type=text], input[type=file], textarea, .choice';

interface Setup {
  unitId: string;
  periodId: string;
  indicators: { buoi: { id: string; code: string }; luot: { id: string; code: string } };
  tasks: { hoiNghi: string; khaoSat: string };
}

async function waitFor<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function mailsTo(smtp: TestSmtpServer, address: string, subjectStart: string): CapturedMail[] {
  return smtp.mails.filter((mail) => mail.envelopeTo.includes(address) && mail.parsed.subject?.startsWith(subjectStart));
}

// The unit's link in the digest: the button's href in the HTML part and the line in the text part.
function portalLinks(mail: CapturedMail): { html: string[]; text: string[] } {
  const html = [...String(mail.parsed.html || '').matchAll(/href="([^"]*\/portal\/[^"]*)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));
  const text = [...(mail.parsed.text ?? '').matchAll(/(https?:\/\/\S*\/portal\/\S+)/g)].map((match) => match[1]);
  return { html, text };
}

describe('Portal in a phone browser', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let setup: Setup;

  async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await t.request<T>(method, `/api/v1${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function seed(): Promise<Setup> {
    await api('PATCH', '/settings', {
      portalBaseUrl: t.baseUrl,
      committeeName: 'Ban Chỉ đạo huyện Kon Rẫy',
      secretariatName: 'Thường trực Ban Chỉ đạo',
      secretariatEmail: 'bcd@konray.gov.vn',
    });
    const unit = await api<{ id: string }>('POST', '/units', { code: 'X-DAKTORE', name: 'Xã Đăk Tờ Re', kind: 'commune', emails: [UNIT_EMAIL] });
    const buoi = await api<{ id: string; code: string }>('POST', '/indicators', { code: 'TT_BUOI', name: 'Buổi tuyên truyền chuyên đề', measure: 'buổi', aggregation: 'sum' });
    const luot = await api<{ id: string; code: string }>('POST', '/indicators', { code: 'TT_LUOT', name: 'Lượt người tham dự', measure: 'lượt người', aggregation: 'sum' });
    const period = await api<{ id: string }>('POST', '/periods', { year: 2024, quarter: 2, reportDueAt: '2024-06-25T17:00:00+07:00', briefingAt: '2024-07-03T08:00:00+07:00' });
    const task = (title: string) =>
      api<{ assignments: Array<{ id: string }> }>('POST', '/tasks', { periodId: period.id, title, dueAt: '2024-06-28T17:00:00+07:00', assignTo: [unit.id] });
    const hoiNghi = await task('Tổ chức hội nghị tuyên truyền "Ngày hội Đại đoàn kết toàn dân tộc"');
    const khaoSat = await task('Khảo sát, rà soát hộ nghèo, hộ cận nghèo');
    return { unitId: unit.id, periodId: period.id, indicators: { buoi, luot }, tasks: { hoiNghi: hoiNghi.assignments[0].id, khaoSat: khaoSat.assignments[0].id } };
  }

  // The page as it is now: a screenshot, every input labelled, nothing wider than the phone,
  // nothing too small to tap.
  async function step(name: string): Promise<void> {
    await screenshot(page, SPEC, name);
    expect(await unlabelledInputs(page)).toEqual([]);
    const widths = await pageWidths(page);
    expect(widths.document).toBeLessThanOrEqual(widths.viewport);
    expect(await smallTapTargets(page, TAP_TARGETS)).toEqual([]);
  }

  // Presses a key that posts the form and answers the status of the post; the page that follows is loaded.
  async function post(key: string): Promise<number> {
    const answered = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.keyboard.press(key);
    const status = (await answered).status();
    await page.waitForLoadState();
    return status;
  }

  // Tab to the element, then check the focus ring is drawn.
  async function tabToVisibly(selector: string): Promise<void> {
    await tabTo(page, page.locator(selector));
    const outline = await focusOutline(page);
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_RETRY_DELAY_MS: '100', CLOCK_START } });
    setup = await seed();
    browser = await launchBrowser();
    context = await phoneContext(browser);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('should take the clerk from the reminder e-mail through a fixed mistake to a sent report with a file, by keyboard on a phone', async () => {
    const { unitId, periodId, indicators, tasks } = setup;
    const buoi = `#value-${indicators.buoi.id}`;
    const luot = `#value-${indicators.luot.id}`;

    // The reminder e-mail carries the unit's own link, as a button and as text.
    const run = await t.request('POST', '/api/v1/reminders/run');
    expect(run.status).toBeLessThan(300);
    const [digest] = await waitFor(
      () => mailsTo(smtp, UNIT_EMAIL, '[Nhắc việc]'),
      (mails) => mails.length > 0,
      'the reminder digest',
    );
    const links = portalLinks(digest);
    expect(links.html.length).toBeGreaterThan(0);
    expect(new Set([...links.html, ...links.text])).toEqual(new Set([links.html[0]]));
    expect(links.text).toHaveLength(1);
    const portalUrl = links.html[0];
    expect(portalUrl.startsWith(`${t.baseUrl}/portal/`)).toBe(true);
    expect(portalUrl).toMatch(PORTAL_LINK);

    // Opened on the phone: the unit's form.
    const opened = await page.goto(portalUrl);
    expect(opened?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Báo cáo quý II/2024' }).waitFor();
    await step('Mở biểu mẫu từ thư nhắc');
    await expect(page.locator('.masthead').innerText()).resolves.toContain('Xã Đăk Tờ Re');

    // Keyboard only from here to the first post: each radio group is one Tab stop, the arrows choose.
    await tabToVisibly(`#task-${tasks.hoiNghi}-status-pending`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe(`textarea#task-${tasks.hoiNghi}-note[name="task-${tasks.hoiNghi}-note"]`);
    await page.keyboard.type('Đã tổ chức 3 hội nghị tại thôn Kon Skôi, Đăk Pơ Kơ, Kon Keng.');
    await tabToVisibly(`#task-${tasks.khaoSat}-status-pending`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Đang rà soát 2/5 thôn.');
    await tabToVisibly(buoi);
    await page.keyboard.type('abc');
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe(`input${luot}[name="value-${indicators.luot.id}"]`);
    await page.keyboard.type('1.250');
    await tabToVisibly('#section-results');
    await page.keyboard.type('Tổ chức tuyên truyền ở 6/6 thôn; 1.250 lượt người tham dự.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Một số thôn xa, đường đi lại khó khăn trong mùa mưa.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Đề nghị hỗ trợ kinh phí in tài liệu tuyên truyền.');
    await tabToVisibly('button.primary');
    expect(await page.locator('button.primary').innerText()).toBe('Gửi báo cáo');
    expect(await post('Enter')).toBe(400);

    // The wrong number is named inline in Vietnamese and in the summary, which has the focus.
    await expect(page.locator(`${buoi}-error`).textContent()).resolves.toBe('Lỗi: Giá trị phải là số không âm, viết bằng chữ số (ví dụ: 12; 8.145; 1,5)');
    expect(await focusedElement(page)).toBe('div#error-summary');
    await expect(page.locator('#error-summary h2').innerText()).resolves.toBe('Chưa lưu được báo cáo: có 1 lỗi cần sửa');
    await expect(page.locator(buoi).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator(luot).inputValue()).resolves.toBe('1.250');
    await expect(page.locator('#section-proposals').inputValue()).resolves.toBe('Đề nghị hỗ trợ kinh phí in tài liệu tuyên truyền.');
    await expect(page.locator(`#task-${tasks.hoiNghi}-status-done`).isChecked()).resolves.toBe(true);
    // No file was chosen, so there is nothing to choose again.
    expect(await page.locator('#files-note').count()).toBe(0);
    await step('Báo lỗi số liệu');
    expect((await t.request('GET', `/api/v1/periods/${periodId}/submissions`)).body.items).toEqual([]);

    // The summary's link takes the focus to the field; the clerk types the number again.
    await tabToVisibly('#error-summary a');
    await page.keyboard.press('Enter');
    await waitFor(
      () => focusedElement(page),
      (focused) => focused.startsWith(`input${buoi}`),
      'the focus on the wrong field',
      5_000,
    );
    await page.keyboard.press('Control+A');
    await page.keyboard.type('8.145');

    // The file is chosen the way a phone's file picker gives it; the rest is the keyboard again.
    await page.locator('#files').setInputFiles({ name: 'Báo cáo quý II - Đăk Tờ Re.pdf', mimeType: 'application/pdf', buffer: samplePdf(200_000) });
    await screenshot(page, SPEC, 'Sửa số liệu và chọn tệp');
    await tabToVisibly('button.primary');
    expect(await post('Enter')).toBe(303);
    await page.waitForURL(/\?flash=submitted$/);

    // The receipt: read-only, with the time it was received and the file.
    await expect(page.locator('.notice.success').first().innerText()).resolves.toBe('Đã gửi báo cáo. Cảm ơn đơn vị.');
    await expect(page.locator('main').innerText()).resolves.toContain('Thường trực Ban Chỉ đạo đã nhận báo cáo lúc');
    await expect(page.locator('.files .file-name').allInnerTexts()).resolves.toEqual(['Báo cáo quý II - Đăk Tờ Re.pdf']);
    expect(await page.locator('form').count()).toBe(0);
    await step('Đã gửi báo cáo');

    // The admin API has what was typed, the tasks' progress and the file; the unit has its receipt.
    const list = await t.request('GET', `/api/v1/periods/${periodId}/submissions`);
    const report = list.body.items.find((item: { unitId: string }) => item.unitId === unitId);
    expect(report).toMatchObject({
      status: 'submitted',
      late: false,
      values: { [indicators.buoi.code]: 8145, [indicators.luot.code]: 1250 },
      sections: {
        results: 'Tổ chức tuyên truyền ở 6/6 thôn; 1.250 lượt người tham dự.',
        difficulties: 'Một số thôn xa, đường đi lại khó khăn trong mùa mưa.',
        proposals: 'Đề nghị hỗ trợ kinh phí in tài liệu tuyên truyền.',
      },
    });
    const files = await t.request('GET', `/api/v1/periods/${periodId}/units/${unitId}/attachments`);
    expect(files.body).toEqual([expect.objectContaining({ filename: 'Báo cáo quý II - Đăk Tờ Re.pdf', mimeType: 'application/pdf', size: 200_000, uploadedBy: 'portal' })]);
    const assignments = await t.request('GET', `/api/v1/assignments?periodId=${periodId}&unitId=${unitId}`);
    const progress = Object.fromEntries(assignments.body.items.map((item: { id: string; status: string; note: string | null }) => [item.id, [item.status, item.note]]));
    expect(progress).toEqual({
      [tasks.hoiNghi]: ['done', 'Đã tổ chức 3 hội nghị tại thôn Kon Skôi, Đăk Pơ Kơ, Kon Keng.'],
      [tasks.khaoSat]: ['in_progress', 'Đang rà soát 2/5 thôn.'],
    });
    const [receipt] = await waitFor(
      () => mailsTo(smtp, UNIT_EMAIL, '[Giao ban] Đã nhận báo cáo'),
      (mails) => mails.length > 0,
      'the receipt e-mail',
    );
    expect(receipt.parsed.subject).toBe('[Giao ban] Đã nhận báo cáo quý II/2024 của Xã Đăk Tờ Re');

    // Returned with a comment: the same link opens the form again, with the comment on top.
    const comment = 'Đề nghị bổ sung số liệu lượt người tham dự theo từng thôn.';
    expect((await t.request('POST', `/api/v1/submissions/${report.id}/return`, { body: { comment } })).status).toBe(200);
    await page.goto(portalUrl);
    await expect(page.locator('.notice.warning .comment').innerText()).resolves.toBe(comment);
    await expect(page.locator(buoi).inputValue()).resolves.toBe('8.145');
    await expect(page.locator('.files .file-name').allInnerTexts()).resolves.toEqual(['Báo cáo quý II - Đăk Tờ Re.pdf']);
    expect(await page.locator('form button.primary').isEnabled()).toBe(true);
    await step('Báo cáo được trả lại');

    // Enter in a number field saves a draft; it never presses the file's "Xóa" button.
    await tabToVisibly(luot);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1.300');
    expect(await post('Enter')).toBe(303);
    await page.waitForURL(/\?flash=draft$/);
    await expect(page.locator('.notice.success').first().innerText()).resolves.toContain('Đã lưu nháp.');
    await expect(page.locator('.files .file-name').allInnerTexts()).resolves.toEqual(['Báo cáo quý II - Đăk Tờ Re.pdf']);
    await expect(page.locator(luot).inputValue()).resolves.toBe('1.300');

    // The file's "Xóa" button works from the keyboard too, without a script; the typed text stays.
    await tabToVisibly('#section-results');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Đang bổ sung.');
    await tabToVisibly('.files button');
    await expect(page.locator('.files button').getAttribute('aria-label')).resolves.toBe('Xóa tệp Báo cáo quý II - Đăk Tờ Re.pdf');
    expect(await post('Space')).toBe(200);
    await expect(page.locator('.notice.success').first().innerText()).resolves.toContain('Đã xóa tệp “Báo cáo quý II - Đăk Tờ Re.pdf”.');
    await expect(page.locator('#section-results').inputValue()).resolves.toBe('Tổ chức tuyên truyền ở 6/6 thôn; 1.250 lượt người tham dự. Đang bổ sung.');
    expect(await page.locator('.files').count()).toBe(0);
    await step('Đã xóa tệp');
    expect((await t.request('GET', `/api/v1/periods/${periodId}/units/${unitId}/attachments`)).body).toEqual([]);
  });
});
