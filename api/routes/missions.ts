import { Type } from 'typebox';
import { findMission } from '../../db/queries/missions.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { createMission } from '../missions/create-mission.ts';
import { presentMission } from '../missions/present.ts';
import { requireRole } from '../plugins/authentication.ts';
import { notFound, ProblemError } from '../problems.ts';
import {
  CreateMissionBodySchema,
  IdempotencyHeadersSchema,
  MissionIdParamsSchema,
} from '../schemas/mission.ts';
import { problemResponses } from '../schemas/problem.ts';
import { problemFromTemporal } from '../temporal-errors.ts';
import type { TypedApp } from '../typed-app.ts';

const MissionRef = Type.Ref('Mission');

export function missionRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.post(
      '/missions',
      {
        schema: {
          tags: ['missions'],
          summary: 'Create a mission from a won order',
          description:
            'Starts the mission workflow and answers once its read model is written. Idempotent on the Idempotency-Key header.',
          headers: IdempotencyHeadersSchema,
          body: CreateMissionBodySchema,
          response: { 201: MissionRef, 200: MissionRef, ...problemResponses(401, 403, 409, 422, 503, 504) },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        let result: Awaited<ReturnType<typeof createMission>>;
        try {
          result = await createMission(deps, actor, request.body, request.headers['idempotency-key']);
        } catch (error) {
          throw problemFromTemporal(error) ?? error;
        }
        const record = await findMission(deps.pool, result.missionId);
        if (!record)
          throw new ProblemError(
            503,
            'READ_MODEL_LAGGING',
            'The mission was created but cannot be read yet; retry the same request.',
          );
        return reply
          .code(result.created ? 201 : 200)
          .header('location', `/missions/${result.missionId}`)
          .send(presentMission(record));
      },
    );

    app.get(
      '/missions/:missionId',
      {
        schema: {
          tags: ['missions'],
          summary: 'Read a mission',
          params: MissionIdParamsSchema,
          response: { 200: MissionRef, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const record = await findMission(deps.pool, request.params.missionId);
        // Another coordinator's mission is answered exactly like a missing one: ids do not leak.
        if (!record || (actor.role === 'coordinator' && record.coordinatorId !== actor.subject)) {
          throw notFound('mission', request.params.missionId, 'MISSION_NOT_FOUND');
        }
        return presentMission(record);
      },
    );
  };
}
