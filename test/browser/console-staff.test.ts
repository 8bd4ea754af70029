/**
 * The staff's side of the console on the real stack (API over the time-skipping server with a
 * worker, the console calling that API): the payout rates, a facilitator's billing details and
 * mandate, satisfaction per coordinator, per facilitator and per session, the stuck activities
 * with what to do, and the way from a mission to its workflows in the Temporal Web UI. Every new
 * page is checked with axe and photographed on a 390 px phone and a laptop.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/app.ts';
import { missionWorkflowsLink, workflowLink } from '../../console/temporal-ui.ts';
import { clearStuckActivity, recordStuckActivity } from '../../db/queries/stuck-activities.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
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

/** The phone the brief names: a 390 × 844 screen. */
const PHONE_390: BrowserContextOptions = { ...PHONE, viewport: { width: 390, height: 844 } };

interface Rate {
  sessionKind: string;
  role: string;
  amountCents: number;
  updatedAt: string;
}

describe("the staff's console", () => {
  let stack: BrowserStack;
  let browser: Browser;
  let consoleApp: FastifyInstance;
  let consoleUrl = '';
  let laptop: BrowserContext;
  let phone: BrowserContext;
  let given: Fixtures;
  let missionId = '';
  let session: PlannedSession;
  let nadia: { id: string; email: string };
  let omar: { id: string; email: string };
  // Only ever a link's address: the console never calls it, and nothing listens there.
  const temporalUi = { baseUrl: 'http://temporal-ui.test', namespace: 'missions-test' };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    given = await fixtures(stack);
    consoleApp = await buildConsole({
      apiUrl: stack.baseUrl,
      devSignIn: {
        secret: TEST_JWT_SECRET,
        people: [
          { subject: 'staff-1', role: 'staff', name: 'Camille Bernard' },
          { subject: `coord-${given.run}`, role: 'coordinator', name: 'Alex Durand' },
        ],
      },
      temporalUi,
    });
    consoleUrl = await consoleApp.listen({ host: '127.0.0.1', port: 0 });

    // A workshop Nadia led, whose participant answered the hot survey with a 4.
    missionId = await given.mission();
    session = await given.session(missionId, { kind: 'workshop', inDays: 3, from: '09:00', to: '12:00' });
    // "Abadie" sorts her among the directory's first names, which the run's other tests fill.
    nadia = await given.facilitator('Nadia', { lastName: 'Abadie' });
    await given.invite(session, nadia.id);
    const invitation = buttonLink(await stack.waitForEmail(sentTo(nadia.email)), stack.baseUrl);
    await given.expectCall(null, 'POST', `${new URL(invitation).pathname}/accept`, 200, {});
    // Invited too, but declined: the session's answers are not hers.
    omar = await given.facilitator('Omar', { lastName: 'Abadie' });
    await given.invite(session, omar.id);
    const declined = buttonLink(await stack.waitForEmail(sentTo(omar.email)), stack.baseUrl);
    await given.expectCall(null, 'POST', `${new URL(declined).pathname}/decline`, 200);
    const participant = `ines-${given.run}@example.org`;
    await given.register(session, [{ email: participant, firstName: 'Inès', lastName: 'Benali' }]);
    const day = addDays(businessDate(stack.now()), 3);
    await stack.sleepUntil(zonedInstant(day, '13:00', 'Europe/Paris'));
    const followUp = await given.expectCall<{ participants: { id: string }[] }>(
      given.coordinator,
      'GET',
      `${session.base}/participants`,
      200,
    );
    await given.paperAttendance(
      session,
      followUp.participants.map((person) => ({ participantId: person.id, halfDays: [true] })),
    );
    const survey = buttonLink(
      await stack.waitForEmail(
        (email) =>
          sentTo(participant)(email) && email.subject.startsWith('Votre attestation de participation'),
      ),
      stack.baseUrl,
    );
    await given.expectCall(null, 'POST', new URL(survey).pathname, 201, { rating: 4 });

    [laptop, phone] = await Promise.all([openContext(browser, DESKTOP), openContext(browser, PHONE_390)]);
    await Promise.all([signIn(laptop, 'Camille Bernard'), signIn(phone, 'Camille Bernard')]);
  });
  afterAll(async () => {
    await browser?.close();
    await consoleApp?.close();
    await stack?.stop();
  });

  async function signIn(context: BrowserContext, name: string): Promise<void> {
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await page.getByLabel(name).check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
    await page.close();
  }

  /** The page as staff see it on the phone and the laptop: axe, no sideways scroll, a screenshot each. */
  async function onBothScreens(path: string, name: string, heading: string): Promise<void> {
    for (const [context, size] of [
      [phone, 'phone'],
      [laptop, 'laptop'],
    ] as const) {
      const page = await context.newPage();
      expect((await page.goto(`${consoleUrl}${path}`))?.status()).toBe(200);
      expect(await mainHeading(page)).toBe(heading);
      await expectAccessible(page, `${name} on the ${size}`);
      await expectNoSideScroll(page, `${name} on the ${size}`);
      await screenshot(page, `console-staff-${name}-${size}`);
      await page.close();
    }
  }

  const rates = () => given.expectCall<Rate[]>(given.staff, 'GET', '/payout-rates', 200);
  const workshopLead = async () =>
    (await rates()).find((rate) => rate.sessionKind === 'workshop' && rate.role === 'lead');

  it('edits a payout rate, a bad value refused beside its field', async () => {
    const before = await workshopLead();
    expect(before).toBeDefined();
    const page = await laptop.newPage();
    await page.goto(`${consoleUrl}/missions`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Taux de rétribution' }));
    expect(await mainHeading(page)).toBe('Taux de rétribution');
    const amount = page.getByLabel('Montant HT en euros — Ateliers, animation (responsable)');
    const save = page.locator('#rate-workshop-lead').getByRole('button', { name: 'Enregistrer' });

    await amount.fill('deux cents');
    expect((await clickAndLoad(page, save)).status()).toBe(422);
    await expect(page.locator('#amount-workshop-lead-error').textContent()).resolves.toContain(
      'Saisissez un montant en euros',
    );
    // Six forms on one page: the summary says which rate its message is about.
    await expect(page.locator('.error-summary').textContent()).resolves.toContain(
      'Ateliers, animation (responsable) : Saisissez un montant',
    );
    await expect(page.locator('.error-summary a[href="#amount-workshop-lead"]').count()).resolves.toBe(1);
    await expect(
      page.getByLabel('Montant HT en euros — Ateliers, animation (responsable)').inputValue(),
    ).resolves.toBe('deux cents');
    await expectAccessible(page, 'payout rates with a refused amount');
    await screenshot(page, 'console-staff-payout-rates-refused-laptop');

    // The API's own limit, said in the console's words beside the same field.
    await page.getByLabel('Montant HT en euros — Ateliers, animation (responsable)').fill('150 000');
    expect((await clickAndLoad(page, save)).status()).toBe(422);
    await expect(page.locator('#amount-workshop-lead-error').textContent()).resolves.toContain(
      'au plus 100 000 €',
    );
    expect((await workshopLead())?.amountCents).toBe(before?.amountCents);

    // Other test files price payouts from this table meanwhile: the rate is saved at its own value.
    const same = ((before?.amountCents ?? 0) / 100).toFixed(2).replace('.', ',');
    await page.getByLabel('Montant HT en euros — Ateliers, animation (responsable)').fill(same);
    expect((await clickAndLoad(page, save)).status()).toBe(200);
    await page.getByRole('status').getByText('Taux enregistré.').waitFor();
    const after = await workshopLead();
    expect(after?.amountCents).toBe(before?.amountCents);
    expect(Date.parse(after?.updatedAt ?? '')).toBeGreaterThan(Date.parse(before?.updatedAt ?? ''));

    // The banner's switch: the same page in English, then back to French for the other tests.
    await clickAndLoad(page, page.getByRole('link', { name: 'English' }));
    expect(await mainHeading(page)).toBe('Payout rates');
    await page.getByLabel('Amount excluding VAT, in euros — Workshops, lead facilitator').fill('-5');
    await clickAndLoad(page, page.locator('#rate-workshop-lead').getByRole('button', { name: 'Save' }));
    await expect(page.locator('#amount-workshop-lead-error').textContent()).resolves.toContain(
      'Enter an amount in euros',
    );
    await expectAccessible(page, 'payout rates in English');
    await screenshot(page, 'console-staff-payout-rates-en-laptop');
    await clickAndLoad(page, page.getByRole('link', { name: 'Français' }));
    expect(await mainHeading(page)).toBe('Taux de rétribution');
    await page.close();
    await onBothScreens('/payout-rates', 'payout-rates', 'Taux de rétribution');
  });

  it("opens a facilitator's billing from the directory, refuses a bad SIRET beside it, then self-bills them", async () => {
    const page = await laptop.newPage();
    await page.goto(`${consoleUrl}/facilitators?q=${encodeURIComponent(nadia.email)}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Nadia Abadie' }));
    expect(await mainHeading(page)).toBe('Nadia Abadie');
    const billing = page.locator('#billing + p');
    await expect(billing.textContent()).resolves.toContain('Facture du prestataire');
    await expect(billing.textContent()).resolves.toContain('aucun mandat d’autofacturation signé');

    await page.getByLabel('Adresse de facturation').fill('12 rue de la Paix\n69002 Lyon');
    await page.getByLabel('SIRET').fill('1234');
    await page.getByLabel('Mandat d’autofacturation signé le').fill(businessDate(new Date()));
    const save = page.getByRole('button', { name: 'Enregistrer la facturation' });
    expect((await clickAndLoad(page, save)).status()).toBe(422);
    await expect(page.locator('#siret-error').textContent()).resolves.toBe('Le SIRET compte 14 chiffres.');
    await expect(page.locator('.error-summary li').count()).resolves.toBe(1);
    await expect(page.getByLabel('Adresse de facturation').inputValue()).resolves.toBe(
      '12 rue de la Paix\n69002 Lyon',
    );
    await expectAccessible(page, 'facilitator billing with a refused SIRET');
    await screenshot(page, 'console-staff-facilitator-refused-laptop');

    await page.getByLabel('SIRET').fill('123 456 789 00012');
    await page.getByLabel('Taux de TVA en %').fill('20');
    expect((await clickAndLoad(page, save)).status()).toBe(200);
    await page.getByRole('status').getByText('Facturation enregistrée.').waitFor();
    await expect(page.locator('#billing + p').textContent()).resolves.toContain('Autofacturation');
    const stored = await given.expectCall(given.staff, 'GET', `/facilitators/${nadia.id}/billing`, 200);
    expect(stored).toMatchObject({
      billingAddress: '12 rue de la Paix\n69002 Lyon',
      siret: '12345678900012',
      vatRatePercent: 20,
      payoutChannel: { channel: 'self_billing', supplierInvoiceReason: null },
    });
    await expect(page.locator('.survey-summary').textContent()).resolves.toContain(
      '1 réponse · note moyenne 4 / 5',
    );
    await page.close();
    await onBothScreens(`/facilitators/${nadia.id}`, 'facilitator', 'Nadia Abadie');
  });

  it('shows satisfaction per coordinator and per facilitator, down to each session of a mission', async () => {
    const page = await laptop.newPage();
    await page.goto(`${consoleUrl}/missions`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Satisfaction' }));
    expect(await mainHeading(page)).toBe('Satisfaction');
    await page.getByLabel('Coordinateur·ice').selectOption(`coord-${given.run}`);
    await clickAndLoad(page, page.getByRole('button', { name: 'Voir les résultats' }).first());
    const coordinator = page.getByRole('region', { name: 'Alex Durand' });
    await expect(coordinator.locator('.survey-summary').textContent()).resolves.toContain(
      '1 réponse · note moyenne 4 / 5',
    );

    await clickAndLoad(page, coordinator.getByRole('link', { name: 'Formations premiers secours' }));
    expect(await mainHeading(page)).toBe('Satisfaction par session');
    const card = page.locator(`#session-${session.sessionId}`);
    await expect(card.textContent()).resolves.toContain('1 réponse · note moyenne 4 / 5');
    await expect(card.textContent()).resolves.toContain('À froid (90 jours après)0 réponse');

    await clickAndLoad(page, page.getByRole('link', { name: 'Satisfaction', exact: true }).first());
    await page.getByLabel('Coordinateur·ice').selectOption(`coord-${given.run}`);
    await clickAndLoad(page, page.getByRole('button', { name: 'Voir les résultats' }).first());
    await page.getByLabel('Animateur·ice').selectOption(nadia.id);
    await clickAndLoad(page, page.getByRole('button', { name: 'Voir les résultats' }).last());
    // The coordinator's results stay beside the facilitator's.
    await expect(page.getByRole('region', { name: 'Alex Durand' }).count()).resolves.toBe(1);
    const facilitator = page.getByRole('region', { name: 'Nadia Abadie' });
    await expect(facilitator.locator('.survey-summary').textContent()).resolves.toContain(
      '1 réponse · note moyenne 4 / 5',
    );
    // Computed over the sessions a facilitator took part in: not one whose invitation they declined.
    await expect(
      given.expectCall(given.staff, 'GET', `/facilitators/${omar.id}/surveys/summary`, 200),
    ).resolves.toEqual([]);
    await page.close();
    await onBothScreens(
      `/surveys?coordinatorId=coord-${given.run}&facilitatorId=${nadia.id}`,
      'surveys',
      'Satisfaction',
    );
    await onBothScreens(`/missions/${missionId}/surveys`, 'mission-surveys', 'Satisfaction par session');
  });

  it('lists stuck activities with what to do, the mission and the workflow in the Temporal Web UI', async () => {
    const stuck = {
      workflowId: `payout-${given.run}`,
      activityId: '3',
      activityType: 'loadPayoutTerms',
      missionId,
      attempt: 4,
      errorType: 'PAYOUT_RATE_MISSING',
      errorMessage: 'no payout rate for workshop / lead: add it to the rate table',
    };
    // What the worker's interceptor writes from a third failed attempt (worker/stuck-activities.ts).
    await recordStuckActivity(stack.harness.pool, stuck);
    try {
      const page = await laptop.newPage();
      await page.goto(`${consoleUrl}/missions`);
      await clickAndLoad(page, page.getByRole('link', { name: 'Activités bloquées' }));
      expect(await mainHeading(page)).toBe('Activités bloquées');
      const card = page.locator('.card', { hasText: stuck.workflowId });
      await expect(card.getByRole('heading').textContent()).resolves.toBe('Calcul d’une rétribution');
      await expect(card.textContent()).resolves.toContain('Un taux de rétribution manque');
      await expect(
        card.getByRole('link', { name: 'Taux de rétribution' }).getAttribute('href'),
      ).resolves.toBe('/payout-rates');
      await expect(card.getByRole('link', { name: 'Ouvrir la mission' }).getAttribute('href')).resolves.toBe(
        `/missions/${missionId}`,
      );
      await expect(
        card.getByRole('link', { name: 'Ouvrir dans Temporal Web UI' }).getAttribute('href'),
      ).resolves.toBe(workflowLink(temporalUi, stuck.workflowId));
      await page.close();
      await onBothScreens('/stuck-activities', 'stuck-activities', 'Activités bloquées');
    } finally {
      await clearStuckActivity(stack.harness.pool, stuck.workflowId, stuck.activityId);
    }
  });

  it('links a mission and its sessions to their workflows in the Temporal Web UI, for staff only', async () => {
    const page = await laptop.newPage();
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    await expect(page.getByRole('link', { name: 'Workflows (Temporal)' }).getAttribute('href')).resolves.toBe(
      '#workflows',
    );
    const all = page.getByRole('link', { name: 'Tous les workflows de la mission' });
    await expect(all.getAttribute('href')).resolves.toBe(missionWorkflowsLink(temporalUi, missionId));
    const href = await page.getByRole('link', { name: 'Le workflow de la mission' }).getAttribute('href');
    expect(href).toBe(
      `http://temporal-ui.test/namespaces/missions-test/workflows?query=${encodeURIComponent(`WorkflowId="mission-${missionId}"`)}`,
    );
    await expect(
      page.getByRole('link', { name: /^Session « Premiers secours 1 »/ }).getAttribute('href'),
    ).resolves.toBe(workflowLink(temporalUi, `session-${session.sessionId}`));
    await page.close();
    await onBothScreens(`/missions/${missionId}`, 'mission-workflows', 'Formations premiers secours');

    const coordinator = await openContext(browser, DESKTOP);
    await signIn(coordinator, 'Alex Durand');
    const theirs = await coordinator.newPage();
    await theirs.goto(`${consoleUrl}/missions/${missionId}`);
    await expect(theirs.getByRole('link', { name: 'Le workflow de la mission' }).count()).resolves.toBe(0);
    await coordinator.close();
  });

  it('lets a coordinator find whom to invite in the directory, without billing details, and invite by e-mail', async () => {
    const coordinator = await openContext(browser, PHONE_390);
    await signIn(coordinator, 'Alex Durand');
    const page = await coordinator.newPage();
    await page.goto(`${consoleUrl}/missions`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Annuaire' }));
    await page.getByLabel('Nom ou e-mail').fill(nadia.email);
    await clickAndLoad(page, page.getByRole('button', { name: 'Filtrer' }));
    await clickAndLoad(page, page.getByRole('link', { name: 'Nadia Abadie' }));
    expect(await mainHeading(page)).toBe('Nadia Abadie');
    await expect(page.locator('main').textContent()).resolves.toContain(nadia.id);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Pour l’inviter, saisissez son adresse e-mail ou son identifiant dans l’onglet Animateur·ices',
    );

    // Their own satisfaction results, from the navigation.
    await clickAndLoad(page, page.getByRole('link', { name: 'Satisfaction', exact: true }));
    expect(await mainHeading(page)).toBe('Satisfaction');
    await expect(
      page.getByRole('region', { name: 'Toutes vos sessions' }).locator('.survey-summary').textContent(),
    ).resolves.toContain('1 réponse · note moyenne 4 / 5');
    await expect(page.getByLabel('Animateur·ice').count()).resolves.toBe(0);
    await expectAccessible(page, 'satisfaction as a coordinator');
    await screenshot(page, 'console-staff-surveys-coordinator-phone');

    // Seed 000's way: the coordinator invites her to another session by her e-mail.
    const next = await given.session(missionId, { kind: 'workshop', inDays: 10, from: '09:00', to: '12:00' });
    await page.goto(`${consoleUrl}/missions/${missionId}/sessions/${next.sessionId}`);
    const invite = page.getByRole('button', { name: 'Envoyer l’invitation' });
    await page.getByLabel('Identifiant dans l’annuaire, ou e-mail').fill(`nobody-${given.run}@example.org`);
    expect((await clickAndLoad(page, invite)).status()).toBe(422);
    await expect(page.locator('#facilitatorId-error').textContent()).resolves.toBe(
      'Personne avec cette adresse dans l’annuaire des animateur·ices.',
    );
    await page.getByLabel('Identifiant dans l’annuaire, ou e-mail').fill(nadia.email.toUpperCase());
    expect((await clickAndLoad(page, invite)).status()).toBe(200);
    await expect(page.locator('.card', { hasText: 'Nadia Abadie' }).textContent()).resolves.toContain(
      'En attente de réponse',
    );
    await expect(
      page.getByRole('heading', { name: 'Facturation et mandat d’autofacturation' }).count(),
    ).resolves.toBe(0);
    await expectAccessible(page, 'facilitator entry as a coordinator');
    await screenshot(page, 'console-staff-facilitator-coordinator-phone');
    await coordinator.close();
  });
});
