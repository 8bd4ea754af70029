import { fileURLToPath } from 'node:url';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { type ActivityDependencies, createActivities } from '../activities/index.ts';
import type { Tracing } from '../tracing/setup.ts';
import { activityTracing, TRACING_WORKFLOW_MODULE, workflowSpanSinks } from '../tracing/temporal.ts';
import { callerProofCodec } from './caller-proof-codec.ts';
import { stuckActivityRecorder } from './stuck-activities.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
const VERIFIED_CALLER_MODULE = fileURLToPath(new URL('../workflows/verified-caller.ts', import.meta.url));

/**
 * Bundled with the workflows. Every bundle checks who sent a command; only a bundle for a worker
 * that traces carries the tracing interceptors, which cost a fifth of the worker's CPU per command
 * even when their spans were dropped (bench/README.md). Histories replay with either: Temporal
 * does not compare the trace headers they add.
 */
function workflowInterceptorModules(traced: boolean): string[] {
  return traced ? [TRACING_WORKFLOW_MODULE, VERIFIED_CALLER_MODULE] : [VERIFIED_CALLER_MODULE];
}

/**
 * How every bundle is built, the process's (worker/workflow-bundle.ts) and the tests'. The
 * workflow modules are preloaded: evaluated once when the worker creates its V8 context and
 * shared by every workflow it runs, instead of evaluated again for each one, which made every
 * cached workflow carry its own copy of every function and table of the bundle (bench/README.md,
 * "preloaded modules"). Safe because their module scope holds no state: what a workflow keeps
 * lives in the objects its function creates (test/unit/workflows/preloaded-modules.test.ts).
 */
export function workflowBundleOptions(traced: boolean) {
  return {
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: workflowInterceptorModules(traced),
    preloadModules: [WORKFLOWS_PATH],
  };
}

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dependencies: ActivityDependencies;
  /**
   * Built with workflowBundleOptions(tracing given) (the SDK ignores interceptor modules given
   * with a bundle): the process's from worker/workflow-bundle.ts, the tests' once per file.
   */
  workflowBundle: NonNullable<WorkerOptions['workflowBundle']>;
  maxCachedWorkflows?: number;
  /** Where activity and workflow spans go; without it the workflows' spans are dropped. */
  tracing?: Tracing;
}

export function createWorker(setup: WorkerSetup): Promise<Worker> {
  return Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    workflowBundle: setup.workflowBundle,
    activities: createActivities(setup.dependencies),
    interceptors: {
      activity: [...activityTracing(setup.tracing), stuckActivityRecorder(setup.dependencies.pool)],
    },
    sinks: workflowSpanSinks(setup.tracing),
    // Commands are believed only when the API signed them (docs/decisions/0001-who-acts.md).
    dataConverter: { payloadCodecs: [callerProofCodec(setup.dependencies.linkSecrets)] },
    // In-flight activities get this long to finish on SIGTERM; the rest are retried elsewhere.
    shutdownGraceTime: '30 seconds',
    // The SDK sizes its cache from the host's memory; a container should size it explicitly above
    // the number of busy workflows (bench/README.md: too small a cache made timers minutes late).
    ...(setup.maxCachedWorkflows ? { maxCachedWorkflows: setup.maxCachedWorkflows } : {}),
  });
}
