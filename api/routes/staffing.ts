import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import { findFacilitator } from '../../db/queries/facilitators.ts';
import { listProviderPayouts } from '../../db/queries/payouts.ts';
import { findInvitation, findSlots, listInvitations } from '../../db/queries/session-staffing.ts';
import { LINK_PATHS } from '../../links/link-paths.ts';
import { signLink } from '../../links/link-tokens.ts';
import {
  changeFacilitatorStatusUpdate,
  inviteFacilitatorUpdate,
  withdrawFromSessionUpdate,
} from '../../workflows/messages/session.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { presentInvitationRecord } from '../missions/present-invitation.ts';
import { presentPayouts } from '../missions/present-payouts.ts';
import { idFromKey } from '../missions/send-command.ts';
import {
  invitedFacilitator,
  loadSessionForCommand,
  presentStaffing,
  sendSessionUpdate,
} from '../missions/send-session-command.ts';
import { SHARE_LINK_VALIDITY_MS, shareSubject } from '../missions/share-links.ts';
import { loadVisibleMission } from '../missions/visibility.ts';
import { emptyBodyAsObject } from '../optional-body.ts';
import { requireRole } from '../plugins/authentication.ts';
import { ProblemError } from '../problems.ts';
import { OptionalIdempotencyHeadersSchema } from '../schemas/mission.ts';
import { problemResponses } from '../schemas/problem.ts';
import {
  ChangeStatusBodySchema,
  FacilitatorStatusParamsSchema,
  InvitationParamsSchema,
  InviteBodySchema,
  ShareLinkBodySchema,
  ShareLinkSchema,
  StaffingParamsSchema,
} from '../schemas/staffing.ts';
import type { TypedApp } from '../typed-app.ts';

const StaffingRef = Type.Ref('Staffing');
const commandProblems = problemResponses(401, 403, 404, 409, 422, 503, 504);

/** Who facilitates a session: invitations, slots, statuses. Commands go to the session's workflow. */
export function staffingRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.get(
      '/missions/:missionId/sessions/:sessionId/staffing',
      {
        schema: {
          tags: ['facilitators'],
          summary: "A session's slots (filled / open) and its invitations",
          params: StaffingParamsSchema,
          response: { 200: StaffingRef, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        const mission = await loadVisibleMission(deps, actor, missionId);
        const session = mission.sessions.find((candidate) => candidate.sessionId === sessionId);
        if (!session)
          throw new ProblemError(404, 'SESSION_NOT_FOUND', `This mission has no session ${sessionId}.`);
        const slots = (await findSlots(deps.pool, sessionId)) ?? {
          total: 1 + session.otherFacilitators,
          taken: 0,
        };
        const invitations = await listInvitations(deps.pool, sessionId);
        const payouts = presentPayouts(mission, await listProviderPayouts(deps.pool, missionId)).items;
        return {
          sessionId,
          slots: { ...slots, open: Math.max(0, slots.total - slots.taken) },
          // The manager's note is for the coordinator: only the staffing shows it, not the facilitator's link.
          invitations: invitations.map((invitation) => ({
            ...presentInvitationRecord(invitation),
            ...(invitation.approvalNote ? { approvalNote: invitation.approvalNote } : {}),
          })),
          payouts: payouts
            .filter((item) => item.sessionId === sessionId)
            .map((item) => ({
              facilitatorId: item.facilitator.id,
              status: item.status,
              holdReasons: item.holdReasons,
            })),
        } as never;
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/invitations',
      {
        schema: {
          tags: ['facilitators'],
          summary: 'Invite a facilitator by e-mail to a session',
          description:
            'Refused for a facilitator not compliant on the session day (FACILITATOR_NOT_COMPLIANT), a full session (NO_OPEN_SLOT), one already on it, a started session, or a volunteer outside education.',
          params: StaffingParamsSchema,
          headers: OptionalIdempotencyHeadersSchema,
          body: InviteBodySchema,
          response: { 201: StaffingRef, ...commandProblems },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        const record = await findFacilitator(deps.pool, request.body.facilitatorId);
        if (!record)
          throw new ProblemError(
            422,
            'UNKNOWN_FACILITATOR',
            `No facilitator ${request.body.facilitatorId} in the directory.`,
          );
        const key = request.headers['idempotency-key'];
        const invitationId = key ? idFromKey(sessionId, actor.subject, key) : randomUUID();
        const view = await sendSessionUpdate(
          deps,
          sessionId,
          inviteFacilitatorUpdate,
          {
            actor,
            invitationId,
            facilitatorStatus: request.body.facilitatorStatus ?? 'paid',
            facilitator: invitedFacilitator(record),
          },
          key && `invite:${actor.subject}:${key}`,
        );
        return reply
          .code(201)
          .header('location', `/missions/${missionId}/sessions/${sessionId}/staffing#${invitationId}`)
          .send(presentStaffing(view) as never);
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/share-links',
      {
        schema: {
          tags: ['facilitators'],
          summary: 'Create a shareable invitation link for a session',
          description:
            'Whoever opens it enters their e-mail; a facilitator of the directory then receives a personal, single-use invitation. Valid 7 days.',
          params: StaffingParamsSchema,
          body: ShareLinkBodySchema,
          response: { 201: ShareLinkSchema, ...commandProblems },
        },
        preValidation: emptyBodyAsObject,
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        const { session } = await loadSessionForCommand(deps, actor, missionId, sessionId);
        const expiresAt = new Date(
          Math.min(
            (deps.now?.() ?? new Date()).getTime() + SHARE_LINK_VALIDITY_MS,
            Date.parse(session.startsAt),
          ),
        ).toISOString();
        const token = await signLink(deps.linkSecrets, {
          purpose: 'sessionShare',
          subjectId: shareSubject(actor, request.body.facilitatorStatus ?? 'paid'),
          sessionId,
          expiresAt,
        });
        return reply
          .code(201)
          .send({ url: `${deps.publicBaseUrl}/links/${LINK_PATHS.sessionShare}/${token}`, expiresAt });
      },
    );

    app.put(
      '/missions/:missionId/sessions/:sessionId/facilitators/:facilitatorId/status',
      {
        schema: {
          tags: ['facilitators'],
          summary: "Change a facilitator's status on the session (paid, internal, volunteer)",
          params: FacilitatorStatusParamsSchema,
          body: ChangeStatusBodySchema,
          response: { 200: StaffingRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId, facilitatorId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        const view = await sendSessionUpdate(deps, sessionId, changeFacilitatorStatusUpdate, {
          actor,
          facilitatorId,
          status: request.body.status,
        });
        return presentStaffing(view) as never;
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/invitations/:invitationId/withdraw',
      {
        schema: {
          tags: ['facilitators'],
          summary: 'Withdraw from a session (the facilitator themself, or the coordinator), before it starts',
          params: InvitationParamsSchema,
          response: { 200: StaffingRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator', 'facilitator');
        const { missionId, sessionId, invitationId } = request.params;
        const invitation = await findInvitation(deps.pool, invitationId);
        const mismatch =
          !invitation || invitation.sessionId !== sessionId || invitation.missionId !== missionId;
        if (actor.role === 'facilitator') {
          if (mismatch || invitation.facilitatorId !== actor.subject) {
            throw new ProblemError(404, 'INVITATION_NOT_FOUND', 'This invitation does not exist.');
          }
        } else {
          await loadSessionForCommand(deps, actor, missionId, sessionId);
          if (mismatch)
            throw new ProblemError(404, 'INVITATION_NOT_FOUND', 'This invitation does not exist.');
        }
        const view = await sendSessionUpdate(deps, sessionId, withdrawFromSessionUpdate, { invitationId });
        const staffing = presentStaffing(view);
        // A facilitator sees their own invitation, not who else facilitates the session.
        return (
          actor.role === 'facilitator'
            ? { ...staffing, invitations: staffing.invitations.filter((shown) => shown.id === invitationId) }
            : staffing
        ) as never;
      },
    );
  };
}
