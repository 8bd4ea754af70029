/**
 * The pages behind e-mail links, without a browser (Fastify inject on the real API, the
 * time-skipping server, a real worker and Postgres): the same URL answers a page to a browser and
 * JSON to a JSON client, forms post then redirect, and every refusal is a page with its status.
 * The browser suite (test/browser/) does the same as a person on a phone would.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth/tokens.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import type { MissionBody } from '../support/http.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('link pages (time-skipping server, through the API)', () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let staff: string;
  let coordinator: string;
  let mission: MissionBody;
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-pages-${run}`;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    env = stack.env;
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
    const now = await env.currentTimeMs();
    mission = (
      await stack.call(staff, 'POST', '/missions', {
        title: 'Ateliers numérique responsable',
        client: { name: `Client ${run}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: 'alex@example.org' },
        endDate: businessDate(new Date(now + 200 * DAY)),
        orderLines: [{ kind: 'workshop', quantity: 10, participantsPerSession: 15, unitPriceCents: 90_000 }],
      })
    ).body as MissionBody;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function facilitator(name: string, overrides: Record<string, unknown> = {}) {
    const id = `${name}-${run}`;
    const today = businessDate(new Date());
    const response = await stack.call(staff, 'POST', '/facilitators', {
      id,
      firstName: name,
      lastName: 'Martin',
      email: `${id}@example.org`,
      country: 'FR',
      trainingProviderNumber: '11755555575',
      complianceCheckedOn: today,
      compliantUntil: addDays(today, 400),
      ...overrides,
    });
    expect(response.status).toBe(201);
    return id;
  }

  async function session(title: string, language: 'fr' | 'en' = 'fr', capacity = 15) {
    const start = (await env.currentTimeMs()) + 20 * DAY;
    const response = await stack.call(coordinator, 'POST', `/missions/${mission.id}/sessions`, {
      kind: 'workshop',
      title,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3 * HOUR).toISOString(),
      location: { mode: 'onsite', address: '5 rue des Lilas, 33000 Bordeaux' },
      capacity,
      otherFacilitators: 2,
      language,
    });
    expect(response.status).toBe(201);
    return (response.body as MissionBody).sessions.find((candidate) => candidate.title === title)?.id ?? '';
  }

  /** The invitation link e-mailed to a facilitator, as a path on the API. */
  async function invitationLink(sessionId: string, facilitatorId: string, status = 'paid') {
    const invited = await stack.call(
      coordinator,
      'POST',
      `/missions/${mission.id}/sessions/${sessionId}/invitations`,
      {
        facilitatorId,
        facilitatorStatus: status,
      },
    );
    expect(invited.status).toBe(201);
    let path = '';
    await expect
      .poll(() => {
        const email = stack.harness.resend.received.filter((received: ReceivedEmail) =>
          received.to.some((address) => address.toLowerCase().includes(`${facilitatorId.toLowerCase()}@`)),
        );
        path =
          /http:\/\/missions\.test(\/links\/invitations\/[A-Za-z0-9._-]+)/.exec(
            email.at(-1)?.text ?? '',
          )?.[1] ?? '';
        return path;
      })
      .not.toBe('');
    return path;
  }

  const page = (url: string) => stack.app.inject({ method: 'GET', url, headers: BROWSER });
  const submit = (url: string, fields: Record<string, string>) =>
    stack.app.inject({ method: 'POST', url, headers: FORM, payload: new URLSearchParams(fields).toString() });

  it('shows a browser the invitation page and a JSON client the JSON it had', async () => {
    const sessionId = await session('Atelier à deux visages');
    const link = await invitationLink(sessionId, await facilitator('Nora'));
    const html = await page(link);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Invitation à animer une session');
    expect(html.body).toContain('Atelier à deux visages');
    expect(html.body).toContain('Accepter l’invitation');
    const json = await stack.app.inject({
      method: 'GET',
      url: link,
      headers: { accept: 'application/json' },
    });
    expect(json.statusCode).toBe(200);
    expect(json.json().invitation.status).toBe('pending');
  });

  it('accepts an invitation from its form, redirects, and shows the answer on the same link', async () => {
    const sessionId = await session('Atelier accepté');
    const facilitatorId = await facilitator('Basile');
    const link = await invitationLink(sessionId, facilitatorId);
    const posted = await submit(link, { response: 'accept' });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(link);
    const after = await page(link);
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Vous avez accepté l’invitation');
    const staffing = await stack.call<{ invitations: { facilitator: { id: string }; status: string }[] }>(
      coordinator,
      'GET',
      `/missions/${mission.id}/sessions/${sessionId}/staffing`,
    );
    expect(staffing.body.invitations.find((i) => i.facilitator.id === facilitatorId)?.status).toBe(
      'accepted',
    );
    const again = await submit(link, { response: 'decline' });
    expect(again.statusCode).toBe(303);
    expect(
      (
        await stack.call<{ invitations: { facilitator: { id: string }; status: string }[] }>(
          coordinator,
          'GET',
          `/missions/${mission.id}/sessions/${sessionId}/staffing`,
        )
      ).body.invitations.find((i) => i.facilitator.id === facilitatorId)?.status,
    ).toBe('accepted');
  });

  it('asks an employee of the client about working time, with the message beside the question', async () => {
    const sessionId = await session('Atelier interne');
    const facilitatorId = await facilitator('Chloe', { managerEmail: `manager-${run}@example.org` });
    const link = await invitationLink(sessionId, facilitatorId, 'internal');
    const missing = await submit(link, { response: 'accept' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('id="duringWorkingTime-error"');
    expect(missing.body).toContain('Dites si vous participerez sur votre temps de travail');
    expect(missing.body).toContain('href="#duringWorkingTime"');
    const posted = await submit(link, { response: 'accept', duringWorkingTime: 'yes' });
    expect(posted.statusCode).toBe(303);
    expect((await page(link)).body).toContain('Votre manager a reçu une demande d’accord');
  });

  it('speaks English for a session in English, and switches language on request', async () => {
    const sessionId = await session('English workshop', 'en');
    const link = await invitationLink(sessionId, await facilitator('Dylan'));
    const english = await page(link);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Accept the invitation');
    const french = await page(`${link}?lang=fr`);
    expect(french.body).toContain('<html lang="fr">');
  });

  it('answers a tampered link with a page that says nothing about it, and an expired one with 410', async () => {
    const sessionId = await session('Atelier au lien abîmé');
    const link = await invitationLink(sessionId, await facilitator('Eve'));
    const tampered = await page(`${link.slice(0, -3)}abc`);
    expect(tampered.statusCode).toBe(404);
    expect(tampered.body).toContain('Ce lien ne fonctionne pas');
    expect(tampered.body).not.toContain('Atelier au lien abîmé');
    await env.sleep(8 * DAY);
    const expired = await page(link);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('a expiré');
  });

  it('shows a cancelled session as such', async () => {
    const sessionId = await session('Atelier annulé');
    const link = await invitationLink(sessionId, await facilitator('Fanny'));
    const cancelled = await stack.call(
      coordinator,
      'POST',
      `/missions/${mission.id}/sessions/${sessionId}/cancel`,
      {
        reason: 'Client indisponible',
      },
    );
    expect(cancelled.status).toBeLessThan(300);
    const shown = await page(link);
    expect(shown.statusCode).toBe(410);
    expect(shown.body).toContain('Cette session a été annulée');
  });

  /** The first link of `kind` in the last e-mail to an address, as a path on the API. */
  async function linkTo(address: string, kind: string) {
    let path = '';
    await expect
      .poll(() => {
        const emails = stack.harness.resend.received.filter((received: ReceivedEmail) =>
          received.to.some((to) => to.toLowerCase().includes(address.toLowerCase())),
        );
        path =
          new RegExp(`http://missions\\.test(/links/${kind}/[A-Za-z0-9._-]+)`).exec(
            emails.at(-1)?.text ?? '',
          )?.[1] ?? '';
        return path;
      })
      .not.toBe('');
    return path;
  }

  it('lets a manager approve with a note that reaches the coordinator', async () => {
    const sessionId = await session('Atelier avec accord');
    const manager = `manager-note-${run}@example.org`;
    const facilitatorId = await facilitator('Gael', { managerEmail: manager });
    const invitation = await invitationLink(sessionId, facilitatorId, 'internal');
    expect((await submit(invitation, { response: 'accept', duringWorkingTime: 'yes' })).statusCode).toBe(303);
    const link = await linkTo(manager, 'approvals');
    const shown = await page(link);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Demande d’accord de participation');
    expect(shown.body).toContain('Gael Martin');
    expect(shown.body).toContain('3 h au total');
    const posted = await submit(link, {
      decision: 'approve',
      note: 'Accord, à poser en demi-journée de formation.',
    });
    expect(posted.statusCode).toBe(303);
    const decided = await page(String(posted.headers.location));
    expect(decided.body, decided.body).toContain('Vous avez donné votre accord');
    await expect
      .poll(() =>
        stack.harness.resend.received.some(
          (email) =>
            email.to.some((to) => to.includes('alex@example.org')) &&
            (email.text ?? '').includes('Accord, à poser en demi-journée'),
        ),
      )
      .toBe(true);
  });

  it('answers the shared link the same way for a known and an unknown address', async () => {
    const sessionId = await session('Atelier partagé');
    const known = await facilitator('Hugo');
    const shared = await stack.call<{ url: string }>(
      coordinator,
      'POST',
      `/missions/${mission.id}/sessions/${sessionId}/share-links`,
      {
        facilitatorStatus: 'paid',
      },
    );
    expect(shared.status).toBe(201);
    const link = new URL(shared.body.url).pathname;
    const shownShare = await page(link);
    expect(shownShare.body, shownShare.body).toContain('Recevoir une invitation');
    const invalid = await submit(link, { email: 'pas-une-adresse' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('id="email-error"');
    const first = await submit(link, { email: `${known}@example.org` });
    const second = await submit(link, { email: `inconnu-${run}@example.org` });
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(first.headers.location).toBe(second.headers.location);
    const after = await page(String(first.headers.location));
    expect(after.body).toContain('Demande reçue');
    await linkTo(`${known}@example.org`, 'invitations');
  });

  it('registers a participant from the forwarded link only once they confirm from their inbox, and says when the session is full', async () => {
    const sessionId = await session('Atelier sur inscription', 'fr', 1);
    const created = await stack.call<{ url: string }>(
      coordinator,
      'POST',
      `/missions/${mission.id}/sessions/${sessionId}/registration-links`,
    );
    expect(created.status).toBe(201);
    const link = new URL(created.body.url).pathname;
    const empty = await submit(link, { firstName: '', lastName: 'https://evil.example', email: 'x' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('id="firstName-error"');
    expect(empty.body).toContain('id="lastName-error"');
    expect(empty.body).toContain('id="email-error"');
    const email = `ines-${run}@example.org`;
    const posted = await submit(link, { firstName: 'Inès', lastName: 'Leroy', email });
    expect(posted.statusCode).toBe(303);
    expect((await page(String(posted.headers.location))).body).toContain('confirmez votre adresse');
    const confirmation = await linkTo(email, 'registration-confirmations');
    const confirm = await page(confirmation);
    expect(confirm.body).toContain('Inès Leroy');
    expect((await submit(confirmation, {})).statusCode).toBe(303);
    expect((await page(confirmation)).body).toContain('Inscription confirmée');
    const participants = await stack.call<{ participants: { email: string }[] }>(
      coordinator,
      'GET',
      `/missions/${mission.id}/sessions/${sessionId}/participants`,
    );
    expect(participants.body.participants.map((participant) => participant.email)).toEqual([email]);
    const full = await page(link);
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain('La session est complète');
  });

  it('stops a registration link its coordinator withdrew', async () => {
    const sessionId = await session('Atelier au lien retiré');
    const created = await stack.call<{ id: string; url: string }>(
      coordinator,
      'POST',
      `/missions/${mission.id}/sessions/${sessionId}/registration-links`,
      { cap: 2 },
    );
    const link = new URL(created.body.url).pathname;
    expect((await page(link)).statusCode).toBe(200);
    const revoked = await stack.call(
      coordinator,
      'DELETE',
      `/missions/${mission.id}/sessions/${sessionId}/registration-links/${created.body.id}`,
    );
    expect(revoked.status).toBe(204);
    const shown = await page(link);
    expect(shown.statusCode).toBe(410);
    expect(shown.body).toContain('Ce lien d’inscription a été retiré');
    const listed = await stack.call<{ revokedAt: string | null; cap: number }[]>(
      coordinator,
      'GET',
      `/missions/${mission.id}/sessions/${sessionId}/registration-links`,
    );
    expect(listed.body).toEqual([expect.objectContaining({ cap: 2, revokedAt: expect.any(String) })]);
  });

  it('caps what a registration link lets through', async () => {
    const sessionId = await session('Atelier au lien plafonné');
    const created = await stack.call<{ url: string }>(
      coordinator,
      'POST',
      `/missions/${mission.id}/sessions/${sessionId}/registration-links`,
      { cap: 1 },
    );
    const link = new URL(created.body.url).pathname;
    expect(
      (await submit(link, { firstName: 'Jade', lastName: 'Roy', email: `jade-${run}@example.org` }))
        .statusCode,
    ).toBe(303);
    const second = await submit(link, {
      firstName: 'Karim',
      lastName: 'Roy',
      email: `karim-${run}@example.org`,
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Ce lien a atteint le nombre d’inscriptions prévu');
  });

  it('answers a mistyped signing short code with a page on a phone, and a problem to a JSON client', async () => {
    const shown = await page('/e/ZZZZZZ');
    expect(shown.statusCode).toBe(404);
    expect(shown.headers['content-type']).toContain('text/html');
    expect(shown.body).toContain('Ce lien ne fonctionne pas');
    const json = await stack.app.inject({
      method: 'GET',
      url: '/e/ZZZZZZ',
      headers: { accept: 'application/json' },
    });
    expect([json.statusCode, json.json().code]).toEqual([404, 'SIGNING_CODE_NOT_FOUND']);
  });
});
