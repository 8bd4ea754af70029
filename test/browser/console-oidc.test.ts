/**
 * Signing in to the console through the association's identity provider (issues #17 item 4 and
 * #18 item 1), in a real Chromium against a real OpenID provider (`oidc-provider`, certified):
 * the authorisation code flow with PKCE through the provider's own login and consent pages,
 * the access token it issues for the API's audience accepted by the real API, a token renewed
 * with the refresh token before it expires, and the refusals a person can meet (no role, a
 * sign-in finished in another browser).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcSettings } from '../../config/environment.ts';
import { buildConsole } from '../../console/app.ts';
import type { ConsoleOidcSettings } from '../../console/oidc-sign-in.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import {
  clickAndLoad,
  DESKTOP,
  expectAccessible,
  launchBrowser,
  mainHeading,
  openContext,
  PHONE,
  screenshot,
} from '../support/browser.ts';
import { freePort } from '../support/free-port.ts';

const AUDIENCE = 'https://missions-api.test/';
const CLIENT_ID = 'missions-console';
const CLIENT_SECRET = 'missions-console-secret';
/** Short, so that the test sees the console renew it (it renews 30 s before the end). */
const ACCESS_TOKEN_SECONDS = 35;
/** Which provider roles each test account holds (a Keycloak-shaped `realm_access.roles`). */
const ACCOUNTS: Record<string, { name: string; roles: string[] }> = {
  'coord-oidc': { name: 'Alex Durand', roles: ['missions-coordinators'] },
  'staff-oidc': { name: 'Camille Bernard', roles: ['missions-staff', 'missions-coordinators'] },
  'guest-oidc': { name: 'Dominique Martin', roles: ['newsletter'] },
};

async function startProvider(redirectUri: string) {
  let handle: ReturnType<Provider['callback']> | undefined;
  const server: Server = createServer((request, response) => handle?.(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [redirectUri],
      },
    ],
    // The provider's own login and consent pages: any login is accepted, the account is the login.
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({
          scope: 'missions',
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: ACCESS_TOKEN_SECONDS,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    claims: { openid: ['sub'], profile: ['name'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, name: ACCOUNTS[id]?.name ?? id }),
    }),
    issueRefreshToken: () => true,
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, IdToken: 600, RefreshToken: 3600 },
    extraTokenClaims: (_ctx, token) => {
      const account = 'accountId' in token && typeof token.accountId === 'string' ? token.accountId : '';
      return { realm_access: { roles: ACCOUNTS[account]?.roles ?? [] } };
    },
  });
  handle = provider.callback();
  return { issuer, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("signing in to the console with the association's identity provider", () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let api: RunningApi;
  let consoleApp: FastifyInstance;
  let consoleUrl = '';
  let browser: Browser;

  beforeAll(async () => {
    const consolePort = await freePort();
    consoleUrl = `http://127.0.0.1:${consolePort}`;
    provider = await startProvider(`${consoleUrl}/sign-in/callback`);
    const roles: Pick<OidcSettings, 'subjectClaim' | 'rolesClaim' | 'roleMap'> = {
      subjectClaim: 'sub',
      rolesClaim: 'realm_access.roles',
      roleMap: { staff: ['missions-staff'], coordinator: ['missions-coordinators'], facilitator: [] },
    };
    api = await startApi({
      oidc: {
        issuer: provider.issuer,
        audience: AUDIENCE,
        algorithms: ['RS256'],
        clockToleranceSeconds: 5,
        jwksCooldownSeconds: 30,
        jwksCacheMaxAgeSeconds: 600,
        ...roles,
      },
    });
    const oidc: ConsoleOidcSettings = {
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      publicUrl: consoleUrl,
      scopes: 'openid profile missions',
      resource: AUDIENCE,
      roles,
    };
    consoleApp = await buildConsole({ apiUrl: api.baseUrl, oidc });
    await consoleApp.listen({ host: '127.0.0.1', port: consolePort });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await consoleApp?.close();
    await api?.stop();
    await provider?.stop();
  });

  /** The provider's own pages: its login form (any password), then its consent page. */
  async function signInAtProvider(page: Page, login: string) {
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await Promise.all([page.waitForURL(/\/interaction\//), page.locator('button[type="submit"]').click()]);
    await Promise.all([
      page.waitForURL((url) => url.origin === consoleUrl),
      page.locator('button[type="submit"]', { hasText: /continue/i }).click(),
    ]);
  }

  async function startSignIn(context: BrowserContext, path = '/missions'): Promise<Page> {
    const page = await context.newPage();
    expect((await page.goto(`${consoleUrl}${path}`))?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await mainHeading(page)).toBe('Se connecter');
    await clickAndLoad(
      page,
      page.getByRole('link', { name: 'Se connecter avec le compte de l’association' }),
    );
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    return page;
  }

  it('signs a coordinator in through the provider, back to the page they asked for, and the API accepts the token', async () => {
    const phone = await openContext(browser, PHONE);
    const page = await startSignIn(phone, '/missions?status=open');
    await signInAtProvider(page, 'coord-oidc');
    expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe('/missions?status=open');
    expect(await mainHeading(page)).toBe('Mes missions');
    // The name comes from the provider's ID token; the screens from the role mapped from its access token.
    await expect(page.locator('.viewer').textContent()).resolves.toContain('Alex Durand');
    await expect(page.getByRole('link', { name: 'Taux de rétribution' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'missions after provider sign-in');
    await screenshot(page, 'console-oidc-missions-phone');

    const cookies = await phone.cookies(consoleUrl);
    const session = cookies.find((cookie) => cookie.name === 'console_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(cookies.find((cookie) => cookie.name === 'console_refresh')?.httpOnly).toBe(true);
    // The very token the console forwards is one the API verified against the provider's keys.
    const direct = await fetch(`${api.baseUrl}/missions?limit=1`, {
      headers: { authorization: `Bearer ${session?.value}` },
    });
    expect(direct.status).toBe(200);

    // Once the token is within 30 s of its end, the next page renews it before calling the API.
    await page.waitForTimeout((ACCESS_TOKEN_SECONDS - 30 + 1) * 1000);
    const response = await page.goto(`${consoleUrl}/missions`);
    expect(response?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('Mes missions');
    const renewed = (await phone.cookies(consoleUrl)).find((cookie) => cookie.name === 'console_session');
    expect(renewed?.value).toBeTruthy();
    expect(renewed?.value).not.toBe(session?.value);

    await clickAndLoad(page, page.getByRole('button', { name: 'Se déconnecter' }));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    const left = (await phone.cookies(consoleUrl)).map((cookie) => cookie.name);
    expect(left).not.toContain('console_session');
    expect(left).not.toContain('console_refresh');
    await phone.close();
  });

  it('gives staff the staff screens: the widest mapped role wins', async () => {
    const laptop = await openContext(browser, DESKTOP);
    const page = await startSignIn(laptop);
    await signInAtProvider(page, 'staff-oidc');
    expect(await mainHeading(page)).toBe('Missions');
    await expect(page.getByRole('link', { name: 'Taux de rétribution' }).count()).resolves.toBe(1);
    await laptop.close();
  });

  it('tells a person whose account has no console role what to ask for, and keeps no token', async () => {
    const laptop = await openContext(browser, DESKTOP);
    const page = await startSignIn(laptop);
    const answer = page.waitForResponse((response) => response.url().includes('/sign-in/callback'));
    await signInAtProvider(page, 'guest-oidc');
    expect((await answer).status()).toBe(403);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'n’a pas de rôle dans cette console',
    );
    await expectAccessible(page, 'sign-in refused for lack of a role');
    await screenshot(page, 'console-oidc-no-role');
    expect((await laptop.cookies(consoleUrl)).map((cookie) => cookie.name)).not.toContain('console_session');
    await laptop.close();
  });

  it('refuses a callback this browser did not start, and offers to start again', async () => {
    const laptop = await openContext(browser, DESKTOP);
    const page = await laptop.newPage();
    const response = await page.goto(`${consoleUrl}/sign-in/callback?code=stolen&state=guessed`);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Recommencez');
    await expect(
      page.getByRole('link', { name: 'Se connecter avec le compte de l’association' }).count(),
    ).resolves.toBe(1);
    await laptop.close();
  });
});
