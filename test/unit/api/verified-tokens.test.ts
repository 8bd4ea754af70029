import { createSecretKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintToken, tokenVerifier } from '../../../api/auth/tokens.ts';
import { type VerifiedTokens, verifiedTokens } from '../../../api/auth/verified-tokens.ts';
import type { Actor } from '../../../workflows/messages/actor.ts';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const staff: Actor = { subject: 'staff-1', role: 'staff' };

describe('verified tokens', () => {
  it('keeps an accepted token until the instant it would be refused, not a millisecond more', () => {
    const accepted = verifiedTokens<Actor>();
    accepted.remember('t', staff, 10_000, 0);
    expect(accepted.get('t', 9_999)).toEqual(staff);
    expect(accepted.get('t', 10_000)).toBeUndefined();
    expect(accepted.get('t', 9_999)).toBeUndefined();
  });

  it('keeps none longer than its lifetime, even a token valid for hours', () => {
    const accepted = verifiedTokens<Actor>({ ttlMs: 1_000 });
    accepted.remember('t', staff, 3_600_000, 0);
    expect(accepted.get('t', 999)).toEqual(staff);
    expect(accepted.get('t', 1_000)).toBeUndefined();
  });

  it('does not keep a token that is already past its instant', () => {
    const accepted = verifiedTokens<Actor>();
    accepted.remember('t', staff, 5, 5);
    expect(accepted.get('t', 5)).toBeUndefined();
  });

  it('drops the oldest entry past its size', () => {
    const accepted = verifiedTokens<Actor>({ maxEntries: 2 });
    accepted.remember('a', staff, 10_000, 0);
    accepted.remember('b', staff, 10_000, 0);
    accepted.remember('c', staff, 10_000, 0);
    expect([accepted.get('a', 1), accepted.get('b', 1), accepted.get('c', 1)]).toEqual([
      undefined,
      staff,
      staff,
    ]);
  });
});

/** Records what tokenVerifier asks the cache, and hits only when told to. */
function spyCache(): VerifiedTokens<Actor> & { remembered: { token: string; validUntilMs: number }[] } {
  const remembered: { token: string; validUntilMs: number }[] = [];
  return {
    remembered,
    get: () => undefined,
    remember: (token, _actor, validUntilMs) => {
      remembered.push({ token, validUntilMs });
    },
  };
}

describe('tokenVerifier', () => {
  it('answers a token it accepted again, and never one whose signature differs', async () => {
    const verify = tokenVerifier(SECRET);
    const token = await mintToken(SECRET, staff);
    expect(await verify(token)).toEqual(staff);
    expect(await verify(token)).toEqual(staff);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(await verify(`${header}.${payload}.${flipped}`)).toBeNull();
  });

  it('remembers a token until its exp or its maximum age, whichever comes first', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (iat: number, exp: number) =>
      new SignJWT({ role: 'staff' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('staff-1')
        .setIssuer('mission-orchestration')
        .setAudience('mission-orchestration-api')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(createSecretKey(Buffer.from(SECRET, 'utf8')));
    const cache = spyCache();
    const verify = tokenVerifier(SECRET, 600, cache);
    const shortLived = await sign(now, now + 120);
    const longLived = await sign(now - 60, now + 3600);
    expect(await verify(shortLived)).toEqual(staff);
    expect(await verify(longLived)).toEqual(staff);
    expect(cache.remembered).toEqual([
      { token: shortLived, validUntilMs: (now + 120) * 1000 },
      { token: longLived, validUntilMs: (now - 60 + 600) * 1000 },
    ]);
  });

  it('remembers no refusal', async () => {
    const cache = spyCache();
    const verify = tokenVerifier(SECRET, 600, cache);
    expect(await verify(await mintToken('another-secret-of-at-least-32-characters', staff))).toBeNull();
    expect(await verify('not-a-token')).toBeNull();
    expect(cache.remembered).toEqual([]);
  });
});
