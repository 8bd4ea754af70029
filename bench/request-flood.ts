/**
 * Drill for issue #14, finding 2: the attack that blocked the API. Rounds of four concurrent
 * 829 kB `POST /links/positioning-tests/<token>` (60,000 answers), once a second as in the
 * issue, then back to back, hit the API process while `/health/live` is probed every 25 ms and
 * the API's RSS sampled from /proc. Prints the probe's latency and the API's memory per phase;
 * the targets (issue #14) are a probe under 50 ms and an RSS under 450 MB. Not a test: no timed
 * assertion, figures to read.
 *
 * Phases: quiet (no load), then forged and authentic tokens at each pace. Knobs:
 * BENCH_FLOOD_SECONDS (10 per phase), BENCH_FLOOD_CONCURRENCY (4).
 */
import { readFile } from 'node:fs/promises';
import { signLink } from '../links/link-tokens.ts';
import { FORGED_LINK_TOKEN, positioningFloodBody } from '../test/security/attack-bodies.ts';
import { cpuMsOf, envInt, log, runBenchmark, startDatabase } from './lib/harness.ts';
import { startApi } from './lib/services.ts';
import { percentile } from './lib/stats.ts';

const seconds = envInt('BENCH_FLOOD_SECONDS', 10);
const concurrency = envInt('BENCH_FLOOD_CONCURRENCY', 4);

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

await runBenchmark('bench:request-flood', async () => {
  const db = await startDatabase();
  const api = await startApi(db, null, 'bench-flood', {
    // The per-address link limit would answer 429 after 60 requests: the drill measures what
    // a request costs, as from as many addresses as it takes.
    env: { LINK_RATE_LIMIT_PER_MINUTE: '1000000' },
  });
  const baseUrl = String(api.ready.url);
  const body = positioningFloodBody();
  const authentic = await signLink(['bench-link-secret'], {
    purpose: 'positioningTest',
    subjectId: 'bench-participant',
    sessionId: 'bench-session',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  log(`API pid ${api.pid}; body ${(body.length / 1000).toFixed(0)} kB`);

  /** `roundEveryMs`: a round of `concurrency` requests starts at most this often (0: back to back). */
  async function phase(name: string, token: string | null, roundEveryMs = 0) {
    const probes: number[] = [];
    const statuses = new Map<number, number>();
    let answerBytes = 0;
    let peakRss = await rssMb(api.pid);
    const cpuBefore = await cpuMsOf(api.pid);
    let done = false;
    const prober = (async () => {
      while (!done) {
        const started = performance.now();
        await (await fetch(`${baseUrl}/health/live`)).arrayBuffer();
        probes.push(performance.now() - started);
        peakRss = Math.max(peakRss, await rssMb(api.pid));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const started = performance.now();
    if (token === null) await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    while (token !== null && performance.now() - started < seconds * 1000) {
      const roundStarted = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          const response = await fetch(`${baseUrl}/links/positioning-tests/${token}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          answerBytes += (await response.arrayBuffer()).byteLength;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }),
      );
      const rest = roundEveryMs - (performance.now() - roundStarted);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
    const elapsed = performance.now() - started;
    done = true;
    await prober;
    const requests = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    const cpu = (await cpuMsOf(api.pid)) - cpuBefore;
    process.stdout.write(
      `${[
        `${name}:`,
        `  /health/live  p50 ${percentile(probes, 50).toFixed(1)} ms, p99 ${percentile(probes, 99).toFixed(1)} ms, max ${Math.max(...probes).toFixed(1)} ms (${probes.length} probes)`,
        `  API RSS peak  ${peakRss.toFixed(0)} MB`,
        requests > 0
          ? `  flood        ${requests} requests (${[...statuses].map(([status, count]) => `${count}×${status}`).join(', ')}) in ${(elapsed / 1000).toFixed(1)} s; API CPU ${(cpu / requests).toFixed(1)} ms per request; answers ${(answerBytes / requests / 1024).toFixed(1)} KB each`
          : `  (no load for ${(elapsed / 1000).toFixed(1)} s)`,
      ].join('\n')}\n`,
    );
  }

  await phase('quiet', null);
  // The issue's load: four at once, about once a second (each took 0.88 s of CPU then).
  await phase(`${concurrency} concurrent every second, forged token`, FORGED_LINK_TOKEN, 1000);
  await phase(`${concurrency} concurrent every second, authentic token`, authentic, 1000);
  // Beyond it: the same four connections sending back to back, as fast as the API answers.
  await phase(`${concurrency} concurrent back to back, forged token`, FORGED_LINK_TOKEN);
  await phase(`${concurrency} concurrent back to back, authentic token`, authentic);
  process.stdout.write('targets (issue #14): /health/live under 50 ms, API RSS under 450 MB\n');
});
