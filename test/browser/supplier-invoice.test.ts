/**
 * An international provider, not self-billed, uploads their invoice from the e-mail's link on a
 * phone; a file that is not a PDF/PNG/JPEG is refused with the message beside the field.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
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
import { type Fixtures, fixtures } from '../support/browser-fixtures.ts';
import {
  type BrowserStack,
  buttonLink,
  eventually,
  sentTo,
  startBrowserStack,
} from '../support/browser-stack.ts';
import { smallPdf } from '../support/small-pdf.ts';
import { BILLING_EMAIL } from '../support/worker-harness.ts';

interface Payouts {
  payouts: { id: string; provider: { id: string }; channel: string; status: string; totalCents: number }[];
}

describe('supplier invoice page', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let phone: BrowserContext;
  let given: Fixtures;
  let uploadLink = '';
  let missionId = '';
  let providerId = '';

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    phone = await openContext(browser, PHONE);
    given = await fixtures(stack);

    // A Belgian provider facilitates a school workshop; its attendance and sheet are done on paper.
    missionId = await given.mission('education');
    const day = addDays(businessDate(stack.now()), 5);
    const session = await given.session(missionId, {
      kind: 'workshop',
      inDays: 5,
      to: '12:00',
      otherFacilitators: 0,
    });
    const jan = await given.facilitator('Jan', { country: 'BE' });
    providerId = jan.id;
    await given.invite(session, jan.id);
    const invitation = await stack.waitForEmail(sentTo(jan.email));
    const answer = new URL(buttonLink(invitation, stack.baseUrl)).pathname;
    expect((await stack.call(null, 'POST', `${answer}/accept`, {})).status).toBe(200);
    await stack.sleepUntil(zonedInstant(day, '13:00', 'Europe/Paris'));
    await given.paperAttendance(session, []);
    // The payout item turns eligible once the mission has heard of the confirmed sheet.
    await eventually('a payout request', async () => {
      const requested = await stack.call(given.coordinator, 'POST', `/missions/${missionId}/payout-requests`);
      return requested.status === 201 ? requested : undefined;
    });
    const request = await stack.waitForEmail(
      (email) => sentTo(jan.email)(email) && email.subject.includes('votre facture'),
    );
    uploadLink = buttonLink(request, stack.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const payoutOfProvider = async () =>
    (
      await given.expectCall<Payouts>(given.coordinator, 'GET', `/missions/${missionId}/payouts`, 200)
    ).payouts.find((payout) => payout.provider.id === providerId);

  // The link works once: the refused file comes first.
  it('refuses a file that is not a PDF, PNG or JPEG, with the message beside the field', async () => {
    const page = await phone.newPage();
    expect((await page.goto(uploadLink))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('Envoyer votre facture');
    await page.getByText('Un fichier PDF, PNG ou JPEG de 10 Mo au plus.').waitFor();
    await page.getByText('250,00 €').first().waitFor();
    expect(await page.textContent('main'), 'dates as people read them').not.toMatch(/\d{4}-\d\d-\d\dT/);
    await expectAccessible(page, 'supplier invoice');
    await expectNoSideScroll(page, 'supplier invoice');
    await screenshot(page, 'supplier-invoice-phone');

    await page.getByLabel('Votre facture').setInputFiles({
      name: 'facture.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('Ceci est un document texte, pas un PDF.'),
    });
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer la facture' }));
    expect(landed.status()).toBe(422);
    const message = 'Le fichier doit être un PDF, un PNG ou un JPEG';
    await page.getByRole('alert').getByRole('link', { name: message }).waitFor();
    expect(await page.getByLabel('Votre facture').getAttribute('aria-describedby')).toContain(
      'invoice-error',
    );
    expect(await page.locator('#invoice-error').textContent()).toContain(message);
    await expectAccessible(page, 'supplier invoice refused');
    await expectNoSideScroll(page, 'supplier invoice refused');
    await screenshot(page, 'supplier-invoice-refused-phone');
    expect((await payoutOfProvider())?.status).toBe('awaiting_invoice');
  });

  it('shows the upload form in English to a provider who asks for it', async () => {
    const page = await phone.newPage();
    expect((await page.goto(`${uploadLink}?lang=en`))?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await mainHeading(page)).toBe('Send your invoice');
    await page.getByLabel('Your invoice').waitFor();
    await page.getByText('€250.00').first().waitFor();
    await expectAccessible(page, 'supplier invoice in English');
    await screenshot(page, 'supplier-invoice-en-phone');
  });

  it("uploads a small PDF, which becomes the payout's invoice for the billing team", async () => {
    const invoice = smallPdf('Facture F-2026-042 : animation atelier');
    const page = await phone.newPage();
    await page.goto(uploadLink);
    await page.getByLabel('Votre facture').setInputFiles({
      name: 'facture-F-2026-042.pdf',
      mimeType: 'application/pdf',
      buffer: invoice,
    });
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer la facture' }));
    expect(landed.status()).toBe(200);
    await page.getByRole('heading', { name: 'Facture reçue' }).waitFor();
    await expectAccessible(page, 'supplier invoice received');
    await screenshot(page, 'supplier-invoice-received-phone');

    const payout = await eventually('the invoice on the payout', async () => {
      const found = await payoutOfProvider();
      return found?.status === 'awaiting_invoice' ? undefined : found;
    });
    expect(payout.status).toBe('invoice_received');
    const stored = await stack.call<Buffer>(given.staff, 'GET', `/payouts/${payout.id}/invoice`);
    expect(stored.status).toBe(200);
    expect(Buffer.compare(stored.body, invoice)).toBe(0);
    await stack.waitForEmail(
      (email) => sentTo(BILLING_EMAIL)(email) && email.subject.startsWith('À payer : facture fournisseur'),
    );
  });
});
