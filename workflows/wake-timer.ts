import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

/**
 * One timer toward the next instant the workflow's loop must wake at, kept across passes while
 * that instant stands: a command that does not move it costs no timer cancelled and started again
 * (two history events and server work on every pass otherwise).
 */
export class WakeTimer {
  private current: { at: number; scope: CancellationScope } | null = null;
  private fired = false;
  private readonly summary: string;

  constructor(summary: string) {
    this.summary = summary;
  }

  /** Aims at `at` (epoch milliseconds), or at nothing; a timer already aimed there is kept. */
  aim(at: number | null): void {
    if (this.current !== null && this.current.at === at) return;
    this.current?.scope.cancel();
    this.current = null;
    this.fired = false;
    if (at === null) return;
    const timer = { at, scope: new CancellationScope() };
    this.current = timer;
    timer.scope
      .run(() => sleep(Math.max(1, at - Date.now()), { summary: this.summary }))
      .then(() => {
        if (this.current !== timer) return;
        this.current = null;
        this.fired = true;
      })
      .catch((error: unknown) => {
        if (!isCancellation(error)) throw error;
      });
  }

  /** Whether the instant it was aimed at has come; false again once aimed anew. */
  get due(): boolean {
    return this.fired;
  }
}
