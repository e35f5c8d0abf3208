/**
 * Headless Chromium for page tests, through playwright-core and the
 * system's Chromium. Each opened page records what went wrong in it
 * (script errors, console errors such as CSP violations, failed or
 * refused requests), so a test can assert that nothing did.
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

const executablePath = '/usr/bin/chromium';

/**
 * Whether the system's Chromium is there. The README's test command must
 * work with only Node.js and npm, so without it the page suites are skipped
 * (saying so); under CI a missing browser fails the run instead.
 */
export const browserAvailable: boolean = (() => {
  if (fs.existsSync(executablePath)) return true;
  if (process.env.CI) throw new Error(`CI needs Chromium at ${executablePath} (apt-get install -y chromium)`);
  console.warn(`No Chromium at ${executablePath}: the seat-map page suite is skipped (apt-get install -y chromium)`);
  return false;
})();

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedPage {
  readonly page: Page;
  /** Everything that went wrong in the page so far, one line each. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** The screens a page can be opened on: a desktop window, or a phone with touch. */
const devices = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;

export type Device = keyof typeof devices;

/**
 * Opens `url` in a fresh context (its own storage, as another visitor
 * would have) on `device`; `prepare` runs before the page loads, e.g. to
 * route its WebSocket or watch its requests.
 */
export async function openPage(
  browser: Browser,
  url: string,
  prepare?: (page: Page) => Promise<void>,
  device: Device = 'desktop',
): Promise<WatchedPage> {
  const context = await browser.newContext(devices[device]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text().slice(0, 300)}`);
  });
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await prepare?.(page);
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}
