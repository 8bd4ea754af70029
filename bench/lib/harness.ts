/**
 * What every benchmark starts for itself: its own Postgres (fresh, migrated database), its own
 * Temporal CLI dev server, child processes for the worker(s) and the API, all on loopback and
 * free ports, never the dev stack's (3000/7233/8233/54320). Everything started is registered
 * in a cleanup stack that runs on success, on error and on SIGINT/SIGTERM.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { migrate } from '../../db/migrate.ts';
import { ensureDatabase, startPostgres } from '../../scripts/provision/postgres.ts';
import { provisionTemporalCli } from '../../scripts/provision/temporal-binaries.ts';
import { freePort } from '../../test/support/free-port.ts';
import { MISSION_SEARCH_ATTRIBUTES } from '../../workflows/messages/search-attributes.ts';

export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256';

type Cleanup = () => Promise<void> | void;
const cleanups: { name: string; run: Cleanup }[] = [];
let cleaning: Promise<void> | undefined;

/** Registers something to stop; stops run last-in first-out. */
export function onCleanup(name: string, run: Cleanup): void {
  cleanups.push({ name, run });
}

export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const next = cleanups.pop();
      if (!next) break;
      try {
        await withTimeout(Promise.resolve(next.run()), 30_000, `stopping ${next.name}`);
      } catch (error) {
        process.stderr.write(`[bench] could not stop ${next.name}: ${(error as Error).message}\n`);
      }
    }
  })();
  return cleaning;
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Runs a benchmark's body and always stops what it started; exits non-zero on failure.
 * A benchmark must never touch the dev stack: DATABASE_URL (which startPostgres would reuse)
 * and TEMPORAL_ADDRESS are ignored here.
 */
export async function runBenchmark(name: string, body: () => Promise<void>): Promise<void> {
  delete process.env.DATABASE_URL;
  delete process.env.TEMPORAL_ADDRESS;
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      log(`${signal}: stopping everything this benchmark started`);
      void cleanupAll().then(() => process.exit(130));
    });
  }
  const started = Date.now();
  let failed = false;
  try {
    await body();
  } catch (error) {
    failed = true;
    process.stderr.write(`[bench] ${name} failed: ${(error as Error).stack ?? String(error)}\n`);
  } finally {
    if (!interrupted) await cleanupAll();
  }
  log(`${name} finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(failed ? 1 : 0);
}

export interface BenchDatabase {
  url: string;
  name: string;
  scratch: string;
}

/** A private embedded Postgres on a free port with a fresh, migrated database. */
export async function startDatabase(): Promise<BenchDatabase> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'missions-bench-'));
  onCleanup('scratch directory', () => rm(scratch, { recursive: true, force: true }));
  // Postgres runs as the `postgres` user when we are root: it must be able to enter the folder.
  await chmod(scratch, 0o755);
  const postgres = await startPostgres({
    dataDir: path.join(scratch, 'postgres'),
    port: await freePort(),
    disposable: true,
  });
  onCleanup('postgres', () => postgres.stop());
  const name = 'missions_bench';
  const url = await ensureDatabase(postgres.serverUrl, name);
  await migrate(url);
  return { url, name, scratch };
}

/** A private Temporal CLI dev server (in-memory SQLite) on loopback, with the mission search attributes. */
export async function startTemporal(): Promise<TestWorkflowEnvironment> {
  const cli = await provisionTemporalCli();
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: cli.executable, ip: '127.0.0.1', searchAttributes: MISSION_SEARCH_ATTRIBUTES },
  });
  onCleanup('temporal dev server', () => env.teardown());
  log(`temporal dev server on ${env.address}`);
  return env;
}

export interface ChildService {
  process: ChildProcess;
  pid: number;
  /** The `ready` message's payload (e.g. the URL an HTTP server listens on). */
  ready: Record<string, unknown>;
  /** Sends a request over IPC and resolves with the child's reply of the same type. */
  ask<T = Record<string, unknown>>(type: string): Promise<T>;
}

/**
 * Forks `node <script>` with an IPC channel and waits for its `{ type: 'ready' }` message.
 * The child exits by itself when the channel closes, so it never outlives the benchmark.
 */
export async function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  execArgv: string[] = [],
  readyTimeoutMs = 120_000,
): Promise<ChildService> {
  const child = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv: [...process.execArgv, ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onCleanup(name, () => stopChild(child));
  const ready = await withTimeout(
    new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
      child.on('message', (message: { type?: string }) => {
        if (message?.type === 'ready') resolve(message as Record<string, unknown>);
      });
    }),
    readyTimeoutMs,
    `${name} start`,
  );
  return {
    process: child,
    pid: child.pid ?? -1,
    ready,
    ask<T>(type: string) {
      return withTimeout(
        new Promise<T>((resolve) => {
          const listener = (message: { type?: string }) => {
            if (message?.type === type) {
              child.off('message', listener);
              resolve(message as T);
            }
          };
          child.on('message', listener);
          child.send({ type });
        }),
        10_000,
        `${name} ${type}`,
      );
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  try {
    await withTimeout(exited, 20_000, 'child exit');
  } catch {
    child.kill('SIGKILL');
    await exited;
  }
}

/** For child processes: exit when the parent goes away, however it went. */
export function exitWithParent(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void stop()
      .catch((error: unknown) => process.stderr.write(`[bench child] ${String(error)}\n`))
      .finally(() => process.exit(0));
  };
  process.on('disconnect', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
export async function cpuMsOf(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** The pids of the processes whose command line contains every one of `parts`. */
export async function findPids(...parts: string[]): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const text = cmdline.split('\0').join(' ');
    if (parts.every((part) => text.includes(part))) found.push(Number(entry));
  }
  return found;
}

/**
 * CPU accounting for a benchmark's processes: named pids, plus the Postgres backends serving
 * the benchmark's database (their command line names it). Snapshots are diffed per phase.
 */
export function cpuMeter(named: Record<string, number | undefined>, database?: string) {
  return async function snapshot(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const [name, pid] of Object.entries(named)) {
      if (pid !== undefined) result[name] = await cpuMsOf(pid);
    }
    if (database) {
      // Per backend: a backend that exits between two snapshots drops out instead of making the sum negative.
      for (const pid of await findPids('postgres: ', ` ${database} `)) {
        result[`postgres backend ${pid}`] = await cpuMsOf(pid);
      }
    }
    return result;
  };
}
