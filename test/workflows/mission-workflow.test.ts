import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../db/queries/audit-events.ts';
import { listEmailLog } from '../../db/queries/email-log.ts';
import { findMission } from '../../db/queries/missions.ts';
import {
  awaitMissionOpenedUpdate,
  MISSION_WORKFLOW_TYPE,
  type MissionWorkflowInput,
  missionStateQuery,
  missionWorkflowId,
} from '../../workflows/messages/mission.ts';
import { startTimeSkipping } from '../support/time-skipping.ts';
import { type RunningWorker, startTestWorker } from '../support/worker-harness.ts';

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

  async function startMission(input: MissionWorkflowInput) {
    return env.client.workflow.start(MISSION_WORKFLOW_TYPE, {
      taskQueue: harness.taskQueue,
      workflowId: missionWorkflowId(input.missionId),
      args: [input],
    });
  }

  it('writes the read model and the creation audit event before answering that the mission is open', async () => {
    const input = missionInput();
    const handle = await startMission(input);

    const opened = await handle.executeUpdate(awaitMissionOpenedUpdate);

    expect(opened).toMatchObject({
      missionId: input.missionId,
      status: 'open',
      version: 1,
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
    expect(delivered[0]?.html).toContain(`href="http://missions.test/missions/${input.missionId}"`);
  });
});
