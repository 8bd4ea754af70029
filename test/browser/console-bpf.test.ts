/**
 * Staff's yearly BPF page in the console, in a real Chromium on a laptop and a phone: a year of
 * sales seeded into the read model of a database of its own (test/support/bpf-year.ts), the real
 * API over it, the console calling that API as the signed-in staff member. The figures shown are
 * the ones the scenarios say, the sessions behind a figure open, a bad year is said beside the
 * field, the spreadsheet downloads, and axe finds nothing serious.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildConsole } from '../../console/app.ts';
import { migrate } from '../../db/migrate.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { formatMoney } from '../../pages/i18n.ts';
import { dropDatabase, ensureDatabase } from '../../scripts/provision/postgres.ts';
import { type RunningApi, startApi, TEST_JWT_SECRET } from '../support/api-harness.ts';
import { type SeededYear, seedBpfYear } from '../support/bpf-year.ts';
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
import { testPool } from '../support/database.ts';

const YEAR = 2026;

describe('the yearly BPF in the console', () => {
  const database = `missions_bpf_console_${process.pid}_${Date.now()}`;
  let pool: DatabasePool;
  let api: RunningApi;
  let consoleApp: FastifyInstance;
  let consoleUrl = '';
  let browser: Browser;
  let seeded: SeededYear;

  beforeAll(async () => {
    const databaseUrl = await ensureDatabase(inject('databaseUrl'), database);
    await migrate(databaseUrl);
    pool = await testPool(databaseUrl);
    seeded = await seedBpfYear(pool, YEAR, 13);
    api = await startApi({}, { databaseUrl });
    consoleApp = await buildConsole({
      apiUrl: api.baseUrl,
      devSignIn: {
        secret: TEST_JWT_SECRET,
        people: [{ subject: 'staff-bpf', role: 'staff', name: 'Camille Bernard' }],
      },
    });
    consoleUrl = await consoleApp.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await consoleApp?.close();
    await api?.stop();
    await pool?.end();
    await dropDatabase(inject('databaseUrl'), database);
  });

  async function signedIn(options: typeof DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
    const context = await openContext(browser, { ...options, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/sign-in?back=${encodeURIComponent('/missions')}`);
    await page.getByLabel('Camille Bernard').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
    return { context, page };
  }

  const row = (page: Page, line: string) =>
    page.locator('tr', { has: page.locator(`th[scope="row"]`, { hasText: line }) });

  it('shows the year’s figures from the staff menu, with the sessions behind each', async () => {
    const { context, page } = await signedIn(DESKTOP);
    await clickAndLoad(page, page.getByRole('link', { name: 'Bilan annuel (BPF)' }));
    expect(await mainHeading(page)).toBe(`Bilan pédagogique et financier ${YEAR - 1}`);
    await page.getByLabel('Année').fill(String(YEAR));
    await clickAndLoad(page, page.getByRole('button', { name: 'Afficher' }));
    expect(await mainHeading(page)).toBe(`Bilan pédagogique et financier ${YEAR}`);

    const c1 = row(page, 'C-1').first();
    await expect(c1.textContent()).resolves.toContain(formatMoney(seeded.income.get('C-1') ?? 0, 'fr'));
    const total = [...seeded.income.values()].reduce((sum, cents) => sum + cents, 0);
    await expect(row(page, 'C-total').textContent()).resolves.toContain(formatMoney(total, 'fr'));
    const kindA = seeded.trainees.get('F-1-a') ?? { persons: 0, hours: 0 };
    await expect(row(page, 'F-1-a').textContent()).resolves.toContain(String(kindA.persons));

    await c1.locator('summary').click();
    await expect(c1.locator('details li').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText('Ce que le service ne peut pas remplir').count()).resolves.toBe(1);
    await expectAccessible(page, 'bpf laptop');
    await screenshot(page, 'console-bpf-laptop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le tableur (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bpf-${YEAR}.csv`);
    await context.close();
  });

  it('says what is wrong with the year beside the field, and reads on a phone', async () => {
    const { context, page } = await signedIn(PHONE);
    const refused = await page.goto(`${consoleUrl}/reports/bpf?year=1999`);
    expect(refused?.status()).toBe(422);
    await expect(page.locator('#year-error').textContent()).resolves.toContain('entre 2000 et 2100');
    await page.goto(`${consoleUrl}/reports/bpf?year=${YEAR}`);
    await expectNoSideScroll(page, 'bpf phone');
    await expectAccessible(page, 'bpf phone');
    await screenshot(page, 'console-bpf-phone');
    await context.close();
  });
});
