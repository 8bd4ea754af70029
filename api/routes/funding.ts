import { Type } from 'typebox';
import { findSessionFunding } from '../../db/queries/session-staffing.ts';
import type { FundingState } from '../../workflows/messages/funding.ts';
import {
  keepAfterRefusalUpdate,
  sendProposalUpdate,
  setFundingUpdate,
} from '../../workflows/messages/session.ts';
import { type ApiDependencies, documentCommandDeadline } from '../dependencies.ts';
import { decideFunding } from '../missions/decide-funding.ts';
import { presentFunding } from '../missions/present-funding.ts';
import { loadSessionForCommand, sendSessionUpdate } from '../missions/send-session-command.ts';
import { loadVisibleMission } from '../missions/visibility.ts';
import { requireRole } from '../plugins/authentication.ts';
import { ProblemError } from '../problems.ts';
import { FundingDecisionSchema, FundingRequestSchema } from '../schemas/funding.ts';
import { problemResponses } from '../schemas/problem.ts';
import { StaffingParamsSchema } from '../schemas/staffing.ts';
import type { TypedApp } from '../typed-app.ts';

const FundingRef = Type.Ref('Funding');
const commandProblems = problemResponses(401, 403, 404, 409, 422, 503, 504);

/** Who pays for a training: the request, the proposal documents, the funder's decision. */
export function fundingRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    const current = async (sessionId: string) =>
      presentFunding(
        sessionId,
        (await findSessionFunding(deps.pool, sessionId)) as Partial<FundingState> | null,
      );

    app.get(
      '/missions/:missionId/sessions/:sessionId/funding',
      {
        schema: {
          tags: ['funding'],
          summary: "A training's funding: status, proposal, decision, what the client is billed",
          params: StaffingParamsSchema,
          response: { 200: FundingRef, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const mission = await loadVisibleMission(deps, actor, request.params.missionId);
        if (!mission.sessions.some((session) => session.sessionId === request.params.sessionId)) {
          throw new ProblemError(
            404,
            'SESSION_NOT_FOUND',
            `This mission has no session ${request.params.sessionId}.`,
          );
        }
        return (await current(request.params.sessionId)) as never;
      },
    );

    app.put(
      '/missions/:missionId/sessions/:sessionId/funding',
      {
        schema: {
          tags: ['funding'],
          summary: 'Say who funds a training and give the client details its funder needs',
          params: StaffingParamsSchema,
          body: FundingRequestSchema,
          response: { 200: FundingRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        const view = await sendSessionUpdate(deps, sessionId, setFundingUpdate, {
          actor,
          request: request.body as never,
        });
        return presentFunding(sessionId, view.funding) as never;
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/funding/proposal',
      {
        schema: {
          tags: ['funding'],
          summary:
            "Send the proposal the buyer's contract calls for (quote, agreement or contrat de formation, programme; versioned when sent again)",
          params: StaffingParamsSchema,
          response: { 200: FundingRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        const view = await sendSessionUpdate(
          deps,
          sessionId,
          sendProposalUpdate,
          { actor },
          undefined,
          documentCommandDeadline(deps),
        );
        return presentFunding(sessionId, view.funding) as never;
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/funding/decision',
      {
        schema: {
          tags: ['funding'],
          summary: "Record the funder's decision: full, partial (amount) or refused (staff)",
          params: StaffingParamsSchema,
          body: FundingDecisionSchema,
          response: { 202: Type.Object({ message: Type.String() }), ...commandProblems },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        await decideFunding(deps, sessionId, actor.subject, request.body as never);
        return reply.code(202).send({ message: 'Decision recorded; the session and its billing follow.' });
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/funding/keep',
      {
        schema: {
          tags: ['funding'],
          summary: 'After a refusal: keep the training, the client paying',
          params: StaffingParamsSchema,
          response: { 200: FundingRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        const view = await sendSessionUpdate(deps, sessionId, keepAfterRefusalUpdate, { actor });
        return presentFunding(sessionId, view.funding) as never;
      },
    );
  };
}
