/**
 * The attendance-signing pages without a browser (Fastify inject on the real API, the
 * time-skipping server, a real worker and Postgres): the facilitator's page with the open
 * half-day's QR code and short link, the participants' page reached from the short code, a
 * signature refused when the pad is empty then recorded, someone signed in turn, the
 * countersignature closing the half-day. The same URLs still answer JSON to JSON clients.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth/tokens.ts';
import { listSignatures } from '../../db/queries/attendance-signatures.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import type { MissionBody } from '../support/http.ts';
import { signatureDataUrl } from '../support/png.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const FORM = {
  'content-type': 'application/x-www-form-urlencoded',
  'user-agent': 'Mozilla/5.0 (Android) Phone',
};

describe('attendance-signing pages (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-sign-pages-${run}`;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    env = stack.env;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const page = async (url: string) => {
    await stack.syncClock();
    return stack.app.inject({ method: 'GET', url, headers: BROWSER });
  };
  const submit = async (url: string, fields: Record<string, string>) => {
    await stack.syncClock();
    return stack.app.inject({
      method: 'POST',
      url,
      headers: FORM,
      payload: new URLSearchParams(fields).toString(),
    });
  };

  it('signs a half-day from the pages: QR code and short link, names to pick, the pad, the countersignature', async () => {
    const staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    const coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
    const day = addDays(businessDate(new Date(await env.currentTimeMs())), 12);
    const mission = (
      await stack.call<MissionBody>(staff, 'POST', '/missions', {
        title: 'Ateliers',
        client: { name: `Client ${run}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: `alex-${run}@example.org` },
        endDate: addDays(day, 100),
        orderLines: [{ kind: 'workshop', quantity: 2, participantsPerSession: 12, unitPriceCents: 90_000 }],
      })
    ).body;
    const planned = await stack.call<MissionBody>(coordinator, 'POST', `/missions/${mission.id}/sessions`, {
      kind: 'workshop',
      title: 'Fresque du climat',
      startsAt: zonedInstant(day, '09:00', 'Europe/Paris').toISOString(),
      endsAt: zonedInstant(day, '12:00', 'Europe/Paris').toISOString(),
      location: { mode: 'onsite', address: '5 rue des Lilas, 33000 Bordeaux' },
      capacity: 12,
      otherFacilitators: 0,
    });
    const sessionId = planned.body.sessions[0]?.id ?? '';
    const base = `/missions/${mission.id}/sessions/${sessionId}`;
    const leadId = `rosa-${run}`;
    const today = businessDate(new Date());
    await stack.call(staff, 'POST', '/facilitators', {
      id: leadId,
      firstName: 'Rosa',
      lastName: 'Lebrun',
      email: `${leadId}@example.org`,
      country: 'FR',
      trainingProviderNumber: '11755555575',
      complianceCheckedOn: today,
      compliantUntil: addDays(today, 400),
    });
    await stack.call(coordinator, 'POST', `${base}/invitations`, {
      facilitatorId: leadId,
      facilitatorStatus: 'paid',
    });
    const toLead = (email: ReceivedEmail) => email.to.some((to) => to.includes(`${leadId}@`));
    await expect.poll(() => stack.harness.resend.received.filter(toLead).length).toBe(1);
    const invitation = /http:\/\/missions\.test(\/links\/invitations\/[A-Za-z0-9._-]+)/.exec(
      stack.harness.resend.received.filter(toLead)[0]?.text ?? '',
    )?.[1];
    expect((await stack.call(null, 'POST', `${invitation}/accept`, {})).status).toBe(200);
    await stack.call(coordinator, 'POST', `${base}/participants`, {
      participants: [
        { email: `ana-${run}@example.org`, firstName: 'Ana', lastName: 'Lopez' },
        { email: `yann-${run}@example.org`, firstName: 'Yann', lastName: 'Kerouac' },
      ],
    });
    await env.sleep(zonedInstant(day, '09:10', 'Europe/Paris').getTime() - (await env.currentTimeMs()));

    // The facilitator's page, from the e-mail sent at the start.
    await expect.poll(() => stack.harness.resend.received.filter(toLead).length).toBe(2);
    const facilitatorLink = /http:\/\/missions\.test(\/links\/attendance-signing\/[A-Za-z0-9._-]+)/.exec(
      stack.harness.resend.received.filter(toLead)[1]?.text ?? '',
    )?.[1] as string;
    const facilitator = await page(facilitatorLink);
    expect(facilitator.statusCode).toBe(200);
    expect(facilitator.headers['content-type']).toContain('text/html');
    expect(facilitator.body).toContain('Émargement — Fresque du climat');
    expect(facilitator.body).toMatch(/<div class="qr" role="img"[^>]*><svg/);
    const shortLink = /<p class="short-link">missions\.test(\/e\/[A-Z0-9]{6})<\/p>/.exec(
      facilitator.body,
    )?.[1];
    expect(shortLink).toBeDefined();
    expect(facilitator.body).toContain('Ana Lopez');
    expect(facilitator.body).toContain('/assets/signature_pad.js');
    const json = await stack.app.inject({
      method: 'GET',
      url: facilitatorLink,
      headers: { accept: 'application/json' },
    });
    expect(json.json().openHalfDayIndex).toBe(0);
    const ids = Object.fromEntries(
      (json.json().participants as { id: string; firstName: string }[]).map((p) => [p.firstName, p.id]),
    ) as Record<string, string>;

    // A phone scans the code: the short link leads to the participants' page.
    const redirected = await stack.app.inject({ method: 'GET', url: shortLink ?? '', headers: BROWSER });
    expect(redirected.statusCode).toBe(303);
    const participantLink = redirected.headers.location as string;
    const names = await page(participantLink);
    expect(names.statusCode).toBe(200);
    expect(names.body).toContain('Ana L.');
    expect(names.body).toContain('Yann K.');
    expect(names.body).not.toContain('@example.org');

    // The pad left empty: the page says so beside it, and nothing is stored.
    const empty = await submit(participantLink, { participantId: ids.Ana ?? '', signature: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain(
      '<p class="error-message" id="signature-error">Signez dans le cadre avant de valider</p>',
    );
    expect(empty.body).toContain('href="#signature"');
    expect(await listSignatures(stack.harness.pool, sessionId)).toHaveLength(0);
    const signed = await submit(participantLink, {
      participantId: ids.Ana ?? '',
      signature: signatureDataUrl(1),
    });
    expect(signed.statusCode).toBe(303);
    const thanks = await page(signed.headers.location as string);
    expect(thanks.body).toContain('Merci, votre signature est enregistrée');
    const twice = await submit(participantLink, {
      participantId: ids.Ana ?? '',
      signature: signatureDataUrl(1),
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Cette personne a déjà signé cette demi-journée.');

    // Yann has no phone: he signs in turn on the facilitator's device; then the countersignature.
    const inTurn = await submit(facilitatorLink, {
      action: 'sign',
      halfDayIndex: '0',
      participantId: ids.Yann ?? '',
      signature: signatureDataUrl(2),
    });
    expect([inTurn.statusCode, inTurn.headers.location]).toEqual([303, `${facilitatorLink}?done=signed`]);
    const noPad = await submit(facilitatorLink, { action: 'countersign', halfDayIndex: '0', signature: '' });
    expect(noPad.statusCode).toBe(422);
    expect(noPad.body).toContain('id="countersignature-error"');
    const countersigned = await submit(facilitatorLink, {
      action: 'countersign',
      halfDayIndex: '0',
      signature: signatureDataUrl(3),
    });
    expect(countersigned.statusCode).toBe(303);
    const after = await page(countersigned.headers.location as string);
    expect(after.body).toContain('Demi-journée contresignée');
    expect(after.body).toContain('✓ Rosa Lebrun');
    expect((await page(participantLink)).body).toContain('La signature de cette demi-journée est close');
    const stored = await listSignatures(stack.harness.pool, sessionId);
    expect(stored.map((row) => row.kind).sort()).toEqual(['countersignature', 'participant', 'participant']);
    expect(stored.every((row) => row.userAgent === FORM['user-agent'])).toBe(true);
    for (const asset of ['/assets/signing.js', '/assets/signature_pad.js'])
      expect((await stack.app.inject({ method: 'GET', url: asset })).statusCode).toBe(200);
  });
});
