import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowBundleOptions } from '../../worker/create-worker.ts';

const bundles = new Map<boolean, Promise<WorkflowBundleWithSourceMap>>();

/**
 * Bundled once per test file (each file runs in its own process) and reused by every worker;
 * `traced` for a worker given a tracing setup, as worker/main.ts chooses.
 */
export function workflowBundle(traced = false): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(traced);
  if (!bundle) {
    bundle = bundleWorkflowCode({ ...workflowBundleOptions(traced), logger: quietLogger });
    bundles.set(traced, bundle);
  }
  return bundle;
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
