/**
 * Links that can no longer do what they were sent for: each opens a page that says what happened
 * and what to do, with the HTTP status that says the same to machines.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickAndLoad,
  expectAccessible,
  launchBrowser,
  mainHeading,
  openContext,
  PHONE,
  screenshot,
} from '../support/browser.ts';
import { type Fixtures, fixtures } from '../support/browser-fixtures.ts';
import { type BrowserStack, buttonLink, sentTo, startBrowserStack } from '../support/browser-stack.ts';

const DAY = 24 * 3600_000;

describe('link state pages', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let phone: BrowserContext;
  let given: Fixtures;
  let missionId = '';

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    phone = await openContext(browser, PHONE);
    given = await fixtures(stack);
    missionId = await given.mission();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function invitationLink(name: string, language?: 'en') {
    const session = await given.session(missionId, language ? { language } : {});
    const facilitator = await given.facilitator(name);
    await given.invite(session, facilitator.id);
    const email = await stack.waitForEmail(sentTo(facilitator.email));
    return { session, facilitator, link: buttonLink(email, stack.baseUrl) };
  }

  async function open(link: string): Promise<{ page: Page; status: number | undefined }> {
    const page = await phone.newPage();
    const response = await page.goto(link);
    return { page, status: response?.status() };
  }

  it('shows a used invitation link with the answer already given, and a second submit lands on it', async () => {
    const { link } = await invitationLink('Anna');
    const first = await open(link);
    const second = await open(link);
    await clickAndLoad(first.page, first.page.getByRole('button', { name: 'Accepter l’invitation' }));
    // The second tab still shows the form: its submit finds the link used and shows the answer.
    const again = await clickAndLoad(
      second.page,
      second.page.getByRole('button', { name: 'Refuser l’invitation' }),
    );
    expect(again.status()).toBe(200);
    await second.page.getByRole('heading', { name: 'Vous avez accepté l’invitation' }).waitFor();

    const reopened = await open(link);
    expect(reopened.status).toBe(200);
    await reopened.page.getByRole('heading', { name: 'Vous avez accepté l’invitation' }).waitFor();
    expect(await reopened.page.getByRole('button', { name: 'Refuser l’invitation' }).count()).toBe(0);
    await expectAccessible(reopened.page, 'used invitation');
    await screenshot(reopened.page, 'state-used-phone');
  });

  it('answers a tampered link with a page that gives no detail, and 404', async () => {
    const { link } = await invitationLink('Bruno');
    const tampered = `${link.slice(0, -6)}AAAAAA`;
    const { page, status } = await open(tampered);
    expect(status).toBe(404);
    expect(await mainHeading(page)).toBe('Ce lien ne fonctionne pas');
    const text = await page.textContent('main');
    expect(text).not.toContain('Bruno');
    expect(text).not.toContain('Premiers secours');
    await expectAccessible(page, 'tampered link');
    await screenshot(page, 'state-tampered-phone');
  });

  it("answers a cancelled session's invitation link with a page saying so, and 410", async () => {
    const { session, link } = await invitationLink('Chloé');
    await given.expectCall(given.coordinator, 'POST', `${session.base}/cancel`, 200, {
      reason: 'Salle indisponible',
    });
    const { page, status } = await open(link);
    expect(status).toBe(410);
    expect(await mainHeading(page)).toBe('Cette session a été annulée');
    await expectAccessible(page, 'cancelled session');
    await screenshot(page, 'state-cancelled-phone');
  });

  it('says in English, when asked, that a tampered link does not work', async () => {
    const { link } = await invitationLink('Driss', 'en');
    const { page, status } = await open(`${link.slice(0, -6)}AAAAAA?lang=en`);
    expect(status).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await mainHeading(page)).toBe('This link does not work');
    await expectAccessible(page, 'tampered link in English');
  });

  it('says in English that the session of an English invitation was cancelled, and that a used link was answered', async () => {
    const { session, link } = await invitationLink('Farid', 'en');
    const answered = await open(link);
    await clickAndLoad(answered.page, answered.page.getByRole('button', { name: 'Accept the invitation' }));
    const used = await open(link);
    expect(used.status).toBe(200);
    await used.page.getByRole('heading', { name: 'You have accepted the invitation' }).waitFor();
    await expectAccessible(used.page, 'used invitation in English');

    await given.expectCall(given.coordinator, 'POST', `${session.base}/cancel`, 200, {
      reason: 'Room unavailable',
    });
    const { page, status } = await open(link);
    expect(status).toBe(410);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await mainHeading(page)).toBe('This session was cancelled');
    await expectAccessible(page, 'cancelled session in English');
  });

  // Skips eight days: last in this file, so the other links are opened before they expire.
  it('answers an invitation link past its expiry with a page saying so, and 410', async () => {
    const { link } = await invitationLink('Emma');
    await stack.sleep(8 * DAY);
    const { page, status } = await open(link);
    expect(status).toBe(410);
    await page
      .getByRole('heading', { name: /a expiré/ })
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: 'Accepter l’invitation' }).count()).toBe(0);
    await expectAccessible(page, 'expired invitation');
    await screenshot(page, 'state-expired-phone');
  });
});

describe('too many attempts page', () => {
  let stack: BrowserStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack({ linkRateLimitPerMinute: 3 }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('tells someone guessing links to wait, with 429, once the budget of link requests is spent', async () => {
    const phone = await openContext(browser, PHONE);
    const page = await phone.newPage();
    const guess = (attempt: number) => `${stack.baseUrl}/links/invitations/${'A'.repeat(40)}${attempt}`;
    const statuses: (number | undefined)[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1)
      statuses.push((await page.goto(guess(attempt)))?.status());
    expect(statuses).toEqual([404, 404, 404, 429]);
    expect(await mainHeading(page)).toBe('Trop de tentatives');
    await expectAccessible(page, 'too many attempts');
    await screenshot(page, 'state-too-many-attempts-phone');
  });
});
