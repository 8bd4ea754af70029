/**
 * A participant of a training held in English answers from their e-mails on a phone, in English:
 * the positioning test from the convocation, the hot survey from the certificate, the cold survey
 * on day 90. (answers.test.ts does the same for a French training, with its errors and desktop.)
 * The whole questionnaire is kept: the summaries through the API, the answers in the database.
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
  participants: { id: string; email: string }[];
}

describe('positioning test and satisfaction surveys of a training in English', () => {
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
    sam.email = `sam-${given.run}@example.org`;
    await given.register(session, [sam]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The button of the first e-mail to Sam whose subject starts so (reminders excluded). */
  const linkTo = (subject: string) =>
    eventually(`an e-mail to Sam starting "${subject}"`, () => {
      const email = stack.emails(sentTo(sam.email)).find((each) => each.subject.startsWith(subject));
      return email && buttonLink(email, stack.baseUrl);
    });

  const openAt = async (link: string): Promise<Page> => {
    const page = await phone.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    return page;
  };

  const stored = async (table: 'positioning_test_answers' | 'survey_answers') =>
    stack.harness.pool.any(
      sql.unsafe`select answers from ${sql.identifier([table])} where session_id = ${session.sessionId}`,
    );

  const surveySummary = () =>
    given.expectCall<{ kind: string; answers: number; averageRating: number }[]>(
      given.coordinator,
      'GET',
      `${session.base}/surveys/summary`,
      200,
    );

  async function rate(page: Page, question: RegExp, answer: string) {
    await page.getByRole('group', { name: question }).getByRole('radio', { name: answer }).check();
  }

  it('answers the positioning test in English from the convocation', async () => {
    await stack.sleepUntil(zonedInstant(addDays(day, -7), '10:00', 'Europe/Paris'));
    const page = await openAt(await linkTo('Convocation'));
    expect(await mainHeading(page)).toBe('Positioning test');
    await expectAccessible(page, 'positioning test in English');
    await screenshot(page, 'positioning-test-en-session-phone');

    await rate(page, /Where do you stand today/, '2 — I know a little');
    await page.getByLabel('What do you expect from this training?').fill('To act calmly when someone faints');
    await rate(page, /Do you meet the prerequisites/, 'Yes');
    await rate(page, /Do you need any adaptation/, 'No');
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Send my answers' }));
    expect(landed.status()).toBe(200);
    await page.getByRole('heading', { name: 'Thank you, your answers have been sent' }).waitFor();
    await expectAccessible(page, 'positioning test sent, in English');
    // No route reads positioning answers yet: what the trainer would read is the stored row.
    expect(await stored('positioning_test_answers')).toMatchObject([
      {
        answers: {
          level: 2,
          expectations: 'To act calmly when someone faints',
          prerequisites: 'yes',
          adaptationNeeded: 'no',
        },
      },
    ]);
  });

  it('answers the hot survey in English from the certificate, and the summary counts it', async () => {
    await stack.sleepUntil(zonedInstant(day, '18:00', 'Europe/Paris'));
    const followUp = await given.expectCall<FollowUp>(
      given.coordinator,
      'GET',
      `${session.base}/participants`,
      200,
    );
    const participantId = followUp.participants.find((each) => each.email === sam.email)?.id ?? '';
    await given.paperAttendance(session, [{ participantId, halfDays: [true, true] }]);
    const page = await openAt(await linkTo('Your certificate of completion'));
    expect(await mainHeading(page)).toBe('Your opinion of the training');
    await expectAccessible(page, 'hot survey in English');
    await screenshot(page, 'survey-hot-en-session-phone');

    await rate(page, /Overall, are you satisfied/, '4 — Satisfied');
    await rate(page, /meet its objectives/, 'Partly');
    await rate(page, /how it was led/, '5 — Very satisfied');
    await rate(page, /the organisation/, '3 — Fairly satisfied');
    await page.getByLabel('Any comment or suggestion?').fill('More hands-on practice, please.');
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Send my answers' }));
    expect(landed.status()).toBe(200);
    await page.getByRole('heading', { name: 'Thank you, your answers are recorded' }).waitFor();
    await expectAccessible(page, 'hot survey sent, in English');

    expect(await surveySummary()).toEqual([{ kind: 'hot', answers: 1, averageRating: 4 }]);
    expect(await stored('survey_answers')).toMatchObject([
      { answers: { objectivesMet: 'partly', facilitatorRating: 5, organisationRating: 3 } },
    ]);
  });

  it('answers the cold survey in English on day 90, with what was applied since', async () => {
    await stack.sleepUntil(new Date(zonedInstant(day, '17:00', 'Europe/Paris').getTime() + 90 * DAY + HOUR));
    const page = await openAt(await linkTo('Three months on'));
    expect(await mainHeading(page)).toBe('Three months on: your opinion');
    await expectAccessible(page, 'cold survey in English');
    await screenshot(page, 'survey-cold-en-session-phone');

    await rate(page, /Looking back, are you satisfied/, '5 — Very satisfied');
    await rate(page, /meet its objectives/, 'Yes');
    await rate(page, /how it was led/, '5 — Very satisfied');
    await rate(page, /the organisation/, '4 — Satisfied');
    await page
      .getByLabel('What have you put into practice since the training?')
      .fill('The recovery position, twice.');
    await clickAndLoad(page, page.getByRole('button', { name: 'Send my answers' }));
    await page.getByRole('heading', { name: 'Thank you, your answers are recorded' }).waitFor();

    expect(await surveySummary()).toEqual([
      { kind: 'hot', answers: 1, averageRating: 4 },
      { kind: 'cold', answers: 1, averageRating: 5 },
    ]);
    expect(await stored('survey_answers')).toContainEqual({
      answers: expect.objectContaining({ appliedSince: 'The recovery position, twice.' }),
    });
  });
});
