import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingClient } from '../../api/signed-commands.ts';
import { listAuditEvents } from '../../db/queries/audit-events.ts';
import { listEmailLog } from '../../db/queries/email-log.ts';
import { findMission } from '../../db/queries/missions.ts';
import {
  awaitMissionOpenedUpdate,
  cancelSessionUpdate,
  MISSION_WORKFLOW_TYPE,
  type MissionWorkflowInput,
  missionStateQuery,
  missionWorkflowId,
  planSessionUpdate,
} from '../../workflows/messages/mission.ts';
import { sessionStateQuery, sessionWorkflowId } from '../../workflows/messages/session.ts';
import { startTimeSkipping } from '../support/time-skipping.ts';
import { type RunningWorker, startTestWorker, TEST_LINK_SECRETS } from '../support/worker-harness.ts';

function missionInput(): MissionWorkflowInput {
  return {
    missionId: randomUUID(),
    createdBy: { subject: 'coord-1', role: 'coordinator' },
    order: {
      title: 'Ateliers climat',
      client: { name: 'Acme SA' },
      sector: 'company',
      dealType: 'subcontracting',
      coordinator: { id: 'coord-1', name: 'Camille Martin', email: 'camille@example.org' },
      endDate: '2027-06-30',
      orderLines: [{ kind: 'workshop', quantity: 6, participantsPerSession: 15, unitPriceCents: 120_000 }],
    },
  };
}

describe('mission workflow (time-skipping test server)', () => {
  let env: TestWorkflowEnvironment;
  let harness: RunningWorker;

  beforeAll(async () => {
    env = await startTimeSkipping();
    harness = await startTestWorker(env.nativeConnection, env.namespace);
  });

  afterAll(async () => {
    await harness?.stop();
    await env?.teardown();
  });

  /** Commands are taken only when the API signs them: this test sends them as the API would. */
  async function startMission(input: MissionWorkflowInput) {
    return signingClient(env.client, TEST_LINK_SECRETS).workflow.start(MISSION_WORKFLOW_TYPE, {
      taskQueue: harness.taskQueue,
      workflowId: missionWorkflowId(input.missionId),
      args: [input],
    });
  }

  it('writes the read model and the creation audit event before answering that the mission is open', async () => {
    const input = missionInput();
    const handle = await startMission(input);

    const opened = await handle.executeUpdate(awaitMissionOpenedUpdate);

    // A command answers with the version to read back, not the mission (its history stays small).
    expect(opened).toEqual({ missionId: input.missionId, version: 1 });
    expect(await handle.query(missionStateQuery)).toMatchObject({
      status: 'open',
      coordinator: { id: 'coord-1' },
    });
    const row = await findMission(harness.pool, input.missionId);
    expect(row).toMatchObject({ status: 'open', clientName: 'Acme SA', endDate: '2027-06-30' });
    expect(row?.orderLines).toEqual(input.order.orderLines);
    const audit = await listAuditEvents(harness.pool, input.missionId);
    expect(audit[0]).toMatchObject({
      action: 'mission.created',
      actorSubject: 'coord-1',
      actorRole: 'coordinator',
    });
    expect((await handle.query(missionStateQuery)).missionId).toBe(input.missionId);
  });

  it('sends the coordinator one French "mission assigned" e-mail with a link to the mission, even when Resend fails once', async () => {
    const input = missionInput();
    harness.resend.failNext(1);
    const handle = await startMission(input);
    await handle.executeUpdate(awaitMissionOpenedUpdate);

    await expect
      .poll(async () => (await listEmailLog(harness.pool, input.missionId)).length, { timeout: 15_000 })
      .toBe(1);
    const [logged] = await listEmailLog(harness.pool, input.missionId);
    expect(logged).toMatchObject({
      template: 'missionAssigned',
      recipient: 'camille@example.org',
      status: 'sent',
      provider: 'resend',
    });
    const delivered = harness.resend.received.filter(
      (email) => email.idempotencyKey === `${input.missionId}:mission-assigned`,
    );
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.to).toEqual(['Camille Martin <camille@example.org>']);
    expect(delivered[0]?.subject).toBe('Nouvelle mission : Ateliers climat (Acme SA)');
    expect(delivered[0]?.text).toContain('avant le 30/06/2027');
    expect(delivered[0]?.html).toContain(`href="http://missions.test/console/missions/${input.missionId}"`);
  });

  it('continues as new when its history grows long, losing neither state nor later commands', async () => {
    const input = { ...missionInput(), policy: { continueAsNewAfterEvents: 40 } };
    input.order.orderLines = [
      { kind: 'workshop', quantity: 8, participantsPerSession: 15, unitPriceCents: 120_000 },
    ];
    const handle = await startMission(input);
    await handle.executeUpdate(awaitMissionOpenedUpdate);
    const firstRunId = (await handle.describe()).runId;
    const now = await env.currentTimeMs();
    const actor = { subject: 'coord-1', role: 'coordinator' } as const;
    const sessionIds: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      const sessionId = randomUUID();
      sessionIds.push(sessionId);
      const startsAt = new Date(now + (10 + index) * 24 * 3600_000);
      await handle.executeUpdate(planSessionUpdate, {
        args: [
          {
            actor,
            sessionId,
            plan: {
              kind: 'workshop',
              title: `Atelier ${index + 1}`,
              startsAt: startsAt.toISOString(),
              endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
              location: { mode: 'online', url: 'https://visio.example.org' },
              language: 'fr',
              timeZone: 'Europe/Paris',
              capacity: 10,
              otherFacilitators: 0,
            },
          },
        ],
      });
    }
    await expect.poll(async () => (await handle.describe()).runId, { timeout: 15_000 }).not.toBe(firstRunId);

    const cancelled = await handle.executeUpdate(cancelSessionUpdate, {
      args: [{ actor, sessionId: sessionIds[0] ?? '', reason: 'Salle indisponible' }],
    });
    const state = await handle.query(missionStateQuery);
    // It answered once the read model showed the cancellation.
    expect(cancelled.missionId).toBe(input.missionId);
    expect((await findMission(harness.pool, input.missionId))?.version).toBeGreaterThanOrEqual(
      cancelled.version,
    );
    expect(state.sessions).toHaveLength(6);
    expect(state.counters).toEqual([{ kind: 'workshop', ordered: 8, planned: 5, remaining: 3 }]);
    expect(state.milestones.assignmentSent).toBe(true);
    const child = env.client.workflow.getHandle(sessionWorkflowId(sessionIds[0] ?? ''));
    await expect.poll(async () => (await child.query(sessionStateQuery)).status).toBe('cancelled');
    const actions = (await listAuditEvents(harness.pool, input.missionId)).map((event) => event.action);
    expect(actions.filter((action) => action === 'session.planned')).toHaveLength(6);
    expect(actions.filter((action) => action === 'mission.assignmentSent')).toHaveLength(1);
    expect(
      harness.resend.received.filter(
        (email) => email.idempotencyKey === `${input.missionId}:mission-assigned`,
      ),
    ).toHaveLength(1);
  });
});
