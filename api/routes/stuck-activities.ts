import { Type } from 'typebox';
import { listStuckActivities } from '../../db/queries/stuck-activities.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { requireRole } from '../plugins/authentication.ts';
import { problemResponses } from '../schemas/problem.ts';
import type { TypedApp } from '../typed-app.ts';

const StuckActivitySchema = Type.Object({
  workflowId: Type.String({ description: 'Open it in the Temporal Web UI' }),
  activityId: Type.String(),
  activityType: Type.String(),
  missionId: Type.Union([Type.Null(), Type.String()]),
  attempt: Type.Integer(),
  errorType: Type.Union([Type.Null(), Type.String()]),
  errorMessage: Type.String(),
  firstFailedAt: Type.String({ format: 'date-time' }),
  lastFailedAt: Type.String({ format: 'date-time' }),
});

/** What is stuck: activities still being retried after repeated failures, newest failure first. */
export function stuckActivityRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.get(
      '/stuck-activities',
      {
        schema: {
          tags: ['staff'],
          summary: 'Activities retrying after repeated failures (staff only)',
          description:
            'Listed from the third failed attempt until the activity succeeds: a mission waiting on an outage, a missing payout rate, a refused e-mail provider.',
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
          response: { 200: Type.Array(StuckActivitySchema), ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => {
        requireRole(request, 'staff');
        return listStuckActivities(deps.pool, request.query.limit ?? 100) as never;
      },
    );
  };
}
