import { existsSync } from 'node:fs';

/**
 * Deployment knobs of the worker process, from the environment:
 * - WORKFLOW_BUNDLE_PATH: a bundle prebuilt by `node scripts/build-workflow-bundle.ts` (the Docker
 *   image builds one): the worker skips webpack at start, and idles at 208–238 MB instead of
 *   387–416 MB (bench/README.md);
 * - TEMPORAL_MAX_CACHED_WORKFLOWS: workflows kept in memory, above the number of busy ones.
 */
export function workerTuning(): { workflowBundle?: { codePath: string }; maxCachedWorkflows?: number } {
  const bundle = process.env.WORKFLOW_BUNDLE_PATH;
  const cached = Number(process.env.TEMPORAL_MAX_CACHED_WORKFLOWS);
  if (bundle && !existsSync(bundle)) throw new Error(`WORKFLOW_BUNDLE_PATH=${bundle} does not exist`);
  return {
    ...(bundle ? { workflowBundle: { codePath: bundle } } : {}),
    ...(Number.isInteger(cached) && cached > 0 ? { maxCachedWorkflows: cached } : {}),
  };
}
