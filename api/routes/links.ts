import { WorkflowNotFoundError } from '@temporalio/client';
import { savePositioningTest, saveSurveyAnswer } from '../../db/queries/answers.ts';
import { findFacilitatorByEmail } from '../../db/queries/facilitators.ts';
import { findMission, findSessionOwner } from '../../db/queries/missions.ts';
import { findInvitation, markLinkTokenUsed } from '../../db/queries/session-staffing.ts';
import { type LinkClaims, type LinkPurpose, verifyLink } from '../../links/link-tokens.ts';
import { approvalWorkflowId, decideApprovalUpdate } from '../../workflows/messages/approval.ts';
import { registerParticipantsUpdate, surveyAnsweredSignal } from '../../workflows/messages/participants.ts';
import { sessionWorkflowId } from '../../workflows/messages/session.ts';
import { inviteFacilitatorUpdate, respondToInvitationUpdate } from '../../workflows/messages/staffing.ts';
import { normaliseEmail } from '../../workflows/rules/registration.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { claimsOfLink } from '../links/link-claims.ts';
import { limitLinkRate } from '../links/link-rate-limit.ts';
import { decideFunding } from '../missions/decide-funding.ts';
import { presentInvitationRecord } from '../missions/present-invitation.ts';
import { idFromKey } from '../missions/send-command.ts';
import { invitedFacilitator, sendSessionUpdate } from '../missions/send-session-command.ts';
import { readRegistrationSubject, readShareSubject, readSurveySubject } from '../missions/share-links.ts';
import { ProblemError } from '../problems.ts';
import { FundingDecisionSchema } from '../schemas/funding.ts';
import { NewParticipantSchema, PositioningBodySchema, SurveyBodySchema } from '../schemas/participants.ts';
import { problemResponses } from '../schemas/problem.ts';
import {
  AcceptBodySchema,
  AcknowledgementSchema,
  ApprovalDecisionSchema,
  InvitationLinkSchema,
  ShareRequestBodySchema,
  TokenParamsSchema,
} from '../schemas/staffing.ts';
import { problemFromTemporal } from '../temporal-errors.ts';
import type { TypedApp } from '../typed-app.ts';

const linkProblems = problemResponses(401, 404, 409, 410, 422, 429, 503, 504);

/**
 * What people who only see e-mails can do, with the signed link as their only credential:
 * no login, and nothing in the answer about anyone else. A link works once.
 */
export function linkRoutes(deps: ApiDependencies) {
  const claimsOf = (token: string, purpose: LinkPurpose): Promise<LinkClaims> =>
    claimsOfLink(deps, token, purpose);

  /** The session a link names, with its mission's owner, from the read model. */
  async function sessionOf(sessionId: string): Promise<{ missionId: string; coordinatorId: string }> {
    const found = await findSessionOwner(deps.pool, sessionId);
    if (!found) throw new ProblemError(404, 'SESSION_NOT_FOUND', 'This session does not exist.');
    return found;
  }

  async function describeInvitation(claims: LinkClaims) {
    const invitation = await findInvitation(deps.pool, claims.subjectId);
    const mission = invitation && (await findMission(deps.pool, invitation.missionId));
    const session = mission?.sessions.find((candidate) => candidate.sessionId === claims.sessionId);
    if (!invitation || !mission || !session)
      throw new ProblemError(404, 'INVITATION_NOT_FOUND', 'This invitation does not exist.');
    return {
      invitation: presentInvitationRecord(invitation),
      session: {
        title: session.title,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        clientName: mission.clientName,
      },
    };
  }

  return async (app: TypedApp) => {
    await limitLinkRate(app, deps);
    app.get(
      '/links/invitations/:token',
      {
        schema: {
          tags: ['links'],
          summary: 'What an invitation link is about',
          security: [],
          params: TokenParamsSchema,
          response: { 200: InvitationLinkSchema, ...linkProblems },
        },
      },
      async (request) => describeInvitation(await claimsOf(request.params.token, 'invitation')) as never,
    );

    for (const response of ['accept', 'decline'] as const) {
      app.post(
        `/links/invitations/:token/${response}`,
        {
          schema: {
            tags: ['links'],
            summary:
              response === 'accept'
                ? 'Accept an invitation to facilitate'
                : 'Decline an invitation to facilitate',
            security: [],
            params: TokenParamsSchema,
            ...(response === 'accept' ? { body: AcceptBodySchema } : {}),
            response: { 200: InvitationLinkSchema, ...linkProblems },
          },
        },
        async (request) => {
          const claims = await claimsOf(request.params.token, 'invitation');
          const body = (request.body ?? {}) as { duringWorkingTime?: boolean };
          await sendSessionUpdate(deps, claims.sessionId, respondToInvitationUpdate, {
            invitationId: claims.subjectId,
            response,
            duringWorkingTime: body.duringWorkingTime,
          });
          await markLinkTokenUsed(deps.pool, claims.tokenId, claims.purpose);
          return describeInvitation(claims) as never;
        },
      );
    }

    app.post(
      '/links/shared-sessions/:token/request',
      {
        schema: {
          tags: ['links'],
          summary: 'Ask for a personal invitation from a shared session link',
          description:
            'Always answers 202 with the same message, whether or not the address is in the directory: the link reveals no one. A facilitator of the directory receives a personal invitation by e-mail when the rules allow it.',
          security: [],
          params: TokenParamsSchema,
          body: ShareRequestBodySchema,
          response: { 202: AcknowledgementSchema, ...problemResponses(401, 410, 422, 429) },
        },
      },
      async (request, reply) => {
        const check = await verifyLink(deps.linkSecrets, request.params.token, 'sessionShare');
        const shared = check.ok ? readShareSubject(check.claims.subjectId) : null;
        if (!check.ok || !shared) {
          throw !check.ok && check.reason === 'expired'
            ? new ProblemError(410, 'LINK_EXPIRED', 'This link has expired.')
            : new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
        }
        const record = await findFacilitatorByEmail(deps.pool, request.body.email);
        if (record) {
          try {
            await sendSessionUpdate(deps, check.claims.sessionId, inviteFacilitatorUpdate, {
              actor: shared.actor,
              // The same person asking twice names the same invitation, which the workflow refuses once made.
              invitationId: idFromKey(check.claims.sessionId, record.facilitatorId, check.claims.tokenId),
              facilitatorStatus: shared.status,
              facilitator: invitedFacilitator(record),
            });
          } catch (error) {
            if (!(error instanceof ProblemError)) throw error;
            request.log.info(
              { code: error.code, sessionId: check.claims.sessionId },
              'shared-link invitation refused',
            );
          }
        }
        return reply.code(202).send({
          message:
            "Si cette adresse est celle d'un·e animateur·ice de l'association et qu'une place est libre, une invitation personnelle vient de lui être envoyée.",
        });
      },
    );

    app.post(
      '/links/registrations/:token',
      {
        schema: {
          tags: ['links'],
          summary: "Register for a session from the link the client's contact forwarded",
          security: [],
          params: TokenParamsSchema,
          body: NewParticipantSchema,
          response: { 201: AcknowledgementSchema, ...linkProblems },
        },
      },
      async (request, reply) => {
        const check = await verifyLink(deps.linkSecrets, request.params.token, 'participantRegistration');
        const sharedBy = check.ok ? readRegistrationSubject(check.claims.subjectId) : null;
        if (!check.ok || !sharedBy) {
          throw !check.ok && check.reason === 'expired'
            ? new ProblemError(410, 'LINK_EXPIRED', 'Registration for this session is closed.')
            : new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
        }
        const { sessionId } = check.claims;
        await sendSessionUpdate(deps, sessionId, registerParticipantsUpdate, {
          actor: sharedBy,
          participants: [
            { ...request.body, participantId: idFromKey(sessionId, normaliseEmail(request.body.email)) },
          ],
        });
        return reply
          .code(201)
          .send({ message: 'Inscription enregistrée : vous recevrez votre convocation par e-mail.' });
      },
    );

    app.post(
      '/links/positioning-tests/:token',
      {
        schema: {
          tags: ['links'],
          summary: 'Answer the positioning test before a training (from the convocation)',
          security: [],
          params: TokenParamsSchema,
          body: PositioningBodySchema,
          response: { 201: AcknowledgementSchema, ...linkProblems },
        },
      },
      async (request, reply) => {
        const claims = await claimsOf(request.params.token, 'positioningTest');
        const session = await sessionOf(claims.sessionId);
        await savePositioningTest(deps.pool, {
          participantId: claims.subjectId,
          sessionId: claims.sessionId,
          missionId: session.missionId,
          answers: request.body.answers,
        });
        await markLinkTokenUsed(deps.pool, claims.tokenId, claims.purpose);
        return reply
          .code(201)
          .send({ message: 'Merci : vos réponses sont transmises à votre formateur·ice.' });
      },
    );

    app.post(
      '/links/surveys/:token',
      {
        schema: {
          tags: ['links'],
          summary:
            'Answer a satisfaction survey (hot, with the certificate; cold, three months after a training)',
          security: [],
          params: TokenParamsSchema,
          body: SurveyBodySchema,
          response: { 201: AcknowledgementSchema, ...linkProblems },
        },
      },
      async (request, reply) => {
        const claims = await claimsOf(request.params.token, 'survey');
        const survey = readSurveySubject(claims.subjectId);
        if (!survey) throw new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
        const session = await sessionOf(claims.sessionId);
        const saved = await saveSurveyAnswer(deps.pool, {
          ...survey,
          sessionId: claims.sessionId,
          missionId: session.missionId,
          coordinatorId: session.coordinatorId,
          rating: request.body.rating,
          comment: request.body.comment ?? null,
        });
        if (!saved)
          throw new ProblemError(
            409,
            'SURVEY_ALREADY_ANSWERED',
            'This questionnaire has already been answered.',
          );
        await markLinkTokenUsed(deps.pool, claims.tokenId, claims.purpose);
        await deps.temporal.client.workflow
          .getHandle(sessionWorkflowId(claims.sessionId))
          .signal(surveyAnsweredSignal, { participantId: survey.participantId, kind: survey.kind })
          .catch((error: unknown) =>
            request.log.warn({ err: error }, 'session no longer running to hear of the survey answer'),
          );
        return reply.code(201).send({ message: 'Merci pour votre avis.' });
      },
    );

    app.post(
      '/links/funding-decisions/:token',
      {
        schema: {
          tags: ['links'],
          summary:
            "The client's contact passes on the funder's decision (full, partial with the amount, refused)",
          security: [],
          params: TokenParamsSchema,
          body: FundingDecisionSchema,
          response: { 202: AcknowledgementSchema, ...linkProblems },
        },
      },
      async (request, reply) => {
        const claims = await claimsOf(request.params.token, 'fundingDecision');
        await decideFunding(deps, claims.sessionId, 'client-contact', request.body as never);
        await markLinkTokenUsed(deps.pool, claims.tokenId, claims.purpose);
        return reply.code(202).send({ message: 'Merci : la décision du financeur est enregistrée.' });
      },
    );

    app.post(
      '/links/approvals/:token/:decision',
      {
        schema: {
          tags: ['links'],
          summary: "A manager approves or refuses an employee's participation during working time",
          security: [],
          params: {
            type: 'object',
            properties: {
              token: TokenParamsSchema.properties.token,
              decision: { type: 'string', enum: ['approve', 'refuse'] },
            },
            required: ['token', 'decision'],
          },
          response: { 200: ApprovalDecisionSchema, ...linkProblems },
        },
      },
      async (request) => {
        const { token, decision } = request.params as { token: string; decision: 'approve' | 'refuse' };
        const claims = await claimsOf(token, 'managerApproval');
        const client = deps.temporal.client;
        try {
          await client.withDeadline(Date.now() + (deps.commandTimeoutMs ?? 15_000), () =>
            client.workflow
              .getHandle(approvalWorkflowId(claims.subjectId))
              .executeUpdate(decideApprovalUpdate, { args: [{ approved: decision === 'approve' }] }),
          );
        } catch (error) {
          if (error instanceof WorkflowNotFoundError) {
            throw new ProblemError(
              409,
              'APPROVAL_CLOSED',
              'This approval request is no longer open (withdrawn, or the session has started).',
            );
          }
          throw problemFromTemporal(error) ?? error;
        }
        await markLinkTokenUsed(deps.pool, claims.tokenId, claims.purpose);
        return { approved: decision === 'approve' };
      },
    );
  };
}
