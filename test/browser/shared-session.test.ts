/**
 * The link a coordinator shares with facilitators: entering one's e-mail on a phone asks for a
 * personal invitation, and an address the directory does not know gets the very same answer.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickAndLoad,
  expectAccessible,
  expectNoSideScroll,
  launchBrowser,
  mainHeading,
  openContext,
  PHONE,
  screenshot,
} from '../support/browser.ts';
import { type Fixtures, fixtures, type PlannedSession } from '../support/browser-fixtures.ts';
import { type BrowserStack, eventually, sentTo, startBrowserStack } from '../support/browser-stack.ts';

interface Staffing {
  invitations: { facilitator: { id: string }; status: string }[];
}

describe('shared session page', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let phone: BrowserContext;
  let given: Fixtures;
  let session: PlannedSession;
  let link = '';

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    phone = await openContext(browser, PHONE);
    given = await fixtures(stack);
    session = await given.session(await given.mission(), { otherFacilitators: 2 });
    link = await given.forwardLink(session, 'share-links');
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function askWith(email: string): Promise<{ page: Page; status: number }> {
    const page = await phone.newPage();
    await page.goto(link);
    await page.getByLabel('Votre adresse e-mail').fill(email);
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Recevoir une invitation' }));
    return { page, status: landed.status() };
  }

  it('sends a personal invitation to a facilitator of the directory who enters their e-mail', async () => {
    const lina = await given.facilitator('Lina');
    const page = await phone.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('Animer cette session');
    // The link is meant to be passed around: the page must not call it personal.
    expect(await page.getByText('Ce lien vous est personnel').count()).toBe(0);
    await expectAccessible(page, 'shared session');
    await expectNoSideScroll(page, 'shared session');
    await screenshot(page, 'shared-session-phone');

    const asked = await askWith(lina.email.toUpperCase());
    expect(asked.status).toBe(200);
    await asked.page.getByRole('heading', { name: 'Demande reçue' }).waitFor();
    await expectAccessible(asked.page, 'shared session request received');
    await screenshot(asked.page, 'shared-session-sent-phone');
    const invitation = await stack.waitForEmail(sentTo(lina.email));
    expect(invitation.subject).toContain(session.title);
    await eventually('the invitation in the staffing', async () => {
      const staffing = await given.expectCall<Staffing>(
        given.coordinator,
        'GET',
        `${session.base}/staffing`,
        200,
      );
      return staffing.invitations.find((candidate) => candidate.facilitator.id === lina.id);
    });
  });

  it('answers an address the directory does not know exactly as it answers a known one', async () => {
    const known = await given.facilitator('Marc');
    const stranger = `stranger-${given.run}@example.org`;
    const forKnown = await askWith(known.email);
    const forStranger = await askWith(stranger);
    expect(forStranger.status).toBe(forKnown.status);
    expect(await forStranger.page.textContent('main')).toBe(await forKnown.page.textContent('main'));
    await stack.waitForEmail(sentTo(known.email));
    expect(stack.emails(sentTo(stranger))).toEqual([]);
  });

  it('says beside the field that an address is not valid', async () => {
    const { page, status } = await askWith('pas-une-adresse');
    expect(status).toBe(422);
    const message = 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr';
    await page.getByRole('alert').getByRole('link', { name: message }).waitFor();
    expect(await page.getByLabel('Votre adresse e-mail').getAttribute('aria-describedby')).toContain(
      'email-error',
    );
    await expectAccessible(page, 'shared session with an error');
  });

  it('shows the shared link of a session in English in English', async () => {
    const english = await given.session(await given.mission(), { language: 'en' });
    const page = await phone.newPage();
    await page.goto(await given.forwardLink(english, 'share-links'));
    expect(await mainHeading(page)).toBe('Facilitate this session');
    await page.getByLabel('Your e-mail address').waitFor();
    await expectAccessible(page, 'shared session in English');
  });
});
