/**
 * Child process: a second Worker for the trivial baseline workflows (bench/baseline/workflows.ts),
 * bundled separately, on its own task queue, with no activities.
 *
 * Env: TEMPORAL_ADDRESS, TASK_QUEUE; EXPERIMENTS=1 runs bench/baseline/experiments.ts instead,
 * with its one activity (a `select 1` on DATABASE_URL, standing for a read-model write).
 */

import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import pg from 'pg';
import { exitWithParent, requiredEnv } from './harness.ts';

Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });

const connection = await NativeConnection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') });
const experiments = process.env.EXPERIMENTS === '1';
const pool = experiments
  ? new pg.Pool({ connectionString: requiredEnv('DATABASE_URL'), max: 10 })
  : undefined;
const worker = await Worker.create({
  connection,
  namespace: 'default',
  taskQueue: requiredEnv('TASK_QUEUE'),
  workflowsPath: fileURLToPath(
    new URL(experiments ? '../baseline/experiments.ts' : '../baseline/workflows.ts', import.meta.url),
  ),
  ...(pool
    ? {
        activities: {
          async project(): Promise<void> {
            await pool.query('select 1');
          },
        },
      }
    : {}),
});
const running = worker.run();
running.catch((error: unknown) => {
  process.stderr.write(`[baseline worker] stopped: ${String(error)}\n`);
  process.exit(1);
});

process.on('message', (message: { type?: string }) => {
  if (message?.type === 'rss')
    process.send?.({ type: 'rss', ...process.memoryUsage(), heapLimit: getHeapStatistics().heap_size_limit });
});
exitWithParent(async () => {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running;
  await connection.close();
  await pool?.end();
});
process.send?.({ type: 'ready', pid: process.pid });
