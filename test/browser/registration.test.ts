/**
 * A participant registers on a phone from the link the client's contact forwarded, then confirms
 * from their inbox; the page says when they are already registered, when the session is full and
 * when registration has closed.
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
import {
  type BrowserStack,
  buttonLink,
  eventually,
  sentTo,
  startBrowserStack,
} from '../support/browser-stack.ts';

interface FollowUp {
  participants: { email: string; firstName: string; lastName: string }[];
}

describe('participant registration page', () => {
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

  async function register(link: string, person: { firstName: string; lastName: string; email: string }) {
    const page = await phone.newPage();
    await page.goto(link);
    await page.getByLabel('Prénom').fill(person.firstName);
    await page.getByLabel('Nom', { exact: true }).fill(person.lastName);
    await page.getByLabel('Adresse e-mail').fill(person.email);
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'M’inscrire' }));
    return { page, status: landed.status() };
  }

  const participantsOf = async (session: PlannedSession) =>
    (await given.expectCall<FollowUp>(given.coordinator, 'GET', `${session.base}/participants`, 200))
      .participants;

  const person = (name: string) => ({
    firstName: name,
    lastName: 'Benali',
    email: `${name.toLowerCase()}-${given.run}@example.org`,
  });

  it('registers a participant from the forwarded link once they confirm from their inbox', async () => {
    const session = await given.session(missionId);
    const link = await given.forwardLink(session, 'registration-links');
    const page = await phone.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('S’inscrire à la session');
    // The client's contact forwards the link: the page must not call it personal.
    expect(await page.getByText('Ce lien vous est personnel').count()).toBe(0);
    await expectAccessible(page, 'registration');
    await expectNoSideScroll(page, 'registration');
    await screenshot(page, 'registration-phone');

    const ines = person('Ines');
    const { page: requested, status } = await register(link, ines);
    expect(status).toBe(200);
    await requested.getByRole('heading', { name: 'Plus qu’une étape : confirmez votre adresse' }).waitFor();
    await expectAccessible(requested, 'registration requested');
    await screenshot(requested, 'registration-requested-phone');
    expect(await participantsOf(session)).toEqual([]);

    const confirmation = await stack.waitForEmail(sentTo(ines.email));
    const confirm = await phone.newPage();
    expect((await confirm.goto(buttonLink(confirmation, stack.baseUrl)))?.status()).toBe(200);
    expect(await mainHeading(confirm)).toBe('Confirmer votre inscription');
    await confirm.getByText(ines.email).waitFor();
    await expectAccessible(confirm, 'registration confirmation');
    await screenshot(confirm, 'registration-confirm-phone');
    const landed = await clickAndLoad(
      confirm,
      confirm.getByRole('button', { name: 'Confirmer mon inscription' }),
    );
    expect(landed.status()).toBe(200);
    await confirm.getByRole('heading', { name: 'Inscription confirmée' }).waitFor();
    await expectAccessible(confirm, 'registration confirmed');
    await screenshot(confirm, 'registration-confirmed-phone');
    await eventually('the participant registered', async () => {
      const participants = await participantsOf(session);
      return participants.length > 0 ? participants : undefined;
    });
    expect(await participantsOf(session)).toMatchObject([ines]);
  });

  it('says a participant is already registered, and registers them once', async () => {
    const session = await given.session(missionId);
    const jules = person('Jules');
    await given.register(session, [jules]);
    const link = await given.forwardLink(session, 'registration-links');
    const { page } = await register(link, { ...jules, email: jules.email.toUpperCase() });
    await page.getByRole('heading', { name: 'Vous êtes déjà inscrit·e' }).waitFor();
    await expectAccessible(page, 'already registered');
    expect(await participantsOf(session)).toHaveLength(1);
  });

  it('says the session is full, with 409, and shows no form', async () => {
    const session = await given.session(missionId, { capacity: 1 });
    await given.register(session, [person('Karim')]);
    const page = await phone.newPage();
    const response = await page.goto(await given.forwardLink(session, 'registration-links'));
    expect(response?.status()).toBe(409);
    expect(await mainHeading(page)).toBe('La session est complète');
    expect(await page.getByRole('button', { name: 'M’inscrire' }).count()).toBe(0);
    await expectAccessible(page, 'session full');
    await screenshot(page, 'registration-full-phone');
  });

  it('points each error to its field when the form is incomplete', async () => {
    const session = await given.session(missionId);
    const { page, status } = await register(await given.forwardLink(session, 'registration-links'), {
      firstName: '',
      lastName: 'Benali',
      email: 'pas-une-adresse',
    });
    expect(status).toBe(422);
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Saisissez votre prénom' }).waitFor();
    await summary.getByRole('link', { name: /Saisissez une adresse e-mail valide/ }).waitFor();
    expect(await page.getByLabel('Prénom').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Nom', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(page, 'registration with errors');
    await expectNoSideScroll(page, 'registration with errors');
    await screenshot(page, 'registration-errors-phone');
    expect(await participantsOf(session)).toEqual([]);
  });

  it('registers for a session in English in English, confirmation included', async () => {
    const session = await given.session(missionId, { language: 'en' });
    const page: Page = await phone.newPage();
    await page.goto(await given.forwardLink(session, 'registration-links'));
    expect(await mainHeading(page)).toBe('Register for the session');
    await page.getByLabel('First name').fill('Sam');
    await page.getByLabel('Last name').fill('Taylor');
    await page.getByLabel('E-mail address').fill(`sam-${given.run}@example.org`);
    await expectAccessible(page, 'registration in English');
    await clickAndLoad(page, page.getByRole('button', { name: 'Register' }));
    await page.getByRole('heading', { name: 'One more step: confirm your address' }).waitFor();

    const confirmation = await stack.waitForEmail(sentTo(`sam-${given.run}@example.org`));
    expect(confirmation.subject).toMatch(/^Confirm your registration/);
    await page.goto(buttonLink(confirmation, stack.baseUrl));
    expect(await mainHeading(page)).toBe('Confirm your registration');
    await expectAccessible(page, 'registration confirmation in English');
    await clickAndLoad(page, page.getByRole('button', { name: 'Confirm my registration' }));
    await page.getByRole('heading', { name: 'Registration confirmed' }).waitFor();
    await expectAccessible(page, 'registration confirmed in English');
  });

  // Skips past the session's start: last in this file.
  it('says registration is closed once the session has started, with 410', async () => {
    const session = await given.session(missionId, { inDays: 3 });
    const link = await given.forwardLink(session, 'registration-links');
    await stack.sleep(3 * 24 * 3600_000 + 12 * 3600_000);
    const page = await phone.newPage();
    const response = await page.goto(link);
    expect(response?.status()).toBe(410);
    expect(await mainHeading(page)).toBe('Les inscriptions sont closes');
    await expectAccessible(page, 'registration closed');
    await screenshot(page, 'registration-closed-phone');
  });
});
