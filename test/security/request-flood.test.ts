/**
 * Finding 2 of issue #14 (and the deep-JSON and token-echo parts of findings 6 and 7): one
 * anonymous 829 KB request to a link route was parsed and validated with every error listed
 * (0.88 s of CPU, a 24.3 MB answer) before its token was even looked at.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLink } from '../../links/link-tokens.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import type { ProblemBody } from '../support/http.ts';
import { TEST_LINK_SECRETS } from '../support/worker-harness.ts';
import { FORGED_LINK_TOKEN, positioningFloodBody } from './attack-bodies.ts';

describe('requests built to exhaust the API', () => {
  let api: RunningApi;
  let staffToken: string;

  beforeAll(async () => {
    api = await startApi();
    staffToken = await api.token({ subject: 'staff-1', role: 'staff' });
  });
  afterAll(async () => api?.stop());

  const authenticToken = () =>
    signLink(TEST_LINK_SECRETS, {
      purpose: 'positioningTest',
      subjectId: randomUUID(),
      sessionId: randomUUID(),
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    });

  const postJson = (path: string, body: RequestInit['body'], headers: Record<string, string> = {}) =>
    fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);

  it('refuses a forged link token before reading an 829 KB body, with a small answer', async () => {
    const body = positioningFloodBody();
    expect(body.length).toBeGreaterThan(828_000);
    const response = await postJson(`/links/positioning-tests/${FORGED_LINK_TOKEN}`, body);
    const text = await response.text();
    expect(response.status).toBe(401);
    expect(JSON.parse(text)).toMatchObject({ code: 'LINK_INVALID' });
    expect(text.length).toBeLessThan(1000);
  });

  it('refuses the same body with an authentic token as too large for a link', async () => {
    const response = await postJson(
      `/links/positioning-tests/${await authenticToken()}`,
      positioningFloodBody(),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as ProblemBody).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a large link body sent without a length (chunked)', async () => {
    const chunk = new TextEncoder().encode(positioningFloodBody().slice(0, 16_384));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"answers":{"a":"'));
        if (sent >= 8) {
          controller.enqueue(new TextEncoder().encode('"}}'));
          controller.close();
          return;
        }
        sent += 1;
        controller.enqueue(chunk.map(() => 0x78));
      },
    });
    const response = await postJson(`/links/positioning-tests/${await authenticToken()}`, stream);
    expect(response.status).toBe(413);
  });

  it('answers an invalid authenticated body with a few errors, not one per item', async () => {
    const orderLines = Array.from({ length: 20_000 }, () => ({ kind: 'nope', quantity: -1 }));
    const response = await postJson('/missions', JSON.stringify({ title: 'x', orderLines }), {
      authorization: `Bearer ${staffToken}`,
      'idempotency-key': randomUUID(),
    });
    const text = await response.text();
    expect(response.status).toBe(422);
    const problem = JSON.parse(text) as ProblemBody & { errors: unknown[] };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.length).toBeGreaterThan(0);
    expect(problem.errors.length).toBeLessThanOrEqual(10);
    expect(text.length).toBeLessThan(4000);
  });

  it('answers a JSON body nested 200,000 deep with 400, not 500', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const response = await postJson('/missions', deep, {
      authorization: `Bearer ${staffToken}`,
      'idempotency-key': randomUUID(),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ProblemBody).code).toBe('MALFORMED_BODY');
  });

  it('never echoes a link token in a problem, whatever the case of the path', async () => {
    const token = await authenticToken();
    for (const path of [
      `/links/surveys/${FORGED_LINK_TOKEN}`,
      `/Links/surveys/${token}`,
      `/LINKS/surveys/${token}/x`,
    ]) {
      const response = await postJson(path, '{}');
      const text = await response.text();
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(text).not.toContain(FORGED_LINK_TOKEN);
      expect(text).not.toContain(token);
      expect((JSON.parse(text) as ProblemBody).instance).toMatch(/\/links\/surveys\/\[token\]/i);
    }
  });
});
