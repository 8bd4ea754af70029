/** Activities being retried after repeated failures, for staff. */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';

const stuckRow = z.object({
  workflowId: z.string(),
  activityId: z.string(),
  activityType: z.string(),
  missionId: z.string().nullable(),
  attempt: z.number().int(),
  errorType: z.string().nullable(),
  errorMessage: z.string(),
  firstFailedAt: z.string(),
  lastFailedAt: z.string(),
});
export type StuckActivity = z.infer<typeof stuckRow>;

export async function recordStuckActivity(
  db: CommonQueryMethods,
  stuck: Omit<StuckActivity, 'firstFailedAt' | 'lastFailedAt'>,
): Promise<void> {
  await db.query(sql.unsafe`
    insert into stuck_activities (workflow_id, activity_id, activity_type, mission_id, attempt, error_type, error_message)
    values (${stuck.workflowId}, ${stuck.activityId}, ${stuck.activityType}, ${stuck.missionId}, ${stuck.attempt},
            ${stuck.errorType}, ${stuck.errorMessage})
    on conflict (workflow_id, activity_id) do update set
      attempt = greatest(stuck_activities.attempt, excluded.attempt), error_type = excluded.error_type,
      error_message = excluded.error_message, last_failed_at = now()`);
}

export async function clearStuckActivity(
  db: CommonQueryMethods,
  workflowId: string,
  activityId: string,
): Promise<void> {
  await db.query(sql.unsafe`
    delete from stuck_activities where workflow_id = ${workflowId} and activity_id = ${activityId}`);
}

export async function listStuckActivities(
  db: CommonQueryMethods,
  limit: number,
): Promise<readonly StuckActivity[]> {
  return db.any(sql.type(stuckRow)`
    select workflow_id as "workflowId", activity_id as "activityId", activity_type as "activityType",
      mission_id::text as "missionId", attempt, error_type as "errorType", error_message as "errorMessage",
      first_failed_at as "firstFailedAt", last_failed_at as "lastFailedAt"
    from stuck_activities order by last_failed_at desc limit ${limit}`);
}
