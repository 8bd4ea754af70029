/**
 * The harness itself: Debian's Chromium at phone size against the listening API over the
 * time-skipping server, following a button from an e-mail the service actually sent.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  expectNoSideScroll,
  launchBrowser,
  openContext,
  PHONE,
  screenshot,
} from '../support/browser.ts';
import { type Fixtures, fixtures } from '../support/browser-fixtures.ts';
import { type BrowserStack, buttonLink, sentTo, startBrowserStack } from '../support/browser-stack.ts';

const DAY = 24 * 3600_000;

describe('browser harness', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let phone: BrowserContext;
  let given: Fixtures;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    phone = await openContext(browser, PHONE);
    given = await fixtures(stack);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('reports an image without text and a page without a language as accessibility violations', async () => {
    const page = await phone.newPage();
    await page.setContent('<!doctype html><title>Essai</title><main><img src="data:,"></main>');
    const failure = await expectAccessible(page, 'a broken page').catch((error: Error) => error.message);
    expect(failure).toContain('critical image-alt');
    expect(failure).toContain('serious html-has-lang');

    await page.setContent(
      '<!doctype html><html lang="fr"><title>Essai</title><main><h1>Bonjour</h1><img src="data:," alt="Logo"></main></html>',
    );
    await expectAccessible(page, 'a sound page');
  });

  it('reports a page wider than the phone it is read on', async () => {
    const page = await phone.newPage();
    await page.setContent(
      '<!doctype html><html lang="fr"><meta name="viewport" content="width=device-width"><div style="width:500px">Large</div></html>',
    );
    await expect(expectNoSideScroll(page, 'a wide page')).rejects.toThrow(
      /is 5\d\d px wide on a 360 px screen/,
    );
    await page.setContent(
      '<!doctype html><html lang="fr"><meta name="viewport" content="width=device-width"><p>Étroit</p></html>',
    );
    await expectNoSideScroll(page, 'a narrow page');
  });

  it("keeps the API's clock on the test server's skipped time", async () => {
    const before = stack.now().getTime();
    await stack.sleep(10 * DAY);
    expect(stack.now().getTime() - before).toBeGreaterThanOrEqual(10 * DAY);
    expect(Math.abs(stack.now().getTime() - (await stack.env.currentTimeMs()))).toBeLessThan(1000);
  });

  it("follows the invitation e-mail's button to the session it is about, on a phone", async () => {
    const missionId = await given.mission();
    const session = await given.session(missionId);
    const anna = await given.facilitator('Anna');
    await given.invite(session, anna.id);
    const email = await stack.waitForEmail(sentTo(anna.email));
    const page = await phone.newPage();
    const response = await page.goto(buttonLink(email, stack.baseUrl));
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.textContent('body')).toContain(session.title);
    await screenshot(page, 'harness-invitation-phone');
  });
});
