/**
 * Worker process: runs the mission workflows and their activities. SIGINT/SIGTERM stop polling,
 * let in-flight activities finish within the grace time, then close the database pool.
 */
import { NativeConnection, Runtime } from '@temporalio/worker';
import { connectionOptions } from '../config/temporal-connection.ts';
import { databaseUrl, temporalSettings } from '../config/environment.ts';
import { createDatabasePool } from '../db/pool.ts';
import { createWorker } from './create-worker.ts';

const temporal = temporalSettings();
const url = databaseUrl();
if (!url) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(2);
}

Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
const pool = await createDatabasePool(url);
const connection = await NativeConnection.connect(await connectionOptions(temporal));
try {
  const worker = await createWorker({ connection, namespace: temporal.namespace, taskQueue: temporal.taskQueue, dependencies: { pool } });
  process.stderr.write(`worker polling task queue "${temporal.taskQueue}" on ${temporal.address}\n`);
  await worker.run();
} finally {
  await connection.close();
  await pool.end();
}
