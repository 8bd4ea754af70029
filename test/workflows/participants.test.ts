/**
 * A two-day training with 12 participants, on the time-skipping server through the API:
 * registration, convocation on its day, positioning test, late attendance (24 h reminder, 72 h
 * escalation), attendance per half-day with absences, certificates and hot surveys to those
 * present only, the cold survey on day 90 with its reminder. And education without participants.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth/tokens.ts';
import { buildConsole } from '../../console/app.ts';
import { currentOrganisationSettings } from '../../db/queries/organisation-settings.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import { recordHistory } from '../support/histories.ts';
import { historyText } from '../support/history-text.ts';
import type { MissionBody, ProblemBody } from '../support/http.ts';
import { pdfBytesText } from '../support/pdf.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';
import { type RunningWorker, STAFF_EMAIL } from '../support/worker-harness.ts';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

interface FollowUp {
  participants: {
    id: string;
    email: string;
    convocationSent: boolean;
    certificateSent: boolean;
    certificateFlag?: string | null;
    hoursAttended: number | null;
  }[];
  attendance: {
    status: string;
    halfDays: { date: string; period: string }[];
    attendanceSheetAvailable: boolean;
  };
}

describe('participants of a two-day training (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let harness: RunningWorker;
  let app: FastifyInstance;
  let staff: string;
  let coordinator: string;
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-participants-${run}`;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    ({ env, harness, app } = stack);
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const call = <T = unknown>(...args: Parameters<TimeSkippingApi['call']>) => stack.call<T>(...args);

  async function missionWithSession(
    sector: string,
    kind: 'training' | 'workshop',
    startDay: string,
    startTime: string,
    endDay: string,
    endTime: string,
  ) {
    const mission = (
      await call<MissionBody>(staff, 'POST', '/missions', {
        title: 'Formation premiers secours',
        client: { name: `Client ${run}` },
        sector,
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: 'alex@example.org' },
        endDate: addDays(endDay, 200),
        orderLines: [{ kind, quantity: 2, participantsPerSession: 12, unitPriceCents: 250_000 }],
      })
    ).body;
    const planned = await call<MissionBody>(coordinator, 'POST', `/missions/${mission.id}/sessions`, {
      kind,
      title: 'PSC1',
      startsAt: zonedInstant(startDay, startTime, 'Europe/Paris').toISOString(),
      endsAt: zonedInstant(endDay, endTime, 'Europe/Paris').toISOString(),
      location: { mode: 'onsite', address: '3 place du Marché, 69001 Lyon' },
      capacity: 12,
      otherFacilitators: 0,
    });
    expect(planned.status).toBe(201);
    return { missionId: mission.id, sessionId: planned.body.sessions[0]?.id ?? '' };
  }

  const mails = (predicate: (email: ReceivedEmail) => boolean) => harness.resend.received.filter(predicate);
  const subjectStarts = (prefix: string) => (email: ReceivedEmail) => email.subject.startsWith(prefix);
  const linkIn = (email: ReceivedEmail | undefined, kind: string) => {
    const match = new RegExp(`http://missions\\.test(/links/${kind}/[A-Za-z0-9._-]+)`).exec(
      email?.text ?? '',
    );
    if (!match?.[1]) throw new Error(`no ${kind} link in ${JSON.stringify(email?.text)}`);
    return match[1];
  };
  const sleepUntil = async (instant: Date) => env.sleep(instant.getTime() - (await env.currentTimeMs()));

  it('convokes, tests, chases late attendance, certifies and surveys only those present', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const [day1, day2] = [addDays(today, 20), addDays(today, 21)];
    const { missionId, sessionId } = await missionWithSession(
      'company',
      'training',
      day1,
      '09:00',
      day2,
      '17:00',
    );
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    const people = Array.from({ length: 12 }, (_, index) => ({
      email: `p${index + 1}-${run}@example.org`,
      firstName: `Prénom${index + 1}`,
      lastName: `Nom${index + 1}`,
    }));

    const early = await call<ProblemBody>(coordinator, 'PUT', `${base}/attendance`, { presence: [] });
    expect([early.status, early.body.code]).toEqual([409, 'SESSION_NOT_STARTED']);
    const registered = await call<FollowUp>(coordinator, 'POST', `${base}/participants`, {
      participants: [...people, { ...people[0], email: people[0]?.email.toUpperCase() }],
    });
    expect(registered.status).toBe(200);
    expect(registered.body.participants).toHaveLength(12);
    expect(registered.body.attendance.halfDays.map((halfDay) => `${halfDay.date} ${halfDay.period}`)).toEqual(
      [`${day1} morning`, `${day1} afternoon`, `${day2} morning`, `${day2} afternoon`],
    );
    const full = await call<ProblemBody>(coordinator, 'POST', `${base}/participants`, {
      participants: [{ email: `extra-${run}@example.org`, firstName: 'A', lastName: 'B' }],
    });
    expect([full.status, full.body.code]).toEqual([409, 'CAPACITY_EXCEEDED']);
    await expect
      .poll(
        async () =>
          (await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body.attendance
            .attendanceSheetAvailable,
      )
      .toBe(true);
    const sheet = await call<Buffer>(coordinator, 'GET', `${base}/attendance-sheet`);
    expect(sheet.status).toBe(200);
    const sheetText = (await mammoth.extractRawText({ buffer: sheet.body })).value;
    expect(sheetText).toContain('NOM12');
    expect(sheetText).toContain(
      businessDate(new Date(`${day2}T12:00:00Z`))
        .split('-')
        .reverse()
        .join('/'),
    );

    // Convocations go out seven days before the start, not earlier.
    const convocations = () => mails(subjectStarts('Convocation'));
    await sleepUntil(zonedInstant(addDays(day1, -8), '12:00', 'Europe/Paris'));
    expect(convocations()).toHaveLength(0);
    await sleepUntil(zonedInstant(addDays(day1, -7), '10:00', 'Europe/Paris'));
    await expect.poll(() => convocations().length).toBe(12);
    const firstConvocation = convocations().find((email) => email.to.some((to) => to.includes(`p1-${run}`)));
    // Both days with their times, and a calendar event for each (no proposal, so no programme).
    expect(firstConvocation?.text?.match(/ : de 09:00 à 12:30 et de 13:30 à 17:00$/gm)).toHaveLength(2);
    expect(firstConvocation?.text).toContain('Lieu : 3 place du Marché, 69001 Lyon');
    expect(firstConvocation?.text).toContain('Contact : Alex Durand, alex@example.org');
    expect(firstConvocation?.attachments.map((file) => file.filename)).toEqual(['convocation.ics']);
    const calendar = firstConvocation?.attachments[0]?.bytes.toString('utf8') ?? '';
    expect(calendar.split('\r\n').filter((line) => line.startsWith('UID:'))).toEqual([
      `UID:session-${sessionId}-day-1`,
      `UID:session-${sessionId}-day-2`,
    ]);
    expect(calendar).toContain(
      `DTSTART:${zonedInstant(day2, '09:00', 'Europe/Paris')
        .toISOString()
        .replace(/[-:]|\.\d{3}/g, '')}`,
    );
    // No internal rules are uploaded here: the convocations go without, and staff hear it once.
    expect(firstConvocation?.text).not.toContain('règlement intérieur');
    expect(
      mails(subjectStarts('Règlement intérieur manquant — convocations de « PSC1 »')).flatMap(
        (email) => email.to,
      ),
    ).toEqual([STAFF_EMAIL]);
    const positioning = linkIn(firstConvocation, 'positioning-tests');
    expect(
      (await call(null, 'POST', positioning, { answers: { experience: 'aucune', confidence: 2 } })).status,
    ).toBe(201);
    const again = await call<ProblemBody>(null, 'POST', positioning, { answers: { experience: 'un peu' } });
    expect([again.status, again.body.code]).toEqual([409, 'LINK_ALREADY_USED']);

    // Nobody records attendance: the coordinator is reminded at +24 h, staff alerted at +72 h.
    const end = zonedInstant(day2, '17:00', 'Europe/Paris');
    await sleepUntil(new Date(end.getTime() + 23 * HOUR));
    expect(mails(subjectStarts('Présences non saisies'))).toHaveLength(0);
    await sleepUntil(new Date(end.getTime() + 25 * HOUR));
    await expect
      .poll(() => mails(subjectStarts('Présences non saisies')).flatMap((email) => email.to))
      .toEqual(['Alex Durand <alex@example.org>']);
    await sleepUntil(new Date(end.getTime() + 71 * HOUR));
    expect(mails(subjectStarts('Alerte : présences manquantes'))).toHaveLength(0);
    await sleepUntil(new Date(end.getTime() + 73 * HOUR));
    await expect
      .poll(() => mails(subjectStarts('Alerte : présences manquantes')).flatMap((email) => email.to))
      .toEqual([STAFF_EMAIL]);

    // Attendance: participant 12 absent throughout, participant 11 missed the last afternoon.
    const followUp = (await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body;
    const idOf = (index: number) =>
      followUp.participants.find((participant) => participant.email === people[index]?.email)?.id ?? '';
    const presence = people.map((_, index) => ({
      participantId: idOf(index),
      halfDays:
        index === 11
          ? [false, false, false, false]
          : index === 10
            ? [true, true, true, false]
            : [true, true, true, true],
    }));
    const recorded = await call<FollowUp>(coordinator, 'PUT', `${base}/attendance`, { presence });
    expect([recorded.status, recorded.body.attendance.status]).toEqual([200, 'recorded']);
    // No certificate claims hours before the signed sheet proving them is confirmed compliant.
    const certificates = () => mails(subjectStarts('Votre certificat de réalisation'));
    await env.sleep(HOUR);
    expect(certificates()).toHaveLength(0);

    // The signed sheet: checked by content, then confirmed complete, or judged by staff.
    const upload = (bytes: Buffer, contentType: string) =>
      app.inject({
        method: 'PUT',
        url: `${base}/attendance-sheet/signed`,
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': contentType },
        payload: bytes,
      });
    const fake = await upload(Buffer.from('not really a pdf'), 'application/pdf');
    expect([fake.statusCode, (fake.json() as ProblemBody).code]).toEqual([415, 'UNSUPPORTED_UPLOAD']);
    const uploaded = await upload(Buffer.from('%PDF-1.4\n% signed sheet\n'), 'application/pdf');
    expect((uploaded.json() as FollowUp).attendance.status).toBe('sheet_uploaded');
    const judged = await call<FollowUp>(staff, 'POST', `${base}/attendance-sheet/non-compliant`, {
      reason: 'Signatures du jour 2 manquantes',
    });
    expect(judged.body.attendance.status).toBe('non_compliant');
    expect(certificates()).toHaveLength(0);
    const confirmed = await call<FollowUp>(staff, 'POST', `${base}/attendance-sheet/confirm`);
    expect(confirmed.body.attendance.status).toBe('compliant');
    // Each certificate is converted by LibreOffice and sealed before it is sent.
    await expect.poll(() => certificates().length, { timeout: 60_000 }).toBe(11);
    // The certificates carry the organisation's name, address and number; the session's history
    // holds none of them, nor its SIRET: the activity reads the settings when it builds each one.
    const history = await historyText(env.client.workflow.getHandle(`session-${sessionId}`));
    expect(history).toContain('Prénom11');
    const { settings } = await currentOrganisationSettings(harness.pool);
    for (const detail of [
      settings.legalName,
      settings.siret,
      settings.trainingProviderNumber,
      settings.address,
    ])
      expect(history).not.toContain(detail);
    expect(certificates().some((email) => email.to.some((to) => to.includes(`p12-${run}`)))).toBe(false);
    const partial = certificates().find((email) => email.to.some((to) => to.includes(`p11-${run}`)));
    expect(partial?.text).toContain('10,5 heures');
    expect(partial?.attachments.map((file) => file.filename)).toEqual([expect.stringMatching(/\.pdf$/)]);
    const certificateText = await pdfBytesText(partial?.attachments[0]?.bytes ?? Buffer.alloc(0));
    expect(certificateText).toContain('Prénom11 Nom11');
    expect(certificateText).toContain('10,5');
    const hours = (await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body.participants.map(
      (participant) => participant.hoursAttended,
    );
    expect(hours.filter((value) => value === 14)).toHaveLength(10);

    // One participant answers the hot survey; the ten others get one reminder three days later.
    expect(
      (await call(null, 'POST', linkIn(partial, 'surveys'), { rating: 5, comment: 'Très concret' })).status,
    ).toBe(201);
    await env.sleep(3 * DAY + HOUR);
    await expect.poll(() => mails(subjectStarts('Rappel — Votre avis')).length).toBe(10);
    const summary = await call<{ kind: string; answers: number; averageRating: number }[]>(
      coordinator,
      'GET',
      `${base}/surveys/summary`,
    );
    expect(summary.body).toEqual([{ kind: 'hot', answers: 1, averageRating: 5 }]);

    // The cold survey follows 90 days after the end, to the 11 present, with its reminder.
    await sleepUntil(new Date(end.getTime() + 89 * DAY));
    expect(mails(subjectStarts('Trois mois après'))).toHaveLength(0);
    await sleepUntil(new Date(end.getTime() + 90 * DAY + HOUR));
    await expect.poll(() => mails(subjectStarts('Trois mois après')).length).toBe(11);
    await env.sleep(3 * DAY + HOUR);
    await expect.poll(() => mails(subjectStarts('Rappel — Trois mois après')).length).toBe(11);

    const log = await call<{ template: string; status: string }[]>(coordinator, 'GET', `${base}/emails`);
    const count = (template: string) => log.body.filter((email) => email.template === template).length;
    expect([
      count('convocation'),
      count('certificate'),
      count('surveyInvitation'),
      count('surveyReminder'),
    ]).toEqual([12, 11, 11, 21]);
    await recordHistory(env.client.workflow.getHandle(`session-${sessionId}`), 'session-participants');
    // Eleven certificates then eleven attestations de fin de formation, each converted by
    // LibreOffice and sealed: about a minute on a loaded machine.
  }, 180_000);

  it('gives a workshop attestations, then flags them to staff when its sheet is judged non-compliant after', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const day = addDays(today, 10);
    const { missionId, sessionId } = await missionWithSession(
      'company',
      'workshop',
      day,
      '09:00',
      day,
      '12:00',
    );
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    const people = [1, 2].map((index) => ({
      email: `late-${index}-${run}@example.org`,
      firstName: `Tardif${index}`,
      lastName: `Nom${index}`,
    }));
    const registered = await call<FollowUp>(coordinator, 'POST', `${base}/participants`, {
      participants: people,
    });
    expect(registered.status).toBe(200);
    await sleepUntil(new Date(zonedInstant(day, '12:00', 'Europe/Paris').getTime() + HOUR));
    const presence = registered.body.participants.map((participant) => ({
      participantId: participant.id,
      halfDays: [true],
    }));
    expect((await call(coordinator, 'PUT', `${base}/attendance`, { presence })).status).toBe(200);
    const uploaded = await app.inject({
      method: 'PUT',
      url: `${base}/attendance-sheet/signed`,
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% signed sheet\n'),
    });
    expect(uploaded.statusCode).toBe(200);
    expect((await call(staff, 'POST', `${base}/attendance-sheet/confirm`)).status).toBe(200);
    const sent = () =>
      mails(
        (email) =>
          email.to.some((to) => to.includes(`late-`) && to.includes(run)) &&
          email.attachments.length > 0 &&
          // Convocations carry their calendar file: the attestations are the other e-mails with files.
          !email.subject.startsWith('Convocation'),
      );
    await expect.poll(() => sent().length, { timeout: 60_000 }).toBe(2);
    // A workshop is no training action: the document is an attestation de participation.
    expect(sent().map((email) => email.subject)).toEqual([
      'Votre attestation de participation — PSC1',
      'Votre attestation de participation — PSC1',
    ]);
    expect(sent()[0]?.attachments[0]?.filename).toMatch(/^attestation-participation-/);
    const attestation = await pdfBytesText(sent()[0]?.attachments[0]?.bytes ?? Buffer.alloc(0));
    expect(attestation).toContain('ATTESTATION DE PARTICIPATION');
    expect(attestation).not.toMatch(/réalisation|action de formation/i);

    const judged = await call<FollowUp>(staff, 'POST', `${base}/attendance-sheet/non-compliant`, {
      reason: 'Émargement signé une seule fois pour la matinée',
    });
    expect(judged.body.attendance.status).toBe('non_compliant');
    const alerts = () => mails(subjectStarts('Certificats sans preuve : PSC1'));
    await expect.poll(() => alerts().length).toBe(1);
    expect(alerts()[0]?.to).toEqual([STAFF_EMAIL]);
    expect(alerts()[0]?.text).toContain('Tardif1 Nom1 (3 h), Tardif2 Nom2 (3 h)');
    expect(alerts()[0]?.text).toContain('Émargement signé une seule fois pour la matinée');
    const flagged = (await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body.participants;
    expect(flagged.map((participant) => [participant.certificateSent, participant.certificateFlag])).toEqual([
      [true, 'non_compliant_sheet'],
      [true, 'non_compliant_sheet'],
    ]);

    // Staff read the same on the console's attendance tab, a client of this API.
    const apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const consoleApp = await buildConsole({
      apiUrl,
      devSignIn: { secret: TEST_JWT_SECRET, people: [{ subject: 'staff-1', role: 'staff', name: 'Staff' }] },
    });
    try {
      const tab = await consoleApp.inject({
        method: 'GET',
        url: `${base}/attendance`,
        cookies: { console_session: staff },
      });
      expect(tab.statusCode).toBe(200);
      expect(tab.body).toContain('Certificats envoyés que cette feuille non conforme ne justifie plus');
      expect(tab.body).toContain('<li>Tardif1 Nom1 (3 h)</li>');
    } finally {
      await consoleApp.close();
    }
  });

  it('tells registered participants when their session is cancelled, and sends no convocation after', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const day = addDays(today, 20);
    const { missionId, sessionId } = await missionWithSession(
      'company',
      'workshop',
      day,
      '09:00',
      day,
      '12:00',
    );
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    const emails = [`c1-${run}@example.org`, `c2-${run}@example.org`];
    await call(coordinator, 'POST', `${base}/participants`, {
      participants: emails.map((email) => ({ email, firstName: 'Léa', lastName: 'Roux' })),
    });
    expect((await call(coordinator, 'POST', `${base}/cancel`, { reason: 'Salle indisponible' })).status).toBe(
      200,
    );
    const toThem = (email: ReceivedEmail) =>
      email.to.some((to) => emails.some((address) => to.includes(address)));
    await expect
      .poll(() => mails(toThem).map((email) => email.subject.split(' — ')[0]))
      .toEqual(['Annulation : PSC1', 'Annulation : PSC1']);
    await sleepUntil(zonedInstant(addDays(day, -6), '12:00', 'Europe/Paris'));
    expect(mails(toThem).filter((email) => email.subject.startsWith('Convocation'))).toHaveLength(0);
  });

  it("registers a participant from the link the client's contact forwarded, once per e-mail", async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const day = addDays(today, 25);
    const { missionId, sessionId } = await missionWithSession(
      'company',
      'workshop',
      day,
      '09:00',
      day,
      '12:00',
    );
    const base = `/missions/${missionId}/sessions/${sessionId}`;
    const created = await call<{ url: string }>(coordinator, 'POST', `${base}/registration-links`);
    expect(created.status).toBe(201);
    const path = new URL(created.body.url).pathname;
    const person = { email: `forwarded-${run}@example.org`, firstName: 'Inès', lastName: 'Benali' };
    // Double opt-in: asking (twice, the second time in capitals) registers no one and sends one confirmation e-mail.
    expect((await call(null, 'POST', path, person)).status).toBe(202);
    expect((await call(null, 'POST', path, { ...person, email: person.email.toUpperCase() })).status).toBe(
      202,
    );
    const toPerson = (email: ReceivedEmail) => email.to.some((to) => to.includes(person.email));
    await expect.poll(() => mails(toPerson).length).toBe(1);
    expect(mails(toPerson)[0]?.subject).toContain('Confirmez votre inscription');
    expect(mails(toPerson)[0]?.text).not.toContain('Benali');
    expect((await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body.participants).toEqual([]);
    const confirm = linkIn(mails(toPerson)[0], 'registration-confirmations');
    expect((await call(null, 'POST', confirm)).status).toBe(201);
    expect((await call(null, 'POST', confirm)).status).toBe(409);
    const followUp = await call<FollowUp>(coordinator, 'GET', `${base}/participants`);
    expect(followUp.body.participants.map((participant) => participant.email)).toEqual([person.email]);
    const summary = await call<unknown[]>(
      coordinator,
      'GET',
      `/coordinators/${coordinatorId}/surveys/summary`,
    );
    expect(summary.status).toBe(200);
    const other = await mintToken(TEST_JWT_SECRET, { subject: 'someone-else', role: 'coordinator' });
    expect((await call(other, 'GET', `/coordinators/${coordinatorId}/surveys/summary`)).status).toBe(403);
  });

  it('convokes again, for the new date, a participant whose session was moved', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const day = addDays(today, 10);
    const { missionId, sessionId } = await missionWithSession(
      'company',
      'workshop',
      day,
      '09:00',
      day,
      '12:00',
    );
    const email = `moved-${run}@example.org`;
    await call(coordinator, 'POST', `/missions/${missionId}/sessions/${sessionId}/participants`, {
      participants: [{ email, firstName: 'Hugo', lastName: 'Petit' }],
    });
    await sleepUntil(zonedInstant(addDays(day, -6), '12:00', 'Europe/Paris'));
    const convocations = () =>
      mails(
        (received) =>
          received.to.some((to) => to.includes(email)) && received.subject.startsWith('Convocation'),
      );
    await expect.poll(() => convocations().length).toBe(1);
    const later = addDays(day, 14);
    const moved = await call(coordinator, 'PATCH', `/missions/${missionId}/sessions/${sessionId}`, {
      startsAt: zonedInstant(later, '09:00', 'Europe/Paris').toISOString(),
      endsAt: zonedInstant(later, '12:00', 'Europe/Paris').toISOString(),
    });
    expect(moved.status).toBe(200);
    await sleepUntil(zonedInstant(addDays(later, -7), '12:00', 'Europe/Paris'));
    await expect.poll(() => convocations().length).toBe(2);
    // The second calendar file updates the event the first one added: same UID, next SEQUENCE.
    const [first, second] = convocations().map(
      (received) =>
        received.attachments.find((file) => file.filename === 'convocation.ics')?.bytes.toString() ?? '',
    );
    const event = (ics = '') => ({
      uid: /^UID:(.+)\r$/m.exec(ics)?.[1],
      sequence: /^SEQUENCE:(\d+)\r$/m.exec(ics)?.[1],
      start: /^DTSTART:(\d{8})T/m.exec(ics)?.[1],
    });
    expect(event(first)).toEqual({
      uid: `session-${sessionId}-day-1`,
      sequence: '0',
      start: day.replace(/-/g, ''),
    });
    expect(event(second)).toEqual({
      uid: `session-${sessionId}-day-1`,
      sequence: '1',
      start: later.replace(/-/g, ''),
    });
    // Cancelled: the e-mail's calendar file takes that very event out, one revision later.
    const cancelled = await call(coordinator, 'POST', `/missions/${missionId}/sessions/${sessionId}/cancel`, {
      reason: 'Formateur malade',
    });
    expect(cancelled.status).toBeLessThan(300);
    const cancellation = () =>
      mails(
        (received) =>
          received.to.some((to) => to.includes(email)) && received.subject.startsWith('Annulation'),
      )[0];
    await expect.poll(cancellation).toBeDefined();
    expect(cancellation()?.attachments.map((file) => file.filename)).toEqual(['annulation.ics']);
    const removal = cancellation()?.attachments[0]?.bytes.toString() ?? '';
    expect(event(removal)).toEqual({
      uid: `session-${sessionId}-day-1`,
      sequence: '2',
      start: later.replace(/-/g, ''),
    });
    expect(removal).toContain('STATUS:CANCELLED\r\n');
    expect(cancellation()?.text).toContain('Le fichier agenda joint retire la session de votre calendrier.');
  });

  it('lets an education session record attendance without participants, and refuses that elsewhere', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const day = addDays(today, 3);
    const school = await missionWithSession('education', 'workshop', day, '09:00', day, '11:00');
    const company = await missionWithSession('company', 'workshop', day, '14:00', day, '16:00');
    await sleepUntil(zonedInstant(day, '16:30', 'Europe/Paris'));
    const education = await call<FollowUp>(
      coordinator,
      'PUT',
      `/missions/${school.missionId}/sessions/${school.sessionId}/attendance`,
      { presence: [] },
    );
    expect([education.status, education.body.attendance.status]).toEqual([200, 'recorded']);
    const refused = await call<ProblemBody>(
      coordinator,
      'PUT',
      `/missions/${company.missionId}/sessions/${company.sessionId}/attendance`,
      { presence: [] },
    );
    expect([refused.status, refused.body.code]).toEqual([409, 'ATTENDANCE_REQUIRES_PARTICIPANTS']);
  });
});
