/**
 * Starts the real servers the suite runs against, once per run: Postgres with a fresh database,
 * the Temporal CLI dev server (integration tests) or, with TEMPORAL_TARGET=cluster, a two-node
 * Temporal cluster on that Postgres, and provisions the time-skipping test server that each
 * workflow test file starts for itself.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../db/migrate.ts';
import { dropDatabase, ensureDatabase, startPostgres } from '../../scripts/provision/postgres.ts';
import { provisionTemporalCli, provisionTestServer } from '../../scripts/provision/temporal-binaries.ts';
import { startTemporalCluster } from '../../scripts/provision/temporal-cluster.ts';
import { provisionClusterBinaries } from '../../scripts/provision/temporal-cluster-binaries.ts';
import { clusterLayout } from '../../scripts/provision/temporal-cluster-layout.ts';
import { MISSION_SEARCH_ATTRIBUTES } from '../../workflows/messages/search-attributes.ts';
import { freePort } from './free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** A database of its own for the fuzzer, whose writes (rates, directory) would upset other tests. */
    fuzzDatabaseUrl: string;
    temporalAddress: string;
    testServerExecutable: import('@temporalio/testing').EphemeralServerExecutable;
  }
}

export default async function setup(project: TestProject) {
  const [cli, testServer] = [await provisionTemporalCli(), await provisionTestServer()];
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'missions-test-'));
  // Postgres runs as the `postgres` user when we are root: it must be able to enter the folder.
  await chmod(scratch, 0o755);
  const postgres = await startPostgres({
    dataDir: path.join(scratch, 'postgres'),
    port: await freePort(),
    disposable: true,
  });
  const database = `missions_test_${process.pid}_${Date.now()}`;
  const databaseUrl = await ensureDatabase(postgres.serverUrl, database);
  await migrate(databaseUrl);
  const fuzzDatabaseUrl = await ensureDatabase(postgres.serverUrl, `${database}_fuzz`);
  await migrate(fuzzDatabaseUrl);

  const temporal =
    process.env.TEMPORAL_TARGET === 'cluster'
      ? await startTemporalCluster(
          await provisionClusterBinaries(),
          await clusterLayout({ dir: path.join(scratch, 'temporal'), postgresUrl: postgres.serverUrl }),
        ).catch(async (error: unknown) => {
          // A failed setup returns no teardown: a Postgres left running would keep vitest alive.
          await postgres.stop();
          throw error;
        })
      : await TestWorkflowEnvironment.createLocal({
          server: {
            executable: cli.executable,
            ip: '127.0.0.1',
            searchAttributes: MISSION_SEARCH_ATTRIBUTES,
          },
        }).then((env) => ({ address: env.address, stop: () => env.teardown() }));
  process.stderr.write(
    `[test] Temporal: ${temporal.address} (${process.env.TEMPORAL_TARGET ?? 'dev server'})\n`,
  );

  project.provide('databaseUrl', databaseUrl);
  project.provide('fuzzDatabaseUrl', fuzzDatabaseUrl);
  project.provide('temporalAddress', temporal.address);
  project.provide('testServerExecutable', testServer.executable);

  return async () => {
    await temporal.stop();
    await dropDatabase(postgres.serverUrl, database);
    await dropDatabase(postgres.serverUrl, `${database}_fuzz`);
    await postgres.stop();
    await rm(scratch, { recursive: true, force: true });
  };
}
