/**
 * Bearer tokens from the association's OpenID provider (issue #18, item 1): verified against the
 * keys it publishes, found by discovery from its issuer; subject and role read from the claims
 * the provider uses, the role through OIDC_ROLE_MAP.
 */
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import type { OidcSettings } from '../../config/environment.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import { ProblemError } from '../problems.ts';
import { claimAt, roleFromClaims } from './role-claims.ts';

export type Verification =
  | { actor: Actor }
  | { refusal: 'INVALID_TOKEN' }
  | { refusal: 'NO_MAPPED_ROLE'; detail: string };

export interface OidcVerifierOptions {
  /** The oldest token accepted, from its `iat` (AUTH_TOKEN_MAX_AGE_SECONDS, as for HS256). */
  maxTokenAgeSeconds: number;
}

const DISCOVERY_TIMEOUT_MS = 5_000;

export function oidcVerifier(settings: OidcSettings, options: OidcVerifierOptions) {
  // Discovered on the first token rather than at start: the API starts while the provider is
  // down, and a failed discovery is retried by the next request instead of being kept.
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keySet = () => {
    keys ??= discover(settings).catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return keys;
  };

  return async (token: string): Promise<Verification> => {
    const jwks = await keySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: settings.algorithms,
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: options.maxTokenAgeSeconds,
        clockTolerance: settings.clockToleranceSeconds,
      }));
    } catch (error) {
      if (providerUnreachable(error)) throw unavailable(settings, error);
      return { refusal: 'INVALID_TOKEN' };
    }
    const subject = claimAt(payload, settings.subjectClaim);
    if (typeof subject !== 'string' || subject === '') return { refusal: 'INVALID_TOKEN' };
    const granted = roleFromClaims(payload, settings);
    if ('refusal' in granted) return granted;
    return { actor: { subject, role: granted.role } };
  };
}

async function discover(settings: OidcSettings) {
  const url = `${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let metadata: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    metadata = (await response.json()) as typeof metadata;
  } catch (error) {
    throw unavailable(settings, error);
  }
  // OpenID Connect Discovery 1.0 §4.3: a document naming another issuer must not be used.
  if (metadata.issuer !== settings.issuer || typeof metadata.jwks_uri !== 'string')
    throw unavailable(
      settings,
      new Error(`${url} names issuer ${String(metadata.issuer)} and jwks_uri ${String(metadata.jwks_uri)}`),
    );
  // An unknown `kid` refetches the set (at most every cooldown): keys the provider rotates in are
  // accepted without a restart; one it removes stops verifying once the cached set is older
  // than cacheMaxAge.
  return createRemoteJWKSet(new URL(metadata.jwks_uri), {
    cooldownDuration: settings.jwksCooldownSeconds * 1000,
    cacheMaxAge: settings.jwksCacheMaxAgeSeconds * 1000,
  });
}

/** Failing to reach the provider says nothing about the token: 503, and not counted against the caller. */
function providerUnreachable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  // jose's generic error is what its JWKS fetch throws for a non-200 answer or one that is not JSON.
  return (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error.code === 'ERR_JOSE_GENERIC'
  );
}

function unavailable(settings: OidcSettings, cause: unknown): ProblemError {
  const error = new ProblemError(
    503,
    'IDENTITY_PROVIDER_UNAVAILABLE',
    `The identity provider ${settings.issuer} cannot be reached to verify the token; retry shortly.`,
  );
  error.cause = cause;
  return error;
}
