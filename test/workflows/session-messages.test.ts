/**
 * Writing to a session's people from the console (seed 004's "messagerie"), on the time-skipping
 * server through the real API: one e-mail each, replies to the coordinator, in the e-mail log.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth/tokens.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import { recordHistory } from '../support/histories.ts';
import type { MissionBody, ProblemBody } from '../support/http.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';
import type { RunningWorker } from '../support/worker-harness.ts';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

interface Sent {
  messageId: string;
  audience: string;
  recipients: number;
}

describe("messages to a session's people (time-skipping server, through the API)", () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let harness: RunningWorker;
  let staff: string;
  let coordinator: string;
  let stranger: string;
  let mission: MissionBody;
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-messages-${run}`;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    ({ env, harness } = stack);
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
    stranger = await mintToken(TEST_JWT_SECRET, { subject: `other-${run}`, role: 'coordinator' });
    const now = await env.currentTimeMs();
    mission = (
      await call<MissionBody>(staff, 'POST', '/missions', {
        title: 'Ateliers climat',
        client: { name: `Client ${run}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: 'alex@example.org' },
        endDate: businessDate(new Date(now + 200 * DAY)),
        orderLines: [{ kind: 'workshop', quantity: 5, participantsPerSession: 15, unitPriceCents: 90_000 }],
      })
    ).body;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const call = <T = unknown>(...args: Parameters<TimeSkippingApi['call']>) => stack.call<T>(...args);
  const mails = (predicate: (email: ReceivedEmail) => boolean) => harness.resend.received.filter(predicate);

  async function session(title: string) {
    const start = (await env.currentTimeMs()) + 20 * DAY;
    const response = await call<MissionBody>(coordinator, 'POST', `/missions/${mission.id}/sessions`, {
      kind: 'workshop',
      title,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3 * HOUR).toISOString(),
      location: { mode: 'onsite', address: '5 rue des Lilas, 33000 Bordeaux' },
      capacity: 15,
      otherFacilitators: 1,
    });
    expect(response.status).toBe(201);
    return response.body.sessions.find((candidate) => candidate.title === title)?.id ?? '';
  }

  /** Sends with an Idempotency-Key, as the console does (the harness's `call` sends none). */
  async function write(token: string, sessionId: string, body: object, key = randomUUID()) {
    await stack.syncClock();
    const response = await stack.app.inject({
      method: 'POST',
      url: `/missions/${mission.id}/sessions/${sessionId}/messages`,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      payload: body,
    });
    return { status: response.statusCode, body: response.json() as Sent & ProblemBody };
  }

  it('writes to the participants, one e-mail each with the coordinator as reply-to, listed in the e-mail log; a resend with the same key sends nothing more', async () => {
    const sessionId = await session('Atelier fresque');
    const base = `/missions/${mission.id}/sessions/${sessionId}`;
    const nobody = await write(coordinator, sessionId, {
      audience: 'participants',
      subject: 'Bienvenue',
      body: 'Bonjour',
    });
    expect([nobody.status, nobody.body.code]).toEqual([409, 'NO_RECIPIENTS']);

    const people = ['ines', 'noe'].map((name) => ({
      firstName: name === 'ines' ? 'Inès' : 'Noé',
      lastName: 'Benali',
      email: `${name}-${run}@example.org`,
    }));
    expect((await call(coordinator, 'POST', `${base}/participants`, { participants: people })).status).toBe(
      200,
    );

    const message = {
      audience: 'participants',
      subject: 'Salle changée pour demain',
      body: 'Nous serons en salle 4 <b>au 2e étage</b> & non en salle 2.\n\nÀ demain !',
    };
    const key = randomUUID();
    const sent = await write(coordinator, sessionId, message, key);
    expect([sent.status, sent.body.audience, sent.body.recipients]).toEqual([201, 'participants', 2]);

    const received = mails((email) => email.subject === 'Salle changée pour demain');
    expect(received.flatMap((email) => email.to).sort()).toEqual(
      [`Inès Benali <ines-${run}@example.org>`, `Noé Benali <noe-${run}@example.org>`].sort(),
    );
    for (const email of received) {
      expect(email.replyTo).toEqual(['Alex Durand <alex@example.org>']);
      expect(email.html).toContain(
        '<p>Nous serons en salle 4 &lt;b&gt;au 2e étage&lt;/b&gt; &amp; non en salle 2.</p>',
      );
      expect(email.html).toContain('<p>À demain\u00a0!</p>');
      expect(email.html).not.toContain('<b>');
    }
    // Answered once the e-mails are sent: the log already lists them.
    const log = await call<{ template: string; recipient: string }[]>(coordinator, 'GET', `${base}/emails`);
    expect(
      log.body
        .filter((entry) => entry.template === 'sessionMessage')
        .map((entry) => entry.recipient)
        .sort(),
    ).toEqual([`ines-${run}@example.org`, `noe-${run}@example.org`]);

    const again = await write(coordinator, sessionId, message, key);
    expect([again.status, again.body.messageId]).toEqual([201, sent.body.messageId]);
    expect(mails((email) => email.subject === 'Salle changée pour demain')).toHaveLength(2);

    // Facilitators: only those who accepted; both: each address once.
    const facilitators = await write(coordinator, sessionId, { ...message, audience: 'facilitators' });
    expect([facilitators.status, facilitators.body.code]).toEqual([409, 'NO_RECIPIENTS']);
    expect(facilitators.body.detail).toMatch(/No facilitator has accepted/);
    const today = businessDate(new Date());
    const camille = `camille-${run}`;
    expect(
      (
        await call(staff, 'POST', '/facilitators', {
          id: camille,
          firstName: 'Camille',
          lastName: 'Roux',
          email: `${camille}@example.org`,
          country: 'FR',
          trainingProviderNumber: '11755555575',
          complianceCheckedOn: today,
          compliantUntil: addDays(today, 400),
        })
      ).status,
    ).toBe(201);
    await call(coordinator, 'POST', `${base}/invitations`, { facilitatorId: camille });
    await expect
      .poll(() => mails((email) => email.to.some((to) => to.includes(`${camille}@`))).length)
      .toBe(1);
    const link = /http:\/\/missions\.test(\/links\/invitations\/[A-Za-z0-9._-]+)/.exec(
      mails((email) => email.to.some((to) => to.includes(`${camille}@`)))[0]?.text ?? '',
    )?.[1];
    expect((await call(null, 'POST', `${link}/accept`)).status).toBe(200);
    const everyone = await write(staff, sessionId, { ...message, audience: 'both', subject: 'Le programme' });
    expect([everyone.status, everyone.body.recipients]).toEqual([201, 3]);
    expect(mails((email) => email.subject === 'Le programme').flatMap((email) => email.to)).toContain(
      `Camille Roux <${camille}@example.org>`,
    );
    await recordHistory(env.client.workflow.getHandle(`session-${sessionId}`), 'session-messages');
  });

  it('refuses an empty or over-long subject or body, a line break in the subject, another coordinator and a cancelled session', async () => {
    const sessionId = await session('Atelier annulé');
    const base = `/missions/${mission.id}/sessions/${sessionId}`;
    await call(coordinator, 'POST', `${base}/participants`, {
      participants: [{ firstName: 'Inès', lastName: 'Benali', email: `ines2-${run}@example.org` }],
    });
    const valid = { audience: 'participants', subject: 'Bonjour', body: 'Texte' };
    const cases: [object, string][] = [
      [{ ...valid, subject: '' }, 'body/subject'],
      [{ ...valid, subject: 'a'.repeat(151) }, 'body/subject'],
      [{ ...valid, subject: 'Bonjour\r\nBcc: x@example.org' }, 'body/subject'],
      [{ ...valid, body: '   \n ' }, 'body/body'],
      [{ ...valid, body: 'a'.repeat(5001) }, 'body/body'],
      [{ ...valid, audience: 'managers' }, 'body/audience'],
    ];
    for (const [body, path] of cases) {
      const refused = await write(coordinator, sessionId, body);
      expect(refused.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(refused.body.errors?.map((error) => error.path)).toContain(path);
    }
    const foreign = await write(stranger, sessionId, valid);
    expect(foreign.status).toBe(404);

    expect((await call(coordinator, 'POST', `${base}/cancel`, { reason: 'Salle indisponible' })).status).toBe(
      200,
    );
    const cancelled = await write(coordinator, sessionId, valid);
    expect([cancelled.status, cancelled.body.code]).toEqual([409, 'SESSION_CANCELLED']);
  });
});
