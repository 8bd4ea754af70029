import { describe, expect, it } from 'vitest';
import { signLink, verifyLink } from '../../../links/link-tokens.ts';

const claims = {
  purpose: 'invitation' as const,
  subjectId: '3b7c1f9e-2d4a-4c1b-9a57-0f3f2f6b8c11',
  sessionId: '9d0e6a2b-7c1f-4e3a-8b2d-5a6c7d8e9f01',
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
};

describe('e-mail link tokens', () => {
  it('verifies a link it signed, with a fresh token id each time', async () => {
    const [first, second] = [await signLink(['current'], claims), await signLink(['current'], claims)];
    const [a, b] = [
      await verifyLink(['current'], first, 'invitation'),
      await verifyLink(['current'], second, 'invitation'),
    ];
    expect(a.ok && a.claims.subjectId).toBe(claims.subjectId);
    expect(a.ok && b.ok && a.claims.tokenId !== b.claims.tokenId).toBe(true);
  });

  it('keeps links signed with the previous secret valid after a rotation', async () => {
    const token = await signLink(['previous'], claims);
    expect((await verifyLink(['current', 'previous'], token, 'invitation')).ok).toBe(true);
    expect(await verifyLink(['current'], token, 'invitation')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an expired link as expired and a forged or misused one as invalid', async () => {
    const expired = await signLink(['current'], {
      ...claims,
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(await verifyLink(['current'], expired, 'invitation')).toEqual({ ok: false, reason: 'expired' });
    const token = await signLink(['current'], claims);
    expect(await verifyLink(['current'], `${token.slice(0, -2)}xx`, 'invitation')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await verifyLink(['current'], token, 'managerApproval')).toEqual({ ok: false, reason: 'invalid' });
  });
});
