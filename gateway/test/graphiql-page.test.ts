/**
 * GraphiQL as a browser gets it: its Content-Security-Policy allows what the
 * page loads (its CSS embeds its fonts as data: URIs) and nothing more, and
 * in headless Chromium the page renders with no CSP violation or failed request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser, openPage } from '../../stack/test/support/browser.js';
import { startLoneGateway, type LoneGateway } from './support/lone-gateway.js';

/** A CSP header as directive name → its sources. */
function directives(header: string): Record<string, string[]> {
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('GraphiQL in a browser', () => {
  let g: LoneGateway;

  beforeAll(async () => {
    g = await startLoneGateway();
  });
  afterAll(() => g?.dispose());

  it('allows its data: fonts, and no other font source', async () => {
    const response = await fetch(`${g.url}/graphiql`);
    const csp = directives(response.headers.get('content-security-policy') ?? '');
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['font-src']).toEqual(['data:']);
    expect(csp['script-src']).toBeUndefined();
  });

  describe.skipIf(!browserAvailable)('in headless Chromium', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(() => browser?.close());

    it('renders with its fonts and no CSP violation, failed request or script error', async () => {
      const watched = await openPage(browser, `${g.url}/graphiql`, async (page) => {
        await page.addInitScript(() => {
          const seen: string[] = [];
          (window as unknown as { cspViolations: string[] }).cspViolations = seen;
          document.addEventListener('securitypolicyviolation', (e) =>
            seen.push(`${e.effectiveDirective} ${e.blockedURI.slice(0, 40)}`),
          );
        });
      });
      try {
        const { page } = watched;
        await page.waitForSelector('.graphiql-container .graphiql-editor', { timeout: 20_000 });
        // Fonts load when text first uses them; wait until the browser has them all.
        const fonts = await page.evaluate(async () => {
          await document.fonts.ready;
          return [...document.fonts].map((font) => `${font.family} ${font.status}`);
        });
        const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
        expect(violations).toEqual([]);
        expect(watched.problems).toEqual([]);
        expect(fonts.some((font) => font.endsWith(' loaded'))).toBe(true);
      } finally {
        await watched.close();
      }
    });
  });
});
