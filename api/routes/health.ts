import { sql } from 'slonik';
import { Type } from 'typebox';
import type { ApiDependencies } from '../dependencies.ts';
import { sendProblem } from '../plugins/problem-details.ts';
import { problemResponses } from '../schemas/problem.ts';
import type { TypedApp } from '../typed-app.ts';

const HealthSchema = Type.Object({
  status: Type.String(),
  checks: Type.Optional(Type.Record(Type.String(), Type.String())),
});

async function check(probe: () => Promise<unknown>, timeoutMs: number): Promise<string> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return 'up';
  } catch (error) {
    return `down: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** Liveness says the process answers; readiness says it can reach Postgres and Temporal. */
export function healthRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.get(
      '/health/live',
      {
        schema: {
          tags: ['health'],
          summary: 'Liveness: the process answers',
          security: [],
          response: { 200: HealthSchema },
        },
      },
      async () => ({ status: 'live' }),
    );

    app.get(
      '/health/ready',
      {
        schema: {
          tags: ['health'],
          summary: 'Readiness: Postgres and Temporal are reachable',
          security: [],
          response: { 200: HealthSchema, ...problemResponses(503) },
        },
      },
      async (request, reply) => {
        const [postgres, temporal] = await Promise.all([
          check(() => deps.pool.query(sql.unsafe`select 1`), 2000),
          check(() => deps.temporal.client.connection.workflowService.getSystemInfo({}), 2000),
        ]);
        const checks = { postgres, temporal };
        if (postgres === 'up' && temporal === 'up') return { status: 'ready', checks };
        return sendProblem(reply, {
          type: 'urn:mission-orchestration:problem:not-ready',
          title: 'Service unavailable',
          status: 503,
          code: 'NOT_READY',
          detail: 'A dependency is unreachable.',
          instance: request.url,
          checks,
        });
      },
    );
  };
}
