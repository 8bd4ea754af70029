/**
 * The child processes the benchmarks start against their own Postgres and Temporal dev server:
 * the mission worker and the API as the product runs them, and the second Worker of the
 * baselines. Each is a process of its own, so its CPU and RSS are its own.
 */
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { BENCH_JWT_SECRET, type BenchDatabase, type ChildService, startChild } from './harness.ts';

const here = import.meta.dirname;

/** Node flags from a space-separated variable, e.g. BENCH_WORKER_NODE_OPTIONS="--cpu-prof". */
export const nodeOptionsFrom = (variable: string): string[] =>
  (process.env[variable] ?? '').split(' ').filter(Boolean);

export function startMissionWorker(
  db: BenchDatabase,
  temporal: TestWorkflowEnvironment,
  taskQueue: string,
  options: { name?: string; env?: Record<string, string>; nodeOptions?: string[] } = {},
): Promise<ChildService> {
  return startChild(
    options.name ?? 'mission worker',
    path.join(here, 'mission-worker.ts'),
    {
      TEMPORAL_ADDRESS: temporal.address,
      DATABASE_URL: db.url,
      TASK_QUEUE: taskQueue,
      OUTBOX_DIR: path.join(db.scratch, 'outbox'),
      ...options.env,
    },
    options.nodeOptions ?? [],
  );
}

export function startApi(
  db: BenchDatabase,
  temporal: TestWorkflowEnvironment | null,
  taskQueue: string,
  options: { env?: Record<string, string>; nodeOptions?: string[] } = {},
): Promise<ChildService> {
  return startChild(
    'api',
    path.join(here, 'api-process.ts'),
    {
      ...(temporal ? { TEMPORAL_ADDRESS: temporal.address } : {}),
      DATABASE_URL: db.url,
      TASK_QUEUE: taskQueue,
      JWT_SECRET: BENCH_JWT_SECRET,
      ...options.env,
    },
    options.nodeOptions ?? [],
  );
}

/** The trivial baseline workflows' Worker; `EXPERIMENTS: '1'` in env runs the experiments'. */
export function startBaselineWorker(
  temporal: TestWorkflowEnvironment,
  taskQueue: string,
  options: { name?: string; env?: Record<string, string> } = {},
): Promise<ChildService> {
  return startChild(options.name ?? 'baseline worker', path.join(here, 'baseline-worker.ts'), {
    TEMPORAL_ADDRESS: temporal.address,
    TASK_QUEUE: taskQueue,
    ...options.env,
  });
}
