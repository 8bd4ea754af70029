import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../db/queries/audit-events.ts';
import { findMission } from '../../db/queries/missions.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { createWorker } from '../../worker/create-worker.ts';
import {
  awaitMissionOpenedUpdate,
  MISSION_WORKFLOW_TYPE,
  type MissionWorkflowInput,
  missionStateQuery,
  missionWorkflowId,
} from '../../workflows/messages/mission.ts';
import { testPool } from '../support/database.ts';
import { startTimeSkipping } from '../support/time-skipping.ts';
import { workflowBundle } from '../support/workflow-bundle.ts';

const TASK_QUEUE = 'mission-workflow-test';

function missionInput(): MissionWorkflowInput {
  return {
    missionId: randomUUID(),
    createdBy: { subject: 'coord-1', role: 'coordinator' },
    order: {
      title: 'Ateliers climat',
      client: { name: 'Acme SA' },
      sector: 'company',
      dealType: 'subcontracting',
      coordinatorId: 'coord-1',
      endDate: '2027-06-30',
      orderLines: [{ kind: 'workshop', quantity: 6, participantsPerSession: 15, unitPriceCents: 120_000 }],
    },
  };
}

describe('mission workflow (time-skipping test server)', () => {
  let env: TestWorkflowEnvironment;
  let pool: DatabasePool;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await startTimeSkipping();
    pool = await testPool();
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: TASK_QUEUE,
      dependencies: { pool },
      workflowBundle: await workflowBundle(),
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await pool?.end();
    await env?.teardown();
  });

  it('writes the read model and the creation audit event before answering that the mission is open', async () => {
    const input = missionInput();
    const handle = await env.client.workflow.start(MISSION_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId: missionWorkflowId(input.missionId),
      args: [input],
    });

    const opened = await handle.executeUpdate(awaitMissionOpenedUpdate);

    expect(opened).toMatchObject({ missionId: input.missionId, status: 'open', version: 1, coordinatorId: 'coord-1' });
    const row = await findMission(pool, input.missionId);
    expect(row).toMatchObject({ status: 'open', clientName: 'Acme SA', endDate: '2027-06-30', version: 1 });
    expect(row?.orderLines).toEqual(input.order.orderLines);
    const audit = await listAuditEvents(pool, input.missionId);
    expect(audit.map((event) => [event.action, event.actorSubject])).toEqual([['mission.created', 'coord-1']]);
    expect(await handle.query(missionStateQuery)).toEqual(opened);
  });
});
