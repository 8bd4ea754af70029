/**
 * Finding 1 of issue #14: the workflows believed the `actor` an Update carried, so anyone who
 * reached Temporal (the UI, a CLI) cancelled a mission by claiming to be staff. A command now
 * counts only with the API's proof (docs/decisions/0001-who-acts.md).
 */
import { randomUUID } from 'node:crypto';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCommand } from '../../links/caller-proof.ts';
import { missionStateQuery, missionWorkflowId } from '../../workflows/messages/mission.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type MissionBody, readJson } from '../support/http.ts';
import { TEST_LINK_SECRETS } from '../support/worker-harness.ts';

const staff = { subject: 'staff-1', role: 'staff' } as const;
const forgedStaff = { role: 'staff', subject: 'anyone' };

describe('a command sent to Temporal without the API', () => {
  let api: RunningApi;
  let token: string;

  beforeAll(async () => {
    api = await startApi();
    token = await api.token(staff);
  });
  afterAll(async () => api?.stop());

  async function createMission(): Promise<string> {
    const response = await fetch(`${api.baseUrl}/missions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        title: 'Ateliers climat',
        client: { name: `Client ${randomUUID().slice(0, 8)}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: 'coord-1', name: 'Camille Martin', email: 'camille@example.org' },
        endDate: '2030-12-31',
        orderLines: [{ kind: 'workshop', quantity: 2, participantsPerSession: 12, unitPriceCents: 90_000 }],
      }),
    });
    expect(response.status).toBe(201);
    return (await readJson<MissionBody>(response)).id;
  }

  /** What the Temporal UI sends: the raw command, through a client that is not the API's. */
  async function sendRaw(missionId: string, command: Record<string, unknown>) {
    return api.client.workflow
      .getHandle(missionWorkflowId(missionId))
      .executeUpdate('cancelMission', { args: [command] })
      .then(
        () => null,
        (error: unknown) => error,
      );
  }

  async function statusOf(missionId: string) {
    return (await api.client.workflow.getHandle(missionWorkflowId(missionId)).query(missionStateQuery))
      .status;
  }

  function expectRefused(error: unknown) {
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'CALLER_NOT_VERIFIED' });
  }

  it('refuses cancelMission with a forged staff actor, and the mission stays open', async () => {
    const missionId = await createMission();
    expectRefused(await sendRaw(missionId, { actor: forgedStaff, reason: 'Sent from the Temporal UI' }));
    expect(await statusOf(missionId)).toBe('open');
  });

  it('refuses a command that claims to be verified already', async () => {
    const missionId = await createMission();
    const workflowId = missionWorkflowId(missionId);
    expectRefused(
      await sendRaw(missionId, {
        actor: forgedStaff,
        reason: 'Forged verdict',
        callerVerified: { workflowId, update: 'cancelMission' },
      }),
    );
    expect(await statusOf(missionId)).toBe('open');
  });

  it('refuses a verdict smuggled under a key written with unicode escapes', async () => {
    const missionId = await createMission();
    // What a hand-written JSON payload can hold: "callerVerifie\u0064" is the key callerVerified.
    const escaping = new Client({
      connection: api.client.connection,
      dataConverter: {
        payloadCodecs: [
          {
            encode: async (payloads) =>
              payloads.map((payload) => ({
                ...payload,
                data: Buffer.from(
                  Buffer.from(payload.data ?? [])
                    .toString()
                    .replaceAll('"callerVerified"', '"callerVerifie\\u0064"'),
                ),
              })),
            decode: async (payloads) => payloads,
          },
        ],
      },
    });
    const error = await escaping.workflow
      .getHandle(missionWorkflowId(missionId))
      .executeUpdate('cancelMission', {
        args: [
          {
            actor: forgedStaff,
            reason: 'Escaped verdict',
            callerVerified: { workflowId: missionWorkflowId(missionId), update: 'cancelMission' },
          },
        ],
      })
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expectRefused(error);
    expect(await statusOf(missionId)).toBe('open');
  });

  it('refuses a proof that is stale, made for another workflow, or made for other arguments', async () => {
    const missionId = await createMission();
    const workflowId = missionWorkflowId(missionId);
    const command = { actor: forgedStaff, reason: 'Replayed proof' };
    const stale = signCommand(
      TEST_LINK_SECRETS,
      { workflowId, update: 'cancelMission' },
      command,
      new Date(Date.now() - 10 * 60_000),
    );
    expectRefused(await sendRaw(missionId, stale));
    const elsewhere = signCommand(
      TEST_LINK_SECRETS,
      { workflowId: 'mission-other', update: 'cancelMission' },
      command,
    );
    expectRefused(await sendRaw(missionId, elsewhere));
    const fresh = signCommand(TEST_LINK_SECRETS, { workflowId, update: 'cancelMission' }, command);
    expectRefused(await sendRaw(missionId, { ...fresh, reason: 'Other arguments' }));
    const wrongKey = signCommand(['not-the-secret'], { workflowId, update: 'cancelMission' }, command);
    expectRefused(await sendRaw(missionId, wrongKey));
    expect(await statusOf(missionId)).toBe('open');
  });

  it('applies the same cancellation sent through the API by staff', async () => {
    const missionId = await createMission();
    const response = await fetch(`${api.baseUrl}/missions/${missionId}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Le client a annulé la commande' }),
    });
    expect(response.status).toBe(200);
    expect(await statusOf(missionId)).toBe('cancelled');
  });
});
