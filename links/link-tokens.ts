/**
 * Signed, expiring tokens for e-mail links (invitation answers, manager decisions). People who
 * only ever see e-mails act with these instead of logging in. Several secrets may be configured:
 * the first signs, all verify, so a secret can be rotated without breaking live links.
 */
import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

import type { LinkPurpose } from '../workflows/messages/email.ts';

export type { LinkPurpose };

export interface LinkClaims {
  purpose: LinkPurpose;
  /** What the link acts on: an invitation id. */
  subjectId: string;
  sessionId: string;
  /** The token's own id, recorded when used: a link works once. */
  tokenId: string;
  expiresAt: string;
}

const ISSUER = 'mission-orchestration-links';
const keyOf = (secret: string) => new TextEncoder().encode(secret);

/**
 * `tokenId` defaults to a random id; e-mails pass one derived from their idempotency key so that a
 * retried send renders the very same body (Resend refuses a replayed key with another body).
 */
export async function signLink(
  secrets: string[],
  claims: Omit<LinkClaims, 'tokenId'> & { tokenId?: string },
): Promise<string> {
  const [current] = secrets;
  if (!current) throw new Error('no link signing secret configured');
  return new SignJWT({ purpose: claims.purpose, sessionId: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject(claims.subjectId)
    .setJti(claims.tokenId ?? randomUUID())
    .setExpirationTime(Math.floor(Date.parse(claims.expiresAt) / 1000))
    .sign(keyOf(current));
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * The claims of an authentic, unexpired link for `purpose`; otherwise why it is refused. `now` is
 * the caller's clock (the API's), so tests on skipped time see links expire when the workflows do.
 */
export async function verifyLink(
  secrets: string[],
  token: string,
  purpose: LinkPurpose,
  now: Date = new Date(),
): Promise<LinkCheck> {
  for (const secret of secrets) {
    try {
      const { payload } = await jwtVerify(token, keyOf(secret), {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: now,
      });
      if (payload.purpose !== purpose || typeof payload.sub !== 'string' || typeof payload.jti !== 'string')
        return { ok: false, reason: 'invalid' };
      if (typeof payload.sessionId !== 'string' || typeof payload.exp !== 'number')
        return { ok: false, reason: 'invalid' };
      return {
        ok: true,
        claims: {
          purpose,
          subjectId: payload.sub,
          sessionId: payload.sessionId,
          tokenId: payload.jti,
          expiresAt: new Date(payload.exp * 1000).toISOString(),
        },
      };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: 'expired' };
      // Only a signature mismatch means "try the next secret"; anything else is final.
      if (code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return { ok: false, reason: 'invalid' };
    }
  }
  return { ok: false, reason: 'invalid' };
}
