/**
 * OpenID Connect sign-in (issue #18, item 1) against a real provider: `oidc-provider`, a certified
 * implementation, started here on a free port. It issues JWT access tokens for the API's
 * audience by the client-credentials grant (resource indicators), with a Keycloak-shaped
 * `realm_access.roles` claim; the API finds its keys by discovery. The tokens a provider never
 * issues (expired, `alg: none`, HS256, signed by an unknown key) are made here, with the keys it
 * publishes where a valid signature is the point.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK, SignJWT, UnsecuredJWT } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcVerifier } from '../../api/auth/oidc.ts';
import type { ProblemError } from '../../api/problems.ts';
import { DEVELOPMENT_JWT_SECRET, type OidcSettings } from '../../config/environment.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { freePort } from '../support/free-port.ts';

const AUDIENCE = 'https://missions-api.test/';
const CLIENT = { client_id: 'missions-tests', client_secret: 'missions-tests-secret' };
const ROLE_MAP = {
  staff: ['missions-staff'],
  coordinator: ['missions-coordinators'],
  facilitator: ['facilitators'],
};
/** Short enough for the test to see a removed key refused without waiting ten minutes. */
const JWKS_CACHE_MAX_AGE_SECONDS = 2;

async function signingKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

/**
 * A provider on its own port whose keys can be replaced while it runs: rotation is a new
 * Provider with the new key set behind the same issuer URL, as a provider's restart would be.
 */
async function startProvider() {
  let handle: ReturnType<Provider['callback']> | undefined;
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (!handle) throw new Error('no provider configured');
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** What the next token's `realm_access.roles` holds; undefined leaves the claim out. */
  let roles: string[] | undefined;
  const configure = (keys: JWK[]) => {
    const provider = new Provider(issuer, {
      clients: [{ ...CLIENT, grant_types: ['client_credentials'], redirect_uris: [], response_types: [] }],
      jwks: { keys },
      ttl: { ClientCredentials: 600 },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => AUDIENCE,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, resource) => ({
            scope: 'missions',
            audience: resource,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }),
        },
      },
      extraTokenClaims: () => (roles ? { realm_access: { roles } } : undefined),
    });
    handle = provider.callback();
  };
  return {
    issuer,
    configure,
    /** A real access token from the token endpoint, for `resource` (the audience). */
    async token(grantedRoles: string[] | undefined, resource = AUDIENCE): Promise<string> {
      roles = grantedRoles;
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${CLIENT.client_id}:${CLIENT.client_secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'missions' }),
      });
      const body = (await response.json()) as { access_token?: string };
      if (!response.ok || !body.access_token) throw new Error(`token endpoint: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type RunningProvider = Awaited<ReturnType<typeof startProvider>>;

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('OpenID Connect sign-in against a real oidc-provider', () => {
  let provider: RunningProvider;
  let otherProvider: RunningProvider;
  let api: RunningApi;
  let firstKey: JWK;
  let oidc: OidcSettings;

  beforeAll(async () => {
    firstKey = await signingKey('first');
    provider = await startProvider();
    provider.configure([firstKey]);
    // Another issuer holding the very same keys: only `iss` tells its tokens apart.
    otherProvider = await startProvider();
    otherProvider.configure([firstKey]);
    oidc = {
      issuer: provider.issuer,
      audience: AUDIENCE,
      algorithms: ['RS256', 'ES256'],
      clockToleranceSeconds: 5,
      jwksCooldownSeconds: 0,
      jwksCacheMaxAgeSeconds: JWKS_CACHE_MAX_AGE_SECONDS,
      subjectClaim: 'sub',
      rolesClaim: 'realm_access.roles',
      roleMap: ROLE_MAP,
    };
    api = await startApi({ oidc });
  });
  afterAll(async () => {
    await api?.stop();
    await provider?.stop();
    await otherProvider?.stop();
  });

  /** A staff-only route: 200 proves both the signature and the mapped role. */
  const stuck = (token: string) =>
    fetch(`${api.baseUrl}/stuck-activities?limit=1`, { headers: { authorization: `Bearer ${token}` } });

  async function refusal(token: string) {
    const response = await stuck(token);
    return { status: response.status, code: ((await response.json()) as { code?: string }).code };
  }

  /** Claims as the provider writes them, signed with a key of ours (the provider's own for a valid signature). */
  function forged(key: JWK, claims: { iss?: string; aud?: string; iat?: number; exp?: number }) {
    return new SignJWT({ realm_access: { roles: ['missions-staff'] } })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid as string, typ: 'at+jwt' })
      .setSubject(CLIENT.client_id)
      .setIssuer(claims.iss ?? provider.issuer)
      .setAudience(claims.aud ?? AUDIENCE)
      .setIssuedAt(claims.iat ?? nowSeconds())
      .setExpirationTime(claims.exp ?? nowSeconds() + 600)
      .sign(key);
  }

  it("accepts the provider's token for a mapped staff role on a staff-only route", async () => {
    const response = await stuck(await provider.token(['offline_access', 'missions-staff']));
    expect(response.status).toBe(200);
  });

  it('maps the role from OIDC_ROLE_MAP: a coordinator group is a coordinator, refused a staff-only route', async () => {
    const token = await provider.token(['missions-coordinators']);
    const response = await stuck(token);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toContain('signed in as coordinator');
    const missions = await fetch(`${api.baseUrl}/missions?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(missions.status).toBe(200);
  });

  it('takes the widest role when the person is in several mapped groups', async () => {
    const response = await stuck(
      await provider.token(['facilitators', 'missions-staff', 'missions-coordinators']),
    );
    expect(response.status).toBe(200);
  });

  it('refuses a token whose role claim is missing, with NO_MAPPED_ROLE', async () => {
    expect(await refusal(await provider.token(undefined))).toEqual({ status: 401, code: 'NO_MAPPED_ROLE' });
  });

  it('refuses a token whose roles are not in the map, with NO_MAPPED_ROLE', async () => {
    expect(await refusal(await provider.token(['missions-readers']))).toEqual({
      status: 401,
      code: 'NO_MAPPED_ROLE',
    });
  });

  it("refuses the provider's token issued for another audience", async () => {
    const token = await provider.token(['missions-staff'], 'https://another-api.test/');
    expect(await refusal(token)).toEqual({ status: 401, code: 'INVALID_TOKEN' });
  });

  it('refuses a token from another issuer, even one signed with the same keys', async () => {
    const token = await otherProvider.token(['missions-staff']);
    expect(await refusal(token)).toEqual({ status: 401, code: 'INVALID_TOKEN' });
  });

  it("refuses an expired token signed with the provider's published key", async () => {
    const valid = await forged(firstKey, {});
    expect((await stuck(valid)).status).toBe(200);
    const expired = await forged(firstKey, { iat: nowSeconds() - 3600, exp: nowSeconds() - 60 });
    expect(await refusal(expired)).toEqual({ status: 401, code: 'INVALID_TOKEN' });
  });

  it('refuses a token signed by a key that is not in the JWKS', async () => {
    const token = await forged(await signingKey('unknown'), {});
    expect(await refusal(token)).toEqual({ status: 401, code: 'INVALID_TOKEN' });
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const token = new UnsecuredJWT({ realm_access: { roles: ['missions-staff'] } })
      .setSubject(CLIENT.client_id)
      .setIssuer(provider.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .encode();
    expect(await refusal(token)).toEqual({ status: 401, code: 'INVALID_TOKEN' });
  });

  it("refuses HS256 tokens in OIDC mode: the development secret's and the harness's own", async () => {
    const claims = { realm_access: { roles: ['missions-staff'] }, role: 'staff' };
    const development = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: 'first' })
      .setSubject('staff-1')
      .setIssuer(provider.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
    expect(await refusal(development)).toEqual({ status: 401, code: 'INVALID_TOKEN' });
    const harness = await api.token({ subject: 'staff-1', role: 'staff' });
    expect(await refusal(harness)).toEqual({ status: 401, code: 'INVALID_TOKEN' });
  });

  it('follows a key rotation: the new key is accepted at once, the removed one refused once the cached keys age out', async () => {
    const before = await provider.token(['missions-staff']);
    expect((await stuck(before)).status).toBe(200);

    const secondKey = await signingKey('second');
    provider.configure([secondKey, firstKey]);
    const after = await provider.token(['missions-staff']);
    expect(JSON.parse(Buffer.from(after.split('.')[0] as string, 'base64url').toString()).kid).toBe('second');
    expect((await stuck(after)).status).toBe(200);
    expect((await stuck(before)).status).toBe(200);

    provider.configure([secondKey]);
    await new Promise((resolve) => setTimeout(resolve, JWKS_CACHE_MAX_AGE_SECONDS * 1000 + 500));
    expect(await refusal(before)).toEqual({ status: 401, code: 'INVALID_TOKEN' });
    expect((await stuck(after)).status).toBe(200);
  });
});

describe('OpenID provider discovery', () => {
  let provider: RunningProvider;
  let settings: OidcSettings;

  beforeAll(async () => {
    provider = await startProvider();
    provider.configure([await signingKey('first')]);
    settings = {
      issuer: provider.issuer,
      audience: AUDIENCE,
      algorithms: ['RS256'],
      clockToleranceSeconds: 5,
      jwksCooldownSeconds: 30,
      jwksCacheMaxAgeSeconds: 600,
      subjectClaim: 'sub',
      rolesClaim: 'realm_access.roles',
      roleMap: ROLE_MAP,
    };
  });
  afterAll(async () => provider?.stop());

  const verify = (given: OidcSettings, token: string) =>
    oidcVerifier(given, { maxTokenAgeSeconds: 3600 })(token);

  it('verifies through discovery from the issuer', async () => {
    const token = await provider.token(['facilitators']);
    expect(await verify(settings, token)).toEqual({
      actor: { subject: CLIENT.client_id, role: 'facilitator' },
    });
  });

  it('answers 503 IDENTITY_PROVIDER_UNAVAILABLE when the provider cannot be reached, whatever the token', async () => {
    const token = await provider.token(['facilitators']);
    const down = { ...settings, issuer: `http://127.0.0.1:${await freePort()}` };
    await expect(verify(down, token)).rejects.toMatchObject({
      status: 503,
      code: 'IDENTITY_PROVIDER_UNAVAILABLE',
    } satisfies Partial<ProblemError>);
  });

  it('does not use a discovery document that names another issuer', async () => {
    const token = await provider.token(['facilitators']);
    // The document at <issuer>/ names <issuer> without the slash: not the configured issuer.
    await expect(verify({ ...settings, issuer: `${provider.issuer}/` }, token)).rejects.toMatchObject({
      code: 'IDENTITY_PROVIDER_UNAVAILABLE',
    });
  });
});

describe('OIDC settings at start', () => {
  const ROOT = path.join(import.meta.dirname, '..', '..');
  // No AUTH_JWT_SECRET: with a provider, the API verifies no HS256 token and needs no such secret.
  const VALID = {
    LINK_SIGNING_SECRET: 'Zq8Xw2Ev4Rt6Yu1Io3Pa5Sd7Fg9Hj0Kl-Mn_',
    OIDC_ISSUER: 'https://sso.example.org/realms/missions',
    OIDC_AUDIENCE: 'missions-api',
    OIDC_ROLES_CLAIM: 'realm_access.roles',
    OIDC_ROLE_MAP: 'missions-staff=staff,missions-coordinators=coordinator,facilitators=facilitator',
    // The API seals the audit bundle's documents: it needs the seal's settings (read, not opened, at start).
    SEAL_P12_PATH: '/run/seal/seal.p12',
    SEAL_P12_PASSPHRASE: 'passphrase',
  };

  /** The API as operators start it, with only these variables: it stops at its settings or at the missing DATABASE_URL. */
  function start(env: Record<string, string>) {
    const result = spawnSync(process.execPath, ['api/server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...VALID, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: result.status, stderr: result.stderr };
  }

  it.each([
    ['no OIDC_AUDIENCE', { OIDC_AUDIENCE: '' }, /OIDC_AUDIENCE is required with OIDC_ISSUER/],
    ['no OIDC_ROLE_MAP', { OIDC_ROLE_MAP: '' }, /OIDC_ROLE_MAP is required with OIDC_ISSUER/],
    ['alg none', { OIDC_ALGORITHMS: 'RS256,none' }, /OIDC_ALGORITHMS accepts only .* \(never none or HS\*\)/],
    ['HS256', { OIDC_ALGORITHMS: 'HS256' }, /OIDC_ALGORITHMS accepts only/],
    [
      'a role map entry naming no role',
      { OIDC_ROLE_MAP: 'missions-staff=admin' },
      /OIDC_ROLE_MAP entry "missions-staff=admin"/,
    ],
    [
      'an issuer over plain http',
      { OIDC_ISSUER: 'http://sso.example.org/realms/missions' },
      /OIDC_ISSUER must use https/,
    ],
    [
      'an issuer that is no URL',
      { OIDC_ISSUER: 'sso.example.org' },
      /OIDC_ISSUER must be the provider's issuer URL/,
    ],
    [
      'an empty claim path',
      { OIDC_ROLES_CLAIM: 'realm_access..roles' },
      /OIDC_ROLES_CLAIM must be a claim name/,
    ],
    [
      'a negative clock tolerance',
      { OIDC_CLOCK_TOLERANCE_SECONDS: '-5' },
      /OIDC_CLOCK_TOLERANCE_SECONDS must be/,
    ],
  ])('refuses to start with %s, saying why', (_case, env, message) => {
    const { status, stderr } = start(env);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('starts with a complete Keycloak-like configuration (stopping only for the missing database)', () => {
    const { status, stderr } = start({});
    expect(status).toBe(2);
    expect(stderr).toContain('DATABASE_URL is required');
  });
});
