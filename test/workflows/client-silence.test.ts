/**
 * A client's rule for a manager's silence (DESIGN.md §5), on the time-skipping server through the
 * real API: staff set it, the approval started afterwards follows it, and the automatic decision
 * says whose rule it followed.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth/tokens.ts';
import { listClientSettingsChanges } from '../../db/queries/client-settings.ts';
import type { ApprovalOutcome } from '../../workflows/messages/approval.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import { recordHistory } from '../support/histories.ts';
import type { MissionBody, ProblemBody } from '../support/http.ts';
import type { ReceivedEmail } from '../support/resend-server.ts';
import { startTimeSkippingApi, type TimeSkippingApi } from '../support/time-skipping-api.ts';
import type { RunningWorker } from '../support/worker-harness.ts';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

interface ClientSettings {
  clientName: string;
  managerSilence: string;
  source: string;
  defaultManagerSilence: string;
  updatedBy: string | null;
}

interface Staffing {
  invitations: { id: string; facilitator: { id: string }; approval: string; approvalRule?: unknown }[];
}

describe("a client's rule for a manager's silence (time-skipping server, through the API)", () => {
  let stack: TimeSkippingApi;
  let env: TestWorkflowEnvironment;
  let harness: RunningWorker;
  let staff: string;
  let coordinator: string;
  const run = randomUUID().slice(0, 8);
  const client = `Hôpital Nord ${run}`;
  const coordinatorId = `coord-silence-${run}`;
  const settingsUrl = `/clients/${encodeURIComponent(client)}/settings`;

  beforeAll(async () => {
    stack = await startTimeSkippingApi();
    ({ env, harness } = stack);
    staff = await mintToken(TEST_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
    coordinator = await mintToken(TEST_JWT_SECRET, { subject: coordinatorId, role: 'coordinator' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const call = <T = unknown>(...args: Parameters<TimeSkippingApi['call']>) => stack.call<T>(...args);
  const mails = (predicate: (email: ReceivedEmail) => boolean) => harness.resend.received.filter(predicate);

  it('is set by staff only, to one of wait, approve or refuse; without a choice the default applies', async () => {
    const before = await call<ClientSettings>(staff, 'GET', settingsUrl);
    expect([before.status, before.body]).toMatchObject([
      200,
      { clientName: client, managerSilence: 'wait', source: 'default', defaultManagerSilence: 'wait' },
    ]);

    const unknown = await call<ProblemBody>(staff, 'PUT', settingsUrl, { managerSilence: 'maybe' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.map((error) => error.path)).toContain('body/managerSilence');

    for (const method of ['GET', 'PUT'] as const) {
      const refused = await call<ProblemBody>(coordinator, method, settingsUrl, {
        managerSilence: 'approve',
      });
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await call<ClientSettings>(staff, 'GET', settingsUrl)).body.source).toBe('default');

    const saved = await call<ClientSettings>(staff, 'PUT', settingsUrl, { managerSilence: 'approve' });
    expect([saved.status, saved.body]).toMatchObject([
      200,
      { managerSilence: 'approve', source: 'client', updatedBy: 'staff-1' },
    ]);
    expect((await call<ClientSettings>(staff, 'GET', settingsUrl)).body).toMatchObject({
      managerSilence: 'approve',
      source: 'client',
    });
    // Refused attempts change nothing; the accepted one is recorded with who made it.
    expect(await listClientSettingsChanges(harness.pool, client)).toEqual([
      { managerSilence: 'approve', changedBy: 'staff-1', changedAt: expect.any(String) },
    ]);
  });

  it("approves a silent manager's employee at the deadline when the client's rule is that silence means yes, and says so", async () => {
    expect((await call(staff, 'PUT', settingsUrl, { managerSilence: 'approve' })).status).toBe(200);
    const now = await env.currentTimeMs();
    const mission = (
      await call<MissionBody>(staff, 'POST', '/missions', {
        title: 'Ateliers prévention',
        client: { name: client },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Alex Durand', email: 'alex@example.org' },
        endDate: businessDate(new Date(now + 200 * DAY)),
        orderLines: [{ kind: 'workshop', quantity: 2, participantsPerSession: 15, unitPriceCents: 90_000 }],
      })
    ).body;
    const start = now + 60 * DAY;
    const planned = await call<MissionBody>(coordinator, 'POST', `/missions/${mission.id}/sessions`, {
      kind: 'workshop',
      title: 'Atelier gestes et postures',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3 * HOUR).toISOString(),
      location: { mode: 'onsite', address: '5 rue des Lilas, 33000 Bordeaux' },
      capacity: 15,
      otherFacilitators: 0,
    });
    expect(planned.status).toBe(201);
    const sessionId = planned.body.sessions[0]?.id ?? '';
    const today = businessDate(new Date());
    const lea = `lea-${run}`;
    const manager = `manager-lea-${run}@example.org`;
    expect(
      (
        await call(staff, 'POST', '/facilitators', {
          id: lea,
          firstName: 'Léa',
          lastName: 'Moreau',
          email: `${lea}@example.org`,
          country: 'FR',
          trainingProviderNumber: '11755555575',
          complianceCheckedOn: today,
          compliantUntil: addDays(today, 400),
          employer: client,
          managerEmail: manager,
        })
      ).status,
    ).toBe(201);
    await call(coordinator, 'POST', `/missions/${mission.id}/sessions/${sessionId}/invitations`, {
      facilitatorId: lea,
      facilitatorStatus: 'internal',
    });
    await expect.poll(() => mails((email) => email.to.some((to) => to.includes(`${lea}@`))).length).toBe(1);
    const invitation = /http:\/\/missions\.test(\/links\/invitations\/[A-Za-z0-9._-]+)/.exec(
      mails((email) => email.to.some((to) => to.includes(`${lea}@`)))[0]?.text ?? '',
    )?.[1];
    expect((await call(null, 'POST', `${invitation}/accept`, { duringWorkingTime: true })).status).toBe(200);
    await expect.poll(() => mails((email) => email.to.includes(manager)).length).toBe(1);

    // Changed after the approval started: this approval keeps the rule it started with.
    expect((await call(staff, 'PUT', settingsUrl, { managerSilence: 'refuse' })).status).toBe(200);

    const staffing = async () =>
      (await call<Staffing>(coordinator, 'GET', `/missions/${mission.id}/sessions/${sessionId}/staffing`))
        .body;
    await env.sleep(4 * DAY + 20 * HOUR);
    expect((await staffing()).invitations[0]?.approval).toBe('pending');
    await env.sleep(6 * HOUR);
    await expect.poll(async () => (await staffing()).invitations[0]?.approval).toBe('approved');
    const decided = (await staffing()).invitations[0];
    expect(decided?.approvalRule).toEqual({ means: 'approve', source: 'client' });

    const approval = env.client.workflow.getHandle(`approval-${decided?.id}`);
    expect((await approval.result()) as ApprovalOutcome).toEqual({
      decided: true,
      approved: true,
      automatic: true,
      silenceRule: { means: 'approve', source: 'client' },
    });
    const told = mails(
      (email) =>
        email.to.includes('Alex Durand <alex@example.org>') && /Accord du manager/.test(email.subject),
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('la règle du client est que son silence vaut accord');
    await recordHistory(approval, 'approval-client-rule');
    await recordHistory(env.client.workflow.getHandle(`session-${sessionId}`), 'session-client-rule');
  });
});
