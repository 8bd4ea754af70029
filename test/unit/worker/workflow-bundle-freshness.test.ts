import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFresh, workflowBundleFile } from '../../../worker/workflow-bundle.ts';

let dir: string;
let source: string;
let bundle: string;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bundle-freshness-'));
  source = path.join(dir, 'workflow.ts');
  bundle = path.join(dir, 'workflow-bundle.js');
  await writeFile(source, 'export const version = 1;');
  await writeFile(bundle, 'bundled code');
  await writeFile(
    `${bundle}.sources.json`,
    JSON.stringify({ [source]: sha256('export const version = 1;') }),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a prebuilt workflow bundle (isFresh)', () => {
  it('is loaded while every source it was built from is unchanged', async () => {
    expect(await isFresh(bundle)).toBe(true);
  });

  it('is stale once a source changed, even by one character, whatever the file times say', async () => {
    await writeFile(source, 'export const version = 2;');
    expect(await isFresh(bundle)).toBe(false);
  });

  it('is stale once a source is gone (the checkout moved or the file was deleted)', async () => {
    await unlink(source);
    expect(await isFresh(bundle)).toBe(false);
  });

  it('is not trusted without its manifest (a bundle from an older build script), nor when missing', async () => {
    await unlink(`${bundle}.sources.json`);
    expect(await isFresh(bundle)).toBe(false);
    expect(await isFresh(path.join(dir, 'none.js'))).toBe(false);
  });
});

describe('the bundle the worker loads (workflowBundleFile)', () => {
  it('builds one from the sources when the prebuilt one is stale, then reuses it while it stays fresh', async () => {
    await writeFile(source, 'export const version = 2;');
    const cached = path.join(dir, 'cache', 'workflow-bundle.js');

    const first = await workflowBundleFile(bundle, cached, false);
    expect(first).toEqual({ codePath: cached, built: true });
    expect(await isFresh(cached)).toBe(true);
    const manifest = JSON.parse(await readFile(`${cached}.sources.json`, 'utf8')) as Record<string, string>;
    expect(Object.keys(manifest)).toContain(path.resolve(import.meta.dirname, '../../../workflows/index.ts'));
    expect(await readFile(cached, 'utf8')).toContain('missionWorkflow');

    expect(await workflowBundleFile(bundle, cached, false)).toEqual({ codePath: cached, built: false });
    expect(await workflowBundleFile(undefined, cached, false)).toEqual({ codePath: cached, built: false });
  }, 120_000);

  it('gives a worker that traces its own bundle with the tracing interceptors, never the plain one', async () => {
    // The prebuilt plain bundle is fresh, but a tracing worker needs the other.
    const cached = path.join(dir, 'cache', 'workflow-bundle.js');
    const traced = await workflowBundleFile(bundle, cached, true);
    expect(traced).toEqual({ codePath: path.join(dir, 'cache', 'workflow-bundle.traced.js'), built: true });
    expect((await readFile(traced.codePath, 'utf8')).includes('OpenTelemetryInboundInterceptor')).toBe(true);
    expect(await workflowBundleFile(bundle, cached, true)).toEqual({ ...traced, built: false });

    const plain = await workflowBundleFile(undefined, cached, false);
    expect(plain).toEqual({ codePath: cached, built: true });
    expect((await readFile(cached, 'utf8')).includes('OpenTelemetryInboundInterceptor')).toBe(false);
  }, 240_000);
});
