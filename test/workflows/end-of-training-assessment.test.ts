/**
 * The end of a training action (Code du travail L6353-1) on the time-skipping server, through the
 * API and the pages: once the certificates are out, each trainee present gets the assessment
 * link; the one who answers gets their attestation de fin de formation at once with their
 * results, the one who does not gets it at the deadline with "non évalué"; the absent get neither.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mintToken } from '../../api/auth/tokens.ts';
import { createOffer } from '../../db/queries/catalogue.ts';
import { DEFAULT_SESSION_POLICY } from '../../workflows/policy.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { msOf } from '../../workflows/rules/durations.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import { historyText } from '../support/history-text.ts';
import type { MissionBody } from '../support/http.ts';
import { trainingOffer } from '../support/offers.ts';
import { pdfBytesSignature, pdfBytesText } from '../support/pdf.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ANSWER_WITHIN = msOf(DEFAULT_SESSION_POLICY.assessmentAnswerWithin);

const { offerId: _id, version: _v, versionDate: _d, placeholder: _p, ...offerContent } = trainingOffer;
const [FIRST_OBJECTIVE = ''] = trainingOffer.objectives;

describe('end-of-training assessment and attestation (time-skipping server, through the API and pages)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let staff: string;
  let coordinator: string;
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-assessment-${run}`;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    env = stack.env;
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const mails = (predicate: (email: ReceivedEmail) => boolean) =>
    stack.harness.resend.received.filter(predicate);
  const toAndSubject = (address: string, subject: string) => (email: ReceivedEmail) =>
    email.to.some((recipient) => recipient.includes(address)) && email.subject.startsWith(subject);
  async function mailTo(address: string, subject: string) {
    // An attestation waits for its PDF (LibreOffice, then the seal): seconds, not milliseconds.
    await expect.poll(() => mails(toAndSubject(address, subject)).length, { timeout: 60_000 }).toBe(1);
    return mails(toAndSubject(address, subject))[0];
  }
  const linkIn = (email: ReceivedEmail | undefined, kind: string) => {
    const match = new RegExp(`http://missions\\.test(/links/${kind}/[A-Za-z0-9._-]+)`).exec(
      email?.text ?? '',
    );
    if (!match?.[1]) throw new Error(`no ${kind} link in ${JSON.stringify(email?.text)}`);
    return match[1];
  };
  const sleepUntil = async (instant: Date) => env.sleep(instant.getTime() - (await env.currentTimeMs()));
  const page = (url: string) => stack.app.inject({ method: 'GET', url, headers: BROWSER });
  const submit = (url: string, fields: Record<string, string>) =>
    stack.app.inject({ method: 'POST', url, headers: FORM, payload: new URLSearchParams(fields).toString() });
  const stored = (participantId: string) =>
    stack.harness.pool.maybeOne(
      sql.type(z.object({ levels: z.array(z.string()), answers: z.record(z.string(), z.unknown()) }))`
        select levels, answers from end_of_training_assessments where participant_id = ${participantId}`,
    );

  it('asks those present, attests each answer at once and the silent at the deadline', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const [day, day2] = [addDays(today, 10), addDays(today, 11)];
    // The catalogue's two-day training: four objectives and its own assessment questions.
    const offer = await createOffer(stack.harness.pool, offerContent, 'staff-1');
    const missionId = (
      await stack.call<MissionBody>(staff, 'POST', '/missions', {
        title: 'Formations animation',
        client: { name: `Client ${run}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: 'alex@example.org' },
        endDate: addDays(today, 300),
        orderLines: [{ kind: 'training', quantity: 2, participantsPerSession: 12, unitPriceCents: 180_000 }],
      })
    ).body.id;
    const planned = await stack.call<MissionBody>(coordinator, 'POST', `/missions/${missionId}/sessions`, {
      kind: 'training',
      title: 'Animer un atelier',
      offerId: offer.offerId,
      startsAt: zonedInstant(day, '09:00', 'Europe/Paris').toISOString(),
      endsAt: zonedInstant(day2, '17:00', 'Europe/Paris').toISOString(),
      location: { mode: 'onsite', address: '3 place du Marché, 69001 Lyon' },
      capacity: 12,
      otherFacilitators: 0,
    });
    expect(planned.status).toBe(201);
    const sessionId = planned.body.sessions[0]?.id ?? '';
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    const people = ['Ana', 'Bruno', 'Chloé'].map((firstName, index) => ({
      email: `a${index}-${run}@example.org`,
      firstName,
      lastName: 'Martin',
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

    // Ana and Bruno attend both days, Chloé is absent; the signed sheet is confirmed.
    const end = zonedInstant(day2, '17:00', 'Europe/Paris');
    await sleepUntil(new Date(end.getTime() + HOUR));
    const presence = [0, 1, 2].map((index) => ({
      participantId: idOf(index),
      halfDays: index === 2 ? [false, false, false, false] : [true, true, true, true],
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

    // Each trainee present gets the assessment link beside their certificate; the absent nothing.
    const anaMail = await mailTo(emailOf(0), 'Évaluez vos acquis');
    const brunoMail = await mailTo(emailOf(1), 'Évaluez vos acquis');
    const answerBy = new Date(end.getTime() + HOUR + ANSWER_WITHIN);
    expect(anaMail?.text).toContain('Répondez au plus tard le');
    expect(mails(toAndSubject(emailOf(2), 'Évaluez vos acquis'))).toEqual([]);
    expect(mails(toAndSubject(emailOf(2), 'Votre certificat'))).toEqual([]);
    const anaLink = linkIn(anaMail, 'end-of-training-assessments');

    const shown = await page(anaLink);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<h1>Évaluation de vos acquis</h1>');
    for (const [index, objective] of trainingOffer.objectives.entries())
      expect(shown.body).toContain(`Objectif ${index + 1} : ${objective}`);
    expect(shown.body).toContain('Je sais le faire en partie');
    // Then the offer's own questions, not the default one.
    expect(shown.body).toContain('Cas pratique : comment relanceriez-vous un groupe');
    expect(shown.body).not.toContain('Que savez-vous faire maintenant');

    // Objectives 2 and 4 left unanswered: the message is beside each, the rest kept, nothing stored.
    const offerAnswers = { 'extra-design': '3', 'extra-techniques': '2', 'extra-tensions': '1' };
    const caseStudy = 'Un tour de table, puis des binômes';
    const missing = await submit(anaLink, {
      'objective-1': 'acquired',
      'objective-3': 'acquired',
      ...offerAnswers,
      'extra-caseStudy': caseStudy,
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('id="objective-2-error"');
    expect(missing.body).toContain('Dites où vous en êtes pour l’objectif 4');
    expect(missing.body).not.toContain('id="objective-1-error"');
    expect(missing.body).toContain(`${caseStudy}</textarea>`);
    expect(missing.body).toMatch(/name="objective-1" value="acquired" checked/);
    const unknown = await submit(anaLink, { 'objective-1': 'expert' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('id="objective-1-error"');
    expect(await stored(idOf(0))).toBeNull();

    const answered = await submit(anaLink, {
      'objective-1': 'acquired',
      'objective-2': 'partly',
      'objective-3': 'acquired',
      'objective-4': 'notYet',
      ...offerAnswers,
      'extra-caseStudy': caseStudy,
    });
    expect([answered.statusCode, answered.headers.location]).toEqual([303, anaLink]);
    expect(await stored(idOf(0))).toEqual({
      levels: ['acquired', 'partly', 'acquired', 'notYet'],
      answers: { design: 3, techniques: 2, tensions: 1, caseStudy },
    });
    // A second answer changes nothing and is told so, from the form or the same link again.
    const twice = await submit(anaLink, { 'objective-1': 'acquired' });
    expect(twice.statusCode).toBe(303);
    const recorded = await page(anaLink);
    expect(recorded.body).toContain('Merci, votre évaluation est enregistrée');
    expect(recorded.body).not.toContain('<form');
    expect((await stored(idOf(0)))?.levels).toEqual(['acquired', 'partly', 'acquired', 'notYet']);

    // Ana's attestation follows her answer, sealed, with her result; Bruno's waits for the deadline.
    const anaAttestation = await mailTo(emailOf(0), 'Votre attestation de fin de formation');
    expect(anaAttestation?.attachments.map((file) => file.filename)).toEqual([
      'attestation-fin-formation-martin-ana.pdf',
    ]);
    const anaPdf = anaAttestation?.attachments[0]?.bytes ?? Buffer.alloc(0);
    expect(await pdfBytesSignature(anaPdf)).toContain('Signature Validation: Signature is Valid.');
    const anaText = (await pdfBytesText(anaPdf)).replace(/\s+/g, ' ');
    expect(anaText).toContain('ATTESTATION DE FIN DE FORMATION');
    expect(anaText).toContain('Ana Martin');
    expect(anaText).toContain('14 heures sur 14 heures prévues');
    expect(anaText.match(/Acquis|En cours d’acquisition|Non acquis/g)).toEqual([
      'Acquis',
      'En cours d’acquisition',
      'Acquis',
      'Non acquis',
    ]);
    expect(anaText).toContain(`offre « ${trainingOffer.title} », version 1`);
    expect(anaText).toContain('auto-évaluation du ou de la stagiaire');
    expect(mails(toAndSubject(emailOf(1), 'Votre attestation de fin de formation'))).toEqual([]);
    // Staff see where each trainee stands on the session.
    const assessments = async () =>
      Object.fromEntries(
        (
          await stack.call<{ participants: { email: string; assessment: Record<string, unknown> | null }[] }>(
            coordinator,
            'GET',
            `${base}/participants`,
          )
        ).body.participants.map((participant) => [participant.email, participant.assessment]),
      );
    await expect
      .poll(async () => (await assessments())[emailOf(0)]?.attestation, { timeout: 20_000 })
      .toBe('sent');
    // Fourteen days after the certificates went out (an hour after the end, plus the build's seconds).
    const byHour = (value: unknown) => Math.round(Date.parse(String(value)) / HOUR);
    const now = await assessments();
    expect([now[emailOf(0)]?.answerBy, now[emailOf(1)]?.answerBy].map(byHour)).toEqual([
      byHour(answerBy.toISOString()),
      byHour(answerBy.toISOString()),
    ]);
    expect(now).toEqual({
      [emailOf(0)]: { answerBy: expect.any(String), answeredAt: expect.any(String), attestation: 'sent' },
      [emailOf(1)]: { answerBy: expect.any(String), answeredAt: null, attestation: 'pending' },
      [emailOf(2)]: null,
    });

    await sleepUntil(new Date(answerBy.getTime() - HOUR));
    expect(mails(toAndSubject(emailOf(1), 'Votre attestation de fin de formation'))).toEqual([]);
    await sleepUntil(new Date(answerBy.getTime() + HOUR));
    const brunoAttestation = await mailTo(emailOf(1), 'Votre attestation de fin de formation');
    expect(brunoAttestation?.text).toContain("que vos acquis n'ont pas été évalués");
    const brunoText = (
      await pdfBytesText(brunoAttestation?.attachments[0]?.bytes ?? Buffer.alloc(0))
    ).replace(/\s+/g, ' ');
    expect(brunoText.match(/Non évalué/g)).toHaveLength(trainingOffer.objectives.length);
    expect(brunoText).not.toMatch(/\bAcquis\b|En cours d’acquisition/);
    // Past the deadline the link no longer works: the attestation has gone.
    await stack.call(coordinator, 'GET', `${base}/participants`);
    expect((await page(linkIn(brunoMail, 'end-of-training-assessments'))).statusCode).toBe(410);

    // The history holds the offer's reference, never its objectives, nor what the trainees wrote.
    const history = await historyText(env.client.workflow.getHandle(`session-${sessionId}`));
    expect(history).not.toContain(FIRST_OBJECTIVE);
    expect(history).not.toContain(caseStudy);
    expect(mails(toAndSubject(emailOf(0), 'Évaluez vos acquis'))).toHaveLength(1);
    await env.sleep(DAY);
    expect(mails(toAndSubject(emailOf(0), 'Votre attestation de fin de formation'))).toHaveLength(1);
    // Four documents converted by LibreOffice and sealed (two certificates, two attestations).
  }, 180_000);
});
