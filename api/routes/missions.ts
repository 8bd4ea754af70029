import { Type } from 'typebox';
import { listMissions, listSessions } from '../../db/queries/missions.ts';
import {
  amendOrderUpdate,
  cancelMissionUpdate,
  cancelSessionUpdate,
  moveSessionUpdate,
  planSessionUpdate,
} from '../../workflows/messages/mission.ts';
import { BUSINESS_TIME_ZONE } from '../../workflows/rules/calendar.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { createMission } from '../missions/create-mission.ts';
import { decodeCursor, encodeCursor } from '../missions/cursor.ts';
import { presentMission, presentMissionSummary, presentSession } from '../missions/present.ts';
import { idFromKey, sendMissionCommand } from '../missions/send-command.ts';
import { checkOrderLineOffers, plannedOffer, resolveOffer } from '../missions/session-offer.ts';
import { loadVisibleMission, loadVisibleSession, missionReader } from '../missions/visibility.ts';
import { requireRole } from '../plugins/authentication.ts';
import {
  AmendOrderBodySchema,
  CreateMissionBodySchema,
  IdempotencyHeadersSchema,
  MissionIdParamsSchema,
  MissionListQuerySchema,
  MissionPageSchema,
  MoveSessionBodySchema,
  OptionalIdempotencyHeadersSchema,
  PlanSessionBodySchema,
  ReasonBodySchema,
  SessionParamsSchema,
} from '../schemas/mission.ts';
import { problemResponses } from '../schemas/problem.ts';
import { problemFromTemporal } from '../temporal-errors.ts';
import type { TypedApp } from '../typed-app.ts';

const MissionRef = Type.Ref('Mission');
const commandProblems = problemResponses(401, 403, 404, 409, 422, 503, 504);

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
        const record = await loadVisibleMission(deps, actor, result.missionId);
        return reply
          .code(result.created ? 201 : 200)
          .header('location', `/missions/${result.missionId}`)
          .send(presentMission(record));
      },
    );

    app.get(
      '/missions',
      {
        schema: {
          tags: ['missions'],
          summary: 'List missions, newest first',
          description:
            'Coordinators see their own missions only. Filters combine; pages follow `nextCursor`.',
          querystring: MissionListQuerySchema,
          response: { 200: MissionPageSchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { status, client, cursor } = request.query;
        const limit = request.query.limit ?? 20;
        const coordinatorId = actor.role === 'coordinator' ? actor.subject : request.query.coordinatorId;
        if (
          actor.role === 'coordinator' &&
          request.query.coordinatorId &&
          request.query.coordinatorId !== actor.subject
        ) {
          return { items: [], nextCursor: null };
        }
        const after = cursor === undefined ? undefined : decodeCursor(cursor);
        const rows = await listMissions(missionReader(deps), {
          status,
          coordinatorId,
          clientName: client,
          after,
          limit: limit + 1,
        });
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map(presentMissionSummary),
          nextCursor:
            rows.length > limit && last
              ? encodeCursor({ createdAt: last.createdAt, missionId: last.missionId })
              : null,
        };
      },
    );

    app.get(
      '/missions/:missionId',
      {
        schema: {
          tags: ['missions'],
          summary: 'Read a mission: order, counters, sessions, next deadline',
          params: MissionIdParamsSchema,
          response: { 200: MissionRef, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        return presentMission(await loadVisibleMission(deps, actor, request.params.missionId));
      },
    );

    app.get(
      '/missions/:missionId/sessions',
      {
        schema: {
          tags: ['sessions'],
          summary: "List a mission's sessions, earliest first",
          params: MissionIdParamsSchema,
          response: { 200: Type.Array(Type.Ref('Session')), ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        await loadVisibleMission(deps, actor, request.params.missionId);
        return (await listSessions(deps.pool, request.params.missionId)).map(presentSession);
      },
    );

    app.post(
      '/missions/:missionId/sessions',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Plan a session against the order',
          description:
            'Refused when it would exceed the ordered quantity (ORDER_QUANTITY_EXCEEDED), starts in the past, or ends after the mission.',
          params: MissionIdParamsSchema,
          headers: OptionalIdempotencyHeadersSchema,
          body: PlanSessionBodySchema,
          response: { 201: MissionRef, ...commandProblems },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId } = request.params;
        const key = request.headers['idempotency-key'];
        const sessionId = key ? idFromKey(missionId, actor.subject, key) : crypto.randomUUID();
        const { language = 'fr', timeZone = BUSINESS_TIME_ZONE, offerId, ...plan } = request.body;
        const mission = await loadVisibleMission(deps, actor, missionId);
        const offer = await plannedOffer(deps.pool, plan.kind, offerId, mission.orderLines);
        const record = await sendMissionCommand(
          deps,
          actor,
          missionId,
          planSessionUpdate,
          { actor, sessionId, plan: { ...plan, language, timeZone, ...(offer ? { offer } : {}) } },
          key,
        );
        return reply
          .code(201)
          .header('location', `/missions/${missionId}/sessions/${sessionId}`)
          .send(presentMission(record));
      },
    );

    app.patch(
      '/missions/:missionId/sessions/:sessionId',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Move a session (until it starts)',
          params: SessionParamsSchema,
          headers: OptionalIdempotencyHeadersSchema,
          body: MoveSessionBodySchema,
          response: { 200: MissionRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        const { offerId, ...times } = request.body;
        const offer =
          offerId &&
          (await resolveOffer(
            deps.pool,
            offerId,
            (
              await loadVisibleSession(deps, actor, missionId, sessionId)
            ).session.kind,
            'body/offerId',
          ));
        const record = await sendMissionCommand(
          deps,
          actor,
          missionId,
          moveSessionUpdate,
          { actor, sessionId, ...times, ...(offer ? { offer } : {}) },
          request.headers['idempotency-key'],
        );
        return presentMission(record);
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/cancel',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Cancel a session (until it starts)',
          params: SessionParamsSchema,
          headers: OptionalIdempotencyHeadersSchema,
          body: ReasonBodySchema,
          response: { 200: MissionRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        const record = await sendMissionCommand(
          deps,
          actor,
          missionId,
          cancelSessionUpdate,
          { actor, sessionId, reason: request.body.reason },
          request.headers['idempotency-key'],
        );
        return presentMission(record);
      },
    );

    app.put(
      '/missions/:missionId/order',
      {
        schema: {
          tags: ['missions'],
          summary: 'Amend the order (staff only)',
          params: MissionIdParamsSchema,
          headers: OptionalIdempotencyHeadersSchema,
          body: AmendOrderBodySchema,
          response: { 200: MissionRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const mission = await loadVisibleMission(deps, actor, request.params.missionId);
        await checkOrderLineOffers(deps.pool, request.body.orderLines, mission.orderLines);
        const record = await sendMissionCommand(
          deps,
          actor,
          request.params.missionId,
          amendOrderUpdate,
          { actor, orderLines: request.body.orderLines },
          request.headers['idempotency-key'],
        );
        return presentMission(record);
      },
    );

    app.post(
      '/missions/:missionId/cancel',
      {
        schema: {
          tags: ['missions'],
          summary: 'Cancel the mission (staff only)',
          description:
            'Cancels every session not yet started; the mission then accepts no command (MISSION_CANCELLED).',
          params: MissionIdParamsSchema,
          headers: OptionalIdempotencyHeadersSchema,
          body: ReasonBodySchema,
          response: { 200: MissionRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const record = await sendMissionCommand(
          deps,
          actor,
          request.params.missionId,
          cancelMissionUpdate,
          { actor, reason: request.body.reason },
          request.headers['idempotency-key'],
        );
        return presentMission(record);
      },
    );
  };
}
