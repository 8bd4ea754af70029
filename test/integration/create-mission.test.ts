import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type MissionBody, type ProblemBody, readJson } from '../support/http.ts';

const coordinator = { subject: 'coord-7', role: 'coordinator' } as const;

function order(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Formation gestes de premiers secours',
    client: { name: `Client ${randomUUID().slice(0, 8)}` },
    sector: 'company',
    dealType: 'subcontracting',
    coordinator: { id: coordinator.subject, name: 'Alex Durand', email: 'alex@example.org' },
    endDate: '2030-12-31',
    orderLines: [
      { kind: 'workshop', quantity: 6, participantsPerSession: 15, unitPriceCents: 90_000 },
      { kind: 'training', quantity: 1, participantsPerSession: 12, unitPriceCents: 250_000 },
    ],
    ...overrides,
  };
}

describe('HTTP → API → Temporal dev server → worker → Postgres', () => {
  let api: RunningApi;
  let token: string;

  beforeAll(async () => {
    api = await startApi();
    token = await api.token(coordinator);
  });
  afterAll(async () => api?.stop());

  const post = (body: unknown, key: string, bearer = token) =>
    fetch(`${api.baseUrl}/missions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bearer}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });

  it('creates a mission that can be read back at once and is searchable by status in Temporal', async () => {
    const body = order();
    const created = await post(body, randomUUID());
    expect(created.status).toBe(201);
    const mission = await readJson<MissionBody>(created);
    expect(created.headers.get('location')).toBe(`/missions/${mission.id}`);
    expect(mission).toMatchObject({
      status: 'open',
      client: body.client,
      orderLines: body.orderLines,
      workflowId: `mission-${mission.id}`,
    });

    const read = await fetch(`${api.baseUrl}/missions/${mission.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(mission);

    await expect
      .poll(
        async () => {
          const found: string[] = [];
          for await (const execution of api.client.workflow.list({
            query: `MissionStatus="open" AND ClientName="${body.client.name}"`,
          })) {
            found.push(execution.workflowId);
          }
          return found;
        },
        { timeout: 10_000 },
      )
      .toEqual([`mission-${mission.id}`]);
  });

  it('returns the same mission when the same request is retried with the same idempotency key', async () => {
    const body = order();
    const key = randomUUID();
    const first = await readJson<MissionBody>(await post(body, key));
    const retry = await post(body, key);
    expect(retry.status).toBe(200);
    expect((await readJson<MissionBody>(retry)).id).toBe(first.id);
  });

  it('refuses the same idempotency key with a different body', async () => {
    const key = randomUUID();
    await post(order(), key);
    const reused = await post(order({ title: 'Autre chose' }), key);
    expect(reused.status).toBe(409);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(await reused.json()).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('answers invalid input with a 422 problem naming the first field at fault', async () => {
    const response = await post(order({ sector: 'army', orderLines: [] }), randomUUID());
    expect(response.status).toBe(422);
    const problem = await readJson<ProblemBody>(response);
    expect(problem.code).toBe('VALIDATION_FAILED');
    // Validation stops at the first issue (issue #14): listing every one was a denial of service.
    const paths = (problem.errors ?? []).map((error) => error.path);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(['body/sector', 'body/orderLines']).toContain(path);
  });

  it('names an unknown field in the 422, not only its parent', async () => {
    const response = await post(order({ colour: 'blue' }), randomUUID());
    expect(response.status).toBe(422);
    const problem = await readJson<ProblemBody>(response);
    expect(problem.errors).toEqual([{ path: 'body/colour', message: 'is not a known field' }]);
    expect(problem.detail).toContain('body/colour is not a known field');
  });

  it('refuses JSON sent as text/plain with a 415, not a validation error', async () => {
    const response = await fetch(`${api.baseUrl}/missions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'text/plain',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(order()),
    });
    expect(response.status).toBe(415);
    expect(await readJson<ProblemBody>(response)).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: 'Content type text/plain is not accepted here.',
    });
  });

  it('refuses a coordinator creating a mission for someone else', async () => {
    const response = await post(
      order({ coordinator: { id: 'coord-8', name: 'B', email: 'b@example.org' } }),
      randomUUID(),
    );
    expect(response.status).toBe(403);
    expect((await readJson<ProblemBody>(response)).code).toBe('FORBIDDEN');
  });

  it('hides a mission from another coordinator exactly as if it did not exist', async () => {
    const mission = await readJson<MissionBody>(await post(order(), randomUUID()));
    const other = await api.token({ subject: 'coord-8', role: 'coordinator' });
    const response = await fetch(`${api.baseUrl}/missions/${mission.id}`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(response.status).toBe(404);
    expect((await readJson<ProblemBody>(response)).code).toBe('MISSION_NOT_FOUND');
  });

  it('requires a valid bearer token', async () => {
    const missing = await fetch(`${api.baseUrl}/missions/${randomUUID()}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    const forged = await post(order(), randomUUID(), `${token.slice(0, -4)}AAAA`);
    expect((await readJson<ProblemBody>(forged)).code).toBe('INVALID_TOKEN');
  });

  it('serves health, the OpenAPI document and Swagger UI without a token', async () => {
    expect(await readJson<object>(await fetch(`${api.baseUrl}/health/ready`))).toMatchObject({
      status: 'ready',
      checks: { postgres: 'up', temporal: 'up' },
    });
    const spec = await readJson<{ openapi: string; paths: Record<string, unknown> }>(
      await fetch(`${api.baseUrl}/openapi.json`),
    );
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/missions', '/missions/{missionId}']));
    expect((await fetch(`${api.baseUrl}/docs/`)).status).toBe(200);
  });
});
