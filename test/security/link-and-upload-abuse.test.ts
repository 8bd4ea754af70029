/**
 * Findings 5, 6 and 7 of issue #14 (the parts about links and uploads): a single-use link used
 * five times at once, files the workflow refused kept for years, a withdrawing facilitator shown
 * the whole session's staffing. Each test replays the attack on the real API, the time-skipping
 * server, a real worker and Postgres.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mintToken } from '../../api/auth/tokens.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import type { MissionBody } from '../support/http.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { smallPdf } from '../support/small-pdf.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

describe('abuse of links and uploads', () => {
  let stack: TimeSkippingApi;
  let staff: string;
  let coordinator: string;
  let mission: MissionBody;
  const run = randomUUID().slice(0, 8);
  const coordinatorId = `coord-abuse-${run}`;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
    const now = await stack.env.currentTimeMs();
    mission = (
      await stack.call(staff, 'POST', '/missions', {
        title: 'Ateliers sous attaque',
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

  async function session(title: string) {
    const start = (await stack.env.currentTimeMs()) + 20 * DAY;
    const response = await stack.call(coordinator, 'POST', `/missions/${mission.id}/sessions`, {
      kind: 'workshop',
      title,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3 * HOUR).toISOString(),
      location: { mode: 'onsite', address: '5 rue des Lilas, 33000 Bordeaux' },
      capacity: 15,
      otherFacilitators: 2,
    });
    return (response.body as MissionBody).sessions.find((candidate) => candidate.title === title)?.id ?? '';
  }

  async function invited(sessionId: string, name: string) {
    const id = `${name}-${run}`;
    const today = businessDate(new Date());
    await stack.call(staff, 'POST', '/facilitators', {
      id,
      firstName: name,
      lastName: 'Martin',
      email: `${id}@example.org`,
      country: 'FR',
      trainingProviderNumber: '11755555575',
      complianceCheckedOn: today,
      compliantUntil: addDays(today, 400),
    });
    const response = await stack.call<{ invitations: { id: string; facilitator: { id: string } }[] }>(
      coordinator,
      'POST',
      `/missions/${mission.id}/sessions/${sessionId}/invitations`,
      { facilitatorId: id, facilitatorStatus: 'paid' },
    );
    const invitationId =
      response.body.invitations.find((invitation) => invitation.facilitator.id === id)?.id ?? '';
    let link = '';
    await expect
      .poll(() => {
        const email = stack.harness.resend.received.filter((received: ReceivedEmail) =>
          received.to.some((to) => to.toLowerCase().includes(`${id.toLowerCase()}@`)),
        );
        link =
          /http:\/\/missions\.test(\/links\/invitations\/[A-Za-z0-9._-]+)/.exec(
            email.at(-1)?.text ?? '',
          )?.[1] ?? '';
        return link;
      })
      .not.toBe('');
    return { facilitatorId: id, invitationId, link };
  }

  it('applies a single-use link once when it is submitted five times at once', async () => {
    const sessionId = await session('Atelier aux cinq clics');
    const { link } = await invited(sessionId, 'Nina');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => stack.call(null, 'POST', `${link}/accept`)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409]);
  });

  it('keeps no file the workflow refused, and caps the versions one session may store', async () => {
    const sessionId = await session('Atelier sans feuille');
    const upload = () =>
      stack.app.inject({
        method: 'PUT',
        url: `/missions/${mission.id}/sessions/${sessionId}/attendance-sheet/signed`,
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/pdf' },
        payload: smallPdf(`feuille ${randomUUID()}`),
      });
    const refused = await Promise.all([upload(), upload(), upload()]);
    expect(refused.map((response) => response.statusCode)).toEqual([409, 409, 409]);
    const stored = await stack.harness.pool.oneFirst(sql.type(z.object({ count: z.number() }))`
      select count(*)::int as count from documents where session_id = ${sessionId} and kind = 'signedAttendanceSheet'`);
    expect(stored).toBe(0);
  });

  it("shows a withdrawing facilitator their own invitation only, not the session's staffing", async () => {
    const sessionId = await session('Atelier quitté');
    const first = await invited(sessionId, 'Oscar');
    const second = await invited(sessionId, 'Paula');
    expect((await stack.call(null, 'POST', `${first.link}/accept`)).status).toBe(200);
    expect((await stack.call(null, 'POST', `${second.link}/accept`)).status).toBe(200);
    const facilitator = await mintToken(TEST_JWT_SECRET, {
      subject: first.facilitatorId,
      role: 'facilitator',
    });
    const withdrawn = await stack.call<{ invitations: { id: string }[] }>(
      facilitator,
      'POST',
      `/missions/${mission.id}/sessions/${sessionId}/invitations/${first.invitationId}/withdraw`,
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.invitations.map((invitation) => invitation.id)).toEqual([first.invitationId]);
  });
});
