/**
 * Builds the workflow bundle the worker loads (worker/workflow-bundle.ts), with the manifest of
 * its sources that tells a fresh bundle from a stale one: `node scripts/build-workflow-bundle.ts <file>`.
 */
import { writeWorkflowBundle } from '../worker/workflow-bundle.ts';

const noop = () => {};
const target = process.argv[2] ?? 'dist/workflow-bundle.js';
const size = await writeWorkflowBundle(target, {
  trace: noop,
  debug: noop,
  info: noop,
  warn: (message) => process.stderr.write(`${message}\n`),
  error: (message) => process.stderr.write(`${message}\n`),
  log: noop,
});
process.stdout.write(`workflow bundle written to ${target} (${(size / 1024).toFixed(0)} KiB)\n`);
