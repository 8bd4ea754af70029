import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.ts';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { TEST_JWT_SECRET } from './api-harness.ts';
import { testDirectReads } from './database.ts';
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
  /** One request through the app: JSON answers parsed, anything else (documents) as bytes. */
  call<T>(
    token: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: object,
  ): Promise<{ status: number; body: T }>;
  /** Sets the API's clock (deps.now) to the server's skipped time; `call` does it before each request. */
  syncClock(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real API (called with Fastify inject) over a time-skipping server, a real worker and
 * Postgres; `overrides` adds what a test needs of the API beyond that (a PDF renderer).
 */
export async function startTimeSkippingApi(
  overrides: Partial<ApiDependencies> = {},
): Promise<TimeSkippingApi> {
  const env = await startTimeSkipping();
  const harness = await startTestWorker(env.nativeConnection, env.namespace);
  // What the API decides by time (the half-day open for signing) follows the skipped time.
  let skippedMs = 0;
  const syncClock = async () => {
    skippedMs = (await env.currentTimeMs()) - Date.now();
  };
  const reads = testDirectReads();
  const app = await buildApp({
    pool: harness.pool,
    reads,
    temporal: { client: env.client, taskQueue: harness.taskQueue },
    jwtSecret: TEST_JWT_SECRET,
    linkSecrets: TEST_LINK_SECRETS,
    publicBaseUrl: TEST_PUBLIC_BASE_URL,
    now: () => new Date(Date.now() + skippedMs),
    ...overrides,
  });
  return {
    env,
    harness,
    app,
    async call<T>(
      token: string | null,
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      url: string,
      body?: object,
    ) {
      await syncClock();
      const response = await app.inject({
        method,
        url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          // Creating a mission needs a key; each test call is a new creation.
          ...(url === '/missions' && method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { payload: body } : {}),
      });
      const json = response.headers['content-type']?.includes('json');
      return { status: response.statusCode, body: (json ? response.json() : response.rawPayload) as T };
    },
    syncClock,
    async stop() {
      await app.close();
      await reads.end();
      await harness.stop();
      await env.teardown();
    },
  };
}
