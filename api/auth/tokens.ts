/**
 * Bearer tokens when OIDC_ISSUER is unset (development): HS256 JWTs whose subject is the
 * person's id and whose `role` claim is one of the three roles, minted with `npm run token`.
 * An OpenID provider's tokens are verified by oidc.ts.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { type Actor, ROLES, type Role } from '../../workflows/messages/actor.ts';

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
    return { subject: payload.sub, role: role as Role };
  } catch {
    return null;
  }
}
