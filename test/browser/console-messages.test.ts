/**
 * Writing to a session's people from the console (seed 004's "messagerie"), and a client's rule
 * for a manager's silence, in a real Chromium on the real stack (API over the time-skipping server
 * with a worker, the console calling that API): the coordinator is refused with nobody in the
 * audience, writes to the participants, sees the e-mails in the e-mails tab and in what was sent;
 * staff reach the client's settings from the mission and change the rule. axe on every page, on
 * a laptop and a phone.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/app.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import {
  clickAndLoad,
  DESKTOP,
  expectAccessible,
  expectNoSideScroll,
  launchBrowser,
  mainHeading,
  openContext,
  PHONE,
  screenshot,
} from '../support/browser.ts';
import { type Fixtures, fixtures, type PlannedSession } from '../support/browser-fixtures.ts';
import { type BrowserStack, buttonLink, sentTo, startBrowserStack } from '../support/browser-stack.ts';
import { freePort } from '../support/free-port.ts';

/** The phone the brief names: a 390 × 844 screen. */
const PHONE_390 = { ...PHONE, viewport: { width: 390, height: 844 } };

describe("messages to a session's people, and a client's settings, in the console", () => {
  let stack: BrowserStack;
  let browser: Browser;
  let consoleApp: FastifyInstance;
  let consoleUrl = '';
  let given: Fixtures;
  let missionId = '';
  let session: PlannedSession;
  const coordinatorName = 'Alex Durand';

  beforeAll(async () => {
    consoleUrl = `http://127.0.0.1:${await freePort()}`;
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    given = await fixtures(stack);
    consoleApp = await buildConsole({
      apiUrl: stack.baseUrl,
      devSignIn: {
        secret: TEST_JWT_SECRET,
        people: [
          { subject: 'staff-1', role: 'staff', name: 'Camille Bernard' },
          { subject: `coord-${given.run}`, role: 'coordinator', name: coordinatorName },
        ],
      },
    });
    await consoleApp.listen({ host: '127.0.0.1', port: Number(new URL(consoleUrl).port) });
    missionId = await given.mission();
    session = await given.session(missionId, { kind: 'workshop', title: 'Atelier fresque du climat' });
    await given.register(session, [
      { firstName: 'Inès', lastName: 'Benali', email: `ines-${given.run}@example.org` },
      { firstName: 'Noé', lastName: 'Garnier', email: `noe-${given.run}@example.org` },
    ]);
    // Invited, not yet accepted: not among the facilitators a message reaches.
    const hugo = await given.facilitator('Hugo');
    await given.invite(session, hugo.id);
  });
  afterAll(async () => {
    await browser?.close();
    await consoleApp?.close();
    await stack?.stop();
  });

  async function signIn(context: BrowserContext, name: string, path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${consoleUrl}${path}`);
    await page.getByLabel(name).check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
    expect(new URL(page.url()).pathname).toBe(path);
    return page;
  }

  it('writes to the participants from the messages tab, refused beside the audience when nobody is in it, and shows the e-mails sent', async () => {
    const laptop = await openContext(browser, DESKTOP);
    const page = await signIn(
      laptop,
      coordinatorName,
      `/missions/${missionId}/sessions/${session.sessionId}`,
    );
    await clickAndLoad(page, page.getByRole('link', { name: 'Messages' }));
    expect(await mainHeading(page)).toBe('Atelier fresque du climat');
    const audience = page.getByRole('group', { name: 'À qui écrire' });
    // Each choice says how many people it reaches.
    expect(await audience.locator('.hint').allTextContents()).toEqual([
      '2 personnes',
      'personne pour l’instant',
      '2 personnes',
    ]);
    await expectAccessible(page, 'messages tab');
    await screenshot(page, 'console-messages-laptop');

    // Nothing typed: each field says what it needs.
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer le message' }))).status(),
    ).toBe(422);
    await expect.poll(() => page.locator('#subject-error').textContent()).toContain('Saisissez l’objet');
    await expect.poll(() => page.locator('#body-error').textContent()).toContain('Écrivez le message');

    await audience.getByLabel('Les animateur·ices qui ont accepté').check();
    await page.getByLabel('Objet').fill('Salle changée pour demain');
    await page.getByLabel('Message').fill('Nous serons en salle 4 <b>au 2e étage</b>.\n\nÀ demain !');
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer le message' }))).status(),
    ).toBe(422);
    expect(await page.locator('#audience-error').textContent()).toContain(
      'Aucun·e animateur·ice n’a encore accepté cette session',
    );
    // What was typed is kept for the next try.
    expect(await page.getByLabel('Objet').inputValue()).toBe('Salle changée pour demain');
    await expectAccessible(page, 'messages tab, refused');
    await screenshot(page, 'console-messages-refused');

    await page
      .getByRole('group', { name: 'À qui écrire' })
      .getByLabel('Les participant·es inscrit·es')
      .check();
    const sent = await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer le message' }));
    expect(sent.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/missions/${missionId}/sessions/${session.sessionId}/emails`);
    await expect.poll(() => page.getByText('Message envoyé').count()).toBe(1);
    const listed = page.locator('main li', { hasText: 'Salle changée pour demain' });
    expect(await listed.count()).toBe(2);
    expect((await listed.allTextContents()).join(' ')).toContain(`ines-${given.run}@example.org`);
    await expectAccessible(page, 'e-mails tab after a message');
    await screenshot(page, 'console-messages-sent');

    const received = stack.emails((email) => email.subject === 'Salle changée pour demain');
    expect(received.flatMap((email) => email.to).sort()).toEqual(
      [`Inès Benali <ines-${given.run}@example.org>`, `Noé Garnier <noe-${given.run}@example.org>`].sort(),
    );
    for (const email of received) {
      expect(email.replyTo).toEqual([`Alex Durand <${given.coordinatorEmail}>`]);
      expect(email.html).toContain('&lt;b&gt;au 2e étage&lt;/b&gt;');
    }
    await laptop.close();
  });

  it('reads and sends the same on a 390 px phone, without sideways scrolling', async () => {
    const phone = await openContext(browser, PHONE_390);
    const page = await signIn(
      phone,
      coordinatorName,
      `/missions/${missionId}/sessions/${session.sessionId}/messages`,
    );
    await expectNoSideScroll(page, 'messages tab on a phone');
    await expectAccessible(page, 'messages tab on a phone');
    await screenshot(page, 'console-messages-phone');
    await page.getByLabel('Objet').fill('Rappel : apportez un stylo');
    await page.getByLabel('Message').fill('Merci !');
    await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer le message' }));
    await expect
      .poll(() => page.locator('main li', { hasText: 'Rappel : apportez un stylo' }).count())
      .toBe(2);
    await expectNoSideScroll(page, 'e-mails tab on a phone');

    await page.goto(`${consoleUrl}/missions/${missionId}/sessions/${session.sessionId}/messages`);
    await clickAndLoad(page, page.getByRole('link', { name: 'English' }));
    expect(
      await page.getByRole('group', { name: 'Who to write to' }).locator('.hint').allTextContents(),
    ).toEqual(['2 people', 'nobody yet', '2 people']);
    await clickAndLoad(page, page.getByRole('button', { name: 'Send the message' }));
    expect(await page.locator('#subject-error').textContent()).toContain('Enter the message’s subject');
    await expectAccessible(page, 'messages tab in English');
    await screenshot(page, 'console-messages-phone-english');
    await phone.close();
  });

  it("lets staff set the client's rule for a manager's silence from the mission's client line; a coordinator cannot", async () => {
    const laptop = await openContext(browser, DESKTOP);
    const page = await signIn(laptop, 'Camille Bernard', `/missions/${missionId}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Réglages du client' }));
    expect(await mainHeading(page)).toBe(`Réglages du client — Client ${given.run}`);
    expect(await page.locator('dl.summary').textContent()).toContain('Règle par défaut');
    await expectAccessible(page, 'client settings');
    await screenshot(page, 'console-client-settings-laptop');

    await page.getByLabel('Considérer que le manager est d’accord').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer' }));
    await expect.poll(() => page.getByText('Réglage enregistré').count()).toBe(1);
    expect(await page.locator('dl.summary').textContent()).toContain('Le silence vaut accord');
    expect(await page.locator('dl.summary').textContent()).toContain(
      'Choix du client, enregistré par staff-1',
    );
    expect(await page.getByLabel('Considérer que le manager est d’accord').isChecked()).toBe(true);
    await expectAccessible(page, 'client settings saved');
    await clickAndLoad(page, page.getByRole('link', { name: 'Retour à la mission' }));
    expect(new URL(page.url()).pathname).toBe(`/missions/${missionId}`);

    const phone = await openContext(browser, PHONE_390);
    const small = await signIn(
      phone,
      'Camille Bernard',
      `/clients/${encodeURIComponent(`Client ${given.run}`)}/settings`,
    );
    await expectNoSideScroll(small, 'client settings on a phone');
    await screenshot(small, 'console-client-settings-phone');
    await phone.close();

    const coordinatorContext = await openContext(browser, DESKTOP);
    const coordinator = await signIn(coordinatorContext, coordinatorName, `/missions/${missionId}`);
    expect(await coordinator.getByRole('link', { name: 'Réglages du client' }).count()).toBe(0);
    const refused = await coordinator.goto(
      `${consoleUrl}/clients/${encodeURIComponent(`Client ${given.run}`)}/settings`,
    );
    expect(refused?.status()).toBe(404);
    await coordinatorContext.close();
    await laptop.close();
  });

  it("says on the facilitators tab that a silent manager was taken to approve, by the client's rule", async () => {
    // The previous test set this client's rule to approve; the approval starts after it.
    const lea = await given.facilitator('Léa', {
      employer: `Client ${given.run}`,
      managerEmail: `manager-lea-${given.run}@example.org`,
    });
    await given.invite(session, lea.id, 'internal');
    const invitation = await stack.waitForEmail(sentTo(lea.email));
    const token = new URL(buttonLink(invitation, stack.baseUrl)).pathname;
    await given.expectCall(null, 'POST', `${token}/accept`, 200, { duringWorkingTime: true });
    await stack.waitForEmail(sentTo(`manager-lea-${given.run}@example.org`));
    await stack.sleep(5 * 24 * 3600_000 + 3600_000);
    await stack.waitForEmail(
      (email) => sentTo(given.coordinatorEmail)(email) && /Accord du manager/.test(email.subject),
    );

    const laptop = await openContext(browser, DESKTOP);
    const page = await signIn(
      laptop,
      coordinatorName,
      `/missions/${missionId}/sessions/${session.sessionId}`,
    );
    const card = page.locator('li.card', { hasText: 'Léa Martin' });
    expect(await card.textContent()).toContain(
      'Décision automatique : le manager n’a pas répondu à temps, et la règle du client est : le silence vaut accord.',
    );
    expect(await card.locator('.badge').allTextContents()).toContain(
      'Accord automatique, sans réponse du manager',
    );
    await expectAccessible(page, 'facilitators tab with an automatic approval');
    await screenshot(page, 'console-automatic-approval');
    await laptop.close();
  });
});
