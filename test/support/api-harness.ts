import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { type AppOptions, buildApp } from '../../api/app.ts';
import { mintToken } from '../../api/auth/tokens.ts';
import type { ApiDependencies } from '../../api/dependencies.ts';
import type { Tracing } from '../../tracing/setup.ts';
import { clientTracing } from '../../tracing/temporal.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import { testDirectReads } from './database.ts';
import {
  type RunningWorker,
  startTestWorker,
  TEST_LINK_SECRETS,
  TEST_PUBLIC_BASE_URL,
} from './worker-harness.ts';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256';

export interface RunningApi {
  baseUrl: string;
  client: Client;
  worker: RunningWorker;
  token(actor: Actor): Promise<string>;
  stop(): Promise<void>;
}

/** The real API listening on a port, against the run's dev server, a real worker and Postgres. */
export async function startApi(
  overrides: Partial<ApiDependencies> = {},
  options: { databaseUrl?: string; tracing?: Tracing; app?: AppOptions } = {},
): Promise<RunningApi> {
  const address = inject('temporalAddress');
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await startTestWorker(nativeConnection, 'default', options.databaseUrl, {
    tracing: options.tracing,
  });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, interceptors: clientTracing(options.tracing) });
  const reads = testDirectReads(options.databaseUrl);
  const app = await buildApp(
    {
      pool: worker.pool,
      reads,
      temporal: { client, taskQueue: worker.taskQueue },
      jwtSecret: TEST_JWT_SECRET,
      linkSecrets: TEST_LINK_SECRETS,
      publicBaseUrl: TEST_PUBLIC_BASE_URL,
      ...overrides,
    },
    options.app,
  );
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl,
    client,
    worker,
    token: (actor) => mintToken(TEST_JWT_SECRET, actor),
    async stop() {
      await app.close();
      await reads.end();
      await worker.stop();
      await connection.close();
      await nativeConnection.close();
    },
  };
}
