/**
 * What a participant of a training answers from their e-mails on a phone: the positioning test
 * from the convocation, the hot survey once attendance is recorded, the cold survey on day 90.
 * One French and one English training on the same day share the skipped time, in order.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import {
  clickAndLoad,
  expectAccessible,
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

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

interface FollowUp {
  participants: { id: string; email: string; certificateSent: boolean }[];
}

describe('positioning test and satisfaction survey pages', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let phone: BrowserContext;
  let given: Fixtures;
  let french: PlannedSession;
  let english: PlannedSession;
  let day = '';
  const lea = { firstName: 'Léa', lastName: 'Roux', email: '' };
  const sam = { firstName: 'Sam', lastName: 'Taylor', email: '' };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    phone = await openContext(browser, PHONE);
    given = await fixtures(stack);
    const missionId = await given.mission();
    day = addDays(businessDate(stack.now()), 10);
    french = await given.session(missionId, { inDays: 10, otherFacilitators: 0 });
    english = await given.session(missionId, { inDays: 10, otherFacilitators: 0, language: 'en' });
    lea.email = `lea-${given.run}@example.org`;
    sam.email = `sam-${given.run}@example.org`;
    await given.register(french, [lea]);
    await given.register(english, [sam]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The button of the first e-mail to `address` whose subject starts so (reminders excluded). */
  const linkTo = (address: string, subject: string) =>
    eventually(`an e-mail to ${address} starting "${subject}"`, () => {
      const email = stack.emails(sentTo(address)).find((each) => each.subject.startsWith(subject));
      return email && buttonLink(email, stack.baseUrl);
    });

  const openAt = async (link: string): Promise<Page> => {
    const page = await phone.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    return page;
  };

  const stored = async (table: 'positioning_test_answers' | 'survey_answers', sessionId: string) =>
    stack.harness.pool.any(
      sql.unsafe`select answers from ${sql.identifier([table])} where session_id = ${sessionId}`,
    );

  const surveySummary = (session: PlannedSession) =>
    given.expectCall<{ kind: string; answers: number; averageRating: number }[]>(
      given.coordinator,
      'GET',
      `${session.base}/surveys/summary`,
      200,
    );

  it('answers the positioning test from the convocation', async () => {
    await stack.sleepUntil(zonedInstant(addDays(day, -7), '10:00', 'Europe/Paris'));
    const page = await openAt(await linkTo(lea.email, 'Convocation'));
    expect(await mainHeading(page)).toBe('Test de positionnement');
    await expectAccessible(page, 'positioning test');
    await screenshot(page, 'positioning-test-phone');

    await page
      .getByRole('group', { name: /Où en êtes-vous aujourd’hui/ })
      .getByRole('radio', { name: '2 — J’en ai des notions' })
      .check();
    await page.getByLabel('Qu’attendez-vous de cette formation ?').fill('Savoir réagir face à un malaise');
    await page
      .getByRole('group', { name: /Avez-vous les prérequis/ })
      .getByRole('radio', { name: 'Oui' })
      .check();
    await page
      .getByRole('group', { name: /Avez-vous besoin d’une adaptation/ })
      .getByRole('radio', { name: 'Non' })
      .check();
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer mes réponses' }));
    expect(landed.status()).toBe(200);
    await page.getByRole('heading', { name: 'Merci, vos réponses sont transmises' }).waitFor();
    await expectAccessible(page, 'positioning test sent');
    await screenshot(page, 'positioning-test-sent-phone');
    // No route reads positioning answers yet: what the trainer would read is the stored row.
    expect(await stored('positioning_test_answers', french.sessionId)).toMatchObject([
      {
        answers: {
          level: 2,
          expectations: 'Savoir réagir face à un malaise',
          prerequisites: 'yes',
          adaptationNeeded: 'no',
        },
      },
    ]);
  });

  it('shows the positioning test of a training in English in English', async () => {
    const page = await openAt(await linkTo(sam.email, 'Convocation'));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await mainHeading(page)).toBe('Positioning test');
    await page.getByRole('button', { name: 'Send my answers' }).waitFor();
    await expectAccessible(page, 'positioning test in English');
  });

  it('answers the hot survey once attendance is recorded, and the summary counts it', async () => {
    await stack.sleepUntil(zonedInstant(day, '18:00', 'Europe/Paris'));
    for (const [session, person] of [
      [french, lea],
      [english, sam],
    ] as const) {
      const followUp = await given.expectCall<FollowUp>(
        given.coordinator,
        'GET',
        `${session.base}/participants`,
        200,
      );
      const participantId = followUp.participants.find((each) => each.email === person.email)?.id ?? '';
      await given.paperAttendance(session, [{ participantId, halfDays: [true, true] }]);
    }
    const page = await openAt(await linkTo(lea.email, 'Votre certificat de réalisation'));
    expect(await mainHeading(page)).toBe('Votre avis sur la formation');
    await expectAccessible(page, 'hot survey');
    await screenshot(page, 'survey-hot-phone');

    await rate(page, /Dans l’ensemble, êtes-vous satisfait·e/, '4 — Satisfait·e');
    await page
      .getByRole('group', { name: /atteint ses objectifs/ })
      .getByRole('radio', { name: 'En partie' })
      .check();
    await rate(page, /satisfait·e de l’animation/, '5 — Très satisfait·e');
    await rate(page, /satisfait·e de l’organisation/, '3 — Moyennement satisfait·e');
    await page.getByLabel('Un commentaire, une suggestion ?').fill('Plus de mises en situation, svp.');
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer mon avis' }));
    expect(landed.status()).toBe(200);
    await page.getByRole('heading', { name: 'Merci, vos réponses sont enregistrées' }).waitFor();
    await expectAccessible(page, 'hot survey sent');
    await screenshot(page, 'survey-hot-sent-phone');

    expect(await surveySummary(french)).toEqual([{ kind: 'hot', answers: 1, averageRating: 4 }]);
    expect(await stored('survey_answers', french.sessionId)).toMatchObject([
      { answers: { objectivesMet: 'partly', facilitatorRating: 5, organisationRating: 3 } },
    ]);
  });

  it('shows the hot survey of a training in English in English', async () => {
    const page = await openAt(await linkTo(sam.email, 'Your certificate of completion'));
    expect(await mainHeading(page)).toBe('Your opinion of the training');
    await expectAccessible(page, 'hot survey in English');
  });

  it('answers the cold survey on day 90, with what the participant applied since', async () => {
    await stack.sleepUntil(new Date(zonedInstant(day, '17:00', 'Europe/Paris').getTime() + 90 * DAY + HOUR));
    const page = await openAt(await linkTo(lea.email, 'Trois mois après'));
    expect(await mainHeading(page)).toBe('Trois mois après : votre avis');
    await expectAccessible(page, 'cold survey');
    await screenshot(page, 'survey-cold-phone');

    await rate(page, /Avec le recul, êtes-vous satisfait·e/, '5 — Très satisfait·e');
    await page
      .getByRole('group', { name: /atteint ses objectifs/ })
      .getByRole('radio', { name: 'Oui', exact: true })
      .check();
    await rate(page, /satisfait·e de l’animation/, '5 — Très satisfait·e');
    await rate(page, /satisfait·e de l’organisation/, '4 — Satisfait·e');
    await page
      .getByLabel('Qu’avez-vous mis en pratique depuis la formation ?')
      .fill('La position latérale de sécurité, deux fois.');
    await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer mon avis' }));
    await page.getByRole('heading', { name: 'Merci, vos réponses sont enregistrées' }).waitFor();

    expect(await surveySummary(french)).toEqual([
      { kind: 'hot', answers: 1, averageRating: 4 },
      { kind: 'cold', answers: 1, averageRating: 5 },
    ]);
    expect(await stored('survey_answers', french.sessionId)).toContainEqual({
      answers: expect.objectContaining({ appliedSince: 'La position latérale de sécurité, deux fois.' }),
    });
  });

  it('shows the cold survey of a training in English in English', async () => {
    const page = await openAt(await linkTo(sam.email, 'Three months on'));
    expect(await mainHeading(page)).toBe('Three months on: your opinion');
    await page.getByLabel('What have you put into practice since the training?').waitFor();
    await expectAccessible(page, 'cold survey in English');
  });
});

async function rate(page: Page, question: RegExp, answer: string) {
  await page.getByRole('group', { name: question }).getByRole('radio', { name: answer }).check();
}
