/**
 * Benchmark 3 — scale. N open missions with 5 sessions each, created through the API on a
 * private dev server, with the mission worker in its own process (bench/lib/mission-worker.ts)
 * so its resident memory is measurable. Measures the time to create them, the worker's RSS,
 * the database size, and the lateness of the sessions' start timers (audit event
 * `session.running`, whose details.at is the workflow time at which the start timer fired,
 * minus the session's startsAt) against the dev server's own timer lateness for a trivial
 * workflow that sleeps until an instant (bench/baseline/workflows.ts), in the same run.
 *
 *   npm run bench:scale                       # N = 2000 (12 000 workflows); long
 *   BENCH_SCALE_MISSIONS=50 npm run bench:scale
 *
 * Env: BENCH_SCALE_MISSIONS (2000), BENCH_SCALE_SESSIONS (5 per mission), BENCH_CONCURRENCY (8),
 * BENCH_START_MIN_S / BENCH_START_MAX_S (60 / 180: sessions start this long after they are
 * planned), BENCH_BASELINE_TIMERS (one per mission), BENCH_GRACE_S (60: how long to wait for
 * late timers after the last one fell due).
 * The worker runs as the image runs it (prebuilt bundle, MALLOC_ARENA_MAX=2, the default cache).
 * BENCH_SCALE_WORKERS (1): mission worker processes sharing the task queue. Tuning experiments:
 * BENCH_WORKER_MAX_CACHED_WORKFLOWS (TEMPORAL_MAX_CACHED_WORKFLOWS of each worker),
 * BENCH_WORKER_NODE_OPTIONS (e.g. "--max-old-space-size=1024"), BENCH_WORKER_ENV (extra
 * environment of the worker processes, e.g. "MALLOC_ARENA_MAX=8").
 */
import { Client, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import pg from 'pg';
import { mintToken } from '../api/auth/tokens.ts';
import { sleepUntilWorkflow } from './baseline/workflows.ts';
import { apiClient, type CreatedMission, missionOrder, newKey, withRetries } from './lib/fixtures.ts';
import {
  BENCH_JWT_SECRET,
  envInt,
  log,
  onCleanup,
  runBenchmark,
  startDatabase,
  startTemporal,
} from './lib/harness.ts';
import { nodeOptionsFrom, startApi, startBaselineWorker, startMissionWorker } from './lib/services.ts';
import { fmt, heading, line, mb, percentile, verdict } from './lib/stats.ts';

const HOUR = 3600_000;

interface MemorySample {
  rss: number;
  heapUsed: number;
  heapLimit: number;
}

await runBenchmark('bench:scale', async () => {
  const missions = envInt('BENCH_SCALE_MISSIONS', 2000);
  const sessionsPerMission = envInt('BENCH_SCALE_SESSIONS', 5);
  const concurrency = envInt('BENCH_CONCURRENCY', 8);
  const startMinMs = envInt('BENCH_START_MIN_S', 60) * 1000;
  const startMaxMs = envInt('BENCH_START_MAX_S', 180) * 1000;
  const baselineTimers = envInt('BENCH_BASELINE_TIMERS', missions);
  const graceMs = envInt('BENCH_GRACE_S', 60) * 1000;
  const dueIn = () => startMinMs + Math.random() * (startMaxMs - startMinMs);

  const db = await startDatabase();
  const temporal = await startTemporal();
  const missionQueue = 'bench-missions';
  const baselineQueue = 'bench-baseline';
  const workerCount = envInt('BENCH_SCALE_WORKERS', 1);
  // The image's setting (Dockerfile); BENCH_WORKER_ENV may override it.
  const experiment: Record<string, string> = { MALLOC_ARENA_MAX: '2' };
  if (process.env.BENCH_WORKER_MAX_CACHED_WORKFLOWS) {
    experiment.TEMPORAL_MAX_CACHED_WORKFLOWS = process.env.BENCH_WORKER_MAX_CACHED_WORKFLOWS;
  }
  for (const pair of (process.env.BENCH_WORKER_ENV ?? '').split(' ').filter(Boolean)) {
    const [key, ...value] = pair.split('=');
    if (key) experiment[key] = value.join('=');
  }
  const workerNodeOptions = nodeOptionsFrom('BENCH_WORKER_NODE_OPTIONS');
  const startWorker = (index: number) =>
    startMissionWorker(db, temporal, missionQueue, {
      name: `mission worker ${index + 1}`,
      env: experiment,
      nodeOptions: workerNodeOptions,
    });
  // The first builds the workflow bundle if none is fresh; the others then load it.
  const workers = [await startWorker(0)];
  for (let index = 1; index < workerCount; index += 1) workers.push(await startWorker(index));
  const [, api] = await Promise.all([
    startBaselineWorker(temporal, baselineQueue),
    startApi(db, temporal, missionQueue),
  ]);
  const coordinator = { subject: 'coord-scale', role: 'coordinator' } as const;
  const http = apiClient(String(api.ready.url), await mintToken(BENCH_JWT_SECRET, coordinator));
  const client = new Client({ connection: temporal.connection });
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  onCleanup('database client', () => sql.end());

  // Worker memory, sampled all along: each worker's, and their sum as `rss` of the sample.
  const memory: (MemorySample & { at: number; phase: string; each: number[] })[] = [];
  let phase = 'idle';
  const sampleMemory = async () => {
    const samples = await Promise.all(workers.map((worker) => worker.ask<MemorySample>('rss')));
    const sample = {
      rss: samples.reduce((sum, { rss }) => sum + rss, 0),
      heapUsed: samples.reduce((sum, { heapUsed }) => sum + heapUsed, 0),
      heapLimit: samples[0]?.heapLimit ?? 0,
      each: samples.map(({ rss }) => rss),
    };
    memory.push({ ...sample, at: Date.now(), phase });
    return sample;
  };
  const idle = await sampleMemory();
  const sampler = setInterval(() => void sampleMemory().catch(() => {}), 2000);
  onCleanup('memory sampler', () => clearInterval(sampler));

  // Creation: each virtual user creates missions and plans their sessions one after another;
  // one baseline timer is started per mission, due in the same window as the sessions.
  phase = 'creating';
  log(
    `creating ${missions} missions × ${sessionsPerMission} sessions (concurrency ${concurrency}), starting ${startMinMs / 1000}–${startMaxMs / 1000} s after planning`,
  );
  const createLatencies: number[] = [];
  const planLatencies: number[] = [];
  const timers: WorkflowHandleWithFirstExecutionRunId<typeof sleepUntilWorkflow>[] = [];
  let lastDue = 0;
  let done = 0;
  const createStart = Date.now();
  const progress = setInterval(() => {
    void sql
      .query<{ count: string }>(`select count(*) from audit_events where action = 'session.running'`)
      .then(({ rows }) =>
        log(
          `  ${done}/${missions} missions created, ${rows[0]?.count ?? 0} session timers fired, worker RSS ${mb(memory.at(-1)?.rss ?? 0)}`,
        ),
      )
      .catch(() => {});
  }, 10_000);
  onCleanup('progress', () => clearInterval(progress));
  const client5xx = { retries: 0 };
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, vu) => {
      for (let index = vu; index < missions; index += concurrency) {
        let sent = performance.now();
        const missionKey = newKey();
        const order = missionOrder(coordinator.subject, index, sessionsPerMission);
        let created: CreatedMission;
        try {
          // A retry of a creation that went through answers 200 with the same mission.
          created = await withRetries(
            () => http.send<CreatedMission>('POST', '/missions', order, [201, 200], missionKey),
            client5xx,
          );
        } catch (error) {
          failures.push((error as Error).message);
          continue;
        }
        createLatencies.push(performance.now() - sent);
        for (let session = 0; session < sessionsPerMission; session += 1) {
          const startsAt = new Date(Date.now() + dueIn());
          lastDue = Math.max(lastDue, startsAt.getTime());
          const plan = {
            kind: 'workshop',
            title: `Atelier ${session + 1}`,
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
            location: { mode: 'online', url: 'https://visio.example.org/atelier' },
            capacity: 15,
            otherFacilitators: 1,
          };
          const sessionKey = newKey();
          sent = performance.now();
          try {
            await withRetries(
              () => http.send('POST', `/missions/${created.id}/sessions`, plan, 201, sessionKey),
              client5xx,
            );
            planLatencies.push(performance.now() - sent);
          } catch (error) {
            failures.push((error as Error).message);
          }
        }
        if (index < baselineTimers) {
          const instant = Date.now() + dueIn();
          lastDue = Math.max(lastDue, instant);
          timers.push(
            await client.workflow.start(sleepUntilWorkflow, {
              taskQueue: baselineQueue,
              workflowId: `sleep-until-${index}`,
              args: [instant],
            }),
          );
        }
        done += 1;
      }
    }),
  );
  clearInterval(progress);
  const createSeconds = (Date.now() - createStart) / 1000;
  const afterCreation = await sampleMemory();
  log(`created in ${fmt(createSeconds)} s; worker RSS ${mb(afterCreation.rss)}`);

  // Timers: wait until every session reported 'running' (or the grace period ran out).
  phase = 'timers';
  // Every session the read model knows, including any planned by a request that then timed out.
  const { rows: plannedRows } = await sql.query<{ count: string }>('select count(*) from sessions');
  const totalSessions = Number(plannedRows[0]?.count ?? 0);
  const deadline = lastDue + graceMs;
  log(
    `waiting for ${totalSessions} session timers, the last due in ${fmt((lastDue - Date.now()) / 1000, 0)} s`,
  );
  let running = 0;
  while (Date.now() < deadline) {
    const { rows } = await sql.query<{ count: string }>(
      `select count(*) from audit_events where action = 'session.running'`,
    );
    running = Number(rows[0]?.count ?? 0);
    if (running >= totalSessions && Date.now() > lastDue) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const baselineLateness = await Promise.all(timers.map((handle) => handle.result()));
  const afterTimers = await sampleMemory();
  clearInterval(sampler);

  const { rows: lateRows } = await sql.query<{ lateness_ms: number }>(`
    select extract(epoch from ((e.details->>'at')::timestamptz - s.starts_at)) * 1000 as lateness_ms
    from audit_events e join sessions s on s.id = (e.details->>'sessionId')::uuid
    where e.action = 'session.running'`);
  const sessionLateness = lateRows.map((row) => Number(row.lateness_ms));
  const { rows: sizeRows } = await sql.query<{ size: string; pretty: string }>(
    'select pg_database_size(current_database()) as size, pg_size_pretty(pg_database_size(current_database())) as pretty',
  );
  const { rows: tableRows } = await sql.query<{ name: string; pretty: string }>(`
    select relname as name, pg_size_pretty(pg_total_relation_size(relid)) as pretty
    from pg_catalog.pg_statio_user_tables order by pg_total_relation_size(relid) desc limit 5`);
  const peak = memory.reduce((max, sample) => Math.max(max, sample.rss), 0);
  const peakOfOne = memory.reduce((max, sample) => Math.max(max, ...sample.each), 0);

  heading(
    `Scale — ${missions} open missions × ${sessionsPerMission} sessions (${missions * (1 + sessionsPerMission)} workflows), concurrency ${concurrency}`,
  );
  line(
    `mission worker${workerCount > 1 ? `s: ${workerCount} processes, each` : ':'} maxCachedWorkflows ${workers[0]?.ready.maxCachedWorkflows}, ${[...Object.entries(experiment).map(([key, value]) => `${key}=${value}`), ...workerNodeOptions].join(', ')}`,
  );
  line(
    `creation: ${fmt(createSeconds)} s  (${fmt(missions / createSeconds)} missions/s, ${fmt((missions * (1 + sessionsPerMission)) / createSeconds)} commands/s)`,
  );
  line(
    `  requests retried after a 5xx or no answer: ${client5xx.retries}; given up after 3 attempts: ${failures.length}${failures[0] ? ` (first: ${failures[0].slice(0, 160)})` : ''}`,
  );
  line(
    `  POST /missions           p50 ${fmt(percentile(createLatencies, 50))} ms  p99 ${fmt(percentile(createLatencies, 99))} ms`,
  );
  line(
    `  POST /missions/:id/sessions  p50 ${fmt(percentile(planLatencies, 50))} ms  p99 ${fmt(percentile(planLatencies, 99))} ms`,
  );
  line(
    `worker RSS${workerCount > 1 ? ` (sum of ${workerCount})` : ''}: idle ${mb(idle.rss)}, after creation ${mb(afterCreation.rss)}, after timers ${mb(afterTimers.rss)}, peak ${mb(peak)} (heap used ${mb(afterTimers.heapUsed)}, V8 heap limit ${mb(afterTimers.heapLimit)} each)`,
  );
  if (workerCount > 1)
    line(`  per worker: after timers ${afterTimers.each.map(mb).join(', ')}; peak of one ${mb(peakOfOne)}`);
  line(`  peak RSS of one worker vs 512 MB: ${verdict(peakOfOne / (512 * 1024 * 1024), 1, '<=')}`);
  line(
    `database size: ${sizeRows[0]?.pretty} (${tableRows.map((row) => `${row.name} ${row.pretty}`).join(', ')})`,
  );
  line(
    `session timers fired: ${sessionLateness.length}/${totalSessions}; baseline timers: ${baselineLateness.length}`,
  );
  const show = (label: string, values: number[]) =>
    line(
      `  ${label.padEnd(38)} p50 ${fmt(percentile(values, 50)).padStart(8)} ms  p99 ${fmt(percentile(values, 99)).padStart(8)} ms  max ${fmt(Math.max(...values)).padStart(8)} ms  n=${values.length}`,
    );
  show('lateness, session start (mission)', sessionLateness);
  show('lateness, trivial sleep (baseline)', baselineLateness);
  const p99Gap = percentile(sessionLateness, 99) - percentile(baselineLateness, 99);
  line(
    `  p99 gap: ${fmt(p99Gap)} ms (target ≤ 1000 ms: ${p99Gap <= 1000 && sessionLateness.length === totalSessions ? 'met' : 'NOT MET'}); p50 gap ${fmt(percentile(sessionLateness, 50) - percentile(baselineLateness, 50))} ms`,
  );
});
