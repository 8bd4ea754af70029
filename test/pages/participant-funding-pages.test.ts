/**
 * The positioning test, the hot and cold satisfaction surveys and the funding decision, as pages
 * (Fastify inject on the real API, the time-skipping server, a real worker and Postgres). Each link
 * comes from the e-mail the service sent along the real flow: convocation, certificate, day 90,
 * funding proposal. What a page stored is read back through the API or the database.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mintToken } from '../../api/auth/tokens.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import type { MissionBody } from '../support/http.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Intl writes French amounts with narrow no-break spaces; the tests read them as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('positioning test, survey and funding-decision pages (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let staff: string;
  let coordinator: string;
  let missionId = '';
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-answers-${run}`;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    env = stack.env;
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
    const today = businessDate(new Date(await env.currentTimeMs()));
    missionId = (
      await stack.call<MissionBody>(staff, 'POST', '/missions', {
        title: 'Formations gestes qui sauvent',
        client: { name: `Client ${run}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: 'alex@example.org' },
        endDate: addDays(today, 300),
        orderLines: [{ kind: 'training', quantity: 6, participantsPerSession: 12, unitPriceCents: 250_000 }],
      })
    ).body.id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const mails = (predicate: (email: ReceivedEmail) => boolean) =>
    stack.harness.resend.received.filter(predicate);
  const to = (address: string) => (email: ReceivedEmail) =>
    email.to.some((recipient) => recipient.includes(address));
  const subjectStarts = (prefix: string) => (email: ReceivedEmail) => email.subject.startsWith(prefix);
  const linkIn = (email: ReceivedEmail | undefined, kind: string) => {
    const match = new RegExp(`http://missions\\.test(/links/${kind}/[A-Za-z0-9._-]+)`).exec(
      email?.text ?? '',
    );
    if (!match?.[1]) throw new Error(`no ${kind} link in ${JSON.stringify(email?.text)}`);
    return match[1];
  };
  /** The one e-mail `subject` sent to `address`, once it has gone. */
  async function mailTo(address: string, subject: string) {
    // A certificate waits for its PDF (LibreOffice, then the seal): seconds, not milliseconds.
    await expect
      .poll(() => mails((email) => to(address)(email) && subjectStarts(subject)(email)).length, {
        timeout: 60_000,
      })
      .toBe(1);
    return mails((email) => to(address)(email) && subjectStarts(subject)(email))[0];
  }
  const sleepUntil = async (instant: Date) => env.sleep(instant.getTime() - (await env.currentTimeMs()));

  const page = (url: string) => stack.app.inject({ method: 'GET', url, headers: BROWSER });
  const submit = (url: string, fields: Record<string, string>) =>
    stack.app.inject({ method: 'POST', url, headers: FORM, payload: new URLSearchParams(fields).toString() });

  async function training(title: string, startDay: string, endDay: string) {
    const planned = await stack.call<MissionBody>(coordinator, 'POST', `/missions/${missionId}/sessions`, {
      kind: 'training',
      title,
      startsAt: zonedInstant(startDay, '09:00', 'Europe/Paris').toISOString(),
      endsAt: zonedInstant(endDay, '17:00', 'Europe/Paris').toISOString(),
      location: { mode: 'onsite', address: '3 place du Marché, 69001 Lyon' },
      capacity: 12,
      otherFacilitators: 0,
    });
    expect(planned.status).toBe(201);
    return planned.body.sessions.find((session) => session.title === title)?.id ?? '';
  }

  const positioningAnswers = (participantId: string) =>
    stack.harness.pool.maybeOneFirst(sql.type(z.object({ answers: z.record(z.string(), z.unknown()) }))`
      select answers from positioning_test_answers where participant_id = ${participantId}`);
  const surveyAnswer = (participantId: string, kind: 'hot' | 'cold') =>
    stack.harness.pool.maybeOne(
      sql.type(
        z.object({
          rating: z.number(),
          comment: z.string().nullable(),
          answers: z.record(z.string(), z.unknown()),
        }),
      )`select rating, comment, answers from survey_answers where participant_id = ${participantId} and kind = ${kind}`,
    );

  it('takes the positioning test before a training, then the hot and the cold survey after it', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const [day1, day2] = [addDays(today, 20), addDays(today, 21)];
    const sessionId = await training('Premiers secours', day1, day2);
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    const people = [1, 2, 3].map((index) => ({
      email: `p${index}-${run}@example.org`,
      firstName: `Prénom${index}`,
      lastName: `Nom${index}`,
    }));
    const registered = await stack.call<{ participants: { id: string; email: string }[] }>(
      coordinator,
      'POST',
      `${base}/participants`,
      { participants: people },
    );
    expect(registered.status).toBe(200);
    const idOf = (index: number) =>
      registered.body.participants.find((participant) => participant.email === people[index]?.email)?.id ??
      '';
    const emailOf = (index: number) => people[index]?.email ?? '';

    // The convocation, seven days before, carries the positioning test.
    await sleepUntil(zonedInstant(addDays(day1, -7), '10:00', 'Europe/Paris'));
    const positioning = linkIn(await mailTo(emailOf(0), 'Convocation'), 'positioning-tests');
    const shown = await page(positioning);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<h1>Test de positionnement</h1>');
    expect(shown.body).toContain('Bonjour Prénom1');
    expect(shown.body).toContain('adapter la formation');
    expect(shown.body).toContain('Premiers secours');
    expect(shown.body).toContain('Avez-vous besoin d’une adaptation pour suivre la formation ?');
    expect(shown.body).not.toContain('Nom1');

    const empty = await submit(positioning, {});
    expect(empty.statusCode).toBe(422);
    for (const id of ['level', 'expectations', 'prerequisites', 'adaptationNeeded'])
      expect(empty.body).toContain(`id="${id}-error"`);
    expect(empty.body).not.toContain('id="experience-error"');
    expect(empty.body).toContain('href="#level"');
    expect(empty.body).toContain('Choisissez où vous en êtes sur le sujet');

    // Asking for an adaptation without saying which one: the message is beside the details, the rest kept.
    const partial = await submit(positioning, {
      level: '2',
      expectations: 'Savoir réagir face à un malaise',
      prerequisites: 'yes',
      adaptationNeeded: 'yes',
    });
    expect(partial.statusCode).toBe(422);
    expect(partial.body).toContain('id="adaptationDetails-error"');
    expect(partial.body).not.toContain('id="level-error"');
    expect(partial.body).toContain('Savoir réagir face à un malaise</textarea>');
    expect(partial.body).toMatch(/id="level-1" name="level" value="2" checked/);
    expect(await positioningAnswers(idOf(0))).toBeNull();

    const answered = await submit(positioning, {
      level: '2',
      experience: '',
      expectations: 'Savoir réagir face à un malaise',
      prerequisites: 'yes',
      adaptationNeeded: 'yes',
      adaptationDetails: 'Une salle de plain-pied',
    });
    expect([answered.statusCode, answered.headers.location]).toEqual([303, positioning]);
    expect(await positioningAnswers(idOf(0))).toEqual({
      level: 2,
      expectations: 'Savoir réagir face à un malaise',
      prerequisites: 'yes',
      adaptationNeeded: 'yes',
      adaptationDetails: 'Une salle de plain-pied',
    });
    const thanked = await page(positioning);
    expect(thanked.statusCode).toBe(200);
    expect(thanked.body).toContain('Merci, vos réponses sont transmises');
    expect(thanked.body).not.toContain('<form');
    const resent = await submit(positioning, { level: '4', expectations: 'autre' });
    expect(resent.statusCode).toBe(303);
    // A JSON client at the same URL still gets the JSON route, which knows the link was used.
    const json = await stack.call<{ code: string }>(null, 'POST', positioning, { answers: { level: 4 } });
    expect([json.status, json.body.code]).toEqual([409, 'LINK_ALREADY_USED']);
    expect((await positioningAnswers(idOf(0)))?.level).toBe(2);

    const english = await page(
      `${linkIn(await mailTo(emailOf(1), 'Convocation'), 'positioning-tests')}?lang=en`,
    );
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Where do you stand today on the subject of the training?');
    expect(english.body).toContain('so they can adapt the training');

    // After the training: attendance on paper, the signed sheet confirmed, then certificates with the hot survey.
    await sleepUntil(new Date(zonedInstant(day2, '17:00', 'Europe/Paris').getTime() + HOUR));
    const presence = [0, 1, 2].map((index) => ({
      participantId: idOf(index),
      halfDays: [true, true, true, true],
    }));
    expect((await stack.call(coordinator, 'PUT', `${base}/attendance`, { presence })).status).toBe(200);
    const sheet = await stack.app.inject({
      method: 'PUT',
      url: `${base}/attendance-sheet/signed`,
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% signed sheet\n'),
    });
    expect(sheet.statusCode).toBe(200);
    expect((await stack.call(staff, 'POST', `${base}/attendance-sheet/confirm`)).status).toBe(200);
    const hot = linkIn(await mailTo(emailOf(0), 'Votre certificat de réalisation'), 'surveys');

    const survey = await page(hot);
    expect(survey.statusCode).toBe(200);
    expect(survey.body).toContain('<h1>Votre avis sur la formation</h1>');
    expect(survey.body).toContain('La formation a-t-elle atteint ses objectifs pour vous ?');
    expect(survey.body).not.toContain('mis en pratique');
    const missing = await submit(hot, { comment: 'Très concret' });
    expect(missing.statusCode).toBe(422);
    for (const id of ['rating', 'objectivesMet', 'facilitatorRating', 'organisationRating'])
      expect(missing.body).toContain(`id="${id}-error"`);
    expect(missing.body).not.toContain('id="comment-error"');
    expect(missing.body).toContain('Très concret</textarea>');
    const outOfScale = await submit(hot, {
      rating: '9',
      objectivesMet: 'partly',
      facilitatorRating: '5',
      organisationRating: '3',
    });
    expect(outOfScale.statusCode).toBe(422);
    expect(outOfScale.body).toContain('Choisissez une des réponses proposées à la question');
    expect(await surveyAnswer(idOf(0), 'hot')).toBeNull();

    const rated = await submit(hot, {
      rating: '4',
      objectivesMet: 'partly',
      facilitatorRating: '5',
      organisationRating: '3',
      comment: 'Très concret',
    });
    expect([rated.statusCode, rated.headers.location]).toEqual([303, hot]);
    expect(await surveyAnswer(idOf(0), 'hot')).toEqual({
      rating: 4,
      comment: 'Très concret',
      answers: { objectivesMet: 'partly', facilitatorRating: 5, organisationRating: 3 },
    });
    const summary = await stack.call(coordinator, 'GET', `${base}/surveys/summary`);
    expect(summary.body).toEqual([{ kind: 'hot', answers: 1, averageRating: 4 }]);
    const recorded = await page(hot);
    expect(recorded.statusCode).toBe(200);
    expect(recorded.body).toContain('Merci, vos réponses sont enregistrées');
    expect(recorded.body).not.toContain('<form');

    // A participant who answers after the reminder: the reminder's own link then says it is done.
    const fromCertificate = linkIn(await mailTo(emailOf(2), 'Votre certificat de réalisation'), 'surveys');
    await env.sleep(3 * DAY + HOUR);
    const reminder = linkIn(await mailTo(emailOf(2), 'Rappel — Votre avis'), 'surveys');
    expect(reminder).not.toBe(fromCertificate);
    expect(
      (
        await submit(fromCertificate, {
          rating: '5',
          objectivesMet: 'yes',
          facilitatorRating: '5',
          organisationRating: '5',
        })
      ).statusCode,
    ).toBe(303);
    await expect
      .poll(async () => (await page(reminder)).body)
      .toContain('Merci, vos réponses sont enregistrées');

    // Three months on, the cold survey also asks what was applied since.
    await sleepUntil(new Date(zonedInstant(day2, '17:00', 'Europe/Paris').getTime() + 90 * DAY + HOUR));
    const cold = linkIn(await mailTo(emailOf(0), 'Trois mois après'), 'surveys');
    const coldPage = await page(cold);
    expect(coldPage.body).toContain('<h1>Trois mois après : votre avis</h1>');
    expect(coldPage.body).toContain('Qu’avez-vous mis en pratique depuis la formation ? (facultatif)');
    const coldAnswer = {
      rating: '5',
      objectivesMet: 'yes',
      facilitatorRating: '4',
      organisationRating: '4',
      appliedSince: 'La position latérale de sécurité, une fois',
    };
    expect((await submit(cold, { ...coldAnswer, rating: '' })).statusCode).toBe(422);
    expect((await submit(cold, coldAnswer)).statusCode).toBe(303);
    expect(await surveyAnswer(idOf(0), 'cold')).toEqual({
      rating: 5,
      comment: null,
      answers: {
        objectivesMet: 'yes',
        facilitatorRating: 4,
        organisationRating: 4,
        appliedSince: 'La position latérale de sécurité, une fois',
      },
    });
    expect((await page(cold)).body).toContain('Merci, vos réponses sont enregistrées');
    const coldEnglish = await page(
      `${linkIn(await mailTo(emailOf(1), 'Trois mois après'), 'surveys')}?lang=en`,
    );
    expect(coldEnglish.body).toContain('<h1>Three months on: your opinion</h1>');
    expect(coldEnglish.body).toContain('What have you put into practice since the training? (optional)');
  });

  it('answers a positioning test of a cancelled training with 410, and a tampered survey link with 404 and no detail', async () => {
    const day = addDays(businessDate(new Date(await env.currentTimeMs())), 10);
    const sessionId = await training('Secourisme annulé', day, day);
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    const email = `annule-${run}@example.org`;
    expect(
      (
        await stack.call(coordinator, 'POST', `${base}/participants`, {
          participants: [{ email, firstName: 'Inès', lastName: 'Roux' }],
        })
      ).status,
    ).toBe(200);
    await sleepUntil(zonedInstant(addDays(day, -7), '10:00', 'Europe/Paris'));
    const positioning = linkIn(await mailTo(email, 'Convocation'), 'positioning-tests');
    expect((await page(positioning)).statusCode).toBe(200);
    expect(
      (await stack.call(coordinator, 'POST', `${base}/cancel`, { reason: 'Formateur malade' })).status,
    ).toBeLessThan(300);
    const cancelled = await page(positioning);
    expect(cancelled.statusCode).toBe(410);
    expect(cancelled.body).toContain('Cette session a été annulée');
    expect((await submit(positioning, { level: '1' })).statusCode).toBe(410);

    const tampered = await page(`/links/surveys/${positioning.split('/').at(-1)?.slice(0, -3)}abc`);
    expect(tampered.statusCode).toBe(404);
    expect(tampered.body).toContain('Ce lien ne fonctionne pas');
    expect(tampered.body).not.toContain('Secourisme annulé');
    // A positioning-test link is not a survey link, however authentic.
    expect((await page(`/links/surveys/${positioning.split('/').at(-1)}`)).statusCode).toBe(404);
  });

  /** A training whose OPCO proposal went to the client's contact: the funding-decision link of that e-mail. */
  async function proposed(title: string) {
    const day = addDays(businessDate(new Date(await env.currentTimeMs())), 40);
    const sessionId = await training(title, day, day);
    const contact = `contact-${title.replace(/\W/g, '')}-${run}@example.org`;
    const base = `/missions/${missionId}/sessions/${sessionId}/funding`;
    const set = await stack.call(coordinator, 'PUT', base, {
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
      expenses: [
        { label: 'Train Paris–Lyon', category: 'travel', amountCents: 12_000 },
        { label: 'Hôtel', category: 'lodging', amountCents: 9_550 },
      ],
    });
    expect(set.status).toBe(200);
    expect((await stack.call(coordinator, 'POST', `${base}/proposal`)).status).toBe(200);
    await expect.poll(() => mails(to(contact)).length).toBe(1);
    return { sessionId, base, link: linkIn(mails(to(contact))[0], 'funding-decisions') };
  }

  it("takes a partial funding decision from the client's contact, with the amount checked beside its field", async () => {
    const { base, link } = await proposed('Sécurité partielle');
    const shown = await page(link);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<h1>Décision de financement</h1>');
    expect(shown.body).toContain('Sécurité partielle');
    expect(shown.body).toContain('OPCO');
    expect(plain(shown.body)).toContain('2 715,50 €');

    const none = await submit(link, {});
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('id="outcome-error"');
    const cases = [
      ['', 'Indiquez le montant pris en charge par le financeur'],
      ['deux mille', 'Écrivez le montant en chiffres'],
      ['0', 'Le montant pris en charge est supérieur à zéro'],
      ['2 715,50', 'Le montant d’une prise en charge partielle est inférieur au total de 2 715,50 €'],
    ];
    for (const [amount, message] of cases) {
      const refused = await submit(link, { outcome: 'partial', amount: amount as string });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('id="amount-error"');
      expect(plain(refused.body)).toContain(message);
      expect(refused.body).not.toContain('id="outcome-error"');
    }
    const funding = async () =>
      (await stack.call<{ status: string; billing: unknown }>(coordinator, 'GET', base)).body;
    expect((await funding()).status).toBe('awaiting_decision');

    const numbered = await submit(link, { outcome: 'refused', agreementNumber: 'PEC-1' });
    expect(numbered.statusCode).toBe(422);
    expect(numbered.body).toContain('id="agreementNumber-error"');
    expect(plain(numbered.body)).toContain('Un refus n’a pas de numéro d’accord');
    const garbled = await submit(link, { outcome: 'full', agreementNumber: 'PEC<1>' });
    expect(garbled.body).toContain('id="agreementNumber-error"');
    expect((await funding()).status).toBe('awaiting_decision');

    const decided = await submit(link, {
      outcome: 'partial',
      amount: '2 000,00',
      agreementNumber: ' AF 12.7 ',
    });
    expect([decided.statusCode, decided.headers.location]).toEqual([303, link]);
    await expect.poll(async () => (await funding()).status).toBe('partially_funded');
    expect((await funding()).billing).toEqual({
      totalCents: 271_550,
      fundedCents: 200_000,
      clientCents: 71_550,
    });
    const after = await page(link);
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('La décision du financeur est enregistrée');
    expect(after.body).toContain('Prise en charge partielle');
    expect(plain(after.body)).toContain('2 000,00 €');
    expect(plain(after.body)).toContain('715,50 €');
    expect(after.body).toContain('Numéro d’accord de prise en charge');
    expect(after.body).toContain('AF 12.7');
    expect(after.body).not.toContain('<form');
    expect((await submit(link, { outcome: 'full' })).statusCode).toBe(303);
    const json = await stack.call<{ code: string }>(null, 'POST', link, { outcome: 'full' });
    expect([json.status, json.body.code]).toEqual([409, 'LINK_ALREADY_USED']);
    expect((await funding()).status).toBe('partially_funded');

    const english = await page(`${link}?lang=en`);
    expect(english.body).toContain('The funder’s decision is recorded');
    expect(english.body).toContain('Partial funding');
  });

  it("shows a decision staff already recorded, takes a refusal, and answers a cancelled training's link with 410", async () => {
    const byStaff = await proposed('Sécurité décidée');
    expect((await stack.call(staff, 'POST', `${byStaff.base}/decision`, { outcome: 'full' })).status).toBe(
      202,
    );
    await expect
      .poll(async () => (await page(byStaff.link)).body)
      .toContain('La décision du financeur est enregistrée');
    expect((await page(byStaff.link)).body).toContain('Prise en charge totale');

    const refused = await proposed('Sécurité refusée');
    expect((await submit(refused.link, { outcome: 'refused', amount: '' })).statusCode).toBe(303);
    await expect
      .poll(async () => (await stack.call<{ status: string }>(coordinator, 'GET', refused.base)).body.status)
      .toBe('refused');
    expect((await page(refused.link)).body).toContain('Refus de prise en charge');

    const cancelled = await proposed('Sécurité annulée');
    const cancel = await stack.call(
      coordinator,
      'POST',
      `/missions/${missionId}/sessions/${cancelled.sessionId}/cancel`,
      { reason: 'Budget gelé' },
    );
    expect(cancel.status).toBeLessThan(300);
    const gone = await page(cancelled.link);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('Cette session a été annulée');
    expect((await submit(cancelled.link, { outcome: 'full' })).statusCode).toBe(410);
  });

  it('says no decision is awaited once the day before the training has passed in silence', async () => {
    const silent = await proposed('Sécurité sans réponse');
    const start = zonedInstant(
      addDays(businessDate(new Date(await env.currentTimeMs())), 40),
      '09:00',
      'Europe/Paris',
    );
    await sleepUntil(new Date(start.getTime() - DAY + HOUR));
    await expect
      .poll(async () => (await stack.call<{ status: string }>(coordinator, 'GET', silent.base)).body.status)
      .toBe('no_decision');
    const closed = await page(silent.link);
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain('Aucune décision de financement n’est plus attendue pour cette formation.');
    expect(closed.body).not.toContain('<form');
    expect((await submit(silent.link, { outcome: 'full' })).statusCode).toBe(409);
  });
});
