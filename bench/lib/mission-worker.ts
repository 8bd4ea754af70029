/**
 * Child process: the project's mission worker (worker/create-worker.ts), e-mails to a local outbox. Answers `{ type: 'rss' }` with
 * its own process.memoryUsage(), so the benchmark measures the worker and nothing else.
 *
 * Env: TEMPORAL_ADDRESS, DATABASE_URL, TASK_QUEUE, OUTBOX_DIR; or RESEND_BASE_URL and
 * RESEND_API_KEY to send through a Resend-compatible server instead (the fault drill's contract
 * server, which counts what an inbox would receive).
 * Its workflow bundle and cache come as worker/main.ts takes them (config/environment.ts
 * workerSettings: TEMPORAL_MAX_CACHED_WORKFLOWS, WORKFLOW_BUNDLE_PATH, MISSIONS_CACHE_DIR), so
 * the benchmark measures the worker operators run.
 */
import os from 'node:os';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { pdfRendering } from '../../activities/documents/pdf/rendering.ts';
import { outboxSender } from '../../activities/email/outbox-sender.ts';
import { resendSender } from '../../activities/email/resend-sender.ts';
import { workerSettings } from '../../config/environment.ts';
import { createDatabasePool } from '../../db/pool.ts';
import { createWorker } from '../../worker/create-worker.ts';
import { workflowBundleFile } from '../../worker/workflow-bundle.ts';
import { exitWithParent, requiredEnv } from './harness.ts';

Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });

const tuning = workerSettings();
// The bench exports no traces: its worker runs the bundle a worker without tracing runs.
const bundle = await workflowBundleFile(tuning.workflowBundlePath, tuning.workflowBundleCache, false);

// Every document e-mailed is converted by LibreOffice and sealed, as in production.
const pdf = pdfRendering({
  sofficePath: process.env.SOFFICE_PATH ?? 'soffice',
  conversionTimeoutMs: 120_000,
  seal: { developmentDir: path.join(os.tmpdir(), 'missions-bench-seal') },
});
const pool = await createDatabasePool(requiredEnv('DATABASE_URL'));
const connection = await NativeConnection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') });
const worker = await createWorker({
  connection,
  namespace: 'default',
  taskQueue: requiredEnv('TASK_QUEUE'),
  dependencies: {
    pool,
    email: {
      sender: process.env.RESEND_BASE_URL
        ? resendSender(requiredEnv('RESEND_API_KEY'), process.env.RESEND_BASE_URL)
        : outboxSender(requiredEnv('OUTBOX_DIR')),
      from: 'Missions <missions@example.org>',
      staffEmail: 'staff@example.org',
      billingEmail: 'billing@example.org',
    },
    publicBaseUrl: 'http://missions.bench',
    linkSecrets: ['bench-link-secret'],
    pdf,
  },
  workflowBundle: { codePath: bundle.codePath },
  maxCachedWorkflows: tuning.maxCachedWorkflows,
});
const running = worker.run();
running.catch((error: unknown) => {
  process.stderr.write(`[mission worker] stopped: ${String(error)}\n`);
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
  await pool.end();
  await pdf.converter.close();
});
process.send?.({
  type: 'ready',
  pid: process.pid,
  maxCachedWorkflows: worker.options.maxCachedWorkflows,
});
