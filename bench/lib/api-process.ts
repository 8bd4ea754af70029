/**
 * Child process: the project's HTTP API (api/app.ts) as api/server.ts builds it, without
 * request logging (as in the tests), listening on a free loopback port.
 *
 * Env: DATABASE_URL, TASK_QUEUE, JWT_SECRET, PORT (default: any free one), LINK_RATE_LIMIT_PER_MINUTE,
 * MINIMUM_SESSION_MINUTES (the missions' policy), and TEMPORAL_ADDRESS (absent for read-only
 * benchmarks: the client then never connects, and read routes never use it).
 */
import { getHeapStatistics } from 'node:v8';
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../../api/app.ts';
import { createDirectReads } from '../../db/direct-reads.ts';
import { createDatabasePool } from '../../db/pool.ts';
import { exitWithParent, requiredEnv } from './harness.ts';

const pool = await createDatabasePool(requiredEnv('DATABASE_URL'), { resetSessions: false });
const address = process.env.TEMPORAL_ADDRESS;
// Port 9 (discard) on loopback: a lazy connection that is never used never dials anything.
const connection = address
  ? await Connection.connect({ address })
  : Connection.lazy({ address: '127.0.0.1:9' });
const client = new Client({ connection });
// As api/server.ts runs it.
const reads = createDirectReads(requiredEnv('DATABASE_URL'));
const app = await buildApp({
  pool,
  reads,
  temporal: { client, taskQueue: requiredEnv('TASK_QUEUE') },
  jwtSecret: requiredEnv('JWT_SECRET'),
  linkSecrets: ['bench-link-secret'],
  publicBaseUrl: 'http://missions.bench',
  ...(process.env.LINK_RATE_LIMIT_PER_MINUTE
    ? { linkRateLimitPerMinute: Number(process.env.LINK_RATE_LIMIT_PER_MINUTE) }
    : {}),
  ...(process.env.MINIMUM_SESSION_MINUTES
    ? { missionPolicy: { minimumSessionLength: `${Number(process.env.MINIMUM_SESSION_MINUTES)} minutes` } }
    : {}),
});
// A fixed PORT lets a supervisor restart the API where its callers expect it (the fault drill).
const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });

process.on('message', (message: { type?: string }) => {
  if (message?.type === 'cpu') process.send?.({ type: 'cpu', ...process.cpuUsage() });
  if (message?.type === 'rss')
    process.send?.({ type: 'rss', ...process.memoryUsage(), heapLimit: getHeapStatistics().heap_size_limit });
});
exitWithParent(async () => {
  await app.close();
  await connection.close();
  await pool.end();
});
process.send?.({ type: 'ready', url, pid: process.pid });
