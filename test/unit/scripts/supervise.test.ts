import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { supervise } from '../../../scripts/supervise.ts';

const node = (code: string) => () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
const alive = (pid: number | undefined) => {
  try {
    process.kill(pid ?? 0, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the dev stack supervisor', () => {
  it('restarts a process that crashed, says so, and the new one keeps running', async () => {
    const lines: string[] = [];
    const worker = supervise('worker', node('setInterval(() => {}, 1000)'), {
      log: (line) => lines.push(line),
      onGiveUp: () => lines.push('gave up'),
      firstDelayMs: 10,
    });
    const first = worker.child.pid;
    await new Promise((resolve) => worker.child.once('spawn', resolve));
    worker.child.kill('SIGKILL');
    await expect.poll(() => worker.child.pid !== first && alive(worker.child.pid)).toBe(true);
    expect(lines).toEqual([
      'worker exited (SIGKILL); restarting it in 0.01 s (restart 1 of at most 5 a minute)',
    ]);
    await worker.stop();
    expect(alive(worker.child.pid)).toBe(false);
    expect(lines).toHaveLength(1);
  });

  it('backs off and gives up on a process that keeps crashing', async () => {
    const lines: string[] = [];
    let gaveUp = false;
    let starts = 0;
    supervise(
      'worker',
      () => {
        starts += 1;
        return node('process.exit(3)')();
      },
      {
        log: (line) => lines.push(line),
        onGiveUp: () => (gaveUp = true),
        maxRestartsPerMinute: 3,
        firstDelayMs: 10,
      },
    );
    await expect.poll(() => gaveUp).toBe(true);
    expect(starts).toBe(4);
    expect(lines).toEqual([
      'worker exited (3); restarting it in 0.01 s (restart 1 of at most 3 a minute)',
      'worker exited (3); restarting it in 0.02 s (restart 2 of at most 3 a minute)',
      'worker exited (3); restarting it in 0.04 s (restart 3 of at most 3 a minute)',
      'worker exited (3) after 3 restarts within a minute; giving up',
    ]);
  });
});
