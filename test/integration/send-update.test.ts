import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemError } from '../../api/problems.ts';
import { sendUpdate } from '../../api/send-update.ts';
import { decideFundingUpdate } from '../../workflows/messages/funding.ts';
import { startTimeSkipping } from '../support/time-skipping.ts';

const decision = { decidedBy: 'staff-1', decision: { outcome: 'refused' as const } };

describe('sendUpdate, the one way the API sends a command to a workflow', () => {
  let env: TestWorkflowEnvironment;
  let deps: Parameters<typeof sendUpdate>[0];

  beforeAll(async () => {
    env = await startTimeSkipping();
    deps = { temporal: { client: env.client, taskQueue: 'no-worker-polls-this' }, commandTimeoutMs: 15_000 };
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it("answers with the route's own problem when the workflow has finished", async () => {
    const sent = sendUpdate(deps, `funding-${randomUUID()}`, decideFundingUpdate, decision, {
      whenGone: () => new ProblemError(409, 'FUNDING_CLOSED', 'No funding decision is awaited.'),
    });
    await expect(sent).rejects.toMatchObject({ status: 409, code: 'FUNDING_CLOSED' });
  });

  it('falls back to the generic not-found problem when the route names none', async () => {
    const sent = sendUpdate(deps, `funding-${randomUUID()}`, decideFundingUpdate, decision);
    await expect(sent).rejects.toMatchObject({ status: 404, code: 'MISSION_NOT_FOUND' });
  });

  it('gives up at the deadline with a 504 that says the command may still be applied', async () => {
    // A workflow no worker runs accepts the Update request but never answers it.
    const workflowId = `funding-${randomUUID()}`;
    await env.client.workflow.start('fundingWorkflow', {
      workflowId,
      taskQueue: 'no-worker-polls-this',
      args: [],
    });
    const sent = sendUpdate(deps, workflowId, decideFundingUpdate, decision, {
      deadline: Date.now() + 1_000,
    });
    await expect(sent).rejects.toMatchObject({ status: 504, code: 'WORKFLOW_TIMEOUT' });
  });

  it('waits for a workflow still being started instead of calling it gone', async () => {
    // The parent has commanded the start; the server carries it out a moment after the answer.
    const workflowId = `funding-${randomUUID()}`;
    const sent = sendUpdate(deps, workflowId, decideFundingUpdate, decision, {
      deadline: Date.now() + 2_000,
      startingGraceMs: 1_500,
      whenGone: () => new ProblemError(409, 'FUNDING_CLOSED', 'No funding decision is awaited.'),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await env.client.workflow.start('fundingWorkflow', {
      workflowId,
      taskQueue: 'no-worker-polls-this',
      args: [],
    });
    // Reaching the workflow (which no worker runs) means waiting to the deadline, not a 409.
    await expect(sent).rejects.toMatchObject({ status: 504, code: 'WORKFLOW_TIMEOUT' });
  });

  it('answers at once when a workflow given time to start has in fact run and ended', async () => {
    const workflowId = `funding-${randomUUID()}`;
    const handle = await env.client.workflow.start('fundingWorkflow', {
      workflowId,
      taskQueue: 'no-worker-polls-this',
      args: [],
    });
    await handle.terminate('ended for the test');
    const startedAt = Date.now();
    const sent = sendUpdate(deps, workflowId, decideFundingUpdate, decision, {
      startingGraceMs: 5_000,
      whenGone: () => new ProblemError(409, 'FUNDING_CLOSED', 'No funding decision is awaited.'),
    });
    await expect(sent).rejects.toMatchObject({ status: 409, code: 'FUNDING_CLOSED' });
    expect(Date.now() - startedAt).toBeLessThan(4_000);
  });

  it('calls a workflow gone once the time given to start it has passed', async () => {
    const sent = sendUpdate(deps, `funding-${randomUUID()}`, decideFundingUpdate, decision, {
      startingGraceMs: 300,
      whenGone: () => new ProblemError(409, 'FUNDING_CLOSED', 'No funding decision is awaited.'),
    });
    await expect(sent).rejects.toMatchObject({ status: 409, code: 'FUNDING_CLOSED' });
  });
});
