/**
 * Builds the workflow bundle the worker loads (worker/workflow-bundle.ts), with the manifest of
 * its sources that tells a fresh bundle from a stale one:
 * `node scripts/build-workflow-bundle.ts <file> [--traced]`; `--traced` adds the tracing
 * interceptors, for a worker that exports traces (its file is then the one `bundleFor` names).
 */
import { writeWorkflowBundle } from '../worker/workflow-bundle.ts';

const noop = () => {};
const traced = process.argv.includes('--traced');
const target = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'dist/workflow-bundle.js';
const size = await writeWorkflowBundle(target, traced, {
  trace: noop,
  debug: noop,
  info: noop,
  warn: (message) => process.stderr.write(`${message}\n`),
  error: (message) => process.stderr.write(`${message}\n`),
  log: noop,
});
process.stdout.write(
  `workflow bundle${traced ? ' with tracing' : ''} written to ${target} (${(size / 1024).toFixed(0)} KiB)\n`,
);
