/**
 * A trainee assesses what they learnt from the e-mail that follows their certificate, on a phone:
 * first in English (the objectives stay in French, as the attestation prints them) with a message
 * beside the objective they left unanswered, then the attestation de fin de formation arrives
 * with their result. Checked with axe at each step, and screenshotted for review.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { type Fixtures, fixtures, type PlannedSession } from '../support/browser-fixtures.ts';
import {
  type BrowserStack,
  buttonLink,
  eventually,
  sentTo,
  startBrowserStack,
} from '../support/browser-stack.ts';
import { pdfBytesText } from '../support/pdf.ts';

interface FollowUp {
  participants: { id: string; email: string }[];
}

/** The starter training offer's one objective (db/migrations/1732354700000_training-catalogue.sql). */
const OBJECTIVE = 'Mettre en pratique dans sa situation de travail les apports de la formation';

describe('end-of-training assessment on a phone', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let phone: BrowserContext;
  let given: Fixtures;
  let session: PlannedSession;
  let day = '';
  const sam = { firstName: 'Sam', lastName: 'Taylor', email: '' };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    phone = await openContext(browser, PHONE);
    given = await fixtures(stack);
    day = addDays(businessDate(stack.now()), 10);
    session = await given.session(await given.mission(), {
      inDays: 10,
      otherFacilitators: 0,
      language: 'en',
    });
    sam.email = `sam-assess-${given.run}@example.org`;
    await given.register(session, [sam]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  // An attestation waits for LibreOffice and the seal: allow it a minute on a loaded machine.
  const emailTo = (subject: string) =>
    eventually(
      `an e-mail to Sam starting "${subject}"`,
      () => stack.emails(sentTo(sam.email)).find((each) => each.subject.startsWith(subject)),
      60_000,
    );

  it('answers in English beside each objective, and receives the attestation with the result', async () => {
    await stack.sleepUntil(zonedInstant(day, '18:00', 'Europe/Paris'));
    const followUp = await given.expectCall<FollowUp>(
      given.coordinator,
      'GET',
      `${session.base}/participants`,
      200,
    );
    const participantId = followUp.participants.find((each) => each.email === sam.email)?.id ?? '';
    await given.paperAttendance(session, [{ participantId, halfDays: [true, true] }]);

    const invitation = await emailTo('Assess what you have learnt');
    const page: Page = await phone.newPage();
    expect((await page.goto(buttonLink(invitation, stack.baseUrl)))?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await mainHeading(page)).toBe('Assessing what you have learnt');
    await expectAccessible(page, 'end-of-training assessment in English');
    await expectNoSideScroll(page, 'end-of-training assessment on a phone');
    await screenshot(page, 'end-of-training-assessment-en-phone');

    // The same page in French, as the session's other trainees would read it.
    const french = await phone.newPage();
    expect((await french.goto(`${buttonLink(invitation, stack.baseUrl)}?lang=fr`))?.status()).toBe(200);
    expect(await mainHeading(french)).toBe('Évaluation de vos acquis');
    await expectAccessible(french, 'end-of-training assessment in French');
    await screenshot(french, 'end-of-training-assessment-fr-phone');
    await french.close();

    // Sent without choosing for the objective: the message sits beside it, the text is kept.
    await page
      .getByLabel('What can you do now that you could not do before the training?')
      .fill('Run a check-in round with a new team.');
    const refused = await clickAndLoad(page, page.getByRole('button', { name: 'Send my assessment' }));
    expect(refused.status()).toBe(422);
    const objective = page.getByRole('group', { name: new RegExp(`Objective 1: ${OBJECTIVE}`) });
    expect(await objective.getByText('Say where you stand on objective 1').isVisible()).toBe(true);
    await expectAccessible(page, 'end-of-training assessment with an error');
    await screenshot(page, 'end-of-training-assessment-error-en-phone');

    await objective.getByRole('radio', { name: 'I can partly do it' }).check();
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Send my assessment' }));
    expect(landed.status()).toBe(200);
    await page.getByRole('heading', { name: 'Thank you, your assessment is recorded' }).waitFor();
    await expectAccessible(page, 'end-of-training assessment recorded');

    // Opened again from the e-mail: the answer stands, no form to send twice.
    await page.goto(buttonLink(invitation, stack.baseUrl));
    await page.getByRole('heading', { name: 'Thank you, your assessment is recorded' }).waitFor();
    expect(await page.locator('form').count()).toBe(0);

    const attestation = await emailTo('Your end-of-training attestation');
    expect(attestation.attachments.map((file) => file.filename)).toEqual([
      'attestation-fin-formation-taylor-sam.pdf',
    ]);
    const text = (await pdfBytesText(attestation.attachments[0]?.bytes ?? Buffer.alloc(0))).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('ATTESTATION DE FIN DE FORMATION');
    expect(text).toContain('Sam Taylor');
    expect(text).toContain('En cours d’acquisition');
  });
});
