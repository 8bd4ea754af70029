/**
 * Bearer tokens when OIDC_ISSUER is unset (development): HS256 JWTs whose subject is the
 * person's id and whose `role` claim is one of the three roles, minted with `npm run token`.
 * An OpenID provider's tokens are verified by oidc.ts.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { type Actor, ROLES, type Role } from '../../workflows/messages/actor.ts';
import { type VerifiedTokens, verifiedTokens } from './verified-tokens.ts';

const ISSUER = 'mission-orchestration';
const AUDIENCE = 'mission-orchestration-api';

/**
 * One KeyObject per secret, made once: importing the raw secret on every verification cost more
 * than the verification itself (127 → 49 µs of CPU per request, bench/README.md).
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export async function mintToken(secret: string, actor: Actor, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ role: actor.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keyOf(secret));
}

/** The oldest token accepted by default, from its `iat` (AUTH_TOKEN_MAX_AGE_SECONDS). */
export const DEFAULT_TOKEN_MAX_AGE_SECONDS = 12 * 3600;
/** Clocks of the identity provider and the API may differ this much. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Returns the actor, or null for any token that is forged, expired, lacks a known role, or does
 * not say when it was issued and until when it lasts: a token without `exp`, with a 100-year
 * one, or issued in the future is refused (issue #14, finding 6).
 */
export async function verifyToken(
  secret: string,
  token: string,
  maxAgeSeconds = DEFAULT_TOKEN_MAX_AGE_SECONDS,
): Promise<Actor | null> {
  return (await verifyClaims(secret, token, maxAgeSeconds))?.actor ?? null;
}

/**
 * verifyToken for one secret and maximum age, remembering the tokens it accepted until they
 * would be refused (verified-tokens.ts says why that is safe).
 */
export function tokenVerifier(
  secret: string,
  maxAgeSeconds = DEFAULT_TOKEN_MAX_AGE_SECONDS,
  accepted: VerifiedTokens<Actor> = verifiedTokens(),
): (token: string) => Promise<Actor | null> {
  return async (token) => {
    const known = accepted.get(token);
    if (known) return known;
    const verified = await verifyClaims(secret, token, maxAgeSeconds);
    if (!verified) return null;
    accepted.remember(token, verified.actor, verified.validUntilMs);
    return verified.actor;
  };
}

async function verifyClaims(
  secret: string,
  token: string,
  maxAgeSeconds: number,
): Promise<{ actor: Actor; validUntilMs: number } | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: maxAgeSeconds,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const role = payload.role;
    if (typeof payload.sub !== 'string' || payload.sub === '' || !ROLES.includes(role as Role)) return null;
    // jose has checked both are numbers. Without the clock tolerance: past this instant the token
    // is verified again rather than refused, so jose keeps the last word.
    const validUntilMs = Math.min(payload.exp as number, (payload.iat as number) + maxAgeSeconds) * 1000;
    return { actor: { subject: payload.sub, role: role as Role }, validUntilMs };
  } catch {
    return null;
  }
}
