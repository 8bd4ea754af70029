/**
 * Child process: the project's mission worker (worker/create-worker.ts, workflows bundled at
 * start like worker/main.ts does), e-mails to a local outbox. Answers `{ type: 'rss' }` with
 * its own process.memoryUsage(), so the benchmark measures the worker and nothing else.
 *
 * Env: TEMPORAL_ADDRESS, DATABASE_URL, TASK_QUEUE, OUTBOX_DIR; or RESEND_BASE_URL and
 * RESEND_API_KEY to send through a Resend-compatible server instead (the fault drill's contract
 * server, which counts what an inbox would receive).
 * Experiments only (tunings to evaluate before proposing them; unset, the worker is exactly
 * createWorker's): WORKFLOW_BUNDLE_PATH, a bundle prebuilt by the parent (createWorker's own
 * `workflowBundle` option), and MAX_CACHED_WORKFLOWS, added to the options createWorker passes.
 */
import os from 'node:os';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { pdfRendering } from '../../activities/documents/pdf/rendering.ts';
import { outboxSender } from '../../activities/email/outbox-sender.ts';
import { resendSender } from '../../activities/email/resend-sender.ts';
import { createDatabasePool } from '../../db/pool.ts';
import { createWorker } from '../../worker/create-worker.ts';
import { exitWithParent, requiredEnv } from './harness.ts';

Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });

const maxCached = process.env.MAX_CACHED_WORKFLOWS;
if (maxCached) {
  const create = Worker.create.bind(Worker);
  Worker.create = (options) => create({ ...options, maxCachedWorkflows: Number(maxCached) });
}
const bundlePath = process.env.WORKFLOW_BUNDLE_PATH;

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
  ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : {}),
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
