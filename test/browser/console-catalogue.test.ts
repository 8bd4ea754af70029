/**
 * The training catalogue in the console, in a real Chromium on a 360 px phone: staff add an
 * offer (refused beside its fields first), change it into a second version, and a coordinator
 * plans a session with it, an offer of another kind refused beside the select. The real API on
 * the dev server, the console calling it as the signed-in person; axe finds nothing serious.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/app.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { type RunningApi, startApi, TEST_JWT_SECRET } from '../support/api-harness.ts';
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
import { readJson } from '../support/http.ts';
import { trainingOffer } from '../support/offers.ts';

describe('the training catalogue in the console (phone)', () => {
  const run = randomUUID().slice(0, 8);
  const title = `Animer un atelier participatif ${run}`;
  const coordinator = `coord-catalogue-${run}`;
  let api: RunningApi;
  let consoleApp: FastifyInstance;
  let consoleUrl = '';
  let browser: Browser;
  let missionId = '';
  let offerPath = '';

  beforeAll(async () => {
    api = await startApi();
    consoleApp = await buildConsole({
      apiUrl: api.baseUrl,
      devSignIn: {
        secret: TEST_JWT_SECRET,
        people: [
          { subject: 'staff-catalogue', role: 'staff', name: 'Camille Bernard' },
          { subject: coordinator, role: 'coordinator', name: 'Alex Durand' },
        ],
      },
    });
    consoleUrl = await consoleApp.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    const token = await api.token({ subject: coordinator, role: 'coordinator' });
    const created = await fetch(`${api.baseUrl}/missions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        title: `Former les bénévoles ${run}`,
        client: { name: 'Fédération des centres sociaux' },
        sector: 'association',
        dealType: 'subcontracting',
        coordinator: { id: coordinator, name: 'Alex Durand', email: `${coordinator}@example.org` },
        endDate: addDays(businessDate(new Date()), 120),
        orderLines: [
          { kind: 'training', quantity: 2, participantsPerSession: 10, unitPriceCents: 180_000 },
          { kind: 'workshop', quantity: 2, participantsPerSession: 15, unitPriceCents: 90_000 },
        ],
      }),
    });
    expect(created.status).toBe(201);
    missionId = (await readJson<{ id: string }>(created)).id;
  });
  afterAll(async () => {
    await browser?.close();
    await consoleApp?.close();
    await api?.stop();
  });

  async function signedIn(name: string): Promise<Page> {
    const context = await openContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/sign-in?back=${encodeURIComponent('/missions')}`);
    await page.getByLabel(name).check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
    return page;
  }

  it('lets staff add an offer, refused beside its fields first, then change it into a new version', async () => {
    const page = await signedIn('Camille Bernard');
    await clickAndLoad(page, page.getByRole('link', { name: 'Catalogue', exact: true }));
    expect(await mainHeading(page)).toBe('Catalogue des formations');
    // The install's starter offers are there, marked as samples.
    await expect(
      page.locator('.card', { hasText: 'Exemple de l’installation' }).count(),
    ).resolves.toBeGreaterThan(0);
    await expectNoSideScroll(page, 'catalogue list');
    await expectAccessible(page, 'catalogue list');

    await clickAndLoad(page, page.getByRole('link', { name: 'Ajouter une offre' }));
    await page.getByLabel('Intitulé').fill(title);
    await page.getByRole('group', { name: 'Nature' }).getByLabel('Formation').check();
    await page.getByLabel('Public visé').fill(trainingOffer.audience);
    await page.getByLabel('Prérequis').fill(trainingOffer.prerequisites);
    await page.getByLabel('Durée (heures)').fill('14');
    for (const [index, step] of trainingOffer.programme.slice(0, 2).entries()) {
      await page.locator(`#step-${index + 1}-title`).fill(step.title);
      await page.locator(`#step-${index + 1}-content`).fill(step.content);
    }
    await page.getByLabel('Méthodes mobilisées').fill(trainingOffer.teachingMethods);
    await page.getByLabel('Modalités d’évaluation').fill(trainingOffer.assessmentMethod);
    await page.getByLabel('Accessibilité aux personnes handicapées').fill(trainingOffer.accessibility);
    await page.getByLabel('Délai d’accès').fill(trainingOffer.accessTime);
    await page.getByLabel('Qualifications des formateur·ices').fill(trainingOffer.trainerQualifications);
    await page.getByLabel('Prix d’une session, hors taxes (€)').fill('1 800');
    await page
      .getByLabel('Questions du test de positionnement (JSON)')
      .fill(JSON.stringify(trainingOffer.positioningQuestions));
    const refused = await clickAndLoad(page, page.getByRole('button', { name: 'Ajouter l’offre' }));
    expect(refused.status()).toBe(422);
    await expect(page.locator('#objectives-error').textContent()).resolves.toContain(
      'Donnez au moins un objectif opérationnel',
    );
    await expect(page.locator('#programme-error').textContent()).resolves.toContain('4 à 7 demi-journées');
    // The error summary links to each field in error; what was typed is kept.
    await expect(page.locator('.error-summary a[href="#objectives"]').count()).resolves.toBe(1);
    await expect(page.getByLabel('Intitulé').inputValue()).resolves.toBe(title);
    await expectNoSideScroll(page, 'refused offer');
    await expectAccessible(page, 'refused offer');
    await screenshot(page, 'console-catalogue-refused-phone');

    await page.getByLabel('Objectifs opérationnels').fill(trainingOffer.objectives.join('\n'));
    for (const [index, step] of trainingOffer.programme.entries()) {
      await page.locator(`#step-${index + 1}-title`).fill(step.title);
      await page.locator(`#step-${index + 1}-content`).fill(step.content);
    }
    expect((await clickAndLoad(page, page.getByRole('button', { name: 'Ajouter l’offre' }))).status()).toBe(
      200,
    );
    await page.getByRole('status').getByText('Offre ajoutée au catalogue.').waitFor();
    expect(await mainHeading(page)).toBe(title);
    offerPath = new URL(page.url()).pathname;

    await page.getByLabel('Prix d’une session, hors taxes (€)').fill('1 900');
    expect(
      (
        await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer une nouvelle version' }))
      ).status(),
    ).toBe(200);
    await page.getByRole('status').getByText('Nouvelle version enregistrée.').waitFor();
    await expect(page.locator('main li', { hasText: /^version \d+, le / }).count()).resolves.toBe(2);
    await expect(page.getByLabel('Prix d’une session, hors taxes (€)').inputValue()).resolves.toBe('1900.00');
    await expectNoSideScroll(page, 'offer page');
    await expectAccessible(page, 'offer page');
    await screenshot(page, 'console-catalogue-offer-phone');
    await page.context().close();
  });

  it('lets a coordinator plan a session with an offer of its kind, and says beside the select when it is not', async () => {
    expect(offerPath).not.toBe('');
    const page = await signedIn('Alex Durand');
    // Coordinators read an offer; only staff are given its form.
    expect((await page.goto(`${consoleUrl}${offerPath}`))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe(title);
    await expect(
      page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).count(),
    ).resolves.toBe(0);
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    const select = page.getByLabel('Offre du catalogue');
    await select.selectOption({ label: `Formation — ${title} (v2)` });
    await page.getByRole('group', { name: 'Type' }).getByLabel('Atelier').check();
    await page.getByLabel('Titre').fill('Animer ensemble');
    const day = addDays(businessDate(new Date()), 30);
    await page.getByRole('group', { name: 'Début' }).getByLabel('Jour').fill(day);
    await page.getByRole('group', { name: 'Début' }).getByLabel('Heure').fill('09:00');
    await page.getByRole('group', { name: 'Fin' }).getByLabel('Jour').fill(day);
    await page.getByRole('group', { name: 'Fin' }).getByLabel('Heure').fill('12:00');
    await page.getByLabel('Adresse (sur place)').fill('12 rue des Tanneurs, 69002 Lyon');
    const refused = await clickAndLoad(page, page.getByRole('button', { name: 'Planifier la session' }));
    expect(refused.status()).toBe(422);
    await expect(page.locator('#offerId-error').textContent()).resolves.toContain(
      'n’est pas du type de la session',
    );
    await expectAccessible(page, 'plan refused for the offer');

    await page.getByRole('group', { name: 'Type' }).getByLabel('Formation').check();
    await page.getByRole('group', { name: 'Fin' }).getByLabel('Heure').fill('17:00');
    await page.getByLabel('Nombre de places').fill('10');
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Planifier la session' }))).status(),
    ).toBe(200);
    await expect(page.locator('.card', { hasText: 'Animer ensemble' }).textContent()).resolves.toContain(
      `Offre : ${title} (v2)`,
    );
    await expectNoSideScroll(page, 'mission with an offered session');
    await clickAndLoad(page, page.getByRole('link', { name: 'Animer ensemble', exact: true }));
    await expect(page.locator('dl.summary').textContent()).resolves.toContain(`${title} (v2)`);

    // Moved, it may take another training of the catalogue: the starter one here.
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Déplacer Animer ensemble' }));
    const offers = page.getByLabel('Offre du catalogue');
    await expect(offers.locator('option').first().textContent()).resolves.toBe(
      `Garder son offre : ${title} (v2)`,
    );
    await expect(offers.locator('option', { hasText: /^Atelier \(v\d+\)$/ }).count()).resolves.toBe(0);
    await offers.selectOption({ label: 'Formation (v1)' });
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Déplacer la session' }))).status(),
    ).toBe(200);
    await expect(page.locator('.card', { hasText: 'Animer ensemble' }).textContent()).resolves.toContain(
      'Offre : Formation (v1)',
    );
    await expectAccessible(page, 'mission after the move');

    // Staff name the offer on the order's training line: the mission page says so beside the line.
    const amended = await fetch(`${api.baseUrl}/missions/${missionId}/order`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${await api.token({ subject: 'staff-catalogue', role: 'staff' })}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        orderLines: [
          {
            kind: 'training',
            quantity: 2,
            participantsPerSession: 10,
            unitPriceCents: 180_000,
            offerId: offerPath.split('/').at(-1),
          },
          { kind: 'workshop', quantity: 2, participantsPerSession: 15, unitPriceCents: 90_000 },
        ],
      }),
    });
    expect(amended.status, await amended.clone().text()).toBe(200);
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    const order = page.locator('ul.order li');
    await expect(order.first().textContent()).resolves.toContain(`Offre : ${title} (v2)`);
    await expect(order.nth(1).textContent()).resolves.not.toContain('Offre');
    await expectNoSideScroll(page, 'order lines with an offer');
    await page.context().close();
  });
});
