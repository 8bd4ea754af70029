import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, documentSettings } from '../../../config/environment.ts';

describe('the seal and the converter (documentSettings)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('requires the seal outside development, naming the settings to set', () => {
    vi.stubEnv('MISSIONS_MODE', 'production');
    vi.stubEnv('SEAL_P12_PATH', '');
    expect(() => documentSettings()).toThrow(ConfigurationError);
    expect(() => documentSettings()).toThrow(/SEAL_P12_PATH is required.*SEAL_P12_PASSPHRASE/);
    vi.stubEnv('SEAL_P12_PATH', '/run/seal/seal.p12');
    expect(() => documentSettings()).toThrow(/SEAL_P12_PASSPHRASE is required with SEAL_P12_PATH/);
    vi.stubEnv('SEAL_P12_PASSPHRASE', 'secret');
    expect(documentSettings().seal).toEqual({ p12Path: '/run/seal/seal.p12', passphrase: 'secret' });
  });

  it('makes a development seal in the data directory in development, LibreOffice converting by default', () => {
    vi.stubEnv('MISSIONS_MODE', 'development');
    vi.stubEnv('SEAL_P12_PATH', '');
    vi.stubEnv('MISSIONS_DATA_DIR', '/tmp/dev-data');
    vi.stubEnv('GOTENBERG_URL', '');
    vi.stubEnv('SOFFICE_PATH', '');
    expect(documentSettings()).toEqual({
      sofficePath: 'soffice',
      conversionTimeoutMs: 60_000,
      seal: { developmentDir: path.join('/tmp/dev-data', 'seal') },
    });
  });

  it('converts through Gotenberg when GOTENBERG_URL is an http(s) URL, and refuses anything else', () => {
    vi.stubEnv('MISSIONS_MODE', 'development');
    vi.stubEnv('GOTENBERG_URL', 'http://gotenberg:3000');
    expect(documentSettings().gotenbergUrl).toBe('http://gotenberg:3000');
    vi.stubEnv('GOTENBERG_URL', 'gotenberg:3000');
    expect(() => documentSettings()).toThrow(/GOTENBERG_URL must be an http\(s\) URL/);
  });
});
