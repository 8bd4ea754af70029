/**
 * A real Chromium for the link pages: Debian's package (installed by scripts/lib/common.sh's
 * ensure_chromium), driven through playwright-core, with the two screens people use and an
 * accessibility check by axe-core.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
  type Response,
} from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOTS_DIR = path.join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** WCAG 2.1 A and AA: what French public-sector accessibility (RGAA) builds on. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // The machine is closed to the internet: Chromium's own background connections (updates,
    // sync, field trials, QUIC probes) would be refused and slow every page down.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const FRENCH_PEOPLE = { locale: 'fr-FR', timezoneId: 'Europe/Paris' } as const;

/** A 360 px phone, held by a French participant: where most links are opened. */
export const PHONE: BrowserContextOptions = {
  ...FRENCH_PEOPLE,
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export const DESKTOP: BrowserContextOptions = {
  ...FRENCH_PEOPLE,
  viewport: { width: 1280, height: 800 },
};

/** Core actions must work with plain HTML forms: add this to a context's options to prove it. */
export const WITHOUT_JAVASCRIPT: BrowserContextOptions = { javaScriptEnabled: false };

export async function openContext(
  browser: Browser,
  ...options: BrowserContextOptions[]
): Promise<BrowserContext> {
  const context = await browser.newContext(Object.assign({}, ...options));
  // Pages answer in milliseconds here: a locator still missing after 10 s is a failure to report.
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * Clicks (a submit button, a link) and answers the page the browser lands on, after any
 * redirect: its status is what the person's browser got.
 */
export async function clickAndLoad(
  page: Page,
  target: Locator,
  options: { timeout?: number } = {},
): Promise<Response> {
  const landed = page.waitForResponse(
    (response) =>
      response.request().isNavigationRequest() &&
      response.request().frame() === page.mainFrame() &&
      (response.status() < 300 || response.status() >= 400),
    options,
  );
  await target.click();
  const response = await landed;
  await page.waitForLoadState();
  return response;
}

/** Nothing wider than the screen: a 360 px phone never scrolls sideways to read a page. */
export async function expectNoSideScroll(page: Page, label: string): Promise<void> {
  // A string, evaluated in the page: the project's TypeScript has no DOM types.
  const [scrollWidth, clientWidth] = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  if (scrollWidth > clientWidth)
    throw new Error(`${label} (${page.url()}) is ${scrollWidth} px wide on a ${clientWidth} px screen`);
}

/** The page's main heading, as a screen reader announces it. */
export async function mainHeading(page: Page): Promise<string> {
  return ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
}

/** Fails listing every serious or critical WCAG 2.1 AA violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const blocking = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.helpUrl})\n` +
        violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary}`).join('\n'),
    );
  if (blocking.length > 0) {
    throw new Error(
      `${blocking.length} serious or critical accessibility violations on ${label} (${page.url()}):\n${blocking.join('\n')}`,
    );
  }
}

/** A full-page PNG under test-results/screenshots/, for people to look at, not compared. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
