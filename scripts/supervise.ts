/**
 * Keeps a child process of the dev stack running: when it exits unasked, it is started again
 * after a back-off that doubles with each restart in the last minute, as a container platform
 * (and bench/fault-drill.ts's supervisor) would; a process that keeps crashing is given up on.
 */
import type { ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  log: (line: string) => void;
  /** Called when the process crashed too often to be worth restarting. */
  onGiveUp: () => void;
  maxRestartsPerMinute?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export interface Supervised {
  readonly child: ChildProcess;
  /** No more restarts; stops the process and waits for it. */
  stop(): Promise<void>;
}

const MINUTE_MS = 60_000;

export function supervise(name: string, start: () => ChildProcess, options: SupervisorOptions): Supervised {
  const { log, onGiveUp, maxRestartsPerMinute = 5, firstDelayMs = 1000, maxDelayMs = 16_000 } = options;
  const restarts: number[] = [];
  let stopped = false;
  let pending: NodeJS.Timeout | undefined;
  let child: ChildProcess;

  const run = () => {
    child = start();
    child.once('exit', (code, signal) => {
      if (stopped) return;
      const now = Date.now();
      while (restarts.length > 0 && (restarts[0] ?? 0) <= now - MINUTE_MS) restarts.shift();
      if (restarts.length >= maxRestartsPerMinute) {
        log(
          `${name} exited (${signal ?? code}) after ${restarts.length} restarts within a minute; giving up`,
        );
        onGiveUp();
        return;
      }
      const delay = Math.min(firstDelayMs * 2 ** restarts.length, maxDelayMs);
      restarts.push(now);
      log(
        `${name} exited (${signal ?? code}); restarting it in ${delay / 1000} s (restart ${restarts.length} of at most ${maxRestartsPerMinute} a minute)`,
      );
      pending = setTimeout(() => {
        if (!stopped) run();
      }, delay);
    });
  };
  run();

  return {
    get child() {
      return child;
    },
    stop() {
      stopped = true;
      clearTimeout(pending);
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
