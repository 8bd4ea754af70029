/**
 * Finding 4 of issue #14: weak or missing secrets were accepted (`AUTH_JWT_SECRET=a`, a blank
 * one, `LINK_SIGNING_SECRET=' , '`), and outside `NODE_ENV=production` the public development
 * secrets were used silently. The processes are started as operators start them.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..', '..');
const STRONG = 'kR3v9Qx2Lm7Pz8Wt4Yb6Nc1Hd5Fg0Js-Ua_';
const STRONG_LINK = 'Zq8Xw2Ev4Rt6Yu1Io3Pa5Sd7Fg9Hj0Kl-Mn_';

/** Starts the process with only these variables; it stops at its settings or at the missing DATABASE_URL. */
function start(script: 'api/server.ts' | 'worker/main.ts', env: Record<string, string>) {
  const result = spawnSync(process.execPath, [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('secrets at start', () => {
  it.each([
    [
      'a one-letter AUTH_JWT_SECRET in production',
      { NODE_ENV: 'production', AUTH_JWT_SECRET: 'a' },
      /AUTH_JWT_SECRET is too weak/,
    ],
    [
      'a blank AUTH_JWT_SECRET',
      { NODE_ENV: 'production', AUTH_JWT_SECRET: '' },
      /AUTH_JWT_SECRET is required/,
    ],
    ['no secret with NODE_ENV unset', {}, /AUTH_JWT_SECRET is required/],
    ['no secret with NODE_ENV=Production', { NODE_ENV: 'Production' }, /AUTH_JWT_SECRET is required/],
    [
      'the public development secret',
      { AUTH_JWT_SECRET: 'development-only-secret-change-me-in-production' },
      /AUTH_JWT_SECRET is the public development secret/,
    ],
    [
      'a long secret of one repeated letter',
      { AUTH_JWT_SECRET: 'a'.repeat(64) },
      /AUTH_JWT_SECRET is too weak/,
    ],
    [
      "LINK_SIGNING_SECRET=' , '",
      { AUTH_JWT_SECRET: STRONG, LINK_SIGNING_SECRET: ' , ' },
      /LINK_SIGNING_SECRET holds no secret/,
    ],
    [
      'a weak previous link secret kept for rotation',
      { AUTH_JWT_SECRET: STRONG, LINK_SIGNING_SECRET: `${STRONG_LINK},old` },
      /LINK_SIGNING_SECRET is too weak/,
    ],
  ])('the API refuses to start with %s, saying why', (_case, env, message) => {
    const { status, stderr } = start('api/server.ts', { ...env, LINK_SIGNING_SECRET: STRONG_LINK, ...env });
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^api cannot start: /m);
  });

  it("the worker refuses LINK_SIGNING_SECRET=' , ' too, before connecting anywhere", () => {
    const { status, stderr } = start('worker/main.ts', { LINK_SIGNING_SECRET: ' , ' });
    expect(status).toBe(2);
    expect(stderr).toMatch(/^worker cannot start: LINK_SIGNING_SECRET holds no secret/m);
  });

  it('accepts long random secrets (and stops only for the missing database)', () => {
    const { status, stderr } = start('api/server.ts', {
      AUTH_JWT_SECRET: STRONG,
      LINK_SIGNING_SECRET: STRONG_LINK,
      SEAL_P12_PATH: '/run/seal/seal.p12',
      SEAL_P12_PASSPHRASE: 'passphrase',
    });
    expect(status).toBe(2);
    expect(stderr).toContain('DATABASE_URL is required');
    expect(stderr).not.toContain('development');
  });

  it('uses the development secrets only in the explicit development mode, and says so loudly', () => {
    const { status, stderr } = start('api/server.ts', { MISSIONS_MODE: 'development' });
    expect(stderr).toMatch(
      /!!! api: MISSIONS_MODE=development: secrets default to the PUBLIC development ones/,
    );
    expect([status, stderr]).toEqual([2, expect.stringContaining('DATABASE_URL is required')]);
  });

  it('refuses a mode it does not know', () => {
    const { status, stderr } = start('api/server.ts', { MISSIONS_MODE: 'dev' });
    expect(status).toBe(2);
    expect(stderr).toMatch(/MISSIONS_MODE must be "development" or "production"/);
  });
});
