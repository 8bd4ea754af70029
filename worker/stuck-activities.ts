import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { DatabasePool } from '../db/pool.ts';
import { clearStuckActivity, recordStuckActivity } from '../db/queries/stuck-activities.ts';

/** From this attempt on, a failing activity is listed for staff. */
export const STUCK_AFTER_ATTEMPTS = 3;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The mission an activity works for, when its argument names one (projections, e-mails, payouts). */
function missionIdOf(args: unknown[]): string | null {
  const [first] = args as [Record<string, unknown> | undefined];
  const candidates = [
    first?.missionId,
    (first?.mission as Record<string, unknown> | undefined)?.missionId,
    (first?.data as Record<string, unknown> | undefined)?.missionId,
  ];
  const found = candidates.find((value) => typeof value === 'string' && UUID.test(value));
  return typeof found === 'string' ? found : null;
}

/**
 * Activities retry without limit (an outage delays a mission, it never fails it), which would
 * make a stuck step invisible. After a few failed attempts the activity is listed in
 * `stuck_activities` (GET /stuck-activities), and removed once it succeeds. Listing is best
 * effort: when the database itself is what fails, the Web UI's pending activities still show it.
 */
export function stuckActivityRecorder(pool: DatabasePool): ActivityInterceptorsFactory {
  return (context) => ({
    inbound: {
      async execute(input, next) {
        const { info } = context;
        const workflowId = info.workflowExecution?.workflowId ?? '';
        try {
          const result = await next(input);
          if (info.attempt > STUCK_AFTER_ATTEMPTS)
            await clearStuckActivity(pool, workflowId, info.activityId).catch(() => undefined);
          return result;
        } catch (error) {
          const final = error instanceof ApplicationFailure && error.nonRetryable;
          if (info.attempt >= STUCK_AFTER_ATTEMPTS && !final) {
            await recordStuckActivity(pool, {
              workflowId,
              activityId: info.activityId,
              activityType: info.activityType,
              missionId: missionIdOf(input.args),
              attempt: info.attempt,
              errorType:
                error instanceof ApplicationFailure ? (error.type ?? null) : ((error as Error)?.name ?? null),
              errorMessage: String((error as Error)?.message ?? error).slice(0, 500),
            }).catch((recordError: unknown) =>
              context.log.warn('could not list a stuck activity', { error: String(recordError) }),
            );
          }
          throw error;
        }
      },
    },
  });
}
