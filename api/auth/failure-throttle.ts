/**
 * Failed bearer tokens per client address (issue #14, finding 7): past the budget, the address
 * gets 429 for the rest of the window, valid token or not, so guessing costs time. Windows are
 * fixed and kept in memory: one API process, and nothing to keep across restarts.
 */
export interface FailureThrottle {
  /** Seconds until the address may try again, or 0 when it may now. */
  retryAfterSeconds(address: string, now?: number): number;
  recordFailure(address: string, now?: number): void;
}

const WINDOW_MS = 60_000;
/** Beyond this many addresses at once the oldest windows are dropped: memory stays bounded. */
const MAX_TRACKED_ADDRESSES = 10_000;

export function failureThrottle(maxFailuresPerMinute: number): FailureThrottle {
  const windows = new Map<string, { failures: number; endsAt: number }>();
  const current = (address: string, now: number) => {
    const window = windows.get(address);
    if (window && window.endsAt > now) return window;
    windows.delete(address);
    return undefined;
  };
  return {
    retryAfterSeconds(address, now = Date.now()) {
      const window = current(address, now);
      return window && window.failures >= maxFailuresPerMinute ? Math.ceil((window.endsAt - now) / 1000) : 0;
    },
    recordFailure(address, now = Date.now()) {
      const window = current(address, now);
      if (window) {
        window.failures += 1;
        return;
      }
      if (windows.size >= MAX_TRACKED_ADDRESSES) {
        const oldest = windows.keys().next().value;
        if (oldest !== undefined) windows.delete(oldest);
      }
      windows.set(address, { failures: 1, endsAt: now + WINDOW_MS });
    },
  };
}
