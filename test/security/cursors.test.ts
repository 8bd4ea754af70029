/**
 * Finding 6 of issue #14: a list cursor that decoded but was not one the API wrote reached SQL
 * (a failed timestamp or uuid cast, a NUL in text) and answered 500 with the SQL error logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from '../support/api-harness.ts';

const cursor = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
const UUID = '3b7c1f9e-2d4a-4c1b-9a57-0f3f2f6b8c11';

describe('list cursors built by hand', () => {
  let api: RunningApi;
  let token: string;

  beforeAll(async () => {
    api = await startApi();
    token = await api.token({ subject: 'staff-1', role: 'staff' });
  });
  afterAll(async () => api?.stop());

  it.each([
    ['/missions', ['1', UUID]],
    ['/missions', ['2026-01-01T00:00:00Z', '------------------------------------']],
    ['/missions', ['+275760-09-13T00:00:00.000Z', UUID]],
    ['/missions', ['2026-01-01T00:00:00Z', UUID, 'extra']],
    ['/missions', { createdAt: '2026-01-01T00:00:00Z' }],
    ['/facilitators', ['Martin', 'Camille\u0000', 'fac-1']],
    ['/facilitators', ['Martin', 'x'.repeat(101), 'fac-1']],
  ])('%s answers 400 INVALID_CURSOR to %j, before any query', async (route, parts) => {
    const response = await fetch(`${api.baseUrl}${route}?cursor=${cursor(parts)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect([response.status, ((await response.json()) as { code: string }).code]).toEqual([
      400,
      'INVALID_CURSOR',
    ]);
  });

  it('answers 400 to a cursor that is not even base64 JSON', async () => {
    const response = await fetch(`${api.baseUrl}/missions?cursor=%%%`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
  });
});
