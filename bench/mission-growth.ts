/**
 * Benchmark 5 — a command's cost as the mission grows (issue #16: "planning the 200th session
 * of a mission costs within 20 % of the 1st, and what a command writes into history is
 * proportional to what it changed"). One mission; its sessions planned one at a time through
 * the API, on a private dev server with the mission worker and the API in their own processes.
 * Per batch of plans: latency, CPU of every process per plan, and the events and bytes each plan
 * adds to the mission's history (from `describe()`; a batch in which the mission continued as
 * new is marked, its figures covering the new run only).
 *
 *   npm run bench:growth
 *
 * Env: BENCH_GROWTH_SESSIONS (200), BENCH_GROWTH_BATCH (20 plans per line).
 */
import { Client } from '@temporalio/client';
import { mintToken } from '../api/auth/tokens.ts';
import { missionWorkflowId } from '../workflows/messages/mission.ts';
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
import { startApi, startMissionWorker } from './lib/services.ts';
import { fmt, heading, line, percentile, verdict } from './lib/stats.ts';

const DAY = 24 * 3600_000;

interface Batch {
  from: number;
  to: number;
  latencies: number[];
  cpuMsPerPlan: number;
  /** CPU ms per plan by process (Postgres's backends summed). */
  cpuByProcess: Record<string, number>;
  eventsPerPlan: number;
  bytesPerPlan: number;
  continuedAsNew: boolean;
}

await runBenchmark('bench:growth', async () => {
  const sessions = envInt('BENCH_GROWTH_SESSIONS', 200);
  const batchSize = Math.max(1, envInt('BENCH_GROWTH_BATCH', 20));

  const db = await startDatabase();
  const temporal = await startTemporal();
  const taskQueue = 'bench-missions';
  const [worker, api] = await Promise.all([
    startMissionWorker(db, temporal, taskQueue),
    startApi(db, temporal, taskQueue),
  ]);
  const coordinator = { subject: 'coord-growth', role: 'coordinator' } as const;
  const http = apiClient(String(api.ready.url), await mintToken(BENCH_JWT_SECRET, coordinator));
  const temporalPort = temporal.address.split(':').at(-1) ?? '';
  const [temporalPid] = await findPids('start-dev', `--port ${temporalPort}`);
  const meter = makeCpuMeter(
    { api: api.pid, 'mission worker': worker.pid, 'temporal server': temporalPid },
    db.name,
  );
  const cpuByProcess = async () => {
    const byProcess: Record<string, number> = {};
    for (const [name, ms] of Object.entries(await meter())) {
      const key = name.startsWith('postgres') ? 'postgres' : name;
      byProcess[key] = (byProcess[key] ?? 0) + ms;
    }
    return byProcess;
  };

  const mission = await http.send<CreatedMission>(
    'POST',
    '/missions',
    missionOrder(coordinator.subject, 0, sessions + 10),
    201,
    newKey(),
  );
  const handle = new Client({ connection: temporal.connection }).workflow.getHandle(
    missionWorkflowId(mission.id),
  );
  const history = async () => {
    const description = await handle.describe();
    return {
      runId: description.runId,
      events: description.historyLength,
      bytes: description.historySize ?? 0,
    };
  };

  log(`planning ${sessions} sessions into one mission, one at a time`);
  const batches: Batch[] = [];
  for (let from = 1; from <= sessions; from += batchSize) {
    const to = Math.min(sessions, from + batchSize - 1);
    const latencies: number[] = [];
    const before = await history();
    const cpuBefore = await cpuByProcess();
    for (let n = from; n <= to; n++) {
      const startsAt = new Date(Date.now() + 30 * DAY + n * 6 * 3600_000);
      const started = performance.now();
      await http.send(
        'POST',
        `/missions/${mission.id}/sessions`,
        sessionPlan(startsAt, `Atelier ${n}`),
        201,
        newKey(),
      );
      latencies.push(performance.now() - started);
    }
    const cpuAfter = await cpuByProcess();
    const after = await history();
    const continuedAsNew = after.runId !== before.runId;
    const plans = to - from + 1;
    // After a continue-as-new the new run's whole history is what this batch wrote there.
    const base = continuedAsNew ? { events: 0, bytes: 0 } : before;
    const perPlan = Object.fromEntries(
      Object.entries(cpuAfter).map(([name, ms]) => [name, (ms - (cpuBefore[name] ?? 0)) / plans]),
    );
    batches.push({
      from,
      to,
      latencies,
      cpuMsPerPlan: Object.values(perPlan).reduce((sum, ms) => sum + ms, 0),
      cpuByProcess: perPlan,
      eventsPerPlan: (after.events - base.events) / plans,
      bytesPerPlan: (after.bytes - base.bytes) / plans,
      continuedAsNew,
    });
    log(`  ${to}/${sessions} planned`);
  }

  heading(`Mission growth — ${sessions} sessions planned one at a time into one mission`);
  line('plans      p50 ms   p90 ms   CPU ms/plan   history events/plan   history bytes/plan');
  for (const batch of batches) {
    line(
      `${`${batch.from}–${batch.to}`.padEnd(10)} ${fmt(percentile(batch.latencies, 50)).padStart(6)}   ${fmt(
        percentile(batch.latencies, 90),
      ).padStart(
        6,
      )}   ${fmt(batch.cpuMsPerPlan).padStart(11)}   ${fmt(batch.eventsPerPlan).padStart(19)}   ${fmt(
        batch.bytesPerPlan,
        0,
      ).padStart(18)}${batch.continuedAsNew ? '   (continued as new: the new run only)' : ''}`,
    );
  }
  const first = batches[0];
  const last = batches.at(-1);
  if (first && last && first !== last) {
    line();
    line(
      `last batch vs first, p50 latency: ${verdict(
        percentile(last.latencies, 50) / percentile(first.latencies, 50),
        1.2,
        '<=',
      )}`,
    );
    line(`last batch vs first, CPU per plan: ${verdict(last.cpuMsPerPlan / first.cpuMsPerPlan, 1.2, '<=')}`);
    const split = (batch: Batch) =>
      Object.entries(batch.cpuByProcess)
        .map(([name, ms]) => `${name} ${fmt(ms)}`)
        .join(', ');
    line(`  CPU ms per plan, plans ${first.from}–${first.to}: ${split(first)}`);
    line(`  CPU ms per plan, plans ${last.from}–${last.to}: ${split(last)}`);
    const comparable = batches.filter((batch) => !batch.continuedAsNew);
    const bytes = comparable.map((batch) => batch.bytesPerPlan);
    line(
      `history bytes per plan across batches without continue-as-new: ${fmt(Math.min(...bytes), 0)}–${fmt(
        Math.max(...bytes),
        0,
      )}`,
    );
  }
});
