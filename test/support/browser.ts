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
  type Page,
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

export function openContext(browser: Browser, ...options: BrowserContextOptions[]): Promise<BrowserContext> {
  return browser.newContext(Object.assign({}, ...options));
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
