import { existsSync, readFileSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, phoneContext, screenshot, slug, tabTo, unlabelledInputs } from './support/browser';
import { startTestApp, TestApp } from './support/test-app';

const SPEC = 'browser-smoke';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// The image's size in pixels, from the PNG header (IHDR).
function pngSize(file: Buffer): { width: number; height: number } {
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20) };
}

describe('Browser test infrastructure', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp({ env: { ROLE: 'api' } });
    browser = await launchBrowser();
    context = await phoneContext(browser);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    page = await context.newPage();
  });

  afterEach(async () => {
    await page.close();
  });

  describe('launchBrowser', () => {
    it('should fail naming the path and how to install chromium when the binary is missing', async () => {
      await expect(launchBrowser('/nonexistent/chromium')).rejects.toThrow(
        "Chromium is not installed at /nonexistent/chromium: browser tests need Debian's chromium (`apt-get install -y chromium`, as .ci/run does)",
      );
    });
  });

  describe('the phone context', () => {
    it('should show the OpenAPI documentation of the running app on a phone in Vietnamese time and keep a PNG screenshot of the screen', async () => {
      const response = await page.goto(`${t.baseUrl}/docs`);
      expect(response?.status()).toBe(200);
      await page.getByRole('heading', { name: /Giao ban — admin API/ }).waitFor();
      await page.getByText('/api/v1/units', { exact: true }).first().waitFor();
      // The documentation has no viewport meta tag, so its layout is wider than the screen, as on a real phone.
      const phone = await page.evaluate(() => {
        const window = globalThis as unknown as { screen: { width: number; height: number }; devicePixelRatio: number };
        return {
          screen: [window.screen.width, window.screen.height],
          pixelRatio: window.devicePixelRatio,
          locale: Intl.DateTimeFormat().resolvedOptions().locale,
          hour: new Date(Date.UTC(2024, 5, 24, 9, 20)).getHours(),
        };
      });
      expect(phone).toEqual({ screen: [360, 740], pixelRatio: 2, locale: 'vi-VN', hour: 16 });
      const path = await screenshot(page, SPEC, 'Tài liệu API', { fullPage: false });
      expect(path).toMatch(/test-artifacts\/screenshots\/browser-smoke\/\d{2}-tai-lieu-api\.png$/);
      expect(existsSync(path)).toBe(true);
      const file = readFileSync(path);
      expect(file.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(pngSize(file)).toEqual({ width: 720, height: 1480 });
    });

    it('should lay a page made for phones out 360 px wide at twice the pixels when it has a viewport meta tag', async () => {
      await page.setContent(
        '<!doctype html><html lang="vi"><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><h1>Báo cáo quý II/2024</h1></body></html>',
      );
      expect(await page.evaluate(() => (globalThis as unknown as { innerWidth: number }).innerWidth)).toBe(360);
      const file = readFileSync(await screenshot(page, SPEC, 'Trang cho điện thoại'));
      expect(file.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(pngSize(file)).toEqual({ width: 720, height: 1480 });
    });

    it('should show the health check as JSON and number each screenshot after the previous one', async () => {
      await page.goto(`${t.baseUrl}/health`);
      expect(JSON.parse(await page.locator('body').innerText())).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
      const first = await screenshot(page, SPEC, 'health');
      await page.reload();
      const second = await screenshot(page, SPEC, 'health reloaded');
      const number = Number(/(\d{2})-health\.png$/.exec(first)?.[1]);
      expect(second).toMatch(new RegExp(`/browser-smoke/${String(number + 1).padStart(2, '0')}-health-reloaded\\.png$`));
      expect(readFileSync(second).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    });
  });

  describe('slug', () => {
    it('should write Vietnamese step names without diacritics in lower case with dashes', () => {
      expect(slug('Gửi báo cáo — Đăk Ruồng!')).toBe('gui-bao-cao-dak-ruong');
      expect(slug('   ')).toBe('step');
    });
  });

  describe('unlabelledInputs', () => {
    it('should list only the controls without a label, aria-label or aria-labelledby naming text', async () => {
      await page.setContent(`
        <form>
          <label for="ten">Tên đơn vị</label><input id="ten" name="ten">
          <label>Số buổi <input name="buoi" type="number"></label>
          <input name="luot" aria-label="Lượt người">
          <span id="ghi-chu-nhan">Ghi chú</span><textarea name="ghi_chu" aria-labelledby="ghi-chu-nhan"></textarea>
          <input type="hidden" name="csrf" value="x">
          <input type="submit" value="Gửi">
          <input id="khong-nhan" name="thieu" placeholder="Chỉ có placeholder">
          <select name="trang_thai"><option>Đang thực hiện</option></select>
          <label for="rong"> </label><input id="rong" name="rong">
          <input name="sai_id" aria-labelledby="khong-co">
          <input name="aria_rong" aria-label="  ">
        </form>`);
      expect(await unlabelledInputs(page)).toEqual([
        'input#khong-nhan[name="thieu"]',
        'select[name="trang_thai"]',
        'input#rong[name="rong"]',
        'input[name="sai_id"]',
        'input[name="aria_rong"]',
      ]);
    });

    it('should list nothing when every control is labelled', async () => {
      await page.setContent('<label for="a">A</label><input id="a"><label>B <select><option>1</option></select></label>');
      expect(await unlabelledInputs(page)).toEqual([]);
    });
  });

  describe('tabTo', () => {
    const form = `
      <a href="#top">Bỏ qua</a>
      <label for="ten">Tên</label><input id="ten">
      <button type="button" disabled>Tắt</button>
      <label for="buoi">Buổi</label><input id="buoi">
      <button id="gui" type="button">Gửi báo cáo</button>
      <div id="khung">Không nhận focus</div>`;

    it('should press Tab until the element has the focus and answer the number of presses', async () => {
      await page.setContent(form);
      expect(await tabTo(page, page.locator('#buoi'))).toBe(3);
      expect(await tabTo(page, page.locator('#gui'))).toBe(1);
      expect(await tabTo(page, page.locator('#gui'))).toBe(0);
      expect(await tabTo(page, page.locator('#buoi'), { backwards: true })).toBe(1);
      await page.keyboard.type('12');
      expect(await page.locator('#buoi').inputValue()).toBe('12');
    });

    it('should fail naming the element that has the focus when the target never gets it', async () => {
      await page.setContent(form);
      await expect(tabTo(page, page.locator('#khung'), { maxPresses: 3 })).rejects.toThrow(/did not get the keyboard focus after 3 presses of Tab; the focus is on input#buoi/);
    });
  });
});
