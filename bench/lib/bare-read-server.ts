/**
 * Child process: the read path's baseline. A bare Fastify app (no auth, no schemas, no slonik,
 * no zod, no presenters) running the very SQL the API runs, with `pg` directly. The SQL is
 * taken from db/queries/missions.ts at start (the query functions are called once with a
 * recording stand-in for the pool), so the baseline cannot drift from the API's queries.
 *
 * Env: DATABASE_URL.
 */
import Fastify from 'fastify';
import pg from 'pg';
import type { CommonQueryMethods } from 'slonik';
import { findMission, listMissions } from '../../db/queries/missions.ts';
import { exitWithParent, requiredEnv } from './harness.ts';

interface RecordedQuery {
  sql: string;
  values: readonly unknown[];
}

/** Runs a query function against a stand-in pool and returns the SQL it would have sent. */
async function record(run: (db: CommonQueryMethods) => Promise<unknown>): Promise<RecordedQuery> {
  let recorded: RecordedQuery | undefined;
  const capture = async (query: RecordedQuery) => {
    // slonik numbers its placeholders $slonik_1…; pg wants $1….
    recorded = { sql: query.sql.replace(/\$slonik_(\d+)/g, '$$$1'), values: query.values };
    return null;
  };
  const fake = { maybeOne: capture, any: async (query: RecordedQuery) => (await capture(query)) ?? [] };
  await run(fake as unknown as CommonQueryMethods);
  if (!recorded) throw new Error('no query recorded');
  return recorded;
}

const SENTINEL_ID = '00000000-0000-4000-8000-00000000beef';
const byId = await record((db) => findMission(db, SENTINEL_ID));
const openList = await record((db) => listMissions(db, { status: 'open', limit: 21 }));

const pool = new pg.Pool({ connectionString: requiredEnv('DATABASE_URL'), max: 10 });
const app = Fastify({ logger: false });

app.get<{ Params: { missionId: string } }>('/missions/:missionId', async (request, reply) => {
  const values = byId.values.map((value) => (value === SENTINEL_ID ? request.params.missionId : value));
  const { rows } = await pool.query(byId.sql, values as unknown[]);
  if (rows.length === 0) return reply.code(404).send({ code: 'MISSION_NOT_FOUND' });
  return rows[0];
});

app.get('/missions', async () => {
  const { rows } = await pool.query(openList.sql, openList.values as unknown[]);
  return { items: rows.slice(0, 20), nextCursor: null };
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.on('message', (message: { type?: string }) => {
  if (message?.type === 'cpu') process.send?.({ type: 'cpu', ...process.cpuUsage() });
});
exitWithParent(async () => {
  await app.close();
  await pool.end();
});
process.send?.({ type: 'ready', url, pid: process.pid, byIdSql: byId.sql, listSql: openList.sql });
