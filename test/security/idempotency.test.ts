/**
 * Finding 7 of issue #14: idempotency keys were shared by all callers, so one coordinator could
 * squat a key another would send (the other then got 409) or learn from a 409 that it was used.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from '../support/api-harness.ts';

describe('idempotency keys belong to their caller', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api?.stop());

  async function create(coordinatorId: string, key: string) {
    const response = await fetch(`${api.baseUrl}/missions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await api.token({ subject: coordinatorId, role: 'coordinator' })}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify({
        title: 'Ateliers climat',
        client: { name: 'Acme SA' },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: { id: coordinatorId, name: 'Camille Martin', email: 'camille@example.org' },
        endDate: '2030-12-31',
        orderLines: [{ kind: 'workshop', quantity: 1, participantsPerSession: 12, unitPriceCents: 90_000 }],
      }),
    });
    return { status: response.status, body: (await response.json()) as { id?: string; code?: string } };
  }

  it("lets another coordinator use the same key for their own mission, and keeps each caller's retry", async () => {
    const key = `shared-${randomUUID()}`;
    const first = await create('coord-squatter', key);
    const second = await create('coord-victim', key);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    const retried = await create('coord-victim', key);
    expect(retried.body.id).toBe(second.body.id);
  });
});
