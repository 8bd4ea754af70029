/**
 * The links people answer questions through, followed from the e-mails' buttons on a phone: the
 * client's contact passes on the funder's decision; a participant takes the positioning test from
 * their convocation, the hot survey from their certificate and the cold one three months on. What
 * each page said is then checked through the API (or the database, which keeps the answers).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
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
import { type Fixtures, fixtures, type PlannedSession } from '../support/browser-fixtures.ts';
import { type BrowserStack, buttonLink, sentTo, startBrowserStack } from '../support/browser-stack.ts';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

describe('positioning test, surveys and funding decision pages', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let phone: BrowserContext;
  let given: Fixtures;
  let missionId = '';

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    phone = await openContext(browser, PHONE);
    given = await fixtures(stack);
    missionId = await given.mission();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const subjectStarts = (prefix: string) => (email: { subject: string }) => email.subject.startsWith(prefix);
  const button = async (to: string, subject: string) =>
    buttonLink(
      await stack.waitForEmail((email) => sentTo(to)(email) && subjectStarts(subject)(email)),
      stack.baseUrl,
    );

  it("passes on a partial funding decision from the proposal's button, the amount's error beside its field", async () => {
    const session = await given.session(missionId, { inDays: 40, title: 'Premiers secours financés' });
    const contact = `contact-${given.run}@example.org`;
    await given.expectCall(given.coordinator, 'PUT', `${session.base}/funding`, 200, {
      kind: 'opco',
      client: {
        type: 'company',
        companyName: 'Boulangeries Dupont SAS',
        siret: '12345678901234',
        managerName: 'Marie Dupont',
        trainingContactName: 'Paul Martin',
        phone: '04 72 00 00 00',
        address: { street: '3 place du Marché', postalCode: '69001', city: 'Lyon' },
        trainingPlace: 'Lyon',
        contactEmail: contact,
      },
      expenses: [{ label: 'Train Paris–Lyon', category: 'travel', amountCents: 12_000 }],
    });
    await given.expectCall(given.coordinator, 'POST', `${session.base}/funding/proposal`, 200);
    const link = await button(contact, 'Proposition');

    const page = await phone.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('Décision de financement');
    await page.getByText('Premiers secours financés').first().waitFor();
    await expectAccessible(page, 'funding decision');
    await screenshot(page, 'funding-decision-phone');

    await page.getByRole('radio', { name: 'Prise en charge partielle' }).check();
    const refused = await clickAndLoad(page, page.getByRole('button', { name: 'Transmettre la décision' }));
    expect(refused.status()).toBe(422);
    const message = 'Indiquez le montant pris en charge par le financeur';
    await page.getByRole('alert').getByRole('link', { name: message }).waitFor();
    const amount = page.getByRole('textbox', { name: 'Montant pris en charge, en euros' });
    expect(await amount.getAttribute('aria-describedby')).toContain('amount-error');
    expect(await page.getByRole('radio', { name: 'Prise en charge partielle' }).isChecked()).toBe(true);
    await expectAccessible(page, 'funding decision with an error');
    await screenshot(page, 'funding-decision-error-phone');

    await amount.fill('1 500,50');
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Transmettre la décision' }));
    expect([landed.status(), landed.url()]).toEqual([200, link]);
    await page.getByRole('heading', { name: 'La décision du financeur est enregistrée' }).waitFor();
    await expectAccessible(page, 'funding decision recorded');
    await screenshot(page, 'funding-decision-recorded-phone');
    const funding = await given.expectCall<{ status: string; billing: unknown }>(
      given.coordinator,
      'GET',
      `${session.base}/funding`,
      200,
    );
    expect(funding).toMatchObject({
      status: 'partially_funded',
      billing: { totalCents: 262_000, fundedCents: 150_050, clientCents: 111_950 },
    });

    const english = await phone.newPage();
    await english.goto(`${link}?lang=en`);
    expect(await mainHeading(english)).toBe('Funding decision');
    await english.getByText('Partial funding').first().waitFor();
    await expectAccessible(english, 'funding decision recorded, in English');
  });

  it('refuses funding with JavaScript off, and shows the funding form in English on a desktop', async () => {
    const session = await given.session(missionId, { inDays: 40, title: 'Premiers secours refusés' });
    const contact = `refus-${given.run}@example.org`;
    await given.expectCall(given.coordinator, 'PUT', `${session.base}/funding`, 200, {
      kind: 'opco',
      client: {
        type: 'company',
        companyName: 'Garage Martin SARL',
        siret: '12345678901234',
        managerName: 'Jean Martin',
        trainingContactName: null,
        phone: '04 72 00 00 01',
        address: { street: '1 rue Neuve', postalCode: '69002', city: 'Lyon' },
        trainingPlace: 'Lyon',
        contactEmail: contact,
      },
      expenses: [],
    });
    await given.expectCall(given.coordinator, 'POST', `${session.base}/funding/proposal`, 200);
    const link = await button(contact, 'Proposition');

    const desktop = await openContext(browser, DESKTOP);
    const english = await desktop.newPage();
    await english.goto(`${link}?lang=en`);
    expect(await mainHeading(english)).toBe('Funding decision');
    await expectAccessible(english, 'funding decision in English, desktop');
    await screenshot(english, 'funding-decision-en-desktop');
    await desktop.close();

    const noScript = await openContext(browser, PHONE, WITHOUT_JAVASCRIPT);
    const page = await noScript.newPage();
    await page.goto(link);
    await page.getByRole('radio', { name: 'Refus de prise en charge' }).check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Transmettre la décision' }));
    await page.getByRole('heading', { name: 'La décision du financeur est enregistrée' }).waitFor();
    await noScript.close();
    const funding = await given.expectCall<{ status: string }>(
      given.coordinator,
      'GET',
      `${session.base}/funding`,
      200,
    );
    expect(funding.status).toBe('refused');
  });

  const people = (session: PlannedSession) =>
    [1, 2].map((index) => ({
      email: `p${index}-${session.sessionId.slice(0, 8)}@example.org`,
      firstName: `Prénom${index}`,
      lastName: `Nom${index}`,
    }));

  it('takes the positioning test from the convocation, the hot survey from the certificate and the cold one on day 90', async () => {
    const session = await given.session(missionId, { inDays: 20, days: 2, title: 'Premiers secours PSC1' });
    const [first, second] = people(session);
    if (!first || !second) throw new Error('two participants');
    await given.register(session, [first, second]);
    const start = zonedInstant(addDays(businessDate(stack.now()), 20), '09:00', 'Europe/Paris');
    await stack.sleepUntil(new Date(start.getTime() - 7 * DAY + HOUR));

    // The positioning test, from the convocation's button.
    const positioning = await button(first.email, 'Convocation');
    const page = await phone.newPage();
    expect((await page.goto(positioning))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('Test de positionnement');
    await page.getByText('Bonjour Prénom1').waitFor();
    await expectAccessible(page, 'positioning test');
    await screenshot(page, 'positioning-test-phone');
    const send = page.getByRole('button', { name: 'Envoyer mes réponses' });
    expect((await clickAndLoad(page, send)).status()).toBe(422);
    const levelMessage = 'Choisissez où vous en êtes sur le sujet';
    await page.getByRole('alert').getByRole('link', { name: levelMessage }).waitFor();
    const level = page.getByRole('group', {
      name: 'Où en êtes-vous aujourd’hui sur le sujet de la formation ?',
    });
    expect(await level.getAttribute('aria-describedby')).toContain('level-error');
    await expectAccessible(page, 'positioning test with errors');
    await screenshot(page, 'positioning-test-errors-phone');

    await level.getByRole('radio', { name: '3 — Je le pratique parfois' }).check();
    await page
      .getByRole('textbox', { name: 'Qu’attendez-vous de cette formation ?' })
      .fill('Oser intervenir');
    await page
      .getByRole('group', { name: 'Avez-vous les prérequis indiqués dans le programme de la formation ?' })
      .getByRole('radio', { name: 'Oui' })
      .check();
    await page
      .getByRole('group', { name: 'Avez-vous besoin d’une adaptation pour suivre la formation ?' })
      .getByRole('radio', { name: 'Non' })
      .check();
    const sent = await clickAndLoad(page, send);
    expect([sent.status(), sent.url()]).toEqual([200, positioning]);
    await page.getByRole('heading', { name: 'Merci, vos réponses sont transmises' }).waitFor();
    await expectAccessible(page, 'positioning test sent');
    await screenshot(page, 'positioning-test-sent-phone');
    const stored = await stack.harness.pool.oneFirst(
      sql.type(
        z.object({ answers: z.record(z.string(), z.unknown()) }),
      )`select answers from positioning_test_answers where session_id = ${session.sessionId}`,
    );
    expect(stored).toEqual({
      level: 3,
      expectations: 'Oser intervenir',
      prerequisites: 'yes',
      adaptationNeeded: 'no',
    });

    const english = await phone.newPage();
    await english.goto(`${await button(second.email, 'Convocation')}?lang=en`);
    expect(await mainHeading(english)).toBe('Positioning test');
    await expectAccessible(english, 'positioning test in English');
    await screenshot(english, 'positioning-test-en-phone');

    // The training happens; the signed paper sheet is confirmed; the certificate carries the hot survey.
    const followUp = await given.expectCall<{ participants: { id: string; email: string }[] }>(
      given.coordinator,
      'GET',
      `${session.base}/participants`,
      200,
    );
    const end = new Date(start.getTime() + DAY + 8 * HOUR);
    await stack.sleepUntil(new Date(end.getTime() + HOUR));
    await given.paperAttendance(
      session,
      followUp.participants.map((participant) => ({
        participantId: participant.id,
        halfDays: [true, true, true, true],
      })),
    );
    const hot = await button(first.email, 'Votre certificat de réalisation');
    const survey = await phone.newPage();
    expect((await survey.goto(hot))?.status()).toBe(200);
    expect(await mainHeading(survey)).toBe('Votre avis sur la formation');
    await expectAccessible(survey, 'hot survey');
    await screenshot(survey, 'survey-hot-phone');
    const answer = survey.getByRole('button', { name: 'Envoyer mon avis' });
    expect((await clickAndLoad(survey, answer)).status()).toBe(422);
    await survey
      .getByRole('alert')
      .getByRole('link', {
        name: 'Choisissez votre note globale',
      })
      .waitFor();
    await expectAccessible(survey, 'hot survey with errors');
    await screenshot(survey, 'survey-hot-errors-phone');
    const group = (name: string) => survey.getByRole('group', { name });
    await group('Dans l’ensemble, êtes-vous satisfait·e de la formation ?')
      .getByRole('radio', { name: '4 — Satisfait·e' })
      .check();
    await group('La formation a-t-elle atteint ses objectifs pour vous ?')
      .getByRole('radio', { name: 'En partie' })
      .check();
    await group('Êtes-vous satisfait·e de l’animation (clarté, écoute, rythme) ?')
      .getByRole('radio', { name: '5 — Très satisfait·e' })
      .check();
    await group('Êtes-vous satisfait·e de l’organisation (informations reçues, lieu, horaires, supports) ?')
      .getByRole('radio', { name: '3 — Moyennement satisfait·e' })
      .check();
    await survey
      .getByRole('textbox', { name: 'Un commentaire, une suggestion ? (facultatif)' })
      .fill('Très concret');
    const thanked = await clickAndLoad(survey, answer);
    expect([thanked.status(), thanked.url()]).toEqual([200, hot]);
    await survey.getByRole('heading', { name: 'Merci, vos réponses sont enregistrées' }).waitFor();
    await expectAccessible(survey, 'hot survey answered');
    const summary = await given.expectCall(given.coordinator, 'GET', `${session.base}/surveys/summary`, 200);
    expect(summary).toEqual([{ kind: 'hot', answers: 1, averageRating: 4 }]);

    // Three months on: the cold survey asks what was applied since.
    await stack.sleepUntil(new Date(end.getTime() + 90 * DAY + HOUR));
    const cold = await button(first.email, 'Trois mois après');
    const later = await phone.newPage();
    await later.goto(cold);
    expect(await mainHeading(later)).toBe('Trois mois après : votre avis');
    await expectAccessible(later, 'cold survey');
    await screenshot(later, 'survey-cold-phone');
    const coldGroup = (name: string) => later.getByRole('group', { name });
    await coldGroup('Avec le recul, êtes-vous satisfait·e de la formation ?')
      .getByRole('radio', { name: '5 — Très satisfait·e' })
      .check();
    await coldGroup('La formation a-t-elle atteint ses objectifs pour vous ?')
      .getByRole('radio', { name: 'Oui' })
      .check();
    await coldGroup('Êtes-vous satisfait·e de l’animation (clarté, écoute, rythme) ?')
      .getByRole('radio', { name: '5 — Très satisfait·e' })
      .check();
    await coldGroup(
      'Êtes-vous satisfait·e de l’organisation (informations reçues, lieu, horaires, supports) ?',
    )
      .getByRole('radio', { name: '4 — Satisfait·e' })
      .check();
    await later
      .getByRole('textbox', { name: 'Qu’avez-vous mis en pratique depuis la formation ? (facultatif)' })
      .fill('J’ai mis un collègue en position latérale de sécurité');
    await clickAndLoad(later, later.getByRole('button', { name: 'Envoyer mon avis' }));
    await later.getByRole('heading', { name: 'Merci, vos réponses sont enregistrées' }).waitFor();
    const both = await given.expectCall(given.coordinator, 'GET', `${session.base}/surveys/summary`, 200);
    expect(both).toEqual([
      { kind: 'hot', answers: 1, averageRating: 4 },
      { kind: 'cold', answers: 1, averageRating: 5 },
    ]);

    const coldEnglish = await phone.newPage();
    await coldEnglish.goto(`${await button(second.email, 'Trois mois après')}?lang=en`);
    expect(await mainHeading(coldEnglish)).toBe('Three months on: your opinion');
    await expectAccessible(coldEnglish, 'cold survey in English');
    await screenshot(coldEnglish, 'survey-cold-en-phone');
  });
});
