import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Locator, Page } from 'playwright-core';

// Browser tests drive Debian's chromium (installed by .ci/run) with playwright-core, which never
// downloads a browser of its own. A missing chromium fails the test: it is never skipped.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Long enough for a cold chromium start and a few page loads on a 2-core machine; a test file
// that imports this one gets it for its tests and hooks.
export const BROWSER_TEST_TIMEOUT_MS = 120_000;
jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

export const SCREENSHOT_ROOT = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not installed at ${executablePath}: browser tests need Debian's chromium (\`apt-get install -y chromium\`, as .ci/run does), or CHROMIUM_PATH set to a Chromium binary.`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

// A commune clerk's phone: 360×740 CSS pixels at 2×, touch, Vietnamese locale and time zone.
export function phoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...options,
  });
}

const screenshotCounts = new Map<string, number>();

// "Gửi báo cáo" → "gui-bao-cao".
export function slug(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  return (
    plain
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'step'
  );
}

/**
 * Keeps a screenshot of a step (the whole page, or only the screen with `fullPage: false`) as a
 * test artifact, at test-artifacts/screenshots/<spec>/<nn>-<step>.png, numbered in the order taken
 * in this test file; the spec's folder is emptied at its first screenshot of the run. Answers the
 * file's path.
 */
export async function screenshot(page: Page, spec: string, step: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const dir = join(SCREENSHOT_ROOT, slug(spec));
  const count = (screenshotCounts.get(dir) ?? 0) + 1;
  if (count === 1) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  screenshotCounts.set(dir, count);
  const path = join(dir, `${String(count).padStart(2, '0')}-${slug(step)}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

// The parts of an element read in the page; the project's TypeScript has no DOM library. The
// functions given to evaluate() run in the page, so each describes elements with its own code.
interface InPageElement {
  tagName: string;
  id: string;
  type?: string;
  getAttribute(name: string): string | null;
  labels?: ArrayLike<{ textContent: string | null }> | null;
  ownerDocument: { activeElement: InPageElement | null; getElementById(id: string): { textContent: string | null } | null };
}

// What has the keyboard focus, as "input#ten[name="ten"]", or "body" when nothing does.
export function focusedElement(page: Page): Promise<string> {
  return page.locator(':root').evaluate((root: InPageElement) => {
    const element = root.ownerDocument.activeElement;
    if (!element) return 'nothing';
    const name = element.getAttribute('name');
    return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${name ? `[name="${name}"]` : ''}`;
  });
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until the locator's element has the focus, as a
 * keyboard-only user would, and answers the number of presses; fails after `maxPresses`.
 */
export async function tabTo(page: Page, target: Locator, options: { maxPresses?: number; backwards?: boolean } = {}): Promise<number> {
  const maxPresses = options.maxPresses ?? 40;
  for (let presses = 0; ; presses++) {
    if (await target.evaluate((element: InPageElement) => element.ownerDocument.activeElement === element)) return presses;
    if (presses === maxPresses) break;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(
    `${String(target)} did not get the keyboard focus after ${maxPresses} presses of ${options.backwards ? 'Shift+Tab' : 'Tab'}; the focus is on ${await focusedElement(page)}`,
  );
}

/**
 * The inputs, selects and textareas a screen reader would announce without a name: no label
 * with text (label[for] or a wrapping label), no aria-label and no aria-labelledby naming an
 * element with text. Hidden inputs and buttons (type submit, button, reset, image) are left out.
 * Each is described as "input#id[name="name"]".
 */
export function unlabelledInputs(page: Page): Promise<string[]> {
  return page.locator('input, select, textarea').evaluateAll((elements: InPageElement[]) => {
    const hasText = (node: { textContent: string | null } | null | undefined) => Boolean(node?.textContent?.trim());
    const describe = (element: InPageElement) => {
      const name = element.getAttribute('name');
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${name ? `[name="${name}"]` : ''}`;
    };
    const skipped = ['hidden', 'submit', 'button', 'reset', 'image'];
    return elements
      .filter((element) => !(element.tagName === 'INPUT' && skipped.includes((element.getAttribute('type') ?? 'text').toLowerCase())))
      .filter((element) => {
        if (element.getAttribute('aria-label')?.trim()) return false;
        const labelledBy = (element.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
        if (labelledBy.some((id) => hasText(element.ownerDocument.getElementById(id)))) return false;
        return !Array.from(element.labels ?? []).some(hasText);
      })
      .map(describe);
  });
}

interface InPageBox {
  getBoundingClientRect(): { width: number; height: number };
  textContent: string | null;
}

interface InPageWindow {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number }; activeElement: unknown };
  getComputedStyle(element: unknown): { outlineStyle: string; outlineWidth: string };
}

// How wide the page is laid out against the screen: more than the viewport means sideways scrolling.
export function pageWidths(page: Page): Promise<{ document: number; viewport: number }> {
  return page.evaluate(() => {
    const window = globalThis as unknown as InPageWindow;
    return { document: window.document.documentElement.scrollWidth, viewport: window.innerWidth };
  });
}

/**
 * The visible elements matching `selector` smaller than `minimum` CSS pixels (44, WCAG's target
 * size) in height, each as "<text or tag>: <width>×<height>".
 */
export function smallTapTargets(page: Page, selector: string, minimum = 44): Promise<string[]> {
  return page.locator(selector).evaluateAll(
    (elements: Array<InPageBox & InPageElement>, min: number) =>
      elements
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 1 && box.height > 1 && box.height < min)
        .map(({ element, box }) => `${(element.textContent ?? '').trim() || element.tagName.toLowerCase()}: ${Math.round(box.width)}×${Math.round(box.height)}`),
    minimum,
  );
}

// The outline of the element that has the keyboard focus, as the page draws it.
export function focusOutline(page: Page): Promise<{ style: string; width: number }> {
  return page.evaluate(() => {
    const window = globalThis as unknown as InPageWindow;
    const style = window.getComputedStyle(window.document.activeElement);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
}
