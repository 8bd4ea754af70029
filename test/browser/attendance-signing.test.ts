/**
 * A one-day training signed on phones, as people would: the lead facilitator opens the signing
 * e-mail's button, the participants type the short code on their phone, pick their name and
 * sign with a finger; one is signed in turn on the facilitator's device; the facilitator
 * countersigns each half-day. Through the API, the certificates then carry the hours signed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import {
  clickAndLoad,
  DESKTOP,
  expectAccessible,
  launchBrowser,
  mainHeading,
  openContext,
  PHONE,
  screenshot,
  WITHOUT_JAVASCRIPT,
} from '../support/browser.ts';
import { type Fixtures, fixtures } from '../support/browser-fixtures.ts';
import { type BrowserStack, buttonLink, sentTo, startBrowserStack } from '../support/browser-stack.ts';

interface FollowUp {
  participants: { id: string; firstName: string; hoursAttended: number | null; certificateSent: boolean }[];
  attendance: { status: string };
}

/** A finger's stroke across the pad: down, a few moves, up (signature_pad reads pointer events). */
async function drawSignature(page: Page, pad: string): Promise<void> {
  const canvas = page.locator(`#${pad} canvas`);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error(`no signature pad in #${pad}`);
  await page.mouse.move(box.x + 20, box.y + box.height * 0.7);
  await page.mouse.down();
  for (const [x, y] of [
    [0.2, 0.3],
    [0.35, 0.75],
    [0.5, 0.25],
    [0.65, 0.7],
    [0.85, 0.4],
  ] as const)
    await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 6 });
  await page.mouse.up();
}

describe('attendance signing pages', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let phone: BrowserContext;
  let laptop: BrowserContext;
  let given: Fixtures;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    phone = await openContext(browser, PHONE);
    laptop = await openContext(browser, DESKTOP);
    given = await fixtures(stack);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs two half-days on phones, one person in turn, countersigned: certificates with the hours signed', async () => {
    const missionId = await given.mission();
    const session = await given.session(missionId, { otherFacilitators: 0 });
    const lead = await given.facilitator('Rosa');
    await given.invite(session, lead.id);
    const invitation = buttonLink(await stack.waitForEmail(sentTo(lead.email)), stack.baseUrl);
    await given.expectCall(given.staff, 'POST', `${new URL(invitation).pathname}/accept`, 200, {});
    await given.register(session, [
      { email: `ana-${given.run}@example.org`, firstName: 'Ana', lastName: 'Lopez' },
      { email: `yann-${given.run}@example.org`, firstName: 'Yann', lastName: 'Kerouac' },
    ]);
    // The fixtures plan the session 20 days from the test server's today, 09:00–17:00 in Paris.
    const day = addDays(businessDate(stack.now()), 20);
    const at = (time: string) => zonedInstant(day, time, 'Europe/Paris');

    // The start: the lead facilitator's e-mail button opens the signing page on a laptop.
    await stack.sleepUntil(at('09:05'));
    const signingEmail = await stack.waitForEmail(
      (email) => sentTo(lead.email)(email) && email.subject.startsWith('Émargement'),
    );
    const facilitatorLink = buttonLink(signingEmail, stack.baseUrl);
    const desk = await laptop.newPage();
    expect((await desk.goto(facilitatorLink))?.status()).toBe(200);
    expect(await mainHeading(desk)).toBe(`Émargement — ${session.title}`);
    await desk.getByRole('img', { name: 'QR code du lien de signature' }).waitFor();
    const code = ((await desk.locator('.short-link').textContent()) ?? '').trim().split('/e/')[1] ?? '';
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    await expectAccessible(desk, 'facilitator signing page');
    await screenshot(desk, 'attendance-signing-facilitator-desktop');
    const onPhone = await phone.newPage();
    await onPhone.goto(facilitatorLink);
    await expectAccessible(onPhone, 'facilitator signing page on a phone');
    await onPhone.goto(`${facilitatorLink}?lang=en`);
    expect(await mainHeading(onPhone)).toBe(`Attendance signing — ${session.title}`);
    await expectAccessible(onPhone, 'facilitator signing page in English');
    await screenshot(onPhone, 'attendance-signing-facilitator-phone');
    await onPhone.close();

    // Ana types the short code on her phone, picks her name, and signs with a finger.
    const ana = await phone.newPage();
    expect((await ana.goto(`${stack.baseUrl}/e/${code}`))?.status()).toBe(200);
    expect(await mainHeading(ana)).toBe('Signer ma présence');
    await expectAccessible(ana, 'participant signing page');
    await screenshot(ana, 'attendance-signing-participant-phone');
    const english = await phone.newPage();
    await english.goto(`${ana.url()}?lang=en`);
    expect(await mainHeading(english)).toBe('Sign my attendance');
    await expectAccessible(english, 'participant signing page in English');
    await screenshot(english, 'attendance-signing-participant-phone-en');
    await english.close();
    await ana.getByRole('radio', { name: 'Ana L.' }).check();
    const unsigned = await clickAndLoad(ana, ana.getByRole('button', { name: 'Signer' }));
    expect(unsigned.status()).toBe(422);
    await ana
      .getByRole('alert')
      .getByRole('link', { name: 'Signez dans le cadre avant de valider' })
      .waitFor();
    expect(await ana.getByRole('group', { name: 'Signature' }).getAttribute('aria-describedby')).toContain(
      'signature-error',
    );
    await expectAccessible(ana, 'participant signing page with an error');
    await screenshot(ana, 'attendance-signing-participant-error-phone');
    await ana.getByRole('radio', { name: 'Ana L.' }).check();
    await drawSignature(ana, 'signature');
    expect((await clickAndLoad(ana, ana.getByRole('button', { name: 'Signer' }))).status()).toBe(200);
    await ana.getByRole('heading', { name: 'Merci, votre signature est enregistrée' }).waitFor();
    await screenshot(ana, 'attendance-signing-participant-done-phone');

    // Without JavaScript the pad cannot work: the page says so instead of failing silently.
    const noScript = await openContext(browser, PHONE, WITHOUT_JAVASCRIPT);
    const plain = await noScript.newPage();
    await plain.goto(`${stack.baseUrl}/e/${code}`);
    await plain.getByText('La signature au doigt a besoin de JavaScript').waitFor();
    await noScript.close();

    // Yann has no phone: he signs in turn on the facilitator's laptop; then the countersignature.
    await desk.reload();
    await desk.getByRole('radio', { name: 'Yann Kerouac' }).check();
    await drawSignature(desk, 'signature');
    expect(
      (await clickAndLoad(desk, desk.getByRole('button', { name: 'Enregistrer la signature' }))).status(),
    ).toBe(200);
    await desk.getByRole('heading', { name: 'Signature enregistrée' }).waitFor();
    await drawSignature(desk, 'countersignature');
    await clickAndLoad(desk, desk.getByRole('button', { name: 'Contresigner la demi-journée' }));
    await desk.getByRole('heading', { name: 'Demi-journée contresignée' }).waitFor();
    await screenshot(desk, 'attendance-signing-countersigned-desktop');

    // The afternoon: only Ana signs; countersigned at the end of the day.
    await stack.sleepUntil(at('13:40'));
    await desk.reload();
    const afternoonCode =
      ((await desk.locator('.short-link').textContent()) ?? '').trim().split('/e/')[1] ?? '';
    expect(afternoonCode).not.toBe(code);
    await ana.goto(`${stack.baseUrl}/e/${afternoonCode}`);
    await ana.getByRole('radio', { name: 'Ana L.' }).check();
    await drawSignature(ana, 'signature');
    await clickAndLoad(ana, ana.getByRole('button', { name: 'Signer' }));
    await ana.getByRole('heading', { name: 'Merci, votre signature est enregistrée' }).waitFor();
    await stack.sleepUntil(at('16:55'));
    await desk.reload();
    await drawSignature(desk, 'countersignature');
    await clickAndLoad(desk, desk.getByRole('button', { name: 'Contresigner la demi-journée' }));
    await desk.getByRole('heading', { name: 'Demi-journée contresignée' }).waitFor();
    await desk.getByRole('heading', { name: 'Toutes les demi-journées sont contresignées' }).waitFor();
    await expectAccessible(desk, 'facilitator signing page, day countersigned');
    await screenshot(desk, 'attendance-signing-day-done-desktop');

    // The end: attendance comes from the signatures; Yann gets the morning's hours only.
    await stack.sleepUntil(at('17:05'));
    await expect
      .poll(
        async () =>
          (
            await given.expectCall<FollowUp>(given.coordinator, 'GET', `${session.base}/participants`, 200)
          ).participants.map((participant) => [
            participant.firstName,
            participant.hoursAttended,
            participant.certificateSent,
          ]),
        { timeout: 20_000 },
      )
      .toEqual([
        ['Ana', 7, true],
        ['Yann', 3.5, true],
      ]);
  });
});
