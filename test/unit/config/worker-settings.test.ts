import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigurationError,
  DEFAULT_MAX_CACHED_WORKFLOWS,
  workerSettings,
} from '../../../config/environment.ts';

describe("the worker's cache and bundle (workerSettings)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('caches a fixed number of workflows by default, not what the SDK derives from the host memory', () => {
    vi.stubEnv('TEMPORAL_MAX_CACHED_WORKFLOWS', '');
    vi.stubEnv('WORKFLOW_BUNDLE_PATH', '');
    vi.stubEnv('MISSIONS_CACHE_DIR', '/tmp/missions-cache');
    const settings = workerSettings();
    expect(settings.maxCachedWorkflows).toBe(DEFAULT_MAX_CACHED_WORKFLOWS);
    expect(settings.workflowBundlePath).toBeUndefined();
    // One folder per checkout: a clone elsewhere never loads this one's bundle as fresh.
    expect(path.dirname(path.dirname(settings.workflowBundleCache))).toBe(
      path.join('/tmp/missions-cache', 'workflow-bundle'),
    );
    expect(path.basename(settings.workflowBundleCache)).toBe('workflow-bundle.js');
  });

  it('keeps each checkout’s bundle apart (the key comes from where the sources are)', () => {
    vi.stubEnv('MISSIONS_CACHE_DIR', '/tmp/missions-cache');
    const key = path.basename(path.dirname(workerSettings().workflowBundleCache));
    const root = path.resolve(import.meta.dirname, '../../..');
    expect(key).toBe(createHash('sha256').update(root).digest('hex').slice(0, 12));
  });

  it('takes the cache size and the prebuilt bundle from the environment', () => {
    vi.stubEnv('TEMPORAL_MAX_CACHED_WORKFLOWS', '1200');
    vi.stubEnv('WORKFLOW_BUNDLE_PATH', '/app/dist/workflow-bundle.js');
    expect(workerSettings()).toMatchObject({
      maxCachedWorkflows: 1200,
      workflowBundlePath: '/app/dist/workflow-bundle.js',
    });
  });

  it.each(['many', '-5', '12.5'])('refuses a cache size that is not a whole number: %s', (value) => {
    vi.stubEnv('TEMPORAL_MAX_CACHED_WORKFLOWS', value);
    expect(() => workerSettings()).toThrow(ConfigurationError);
    expect(() => workerSettings()).toThrow(
      `TEMPORAL_MAX_CACHED_WORKFLOWS must be a non-negative integer, got "${value}"`,
    );
  });

  it('refuses a cache smaller than the workflow tasks a worker runs at once', () => {
    vi.stubEnv('TEMPORAL_MAX_CACHED_WORKFLOWS', '0');
    expect(() => workerSettings()).toThrow(/TEMPORAL_MAX_CACHED_WORKFLOWS must be at least 40 .*got "0"/);
    vi.stubEnv('TEMPORAL_MAX_CACHED_WORKFLOWS', '40');
    expect(workerSettings().maxCachedWorkflows).toBe(40);
  });
});

describe('the worker process with a cache size it cannot use', () => {
  it('refuses to start, exit 2, naming the variable, before connecting anywhere', () => {
    const { status, stderr } = spawnSync(process.execPath, ['worker/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        MISSIONS_MODE: 'development',
        TEMPORAL_MAX_CACHED_WORKFLOWS: '10',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(stderr).toMatch(/^worker cannot start: TEMPORAL_MAX_CACHED_WORKFLOWS must be at least 40/m);
    expect(status).toBe(2);
  });
});
