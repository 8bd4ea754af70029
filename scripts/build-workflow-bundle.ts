/** Prebuilds the workflow bundle for WORKFLOW_BUNDLE_PATH: `node scripts/build-workflow-bundle.ts <file>`. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_INTERCEPTOR_MODULES, WORKFLOWS_PATH } from '../worker/create-worker.ts';

const target = process.argv[2] ?? 'dist/workflow-bundle.js';
const { code } = await bundleWorkflowCode({
  workflowsPath: WORKFLOWS_PATH,
  workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
});
await mkdir(path.dirname(path.resolve(target)), { recursive: true });
await writeFile(target, code);
process.stdout.write(`workflow bundle written to ${target} (${(code.length / 1024).toFixed(0)} KiB)\n`);
