/**
 * A two-day training signed on phones, on the time-skipping server through the API: the lead
 * facilitator's signing e-mail at the start, the participants' link and short code of each
 * half-day, signing windows and their grace, a double submit stored once, countersignatures (one
 * late, after the reminder), certificates from the countersigned half-days, the sheet with every
 * signature. And the paper path, whose certificates now wait for the sheet to be confirmed.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth/tokens.ts';
import { listSignatures } from '../../db/queries/attendance-signatures.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import { recordHistory } from '../support/histories.ts';
import type { MissionBody, ProblemBody } from '../support/http.ts';
import { signatureDataUrl } from '../support/png.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';
import type { RunningWorker } from '../support/worker-harness.ts';

const HOUR = 3600_000;
const PHONE = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36';

interface FollowUp {
  participants: {
    id: string;
    email: string;
    firstName: string;
    hoursAttended: number | null;
    signedHalfDays: boolean[];
  }[];
  attendance: { status: string; attendanceSheetAvailable: boolean; countersignedHalfDays: number[] };
}

interface SigningState {
  openHalfDayIndex: number | null;
  participantLink: { halfDayIndex: number; url: string; code: string; shortUrl: string } | null;
  participants: { id: string; firstName: string; signed: boolean[] }[];
  halfDays: { open: boolean; countersignature: { facilitatorName: string } | null }[];
  facilitators: { id: string; name: string; lead: boolean }[];
  attendanceStatus: string;
}

interface HalfDayPage {
  participants: { id: string; name: string; signed: boolean }[];
}

describe('attendance signed on phones (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let harness: RunningWorker;
  let app: FastifyInstance;
  let staff: string;
  let coordinator: string;
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-signing-${run}`;

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
  const mails = (predicate: (email: ReceivedEmail) => boolean) => harness.resend.received.filter(predicate);
  const subjectStarts = (prefix: string) => (email: ReceivedEmail) => email.subject.startsWith(prefix);
  const sleepUntil = async (instant: Date) => env.sleep(instant.getTime() - (await env.currentTimeMs()));

  /** A POST from a phone: its own user agent, the JSON body a page would send. */
  async function post<T>(url: string, body: object) {
    await stack.syncClock();
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'user-agent': PHONE },
      payload: body,
    });
    return { status: response.statusCode, body: response.json() as T };
  }

  async function trainingWithLead(
    kind: 'training' | 'workshop',
    day1: string,
    day2: string,
    tag: string = kind,
  ) {
    const mission = (
      await call<MissionBody>(staff, 'POST', '/missions', {
        title: 'Formation premiers secours',
        client: { name: `Client ${run}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: `alex-${run}@example.org` },
        endDate: addDays(day2, 200),
        orderLines: [{ kind, quantity: 2, participantsPerSession: 12, unitPriceCents: 250_000 }],
      })
    ).body;
    const planned = await call<MissionBody>(coordinator, 'POST', `/missions/${mission.id}/sessions`, {
      kind,
      title: 'PSC1',
      startsAt: zonedInstant(day1, '09:00', 'Europe/Paris').toISOString(),
      endsAt: zonedInstant(day2, '17:00', 'Europe/Paris').toISOString(),
      location: { mode: 'onsite', address: '3 place du Marché, 69001 Lyon' },
      capacity: 12,
      otherFacilitators: 0,
    });
    expect(planned.status).toBe(201);
    const sessionId = planned.body.sessions[0]?.id ?? '';
    const leadId = `lou-${tag}-${run}`;
    // The directory checks compliance dates against the real clock, not the skipped one.
    const today = businessDate(new Date());
    const directory = await call(staff, 'POST', '/facilitators', {
      id: leadId,
      firstName: 'Lou',
      lastName: 'Martin',
      email: `${leadId}@example.org`,
      country: 'FR',
      trainingProviderNumber: '11755555575',
      complianceCheckedOn: today,
      compliantUntil: addDays(today, 400),
    });
    expect(directory.status, JSON.stringify(directory.body)).toBe(201);
    const base = `/missions/${mission.id}/sessions/${sessionId}`;
    expect(
      (
        await call(coordinator, 'POST', `${base}/invitations`, {
          facilitatorId: leadId,
          facilitatorStatus: 'paid',
        })
      ).status,
    ).toBe(201);
    await expect
      .poll(() => mails((email) => email.to.some((to) => to.includes(leadId))).length)
      .toBeGreaterThan(0);
    const invitation = /http:\/\/missions\.test(\/links\/invitations\/[A-Za-z0-9._-]+)/.exec(
      mails((email) => email.to.some((to) => to.includes(leadId)))[0]?.text ?? '',
    )?.[1];
    expect((await call(null, 'POST', `${invitation}/accept`, {})).status).toBe(200);
    return { missionId: mission.id, sessionId, base, leadId };
  }

  it('signs a two-day training half-day by half-day and certifies the hours the signatures prove', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const [day1, day2] = [addDays(today, 20), addDays(today, 21)];
    const { sessionId, base, leadId } = await trainingWithLead('training', day1, day2);
    const people = ['Ana', 'Bruno', 'Chloé', 'Dario'].map((firstName) => ({
      email: `${firstName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}-${run}@example.org`,
      firstName,
      lastName: `Lemaire${firstName.length}`,
    }));
    expect((await call(coordinator, 'POST', `${base}/participants`, { participants: people })).status).toBe(
      200,
    );
    const ids = Object.fromEntries(
      (await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body.participants.map((p) => [
        p.firstName,
        p.id,
      ]),
    ) as Record<string, string>;
    const ana = ids.Ana ?? '';
    const bruno = ids.Bruno ?? '';
    const chloe = ids.Chloé ?? '';

    // Before the start: the coordinator has the facilitator's link, nothing is open, no e-mail yet.
    const fromCoordinator = await call<{ url: string }>(coordinator, 'GET', `${base}/signing-link`);
    expect(fromCoordinator.status).toBe(200);
    const coordinatorLink = new URL(fromCoordinator.body.url).pathname;
    const before = await call<SigningState>(null, 'GET', coordinatorLink);
    expect([before.body.openHalfDayIndex, before.body.participantLink]).toEqual([null, null]);
    expect(before.body.facilitators.map((f) => [f.name, f.lead])).toEqual([['Lou Martin', true]]);
    const early = await post<ProblemBody>(`${coordinatorLink}/signatures`, {
      participantId: ana,
      halfDayIndex: 0,
      signature: signatureDataUrl(),
    });
    expect([early.status, early.body.code]).toEqual([409, 'SIGNING_NOT_OPEN']);
    const signingMails = () => mails(subjectStarts('Émargement — PSC1'));
    expect(signingMails()).toHaveLength(0);

    // The start: the lead facilitator gets the signing link.
    await sleepUntil(zonedInstant(day1, '09:05', 'Europe/Paris'));
    await expect
      .poll(() => signingMails().flatMap((email) => email.to))
      .toEqual([`Lou Martin <${leadId}@example.org>`]);
    const facilitatorLink = /http:\/\/missions\.test(\/links\/attendance-signing\/[A-Za-z0-9._-]+)/.exec(
      signingMails()[0]?.text ?? '',
    )?.[1] as string;
    const state = async () => (await call<SigningState>(null, 'GET', facilitatorLink)).body;

    /** The participants' link of the half-day open now, reached as a phone does: from its short code. */
    async function participantPage(halfDayIndex: number) {
      const page = await state();
      expect(page.openHalfDayIndex).toBe(halfDayIndex);
      const link = page.participantLink;
      expect(link?.shortUrl).toMatch(/^http:\/\/missions\.test\/e\/[A-HJ-NP-Z2-9]{6}$/);
      const redirected = await app.inject({ method: 'GET', url: new URL(link?.shortUrl ?? '').pathname });
      expect(redirected.statusCode).toBe(303);
      expect(redirected.headers.location).toBe(new URL(link?.url ?? '').pathname);
      return new URL(link?.url ?? '').pathname;
    }
    const sign = (url: string, participantId: string, seed = 0) =>
      post<ProblemBody>(url, { participantId, signature: signatureDataUrl(seed) });

    // Morning, day 1: Ana and Bruno on their phones, Chloé on the facilitator's device.
    const morning1 = await participantPage(0);
    const names = (await call<HalfDayPage>(null, 'GET', morning1)).body.participants;
    expect(names.map((p) => p.name)).toEqual(['Ana L.', 'Bruno L.', 'Chloé L.', 'Dario L.']);
    expect(JSON.stringify(names)).not.toContain('@');
    expect((await sign(morning1, ana, 1)).status).toBe(201);
    // A double submit: both requests at once, one signature stored.
    const double = await Promise.all([sign(morning1, bruno, 2), sign(morning1, bruno, 2)]);
    expect(double.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(double.find((response) => response.status === 409)?.body.code).toBe('ALREADY_SIGNED');
    const again = await sign(morning1, ana, 1);
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_SIGNED']);
    const notPng = await post<ProblemBody>(morning1, {
      participantId: chloe,
      signature: `data:image/png;base64,${Buffer.from('GIF89a not a png').toString('base64')}`,
    });
    expect([notPng.status, notPng.body.code]).toEqual([422, 'SIGNATURE_INVALID']);
    const stranger = await sign(morning1, randomUUID());
    expect([stranger.status, stranger.body.code]).toEqual([422, 'UNKNOWN_PARTICIPANT']);
    expect(
      (await post(`${facilitatorLink}/signatures`, { participantId: chloe, signature: signatureDataUrl(3) }))
        .status,
    ).toBe(201);
    const signatures = await listSignatures(harness.pool, sessionId);
    expect(signatures.filter((row) => row.participantId === bruno)).toHaveLength(1);
    expect(signatures.every((row) => row.userAgent === PHONE && row.ip.length > 0)).toBe(true);
    expect(
      (
        await post(`${facilitatorLink}/countersignatures`, {
          halfDayIndex: 0,
          signature: signatureDataUrl(4),
        })
      ).status,
    ).toBe(201);
    expect((await state()).halfDays[0]?.countersignature?.facilitatorName).toBe('Lou Martin');
    const afterCountersignature = await sign(morning1, ids.Dario ?? '');
    expect([afterCountersignature.status, afterCountersignature.body.code]).toEqual([
      409,
      'HALF_DAY_COUNTERSIGNED',
    ]);

    // Afternoon day 1 and morning day 2: everyone signs; each half-day has its own link and code.
    await sleepUntil(zonedInstant(day1, '13:40', 'Europe/Paris'));
    const afternoon1 = await participantPage(1);
    expect(afternoon1).not.toBe(morning1);
    const closedMorning = await sign(morning1, ids.Dario ?? '');
    expect([closedMorning.status, closedMorning.body.code]).toEqual([410, 'LINK_EXPIRED']);
    for (const [index, who] of [ana, bruno, chloe].entries())
      expect((await sign(afternoon1, who, 10 + index)).status).toBe(201);
    await sleepUntil(zonedInstant(day1, '17:20', 'Europe/Paris'));
    await post(`${facilitatorLink}/countersignatures`, { halfDayIndex: 1, signature: signatureDataUrl(5) });
    await sleepUntil(zonedInstant(day2, '09:10', 'Europe/Paris'));
    const morning2 = await participantPage(2);
    for (const [index, who] of [ana, bruno, chloe].entries())
      expect((await sign(morning2, who, 20 + index)).status).toBe(201);
    await post(`${facilitatorLink}/countersignatures`, { halfDayIndex: 2, signature: signatureDataUrl(6) });

    // Afternoon day 2: Ana and Chloé sign; Bruno comes after the grace and is refused.
    await sleepUntil(zonedInstant(day2, '13:35', 'Europe/Paris'));
    const afternoon2 = await participantPage(3);
    expect((await sign(afternoon2, ana, 30)).status).toBe(201);
    expect((await sign(afternoon2, chloe, 31)).status).toBe(201);
    await sleepUntil(zonedInstant(day2, '17:31', 'Europe/Paris'));
    const late = await sign(afternoon2, bruno, 32);
    expect([late.status, late.body.code]).toEqual([410, 'LINK_EXPIRED']);
    const lateInTurn = await post<ProblemBody>(`${facilitatorLink}/signatures`, {
      participantId: bruno,
      halfDayIndex: 3,
      signature: signatureDataUrl(33),
    });
    expect([lateInTurn.status, lateInTurn.body.code]).toEqual([409, 'SIGNING_CLOSED']);
    expect((await state()).participantLink).toBeNull();

    // The last half-day is not countersigned: no certificate yet, and a reminder after 24 h.
    const end = zonedInstant(day2, '17:00', 'Europe/Paris');
    const certificates = () => mails(subjectStarts('Votre certificat de réalisation'));
    await sleepUntil(new Date(end.getTime() + 25 * HOUR));
    await expect
      .poll(() =>
        mails(subjectStarts('Contresignature manquante'))
          .flatMap((email) => email.to)
          .sort(),
      )
      .toEqual([`Alex Durand <alex-${run}@example.org>`, `Lou Martin <${leadId}@example.org>`]);
    // The half-day is named in words, in the session's language.
    expect(mails(subjectStarts('Contresignature manquante'))[0]?.text).toMatch(
      /: \S+ \d+ \S+ \d{4} \(après-midi\)\./,
    );
    expect(mails(subjectStarts('Présences non saisies'))).toHaveLength(0);
    expect(certificates()).toHaveLength(0);
    expect((await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body.attendance.status).toBe(
      'pending',
    );
    const paper = await call<ProblemBody>(coordinator, 'PUT', `${base}/attendance`, { presence: [] });
    expect([paper.status, paper.body.code]).toEqual([409, 'ATTENDANCE_SIGNED']);

    // The late countersignature completes the proof: certificates with the hours signed.
    expect(
      (
        await post(`${facilitatorLink}/countersignatures`, {
          halfDayIndex: 3,
          signature: signatureDataUrl(7),
        })
      ).status,
    ).toBe(201);
    // Each certificate goes out as a PDF converted by LibreOffice and sealed: seconds each.
    await expect.poll(() => certificates().length, { timeout: 60_000 }).toBe(3);
    const to = (who: string) => (email: ReceivedEmail) =>
      email.to.some((address) => address.includes(`${who.toLowerCase()}-${run}@`));
    expect(certificates().filter(to('Dario'))).toHaveLength(0);
    expect(certificates().find(to('Bruno'))?.text).toContain('10,5 heures');
    expect(certificates().find(to('Ana'))?.text).toContain('14 heures');
    // The hot survey's link comes with the certificate, to those present only.
    expect(certificates().every((email) => /\/links\/surveys\//.test(email.text ?? ''))).toBe(true);
    const followUp = (await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body;
    expect(followUp.attendance.status).toBe('signed');
    expect(followUp.attendance.countersignedHalfDays).toEqual([0, 1, 2, 3]);
    expect(followUp.participants.find((p) => p.firstName === 'Bruno')?.signedHalfDays).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(Object.fromEntries(followUp.participants.map((p) => [p.firstName, p.hoursAttended]))).toEqual({
      Ana: 14,
      Bruno: 10.5,
      Chloé: 14,
      Dario: 0,
    });

    // The sheet, regenerated by the late countersignature, shows every signature with its time.
    const sheetImages = async () => {
      const sheet = await call<Buffer>(coordinator, 'GET', `${base}/attendance-sheet`);
      const html = (await mammoth.convertToHtml({ buffer: sheet.body })).value;
      return { html, images: [...html.matchAll(/<img [^>]*src="data:image\/png;base64,/g)].length };
    };
    await expect.poll(async () => (await sheetImages()).images, { timeout: 20_000 }).toBe(11 + 4);
    const { html } = await sheetImages();
    const stored = await listSignatures(harness.pool, sessionId);
    const paris = (iso: string) =>
      new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso));
    for (const row of stored) expect(html).toContain(`Signé à ${paris(row.signedAt)}`);
    expect(stored).toHaveLength(15);
    const view = (await state()).participants.find((p) => p.id === bruno);
    expect(view?.signed).toEqual([true, true, true, false]);
    await recordHistory(env.client.workflow.getHandle(`session-${sessionId}`), 'session-signed');
  });

  it('issues paper-path certificates only once the signed sheet is confirmed compliant', async () => {
    const today = businessDate(new Date(await env.currentTimeMs()));
    const day = addDays(today, 10);
    const { sessionId, base } = await trainingWithLead('workshop', day, day);
    await call(coordinator, 'POST', `${base}/participants`, {
      participants: [{ email: `paper-${run}@example.org`, firstName: 'Paul', lastName: 'Papier' }],
    });
    const participantId = (await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body
      .participants[0]?.id;
    await sleepUntil(zonedInstant(day, '18:00', 'Europe/Paris'));
    const recorded = await call<FollowUp>(coordinator, 'PUT', `${base}/attendance`, {
      presence: [{ participantId, halfDays: [true, true] }],
    });
    expect([recorded.status, recorded.body.attendance.status]).toEqual([200, 'recorded']);
    // A workshop: what it certifies is participation (workflows/rules/certificates.ts).
    const certificates = () =>
      mails(
        (email) =>
          email.subject.startsWith('Votre attestation de participation') &&
          email.to.some((to) => to.includes(`paper-${run}`)),
      );
    await env.sleep(2 * HOUR);
    expect(certificates()).toHaveLength(0);
    const uploaded = await app.inject({
      method: 'PUT',
      url: `${base}/attendance-sheet/signed`,
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% signed sheet\n'),
    });
    expect(uploaded.statusCode).toBe(200);
    await env.sleep(HOUR);
    expect(certificates()).toHaveLength(0);
    const confirmed = await call<FollowUp>(staff, 'POST', `${base}/attendance-sheet/confirm`);
    expect(confirmed.body.attendance.status).toBe('compliant');
    await expect.poll(() => certificates().length, { timeout: 60_000 }).toBe(1);
    await recordHistory(env.client.workflow.getHandle(`session-${sessionId}`), 'session-paper-proof');
  });

  it('takes a signature of the last half-day within its grace after the end, when nobody had signed it yet', async () => {
    const day = addDays(businessDate(new Date(await env.currentTimeMs())), 40);
    const { base } = await trainingWithLead('workshop', day, day, 'grace');
    const person = { email: `eli-${run}@example.org`, firstName: 'Eli', lastName: 'Garnier' };
    expect((await call(coordinator, 'POST', `${base}/participants`, { participants: [person] })).status).toBe(
      200,
    );
    const eli =
      (await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body.participants[0]?.id ?? '';
    const link = new URL((await call<{ url: string }>(coordinator, 'GET', `${base}/signing-link`)).body.url)
      .pathname;
    await sleepUntil(zonedInstant(day, '09:10', 'Europe/Paris'));
    expect(
      (
        await post(`${link}/signatures`, {
          participantId: eli,
          halfDayIndex: 0,
          signature: signatureDataUrl(40),
        })
      ).status,
    ).toBe(201);
    expect(
      (await post(`${link}/countersignatures`, { halfDayIndex: 0, signature: signatureDataUrl(41) })).status,
    ).toBe(201);
    // The session ends at 17:00; its afternoon takes signatures until 17:30.
    await sleepUntil(zonedInstant(day, '17:10', 'Europe/Paris'));
    const afternoon = await post<ProblemBody>(`${link}/signatures`, {
      participantId: eli,
      halfDayIndex: 1,
      signature: signatureDataUrl(42),
    });
    expect([afternoon.status, afternoon.body.code]).toEqual([201, undefined]);
    expect(
      (await post(`${link}/countersignatures`, { halfDayIndex: 1, signature: signatureDataUrl(43) })).status,
    ).toBe(201);
    await expect
      .poll(
        async () => (await call<FollowUp>(coordinator, 'GET', `${base}/participants`)).body.attendance.status,
      )
      .toBe('signed');
  });
});
