import { msToNumber } from '@temporalio/common/lib/time.js';
import type { Duration } from '../policy.ts';

/**
 * A policy duration ('7 days', '90 minutes') in milliseconds, read by the SDK's own parser: the
 * deadlines the rules compute mean what the same string means to `sleep()` and to a timeout.
 */
export function msOf(duration: Duration): number {
  return msToNumber(duration);
}

export const minutesOf = (duration: Duration): number => msOf(duration) / 60_000;
