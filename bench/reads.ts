/**
 * Benchmark 2 — read path. `GET /missions/:id` and `GET /missions?status=open` through the API
 * (bearer JWT, TypeBox, slonik + zod, presenters, response serialisation) against a bare
 * Fastify route running the same SQL with `pg` (bench/lib/bare-read-server.ts), both under
 * autocannon, in alternating rounds, on a private Postgres seeded with the worker's own
 * projection code. No Temporal server is needed: read routes never call it.
 *
 *   npm run bench:reads
 *
 * Env: BENCH_READ_MISSIONS (2000), BENCH_CONNECTIONS (10), BENCH_DURATION_S per round and
 * route (10), BENCH_ROUNDS (2), BENCH_API_NODE_OPTIONS (extra node flags for the API process,
 * e.g. "--cpu-prof --cpu-prof-dir=/tmp/api-profile" to see where its time goes).
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { mintToken } from '../api/auth/tokens.ts';
import { BENCH_JWT_SECRET, envInt, log, runBenchmark, startChild, startDatabase } from './lib/harness.ts';
import { seedReadModel } from './lib/seed.ts';
import { nodeOptionsFrom, startApi } from './lib/services.ts';
import { fmt, heading, line, verdict } from './lib/stats.ts';

const here = import.meta.dirname;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** CPU time (user + system) the server process spent per answered request. */
  cpuUsPerRequest: number;
}

await runBenchmark('bench:reads', async () => {
  const missions = envInt('BENCH_READ_MISSIONS', 2000);
  const connections = envInt('BENCH_CONNECTIONS', 10);
  const duration = envInt('BENCH_DURATION_S', 10);
  const rounds = envInt('BENCH_ROUNDS', 2);

  const db = await startDatabase();
  const seeded = Date.now();
  const ids = await seedReadModel(db.url, {
    missions,
    sessionsPerMission: 5,
    coordinators: 20,
    cancelEvery: 10,
  });
  log(`seeded ${ids.length} missions with 5 sessions each in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

  const [api, bare] = await Promise.all([
    startApi(db, null, 'unused', { nodeOptions: nodeOptionsFrom('BENCH_API_NODE_OPTIONS') }),
    startChild('bare read server', path.join(here, 'lib/bare-read-server.ts'), { DATABASE_URL: db.url }),
  ]);
  const token = await mintToken(BENCH_JWT_SECRET, { subject: 'staff-1', role: 'staff' });
  const servers = {
    api: { url: String(api.ready.url), headers: { authorization: `Bearer ${token}` }, process: api },
    bare: { url: String(bare.ready.url), headers: {} as Record<string, string>, process: bare },
  };

  // Both answer the same thing before they are compared.
  const sample = ids[1] ?? '';
  for (const [name, server] of Object.entries(servers)) {
    const one = await fetch(`${server.url}/missions/${sample}`, { headers: server.headers });
    const body = (await one.json()) as { id?: string; missionId?: string; sessions?: unknown[] };
    const list = await fetch(`${server.url}/missions?status=open`, { headers: server.headers });
    const page = (await list.json()) as { items?: { status?: string }[] };
    if (one.status !== 200 || (body.id ?? body.missionId) !== sample || body.sessions?.length !== 5) {
      throw new Error(
        `${name} GET /missions/:id answered ${one.status}: ${JSON.stringify(body).slice(0, 200)}`,
      );
    }
    if (
      list.status !== 200 ||
      page.items?.length !== 20 ||
      page.items.some((item) => item.status !== 'open')
    ) {
      throw new Error(`${name} GET /missions?status=open answered ${list.status}`);
    }
  }

  const routes = {
    'GET /missions/:id': (index: number) => `/missions/${ids[index % ids.length]}`,
    'GET /missions?status=open': () => '/missions?status=open',
  };

  async function load(
    server: (typeof servers)['api' | 'bare'],
    route: keyof typeof routes,
    seconds: number,
  ): Promise<Run> {
    let counter = 0;
    const cpu = () => server.process.ask<{ user: number; system: number }>('cpu');
    const cpuBefore = await cpu();
    const pathFor = routes[route];
    const result = await autocannon({
      url: server.url,
      connections,
      duration: seconds,
      headers: server.headers,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => {
            counter += 1;
            return { ...request, path: pathFor(Math.floor(Math.random() * ids.length) + counter) };
          },
        },
      ],
    });
    const cpuAfter = await cpu();
    const cpuUs = cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system;
    return {
      cpuUsPerRequest: cpuUs / Math.max(1, result['2xx'] + result.non2xx),
      rps: result['2xx'] / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
    };
  }

  log('warming up both servers (2 s per route and server)');
  for (const route of Object.keys(routes) as (keyof typeof routes)[]) {
    await load(servers.bare, route, 2);
    await load(servers.api, route, 2);
  }

  const runs: Record<string, Run[]> = {};
  for (let round = 0; round < rounds; round += 1) {
    for (const route of Object.keys(routes) as (keyof typeof routes)[]) {
      for (const name of ['bare', 'api'] as const) {
        log(`round ${round + 1}/${rounds}: ${name} ${route} (${duration} s, ${connections} connections)`);
        const run = await load(servers[name], route, duration);
        log(
          `  ${fmt(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, server CPU ${fmt(run.cpuUsPerRequest, 0)} µs/request, non-2xx ${run.non2xx}, errors ${run.errors}`,
        );
        runs[`${name} ${route}`] = [...(runs[`${name} ${route}`] ?? []), run];
      }
    }
  }

  heading(
    `Read path — ${missions} missions × 5 sessions, ${connections} connections, ${rounds} × ${duration} s per route`,
  );
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  for (const route of Object.keys(routes)) {
    const summary = (name: string) => {
      const list = runs[`${name} ${route}`] ?? [];
      return {
        rps: mean(list.map((run) => run.rps)),
        p50: mean(list.map((run) => run.p50)),
        p99: Math.max(...list.map((run) => run.p99)),
        failed: list.reduce((sum, run) => sum + run.non2xx + run.errors, 0),
        cpu: mean(list.map((run) => run.cpuUsPerRequest)),
      };
    };
    const base = summary('bare');
    const ours = summary('api');
    const show = (label: string, value: ReturnType<typeof summary>) =>
      line(
        `${label.padEnd(44)}${fmt(value.rps).padStart(9)} req/s  p50 ${fmt(value.p50).padStart(6)} ms  p99 ${fmt(value.p99).padStart(6)} ms  server CPU ${fmt(value.cpu, 0).padStart(5)} µs/req  failed=${value.failed}`,
      );
    show(`bare fastify + pg   ${route}`, base);
    show(`API                 ${route}`, ours);
    line(
      `  req/s vs baseline: ${verdict(ours.rps / base.rps, 0.8, '>=')}   (p99 ×${fmt(ours.p99 / base.p99, 2)}, server CPU per request ×${fmt(ours.cpu / base.cpu, 2)})`,
    );
  }
});
