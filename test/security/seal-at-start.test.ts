/**
 * The worker seals every PDF sent to a person, and the API what an audit bundle holds that no one
 * was sent: outside development they refuse to start without the organisation's seal, or with
 * one they cannot read, rather than failing at the first certificate. Started as operators start it; it stops before connecting anywhere.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { developmentSealCertificate } from '../../activities/documents/pdf/seal-certificate.ts';
import { TEST_SEAL_DIR } from '../support/pdf.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const STRONG_LINK = 'Zq8Xw2Ev4Rt6Yu1Io3Pa5Sd7Fg9Hj0Kl-Mn_';

function startWorker(env: Record<string, string>, entry = 'worker/main.ts') {
  const result = spawnSync(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LINK_SIGNING_SECRET: STRONG_LINK,
      ...env,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('the seal at the worker start', () => {
  it('refuses to start without SEAL_P12_PATH in production, saying what to set', () => {
    const { status, stderr } = startWorker({});
    expect(status).toBe(2);
    expect(stderr).toMatch(/^worker cannot start: SEAL_P12_PATH is required/m);
  });

  it('refuses to start the API without it too: the audit bundle seals what no one was sent yet', () => {
    const { status, stderr } = startWorker({ AUTH_JWT_SECRET: STRONG_LINK }, 'api/server.ts');
    expect(status).toBe(2);
    expect(stderr).toMatch(/^api cannot start: SEAL_P12_PATH is required/m);
  });

  it('refuses a seal file it cannot open with the passphrase given', async () => {
    const seal = await developmentSealCertificate(TEST_SEAL_DIR);
    const { status, stderr } = startWorker({
      SEAL_P12_PATH: seal.file,
      SEAL_P12_PASSPHRASE: 'not-the-passphrase',
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(/^worker cannot start: cannot read the seal certificate/m);
  });

  it('refuses to start when LibreOffice cannot run and no Gotenberg is set', async () => {
    const seal = await developmentSealCertificate(TEST_SEAL_DIR);
    const { status, stderr } = startWorker({
      SEAL_P12_PATH: seal.file,
      SEAL_P12_PASSPHRASE: seal.passphrase,
      SOFFICE_PATH: '/nonexistent/soffice',
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(/^worker cannot start: cannot run the PDF converter: .*ENOENT/m);
  });

  it('reads a good seal and goes on to its next setting', async () => {
    const seal = await developmentSealCertificate(TEST_SEAL_DIR);
    const { status, stderr } = startWorker({
      SEAL_P12_PATH: seal.file,
      SEAL_P12_PASSPHRASE: seal.passphrase,
    });
    expect(status).toBe(2);
    expect(stderr).toContain('DATABASE_URL is required');
  });
});
