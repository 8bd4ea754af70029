/**
 * The client's contact passes on the funder's decision from the proposal e-mail's button on a
 * phone; the session's funding read through the API then bills what the page said.
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
import { type Fixtures, fixtures, type PlannedSession } from '../support/browser-fixtures.ts';
import {
  type BrowserStack,
  buttonLink,
  eventually,
  sentTo,
  startBrowserStack,
} from '../support/browser-stack.ts';

interface Funding {
  status: string | null;
  billing: { totalCents: number; fundedCents: number; clientCents: number } | null;
}

describe('funding decision page', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let phone: BrowserContext;
  let given: Fixtures;
  let missionId = '';
  let contacts = 0;

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

  /** A training (2 500,00 € in the order) whose proposal went to the client's contact: the link in it. */
  async function proposalSent(language?: 'en'): Promise<{ session: PlannedSession; link: string }> {
    contacts += 1;
    const contactEmail = `contact-${contacts}-${given.run}@example.org`;
    const session = await given.session(missionId, { inDays: 40, ...(language ? { language } : {}) });
    await given.expectCall(given.coordinator, 'PUT', `${session.base}/funding`, 200, {
      kind: 'opco',
      client: {
        type: 'company',
        companyName: 'Boulangeries Dupont SAS',
        siret: '12345678901234',
        managerName: 'Marie Dupont',
        trainingContactName: 'Paul Martin',
        phone: '04 72 00 00 00',
        address: { street: '3 place du Marché', postalCode: '69001', city: 'Lyon' },
        trainingPlace: 'Lyon',
        contactEmail,
      },
      expenses: [],
    });
    await given.expectCall(given.coordinator, 'POST', `${session.base}/funding/proposal`, 200);
    const proposal = await stack.waitForEmail(sentTo(contactEmail));
    return { session, link: buttonLink(proposal, stack.baseUrl) };
  }

  const fundingOf = (session: PlannedSession) =>
    given.expectCall<Funding>(given.coordinator, 'GET', `${session.base}/funding`, 200);

  async function decide(page: Page, outcome: string, amount?: string) {
    await page.getByRole('radio', { name: outcome }).check();
    if (amount !== undefined) await page.getByLabel('Montant pris en charge, en euros').fill(amount);
    return clickAndLoad(page, page.getByRole('button', { name: 'Transmettre la décision' }));
  }

  it('passes on a partial funding with its amount, and the client is billed the rest', async () => {
    const { session, link } = await proposalSent();
    const page = await phone.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('Décision de financement');
    await page.getByText('2 500,00 €').first().waitFor();
    await expectAccessible(page, 'funding decision');
    await screenshot(page, 'funding-decision-phone');

    const landed = await decide(page, 'Prise en charge partielle', '1 200,50');
    expect(landed.status()).toBe(200);
    await page.getByRole('heading', { name: 'La décision du financeur est enregistrée' }).waitFor();
    await expectAccessible(page, 'funding decision recorded');
    await screenshot(page, 'funding-decision-recorded-phone');

    const funding = await eventually('the decision on the session', async () => {
      const found = await fundingOf(session);
      return found.status === 'awaiting_decision' ? undefined : found;
    });
    expect(funding).toMatchObject({
      status: 'partially_funded',
      billing: { totalCents: 250_000, fundedCents: 120_050, clientCents: 129_950 },
    });
  });

  it('refuses a partial amount above the proposal’s total, with the message beside the field', async () => {
    const { session, link } = await proposalSent();
    const page = await phone.newPage();
    await page.goto(link);
    const landed = await decide(page, 'Prise en charge partielle', '3 000');
    expect(landed.status()).toBe(422);
    const summary = page.getByRole('alert');
    await summary
      .getByRole('link', { name: /Le montant d’une prise en charge partielle est inférieur/ })
      .waitFor();
    const amount = page.getByLabel('Montant pris en charge, en euros');
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect(await amount.inputValue()).toBe('3 000');
    await expectAccessible(page, 'funding decision with an error');
    await screenshot(page, 'funding-decision-error-phone');
    expect((await fundingOf(session)).status).toBe('awaiting_decision');
  });

  it('shows the funding decision of a training in English in English', async () => {
    const { link } = await proposalSent('en');
    const page = await phone.newPage();
    await page.goto(link);
    expect(await mainHeading(page)).toBe('Funding decision');
    await page.getByRole('radio', { name: 'Partial funding' }).waitFor();
    await expectAccessible(page, 'funding decision in English');
  });
});
