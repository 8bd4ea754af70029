/**
 * Findings 6 and 7 of issue #14, the API's side: bearer tokens without `exp`, with a 100-year
 * one or a future `iat` were accepted; failed tokens were not throttled; no answer carried
 * security headers or `no-store`; `/docs` was public in production; behind a proxy every client
 * shared one rate-limit bucket.
 */
import { createSecretKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { type RunningApi, startApi, TEST_JWT_SECRET } from '../support/api-harness.ts';
import { TEST_LINK_SECRETS, TEST_PUBLIC_BASE_URL } from '../support/worker-harness.ts';
import { FORGED_LINK_TOKEN } from './attack-bodies.ts';

const key = createSecretKey(Buffer.from(TEST_JWT_SECRET, 'utf8'));
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A staff token with exactly the time claims given (the harness's mintToken always sets both). */
function staffToken(claims: { iat?: number; exp?: number }): Promise<string> {
  return new SignJWT({ role: 'staff', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('staff-1')
    .setIssuer('mission-orchestration')
    .setAudience('mission-orchestration-api')
    .sign(key);
}

describe('bearer tokens, headers and client addresses', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api?.stop());

  const list = (token: string) =>
    fetch(`${api.baseUrl}/missions?limit=1`, { headers: { authorization: `Bearer ${token}` } });

  it('accepts a token that says when it was issued and until when it lasts', async () => {
    const response = await list(await staffToken({ iat: nowSeconds(), exp: nowSeconds() + 3600 }));
    expect(response.status).toBe(200);
  });

  it.each([
    ['without exp', { iat: 0 }],
    ['without iat', { exp: 3600 }],
    ['with a 100-year exp, issued 13 hours ago', { iat: -13 * 3600, exp: 100 * 365 * 24 * 3600 }],
    ['issued an hour in the future', { iat: 3600, exp: 7200 }],
  ])('refuses a token %s', async (_case, offsets) => {
    const now = nowSeconds();
    const claims = Object.fromEntries(
      Object.entries(offsets).map(([claim, offset]) => [claim, now + offset]),
    );
    const response = await list(await staffToken(claims));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('INVALID_TOKEN');
  });

  it('puts security headers on every answer and no-store on authenticated and link answers', async () => {
    const health = await fetch(`${api.baseUrl}/health/live`);
    const csp = health.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-inline');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-frame-options')).toBe('DENY');
    expect(health.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);

    const authenticated = await list(await staffToken({ iat: nowSeconds(), exp: nowSeconds() + 60 }));
    expect(authenticated.headers.get('cache-control')).toBe('no-store');
    const link = await fetch(`${api.baseUrl}/links/invitations/${FORGED_LINK_TOKEN}`);
    expect(link.headers.get('cache-control')).toBe('no-store');
    expect(link.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('token age, throttling and configuration', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi({ tokenMaxAgeSeconds: 60 });
  });
  afterAll(async () => api?.stop());

  const list = (token: string) =>
    fetch(`${api.baseUrl}/missions?limit=1`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses a token older than the configured maximum age, even before its exp', async () => {
    const response = await list(await staffToken({ iat: nowSeconds() - 300, exp: nowSeconds() + 3600 }));
    expect(response.status).toBe(401);
  });

  async function appWith(options: Parameters<typeof buildApp>[1], overrides: Partial<ApiDependencies> = {}) {
    return buildApp(
      {
        pool: api.worker.pool,
        temporal: { client: api.client, taskQueue: api.worker.taskQueue },
        jwtSecret: TEST_JWT_SECRET,
        linkSecrets: TEST_LINK_SECRETS,
        publicBaseUrl: TEST_PUBLIC_BASE_URL,
        ...overrides,
      },
      options,
    );
  }

  it('answers 429 to an address past its budget of failed tokens, even with a valid one', async () => {
    const app = await appWith({}, { failedTokensPerMinute: 3 });
    const list = (token: string, remoteAddress = '198.51.100.7') =>
      app.inject({ url: '/missions?limit=1', remoteAddress, headers: { authorization: `Bearer ${token}` } });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await list('not-a-token')).statusCode);
    const valid = await api.token({ subject: 'staff-1', role: 'staff' });
    const limited = await list(valid);
    expect([...statuses, limited.statusCode]).toEqual([401, 401, 401, 429]);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.json<{ code: string }>().code).toBe('RATE_LIMITED');
    expect((await list(valid, '198.51.100.8')).statusCode).toBe(200);
    await app.close();
  });

  it('serves Swagger UI only when asked (production does not)', async () => {
    const production = await appWith({ docs: false });
    expect((await production.inject({ url: '/docs' })).statusCode).toBe(404);
    expect((await production.inject({ url: '/openapi.json' })).statusCode).toBe(200);
    await production.close();
  });

  it('tells clients behind a trusted proxy apart for rate limits, and believes no one by default', async () => {
    const guess = (app: Awaited<ReturnType<typeof appWith>>, client: string) =>
      app.inject({
        url: `/links/invitations/${FORGED_LINK_TOKEN}`,
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': client },
      });
    const behindProxy = await appWith({ trustProxy: '127.0.0.1' }, { linkRateLimitPerMinute: 1 });
    expect((await guess(behindProxy, '203.0.113.1')).statusCode).toBe(401);
    expect((await guess(behindProxy, '203.0.113.2')).statusCode).toBe(401);
    expect((await guess(behindProxy, '203.0.113.1')).statusCode).toBe(429);
    await behindProxy.close();

    const direct = await appWith({}, { linkRateLimitPerMinute: 1 });
    expect((await guess(direct, '203.0.113.1')).statusCode).toBe(401);
    expect((await guess(direct, '203.0.113.2')).statusCode).toBe(429);
    await direct.close();
  });
});
