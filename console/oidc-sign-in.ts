/**
 * Signing in to the console through the association's OpenID provider (issue #17 item 4, #18
 * item 1): the authorisation code flow with PKCE, state and nonce (openid-client, the certified
 * relying-party library by the author of the `jose` the API verifies with). The console is a
 * confidential or public client of its own; the access token it receives is the bearer token it
 * forwards to the API, so the provider must issue it for the API's audience (OIDC_AUDIENCE).
 * Tokens live in HttpOnly cookies; a token about to expire is renewed with the refresh token
 * before the page calls the API, so a coordinator's day is not cut by a five-minute token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { roleFromClaims } from '../api/auth/role-claims.ts';
import type { OidcSettings } from '../config/environment.ts';
import type { Role } from '../workflows/messages/actor.ts';
import { localPath, NAME_COOKIE, SESSION_COOKIE } from './context.ts';

export interface ConsoleOidcSettings {
  issuer: string;
  clientId: string;
  /** Absent for a public client: PKCE alone then proves the code is the console's. */
  clientSecret?: string;
  /** The console's own address as people's browsers reach it; the redirect URI is `<it>/sign-in/callback`. */
  publicUrl: string;
  scopes: string;
  /** RFC 8707 `resource` asked for with the code, for providers that issue the API's audience that way. */
  resource?: string;
  roles: Pick<OidcSettings, 'subjectClaim' | 'rolesClaim' | 'roleMap'>;
}

export const REFRESH_COOKIE = 'console_refresh';
const FLOW_COOKIE = 'console_sign_in';
const FLOW_MINUTES = 10;
/** A token with less than this left is renewed first: the API must not see it expire mid-page. */
const RENEW_BEFORE_SECONDS = 30;
/** How long the console keeps a person signed in without asking the provider again. */
const SESSION_HOURS = 12;

export type SignInFailure = 'expired' | 'refused' | 'no-role' | 'unavailable';

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  back: string;
}

/** The role the console shows screens for: the API's own mapping of the same claims. */
export function oidcRole(settings: ConsoleOidcSettings) {
  return (claims: object): Role | null => {
    const granted = roleFromClaims(claims, settings.roles);
    return 'role' in granted ? granted.role : null;
  };
}

export function oidcSignIn(
  app: FastifyInstance,
  settings: ConsoleOidcSettings,
  failed: (request: FastifyRequest, reply: FastifyReply, why: SignInFailure) => FastifyReply,
): void {
  // Discovered on first use and retried after a failure: the console starts while the provider is down.
  let configuration: Promise<client.Configuration> | undefined;
  const provider = () => {
    configuration ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        new URL(settings.issuer).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };
  const redirectUri = `${settings.publicUrl}/sign-in/callback`;
  const secure = new URL(settings.publicUrl).protocol === 'https:';

  function keepTokens(reply: FastifyReply, tokens: client.TokenEndpointResponse, name?: string) {
    const cookie = {
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure,
      maxAge: SESSION_HOURS * 3600,
    };
    reply.setCookie(SESSION_COOKIE, tokens.access_token, cookie);
    if (tokens.refresh_token) reply.setCookie(REFRESH_COOKIE, tokens.refresh_token, cookie);
    if (name) reply.setCookie(NAME_COOKIE, name, cookie);
  }

  app.get<{ Querystring: { back?: string } }>('/sign-in/start', async (request, reply) => {
    let config: client.Configuration;
    try {
      config = await provider();
    } catch (error) {
      request.log.error({ err: error }, 'identity provider discovery failed');
      return failed(request, reply, 'unavailable');
    }
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      back: localPath(request.query.back),
    };
    // Only this browser, coming back within minutes, can finish the sign-in it started.
    reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
      path: '/sign-in',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: FLOW_MINUTES * 60,
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      ...(settings.resource ? { resource: settings.resource } : {}),
    });
    return reply.redirect(url.href, 303);
  });

  app.get('/sign-in/callback', async (request, reply) => {
    const flow = readFlow(request.cookies[FLOW_COOKIE]);
    reply.clearCookie(FLOW_COOKIE, { path: '/sign-in' });
    if (!flow) return failed(request, reply, 'expired');
    let config: client.Configuration;
    try {
      config = await provider();
    } catch (error) {
      request.log.error({ err: error }, 'identity provider discovery failed');
      return failed(request, reply, 'unavailable');
    }
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(
        config,
        new URL(request.url, settings.publicUrl),
        {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        },
        settings.resource ? { resource: settings.resource } : undefined,
      );
    } catch (error) {
      // The person declined, the code was replayed, or the answer did not match this browser's flow.
      request.log.warn({ err: error }, 'sign-in refused');
      return failed(request, reply, 'refused');
    }
    if (!accessRole(tokens.access_token, settings)) return failed(request, reply, 'no-role');
    const claims = tokens.claims();
    const name = [claims?.name, claims?.preferred_username, claims?.email].find(
      (value): value is string => typeof value === 'string' && value !== '',
    );
    keepTokens(reply, tokens, name);
    return reply.redirect(flow.back, 303);
  });

  app.addHook('onRequest', async (request, reply) => {
    const refreshToken = request.cookies[REFRESH_COOKIE];
    if (!refreshToken || request.url.startsWith('/assets/') || !expiresSoon(request.cookies[SESSION_COOKIE]))
      return;
    try {
      const tokens = await client.refreshTokenGrant(
        await provider(),
        refreshToken,
        settings.resource ? { resource: settings.resource } : undefined,
      );
      keepTokens(reply, tokens);
      request.cookies[SESSION_COOKIE] = tokens.access_token;
    } catch (error) {
      // A refused refresh (revoked, expired) signs the person out; an unreachable provider leaves
      // the token as it is and the API's 401 sends them to the sign-in page.
      request.log.warn({ err: error }, 'token renewal failed');
      if (error instanceof client.ResponseBodyError) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        reply.clearCookie(REFRESH_COOKIE, { path: '/' });
        delete request.cookies[SESSION_COOKIE];
      }
    }
  });
}

export function signOutCookies(reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, { path: '/' });
  reply.clearCookie(NAME_COOKIE, { path: '/' });
}

function accessRole(accessToken: string, settings: ConsoleOidcSettings): Role | null {
  try {
    return oidcRole(settings)(decodeJwt(accessToken));
  } catch {
    // An opaque access token: the provider is not issuing JWTs for the API's audience.
    return null;
  }
}

function expiresSoon(token: string | undefined): boolean {
  if (!token) return true;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp !== 'number' || exp - Date.now() / 1000 < RENEW_BEFORE_SECONDS;
  } catch {
    return true;
  }
}

function readFlow(raw: string | undefined): Flow | null {
  if (!raw) return null;
  try {
    const flow = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Flow>;
    return typeof flow.state === 'string' &&
      typeof flow.nonce === 'string' &&
      typeof flow.verifier === 'string' &&
      typeof flow.back === 'string'
      ? { state: flow.state, nonce: flow.nonce, verifier: flow.verifier, back: localPath(flow.back) }
      : null;
  } catch {
    return null;
  }
}
