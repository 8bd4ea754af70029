/**
 * Benchmark 4 — test speed. Runs `npx vitest run test/workflows/mission-lifecycle.test.ts` and
 * prints its wall time next to the workflow time the test covers on the time-skipping server.
 *
 *   npm run bench:test-speed
 *   BENCH_PROBE_CLOCK=1 npm run bench:test-speed   # measure the simulated time on the server's clock
 *
 * The simulated time is computed from the test's own schedule (the mission ends 120 days after
 * the test starts; the test sleeps 11 days, then to 12:00 UTC 30 days before the end date, then
 * to 12:00 UTC 14 days before it). With BENCH_PROBE_CLOCK=1 the same test runs under
 * bench/test-speed.vitest.config.ts, which adds a setup file reading the test server's clock
 * when the environment starts and when it is torn down.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { addDays, businessDate } from '../workflows/rules/calendar.ts';
import { log, onCleanup, runBenchmark } from './lib/harness.ts';
import { fmt, heading, line } from './lib/stats.ts';

const DAY = 24 * 3600_000;
const TEST_FILE = 'test/workflows/mission-lifecycle.test.ts';
const root = path.resolve(import.meta.dirname, '..');

/** The test's schedule (see the test file): where its last env.sleep lands, from its start. */
function scheduledSimulatedMs(startMs: number): number {
  const endDate = businessDate(new Date(startMs + 120 * DAY));
  const afterFirstSleep = startMs + 11 * DAY;
  const reminderNoon = Date.parse(`${addDays(endDate, -30)}T12:00:00Z`);
  const escalationNoon = Date.parse(`${addDays(endDate, -14)}T12:00:00Z`);
  return Math.max(afterFirstSleep, reminderNoon, escalationNoon) - startMs;
}

await runBenchmark('bench:test-speed', async () => {
  const probe = process.env.BENCH_PROBE_CLOCK === '1';
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'missions-bench-test-speed-'));
  onCleanup('scratch directory', () => rm(scratch, { recursive: true, force: true }));
  const probeFile = path.join(scratch, 'clock.jsonl');
  const args = [
    'vitest',
    'run',
    TEST_FILE,
    ...(probe ? ['--config', 'bench/test-speed.vitest.config.ts', '--root', '.'] : []),
  ];
  log(`running: npx ${args.join(' ')}`);

  const startedAt = Date.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npx', args, {
      cwd: root,
      env: { ...process.env, BENCH_CLOCK_PROBE_FILE: probeFile, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onCleanup('vitest', () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        process.stderr.write(chunk);
      });
    }
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const wallMs = Date.now() - startedAt;
  const text = stripVTControlCharacters(output.join(''));
  const duration = /Duration\s+(.+)/.exec(text)?.[1]?.trim();
  const tests = /Tests\s+(.+)/.exec(text)?.[1]?.trim();

  heading(`Test speed — ${TEST_FILE}`);
  line(`command: npx ${args.join(' ')}  (exit ${code})`);
  line(`tests: ${tests ?? 'n/a'}`);
  line(`vitest duration: ${duration ?? 'n/a'}`);
  line(`wall time (incl. npx, Postgres, dev server and test server start): ${fmt(wallMs / 1000)} s`);
  const scheduled = scheduledSimulatedMs(startedAt);
  line(`simulated workflow time from the test's schedule: ${fmt(scheduled / DAY)} days`);
  if (probe) {
    const points = (await readFile(probeFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((row) => JSON.parse(row) as { point: string; clockMs: number; wallMs: number });
    const first = points[0];
    for (const point of points) {
      if (!first) break;
      line(
        `  test server clock ${point.point.slice(0, 60).padEnd(60)} +${fmt((point.clockMs - first.clockMs) / DAY, 2).padStart(8)} days after ${fmt((point.wallMs - first.wallMs) / 1000).padStart(5)} s`,
      );
    }
  }
  line(
    `speed-up: ${fmt(scheduled / wallMs, 0)} simulated seconds per wall second (${fmt(scheduled / DAY / (wallMs / 1000), 2)} days per second)`,
  );
  if (code !== 0) throw new Error(`vitest exited with ${code}`);
});
