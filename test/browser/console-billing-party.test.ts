/**
 * Billing addresses in the console, in a real Chromium on a 360 px phone: staff reach a client's
 * from its settings, are told beside each field what is missing or wrong (a SIREN whose check
 * digit the API refuses, a VAT number that is not the SIREN's), save it, and set a company's
 * OPCO the billing e-mail points to. The real API on the dev server; axe finds nothing serious.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/app.ts';
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

describe('billing addresses in the console (phone)', () => {
  const run = randomUUID().slice(0, 8);
  const client = `Collège Jean Moulin ${run}`;
  let api: RunningApi;
  let consoleApp: FastifyInstance;
  let consoleUrl = '';
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi();
    consoleApp = await buildConsole({
      apiUrl: api.baseUrl,
      devSignIn: {
        secret: TEST_JWT_SECRET,
        people: [{ subject: 'staff-billing', role: 'staff', name: 'Camille Bernard' }],
      },
    });
    consoleUrl = await consoleApp.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await consoleApp?.close();
    await api?.stop();
  });

  async function signedIn(): Promise<Page> {
    const context = await openContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/sign-in?back=${encodeURIComponent('/missions')}`);
    await page.getByLabel('Camille Bernard').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
    return page;
  }

  it("lets staff record a client's billing address, each mistake said beside its field", async () => {
    const page = await signedIn();
    await page.goto(`${consoleUrl}/clients/${encodeURIComponent(client)}/settings`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Adresse de facturation' }));
    expect(await mainHeading(page)).toBe(`Facturation du client — ${client}`);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Aucune adresse de facturation n’est enregistrée',
    );
    await expect(page.getByLabel('Pays').inputValue()).resolves.toBe('FR');

    await page.getByLabel('Code postal').fill('6900');
    await page.getByLabel('SIREN').fill('55210055');
    const empty = await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer' }));
    expect(empty.status()).toBe(422);
    await expect(page.locator('#legalName-error').textContent()).resolves.toContain(
      'Saisissez la raison sociale',
    );
    await expect(page.locator('#postalCode-error').textContent()).resolves.toContain('5 chiffres');
    await expect(page.locator('#siren-error').textContent()).resolves.toContain('9 chiffres');
    await expect(page.locator('.error-summary a[href="#city"]').count()).resolves.toBe(1);
    await expect(page.getByLabel('Code postal').inputValue()).resolves.toBe('6900');
    await expectAccessible(page, 'billing address refused');
    await expectNoSideScroll(page, 'billing address refused');
    await screenshot(page, 'billing-party-refused-360');

    await page.getByLabel('Raison sociale ou nom').fill(client);
    await page.getByLabel('Adresse', { exact: true }).fill('3 rue des Écoles');
    await page.getByLabel('Code postal').fill('69 002');
    await page.getByLabel('Ville').fill('Lyon');
    await page.getByLabel('SIREN').fill('552 100 555');
    await page.getByLabel('Numéro de TVA intracommunautaire (facultatif)').fill('FR00552100554');
    const checksum = await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer' }));
    expect(checksum.status()).toBe(422);
    await expect(page.locator('#siren-error').textContent()).resolves.toContain('clé de contrôle');

    await page.getByLabel('SIREN').fill('552 100 554');
    const vat = await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer' }));
    expect(vat.status()).toBe(422);
    await expect(page.locator('#vatNumber-error').textContent()).resolves.toContain('FR96552100554');

    await page.getByLabel('Numéro de TVA intracommunautaire (facultatif)').fill('fr96552100554');
    const saved = await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer' }));
    expect(saved.status()).toBe(200);
    const main = await page.locator('main').textContent();
    expect(main).toContain('Adresse de facturation enregistrée');
    expect(main).toContain('3 rue des Écoles, 69002 Lyon, FR');
    expect(main).toContain('FR96552100554');
    await expect(page.getByLabel('SIREN').inputValue()).resolves.toBe('552100554');
    await expectAccessible(page, 'billing address saved');

    const recorded = await fetch(`${api.baseUrl}/clients/${encodeURIComponent(client)}/billing-party`, {
      headers: { authorization: `Bearer ${await api.token({ subject: 'staff-billing', role: 'staff' })}` },
    });
    expect(await recorded.json()).toMatchObject({
      partyKey: `client:${client}`,
      postalCode: '69002',
      siren: '552100554',
      vatNumber: 'FR96552100554',
    });
    await page.context().close();
  });

  it("lets staff record a company's OPCO at the address the billing e-mail gives, a private person without SIREN", async () => {
    const page = await signedIn();
    expect((await page.goto(`${consoleUrl}/opcos/732829320/billing`))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('OPCO de l’entreprise — SIREN 732829320');
    await page.getByLabel('Raison sociale ou nom').fill('OPCO Atlas');
    await page.getByLabel('Adresse', { exact: true }).fill('25 quai Panhard et Levassor');
    await page.getByLabel('Code postal').fill('75013');
    await page.getByLabel('Ville').fill('Paris');
    await page.getByLabel('SIREN').fill('303265045');
    expect((await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer' }))).status()).toBe(200);
    await expect(page.locator('main').textContent()).resolves.toContain('OPCO Atlas');
    expect((await page.goto(`${consoleUrl}/opcos/73282932/billing`))?.status()).toBe(404);
    await page.context().close();
  });
});
