/**
 * The workflow bundle the worker loads: built by webpack once, then loaded from a file, because
 * bundling inside the worker left ~170 MB of webpack in its memory for good (bench/README.md).
 * A bundle is written with a manifest of every source file webpack put in it (its inline source
 * map) and their SHA-256; a bundle whose sources changed since is stale and never loaded.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleWorkflowCode, type Logger } from '@temporalio/worker';
import { workflowBundleOptions } from './create-worker.ts';

const BUILD_SCRIPT = path.resolve(import.meta.dirname, '../scripts/build-workflow-bundle.ts');
// Dependencies' maps name sources they do not ship: their versions stand in for them, and the
// bundler's own shapes the bundle as much as the sources do (the image has no lock file); so do
// the bundling options, in these two files.
const DEPENDENCY_FILES = [
  path.resolve(import.meta.dirname, '../package-lock.json'),
  path.resolve(import.meta.dirname, '../node_modules/@temporalio/worker/package.json'),
  path.resolve(import.meta.dirname, 'create-worker.ts'),
  path.resolve(import.meta.dirname, 'workflow-bundle.ts'),
];

type Manifest = Record<string, string>;

const manifestPath = (bundle: string) => `${bundle}.sources.json`;

async function sha256(file: string): Promise<string | undefined> {
  const content = await readFile(file).catch(() => undefined);
  return content && createHash('sha256').update(content).digest('hex');
}

/** Every file webpack read, from the inline source map (its paths are absolute). */
function sourcesOf(code: string): string[] {
  const marker = '//# sourceMappingURL=data:application/json;charset=utf-8;base64,';
  const at = code.lastIndexOf(marker);
  if (at < 0) throw new Error('the workflow bundle has no inline source map to list its sources');
  const map = JSON.parse(Buffer.from(code.slice(at + marker.length).trim(), 'base64').toString('utf8')) as {
    sources: string[];
  };
  return [...new Set(map.sources.filter((source) => path.isAbsolute(source)))];
}

async function manifestOf(files: string[]): Promise<Manifest> {
  const entries = await Promise.all(
    files.map(async (file) => [file, (await sha256(file)) ?? 'missing'] as const),
  );
  return Object.fromEntries(entries);
}

/** The files that exist, with their hashes: a file named but absent says nothing either way. */
async function buildManifest(files: string[]): Promise<Manifest> {
  const manifest = await manifestOf(files);
  return Object.fromEntries(Object.entries(manifest).filter(([, hash]) => hash !== 'missing'));
}

/**
 * Where the bundle with the tracing interceptors lives beside the plain one (`x.js` →
 * `x.traced.js`): a worker that traces loads that one, from the image or its cache.
 */
export function bundleFor(file: string, traced: boolean): string {
  return traced ? file.replace(/(\.js)?$/, '.traced.js') : file;
}

/** Bundles the workflows from the sources into `target` (atomically) with its manifest. */
export async function writeWorkflowBundle(target: string, traced: boolean, logger?: Logger): Promise<number> {
  const { code } = await bundleWorkflowCode({
    ...workflowBundleOptions(traced),
    ...(logger ? { logger } : {}),
  });
  const manifest = await buildManifest([...sourcesOf(code), ...DEPENDENCY_FILES]);
  await mkdir(path.dirname(target), { recursive: true });
  // Two workers starting together may both build: each renames a complete file over the other's.
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, code);
  await writeFile(`${temporary}.sources.json`, JSON.stringify(manifest));
  await rename(`${temporary}.sources.json`, manifestPath(target));
  await rename(temporary, target);
  return code.length;
}

/** True when `bundle` exists and every source it was built from is unchanged. */
export async function isFresh(bundle: string): Promise<boolean> {
  const manifest = await readFile(manifestPath(bundle), 'utf8')
    .then((text) => JSON.parse(text) as Manifest)
    .catch(() => undefined);
  if (!manifest || (await sha256(bundle)) === undefined) return false;
  const now = await manifestOf(Object.keys(manifest));
  return Object.entries(manifest).every(([file, hash]) => now[file] === hash);
}

/**
 * The bundle to load, with or without the tracing interceptors: `prebuilt` (WORKFLOW_BUNDLE_PATH)
 * or the one last built into `cached` when fresh; otherwise one built now from the sources into
 * `cached`, by a child process so webpack's memory leaves with it.
 */
export async function workflowBundleFile(
  prebuilt: string | undefined,
  cached: string,
  traced: boolean,
): Promise<{ codePath: string; built: boolean }> {
  const target = bundleFor(cached, traced);
  for (const candidate of prebuilt ? [bundleFor(prebuilt, traced), target] : [target]) {
    if (await isFresh(candidate)) return { codePath: candidate, built: false };
  }
  await promisify(execFile)(process.execPath, [BUILD_SCRIPT, target, ...(traced ? ['--traced'] : [])], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return { codePath: target, built: true };
}
