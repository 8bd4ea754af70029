import { randomUUID } from 'node:crypto';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { resendSender } from '../../activities/email/resend-sender.ts';
import type { DatabasePool } from '../../db/pool.ts';
import type { CoordinatorPageTemplates } from '../../links/coordinator-pages.ts';
import type { Tracing } from '../../tracing/setup.ts';
import { createWorker } from '../../worker/create-worker.ts';
import { testPool } from './database.ts';
import { testPdfRendering } from './pdf.ts';
import { type ResendContractServer, startResendContractServer } from './resend-server.ts';
import { workflowBundle } from './workflow-bundle.ts';

export interface RunningWorker {
  taskQueue: string;
  pool: DatabasePool;
  resend: ResendContractServer;
  worker: Worker;
  stop(): Promise<void>;
}

export const TEST_PUBLIC_BASE_URL = 'http://missions.test';
export const STAFF_EMAIL = 'staff@example.org';
export const BILLING_EMAIL = 'billing@example.org';
export const TEST_LINK_SECRETS = ['test-link-secret-current', 'test-link-secret-previous'];

/** A real worker on its own task queue, with a real database and the Resend contract server. */
export async function startTestWorker(
  connection: NativeConnection,
  namespace = 'default',
  databaseUrl?: string,
  options: { coordinatorPages?: CoordinatorPageTemplates; tracing?: Tracing } = {},
): Promise<RunningWorker> {
  const taskQueue = `test-${randomUUID()}`;
  const pool = await testPool(databaseUrl);
  const resend = await startResendContractServer();
  const pdf = testPdfRendering();
  const worker = await createWorker({
    connection,
    namespace,
    taskQueue,
    dependencies: {
      pool,
      email: {
        sender: resendSender(resend.apiKey, resend.url),
        from: 'Missions <missions@example.org>',
        staffEmail: STAFF_EMAIL,
        billingEmail: BILLING_EMAIL,
      },
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
      linkSecrets: TEST_LINK_SECRETS,
      pdf,
      ...(options.coordinatorPages ? { coordinatorPages: options.coordinatorPages } : {}),
    },
    workflowBundle: await workflowBundle(options.tracing !== undefined),
    tracing: options.tracing,
  });
  const running = worker.run();
  return {
    taskQueue,
    pool,
    resend,
    worker,
    async stop() {
      worker.shutdown();
      await running;
      await pool.end();
      await resend.close();
      await pdf.converter.close();
    },
  };
}
