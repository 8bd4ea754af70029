import { findMission } from '../../db/queries/missions.ts';
import { findInvitation } from '../../db/queries/session-staffing.ts';
import { type LinkClaims, type LinkPurpose, verifyLink } from '../../links/link-tokens.ts';
import type { ApiDependencies } from '../dependencies.ts';
import {
  answerInvitation,
  answerPositioningTest,
  answerSurvey,
  confirmRegistration,
  decideApproval,
  passFundingDecision,
  requestRegistrationFromLink,
  requestSharedInvitation,
} from '../links/link-actions.ts';
import { claimsOfLink } from '../links/link-claims.ts';
import { limitLinkRate } from '../links/link-rate-limit.ts';
import { verifyLinkTokenBeforeBody } from '../links/verify-before-body.ts';
import { presentInvitationRecord } from '../missions/present-invitation.ts';
import { emptyBodyAsObject } from '../optional-body.ts';
import { ProblemError } from '../problems.ts';
import { FundingDecisionSchema } from '../schemas/funding.ts';
import { NewParticipantSchema, PositioningBodySchema, SurveyBodySchema } from '../schemas/participants.ts';
import { problemResponses } from '../schemas/problem.ts';
import {
  AcceptBodySchema,
  AcknowledgementSchema,
  ApprovalDecisionSchema,
  ApprovalNoteBodySchema,
  InvitationLinkSchema,
  ShareRequestBodySchema,
  TokenParamsSchema,
} from '../schemas/staffing.ts';
import type { TypedApp } from '../typed-app.ts';

const linkProblems = problemResponses(401, 404, 409, 410, 422, 429, 503, 504);

/**
 * What people who only see e-mails can do, with the signed link as their only credential:
 * no login, and nothing in the answer about anyone else. A link works once.
 */
export function linkRoutes(deps: ApiDependencies) {
  const claimsOf = (token: string, purpose: LinkPurpose): Promise<LinkClaims> =>
    claimsOfLink(deps, token, purpose);

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
    await verifyLinkTokenBeforeBody(app, deps);
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
          preValidation: emptyBodyAsObject,
        },
        async (request) => {
          const claims = await claimsOf(request.params.token, 'invitation');
          const body = (request.body ?? {}) as { duringWorkingTime?: boolean };
          await answerInvitation(deps, claims, { response, duringWorkingTime: body.duringWorkingTime });
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
        const check = await verifyLink(deps.linkSecrets, request.params.token, 'sessionShare', deps.now?.());
        if (!check.ok) {
          throw !check.ok && check.reason === 'expired'
            ? new ProblemError(410, 'LINK_EXPIRED', 'This link has expired.')
            : new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
        }
        await requestSharedInvitation(deps, check.claims, request.body.email, request.log);
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
          summary: "Ask to register for a session from the link the client's contact forwarded",
          description:
            'Double opt-in: the address receives an e-mail to confirm, and nothing else until it does (then the convocation). The answer is the same whether the address was new or had already asked; an address already registered is said so.',
          security: [],
          params: TokenParamsSchema,
          body: NewParticipantSchema,
          response: { 202: AcknowledgementSchema, ...linkProblems },
        },
      },
      async (request, reply) => {
        const check = await verifyLink(
          deps.linkSecrets,
          request.params.token,
          'participantRegistration',
          deps.now?.(),
        );
        if (!check.ok) {
          throw check.reason === 'expired'
            ? new ProblemError(410, 'LINK_EXPIRED', 'Registration for this session is closed.')
            : new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
        }
        const outcome = await requestRegistrationFromLink(deps, check.claims, request.body);
        return reply.code(202).send({
          message:
            outcome === 'alreadyRegistered'
              ? 'Cette adresse est déjà inscrite à cette session.'
              : 'Demande reçue : confirmez votre inscription avec le lien envoyé à cette adresse.',
        });
      },
    );

    app.post(
      '/links/registration-confirmations/:token',
      {
        schema: {
          tags: ['links'],
          summary: 'Confirm a registration from the e-mail sent to the address (double opt-in)',
          security: [],
          params: TokenParamsSchema,
          response: { 201: AcknowledgementSchema, ...linkProblems },
        },
      },
      async (request, reply) => {
        await confirmRegistration(deps, await claimsOf(request.params.token, 'registrationConfirmation'));
        return reply
          .code(201)
          .send({ message: 'Inscription confirmée : vous recevrez votre convocation par e-mail.' });
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
        await answerPositioningTest(deps, claims, request.body.answers);
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
        await answerSurvey(deps, claims, request.body, request.log);
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
        await passFundingDecision(deps, claims, request.body as never);
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
          body: ApprovalNoteBodySchema,
          response: { 200: ApprovalDecisionSchema, ...linkProblems },
        },
        preValidation: emptyBodyAsObject,
      },
      async (request) => {
        const { token, decision } = request.params as { token: string; decision: 'approve' | 'refuse' };
        const claims = await claimsOf(token, 'managerApproval');
        const note = (request.body as { note?: string } | undefined)?.note;
        await decideApproval(deps, claims, { approved: decision === 'approve', note });
        return { approved: decision === 'approve' };
      },
    );
  };
}
