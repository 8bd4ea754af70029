/**
 * Benchmark 1 — command path. A coordinator's command through the HTTP API (bearer JWT, TypeBox
 * validation, read-model visibility check, Workflow Update with its validator, child signal or
 * child start, read-model projection, answer read back from Postgres) against a raw
 * `@temporalio/client` executeUpdate on a trivial workflow (bench/baseline/workflows.ts) on the
 * same private dev server, at the same fixed concurrency, in alternating rounds.
 *
 *   npm run bench:commands
 *
 * Env: BENCH_CONCURRENCY (8), BENCH_DURATION_S per round and phase (10), BENCH_WARMUP_S (3),
 * BENCH_ROUNDS (2), BENCH_TARGETS_PER_USER (4 workflows per virtual user),
 * BENCH_WORKER_NODE_OPTIONS (extra node flags for the mission worker, e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/worker-profile"),
 * BENCH_COMMANDS ("move,move-direct,plan"; move-direct sends the
 * same Update to the mission workflow with the client, without the API, to split the cost;
 * opt-in: "activity" and "local-activity", the trivial update waiting for one regular or one
 * local activity, bench/baseline/experiments.ts, to price the projection's activity; and
 * "tell-child", the update projecting by local activity and signalling a second workflow that
 * projects too: a move's shape without the domain, the floor of two workflows per command).
 */
import { Client } from '@temporalio/client';
import { mintToken } from '../api/auth/tokens.ts';
import { signingClient } from '../api/signed-commands.ts';
import { missionWorkflowId, moveSessionUpdate } from '../workflows/messages/mission.ts';
import {
  followerWorkflow,
  incrementAndTellUpdate,
  incrementWithActivityUpdate,
  incrementWithLocalActivityUpdate,
  projectingCounterWorkflow,
} from './baseline/experiments.ts';
import { counterWorkflow, incrementUpdate } from './baseline/workflows.ts';
import { apiClient, type CreatedMission, missionOrder, newKey, sessionPlan } from './lib/fixtures.ts';
import {
  BENCH_JWT_SECRET,
  envInt,
  findPids,
  log,
  cpuMeter as makeCpuMeter,
  runBenchmark,
  startDatabase,
  startTemporal,
} from './lib/harness.ts';
import { nodeOptionsFrom, startApi, startBaselineWorker, startMissionWorker } from './lib/services.ts';
import {
  closedLoop,
  describeCpu,
  describeLoad,
  fmt,
  heading,
  type LoadResult,
  line,
  mergeResults,
  percentile,
  verdict,
} from './lib/stats.ts';

const DAY = 24 * 3600_000;

await runBenchmark('bench:commands', async () => {
  const concurrency = envInt('BENCH_CONCURRENCY', 8);
  const durationMs = envInt('BENCH_DURATION_S', 10) * 1000;
  const warmupMs = envInt('BENCH_WARMUP_S', 3) * 1000;
  const rounds = envInt('BENCH_ROUNDS', 2);
  const perUser = Math.max(1, envInt('BENCH_TARGETS_PER_USER', 4));
  const commands = (process.env.BENCH_COMMANDS ?? 'move,move-direct,plan')
    .split(',')
    .map((name) => name.trim());
  const targets = concurrency * perUser;

  const db = await startDatabase();
  const temporal = await startTemporal();
  const missionQueue = 'bench-missions';
  const baselineQueue = 'bench-baseline';
  const [missionWorker, baselineWorker, api] = await Promise.all([
    startMissionWorker(db, temporal, missionQueue, {
      nodeOptions: nodeOptionsFrom('BENCH_WORKER_NODE_OPTIONS'),
    }),
    startBaselineWorker(temporal, baselineQueue),
    startApi(db, temporal, missionQueue),
  ]);
  const experimentQueue = 'bench-experiments';
  const experimenting = commands.some((name) => ['activity', 'local-activity', 'tell-child'].includes(name));
  const experimentWorker = experimenting
    ? await startBaselineWorker(temporal, experimentQueue, {
        name: 'experiment worker',
        env: { DATABASE_URL: db.url, EXPERIMENTS: '1' },
      })
    : undefined;
  const baseUrl = String(api.ready.url);
  const coordinator = { subject: 'coord-bench', role: 'coordinator' } as const;
  const http = apiClient(baseUrl, await mintToken(BENCH_JWT_SECRET, coordinator));
  const client = new Client({ connection: temporal.connection });
  // The mission workflow takes commands only with the API's signature, as the API's client adds it.
  const signed = signingClient(client, ['bench-link-secret']);
  const temporalPort = temporal.address.split(':').at(-1) ?? '';
  const [temporalPid] = await findPids('start-dev', `--port ${temporalPort}`);
  const cpuMeter = makeCpuMeter(
    {
      'bench (load + client)': process.pid,
      api: api.pid,
      'mission worker': missionWorker.pid,
      'baseline worker': baselineWorker.pid,
      'temporal server': temporalPid,
      ...(experimentWorker ? { 'experiment worker': experimentWorker.pid } : {}),
    },
    db.name,
  );

  log(`creating ${targets} missions (one planned session each) and ${targets} counter workflows`);
  const missions: { id: string; sessionId: string }[] = new Array(targets);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, vu) => {
      for (let index = vu; index < targets; index += concurrency) {
        const created = await http.send<CreatedMission>(
          'POST',
          '/missions',
          missionOrder(coordinator.subject, index),
          201,
          newKey(),
        );
        const planned = await http.send<CreatedMission>(
          'POST',
          `/missions/${created.id}/sessions`,
          sessionPlan(new Date(Date.now() + 30 * DAY)),
          201,
          newKey(),
        );
        missions[index] = { id: created.id, sessionId: planned.sessions[0]?.id ?? '' };
      }
    }),
  );
  const counters = await Promise.all(
    Array.from({ length: targets }, (_, index) =>
      client.workflow.start(counterWorkflow, { taskQueue: baselineQueue, workflowId: `counter-${index}` }),
    ),
  );
  const projecting = experimenting
    ? await Promise.all(
        Array.from({ length: targets }, async (_, index) => {
          const follower = await client.workflow.start(followerWorkflow, {
            taskQueue: experimentQueue,
            workflowId: `follower-${index}`,
          });
          return client.workflow.start(projectingCounterWorkflow, {
            taskQueue: experimentQueue,
            workflowId: `projecting-counter-${index}`,
            args: [{ follower: follower.workflowId }],
          });
        }),
      )
    : [];
  // Each virtual user owns `perUser` targets and rotates over them, on both paths.
  const target = <T>(list: T[], vu: number, n: number): T => {
    const item = list[vu + concurrency * (n % perUser)];
    if (item === undefined) throw new Error('no target');
    return item;
  };

  /** A closed loop at the run's concurrency and durations, measuring every process's CPU. */
  const phase = (label: string, operation: (vu: number, n: number) => Promise<unknown>) =>
    closedLoop({
      label,
      concurrency,
      durationMs,
      warmupMs,
      cpuMeter,
      operation: async (vu, n) => {
        await operation(vu, n);
      },
    });
  /** A different instant every time, always in the future and before the mission ends. */
  const movedPlan = (round: number, n: number) =>
    sessionPlan(new Date(Date.now() + 40 * DAY + ((round * 100_000 + n) % 200_000) * 60_000));

  const phases: Record<string, (round: number) => Promise<LoadResult>> = {
    raw: () =>
      phase('raw executeUpdate (trivial workflow)', (vu, n) =>
        target(counters, vu, n).executeUpdate(incrementUpdate),
      ),
    move: (round) =>
      phase('API PATCH /missions/:id/sessions/:sessionId', (vu, n) => {
        const mission = target(missions, vu, n);
        const { startsAt, endsAt } = movedPlan(round, n);
        return http.send(
          'PATCH',
          `/missions/${mission.id}/sessions/${mission.sessionId}`,
          { startsAt, endsAt },
          200,
        );
      }),
    // The same command sent straight to the mission workflow: the workflow's share of the cost.
    'move-direct': (round) =>
      phase('direct executeUpdate moveSession (no API)', (vu, n) => {
        const mission = target(missions, vu, n);
        const { startsAt, endsAt } = movedPlan(round, n);
        return signed.workflow.getHandle(missionWorkflowId(mission.id)).executeUpdate(moveSessionUpdate, {
          args: [{ actor: coordinator, sessionId: mission.sessionId, startsAt, endsAt }],
        });
      }),
    // Opt-in experiments: the trivial update waiting for one regular, or one local, activity; and
    // the local one signalling a second workflow that projects too.
    activity: () =>
      phase('experiment: update awaiting an activity', (vu, n) =>
        target(projecting, vu, n).executeUpdate(incrementWithActivityUpdate),
      ),
    'local-activity': () =>
      phase('experiment: update awaiting a local activity', (vu, n) =>
        target(projecting, vu, n).executeUpdate(incrementWithLocalActivityUpdate),
      ),
    'tell-child': () =>
      phase('experiment: update projecting locally and signalling a workflow that projects', (vu, n) =>
        target(projecting, vu, n).executeUpdate(incrementAndTellUpdate),
      ),
    plan: () =>
      phase('API POST /missions/:id/sessions', (vu, n) => {
        const mission = target(missions, vu, n);
        const startsAt = new Date(Date.now() + 60 * DAY + Math.floor(Math.random() * 100 * DAY));
        return http.send('POST', `/missions/${mission.id}/sessions`, sessionPlan(startsAt), 201, newKey());
      }),
  };
  const order = ['raw', ...commands.filter((name) => name in phases && name !== 'raw')];
  const results: Record<string, LoadResult[]> = {};
  for (let round = 0; round < rounds; round += 1) {
    for (const name of order) {
      const phase = phases[name];
      if (!phase) continue;
      log(`round ${round + 1}/${rounds}: ${name} (${warmupMs / 1000}s warm-up + ${durationMs / 1000}s)`);
      const result = await phase(round);
      log(`  ${describeLoad(result)}`);
      results[name] = [...(results[name] ?? []), result];
    }
  }

  heading(`Command path — concurrency ${concurrency}, ${rounds} × ${durationMs / 1000}s per path`);
  const raw = mergeResults(results.raw ?? []);
  line(describeLoad(raw));
  line(`  ${describeCpu(raw)}`);
  for (const name of order.filter((candidate) => candidate !== 'raw')) {
    const merged = mergeResults(results[name] ?? []);
    line(describeLoad(merged));
    line(`  ${describeCpu(merged)}`);
    if (merged.firstError) line(`  first error: ${merged.firstError}`);
    const throughputRatio = merged.throughput / raw.throughput;
    const p50Ratio = percentile(merged.latenciesMs, 50) / percentile(raw.latenciesMs, 50);
    const p99Ratio = percentile(merged.latenciesMs, 99) / percentile(raw.latenciesMs, 99);
    line(`  throughput vs raw: ${verdict(throughputRatio, 0.8, '>=')}`);
    line(`  p99 vs raw:        ${verdict(p99Ratio, 1.5, '<=')}   (p50 ×${fmt(p50Ratio, 2)})`);
  }
  if (raw.firstError) line(`raw first error: ${raw.firstError}`);
});
