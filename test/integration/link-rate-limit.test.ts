import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type ProblemBody, readJson } from '../support/http.ts';

describe('rate limits on e-mail-link routes', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ linkRateLimitPerMinute: 3 });
  });
  afterAll(async () => api?.stop());

  it('answers a burst of link guesses with 429 problems once the budget is spent', async () => {
    const guess = () =>
      fetch(`${api.baseUrl}/links/invitations/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.bm90LXNpZ25lZA`);
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await guess()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await guess();
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect((await readJson<ProblemBody>(limited)).code).toBe('RATE_LIMITED');
  });

  it("gives a half-day's short code ten link budgets: a room signs from one address", async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 12; attempt += 1)
      statuses.push((await fetch(`${api.baseUrl}/e/ZZZZZZ`, { redirect: 'manual' })).status);
    expect(statuses).toEqual(Array.from({ length: 12 }, () => 404));
    for (let attempt = 12; attempt < 30; attempt += 1) await fetch(`${api.baseUrl}/e/ZZZZZZ`);
    expect((await fetch(`${api.baseUrl}/e/ZZZZZZ`)).status).toBe(429);
  });

  it('answers a person guessing links in a browser with a page saying to wait, once the budget is spent', async () => {
    const guess = () =>
      fetch(`${api.baseUrl}/links/approvals/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.bm90LXNpZ25lZA`, {
        headers: { accept: 'text/html' },
      });
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await guess()).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    const limited = await guess();
    expect(limited.headers.get('content-type')).toContain('text/html');
    expect(await limited.text()).toContain('Trop de tentatives');
  });
});
