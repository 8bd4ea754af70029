import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.ts';
import { TEST_JWT_SECRET } from './api-harness.ts';
import { startTimeSkipping } from './time-skipping.ts';
import {
  type RunningWorker,
  startTestWorker,
  TEST_LINK_SECRETS,
  TEST_PUBLIC_BASE_URL,
} from './worker-harness.ts';

export interface TimeSkippingApi {
  env: TestWorkflowEnvironment;
  harness: RunningWorker;
  app: FastifyInstance;
  stop(): Promise<void>;
}

/** The real API (called with Fastify inject) over a time-skipping server, a real worker and Postgres. */
export async function startTimeSkippingApi(): Promise<TimeSkippingApi> {
  const env = await startTimeSkipping();
  const harness = await startTestWorker(env.nativeConnection, env.namespace);
  const app = await buildApp({
    pool: harness.pool,
    temporal: { client: env.client, taskQueue: harness.taskQueue },
    jwtSecret: TEST_JWT_SECRET,
    linkSecrets: TEST_LINK_SECRETS,
    publicBaseUrl: TEST_PUBLIC_BASE_URL,
  });
  return {
    env,
    harness,
    app,
    async stop() {
      await app.close();
      await harness.stop();
      await env.teardown();
    },
  };
}
