/**
 * What each e-mail link lets a person do, written once: the JSON routes (api/routes/links.ts) and
 * the pages people open in a browser (pages/) both call these, so a rule or a refusal is the same
 * whichever door the person came through.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { savePositioningTest, saveSurveyAnswer } from '../../db/queries/answers.ts';
import { findFacilitatorByEmail } from '../../db/queries/facilitators.ts';
import { findSessionOwner } from '../../db/queries/missions.ts';
import type { LinkClaims } from '../../links/link-tokens.ts';
import { approvalWorkflowId, decideApprovalUpdate } from '../../workflows/messages/approval.ts';
import type { FundingDecision } from '../../workflows/messages/funding.ts';
import {
  type NewParticipant,
  registerParticipantsUpdate,
  surveyAnsweredSignal,
} from '../../workflows/messages/participants.ts';
import { sessionWorkflowId } from '../../workflows/messages/session.ts';
import { inviteFacilitatorUpdate, respondToInvitationUpdate } from '../../workflows/messages/staffing.ts';
import { normaliseEmail } from '../../workflows/rules/registration.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { decideFunding } from '../missions/decide-funding.ts';
import { idFromKey } from '../missions/send-command.ts';
import { invitedFacilitator, sendSessionUpdate } from '../missions/send-session-command.ts';
import { readRegistrationSubject, readShareSubject, readSurveySubject } from '../missions/share-links.ts';
import { ProblemError } from '../problems.ts';
import { problemFromTemporal } from '../temporal-errors.ts';
import { useLinkOnce } from './use-link-once.ts';

const invalidLink = () => new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');

/** The session a link names, with its mission's owner, from the read model. */
export async function sessionOwnerOf(deps: ApiDependencies, sessionId: string) {
  const found = await findSessionOwner(deps.pool, sessionId);
  if (!found) throw new ProblemError(404, 'SESSION_NOT_FOUND', 'This session does not exist.');
  return found;
}

export async function answerInvitation(
  deps: ApiDependencies,
  claims: LinkClaims,
  answer: { response: 'accept' | 'decline'; duringWorkingTime?: boolean },
): Promise<void> {
  await useLinkOnce(deps, claims, () =>
    sendSessionUpdate(deps, claims.sessionId, respondToInvitationUpdate, {
      invitationId: claims.subjectId,
      response: answer.response,
      duringWorkingTime: answer.duringWorkingTime,
    }),
  );
}

export async function decideApproval(
  deps: ApiDependencies,
  claims: LinkClaims,
  decision: { approved: boolean; note?: string },
): Promise<void> {
  const client = deps.temporal.client;
  await useLinkOnce(deps, claims, async () => {
    try {
      await client.withDeadline(Date.now() + (deps.commandTimeoutMs ?? 15_000), () =>
        client.workflow.getHandle(approvalWorkflowId(claims.subjectId)).executeUpdate(decideApprovalUpdate, {
          args: [{ approved: decision.approved, ...(decision.note ? { note: decision.note } : {}) }],
        }),
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
  });
}

/**
 * A facilitator of the directory gets a personal invitation; anyone else gets nothing, and the
 * caller cannot tell which: the link must reveal no one.
 */
export async function requestSharedInvitation(
  deps: ApiDependencies,
  claims: LinkClaims,
  email: string,
  log: { info(details: object, message: string): void },
): Promise<void> {
  const shared = readShareSubject(claims.subjectId);
  if (!shared) throw invalidLink();
  const record = await findFacilitatorByEmail(deps.pool, email);
  if (!record) return;
  try {
    await sendSessionUpdate(deps, claims.sessionId, inviteFacilitatorUpdate, {
      actor: shared.actor,
      // The same person asking twice names the same invitation, which the workflow refuses once made.
      invitationId: idFromKey(claims.sessionId, record.facilitatorId, claims.tokenId),
      facilitatorStatus: shared.status,
      facilitator: invitedFacilitator(record),
    });
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    log.info({ code: error.code, sessionId: claims.sessionId }, 'shared-link invitation refused');
  }
}

export async function registerFromLink(
  deps: ApiDependencies,
  claims: LinkClaims,
  participant: NewParticipant,
): Promise<void> {
  const sharedBy = readRegistrationSubject(claims.subjectId);
  if (!sharedBy) throw invalidLink();
  await sendSessionUpdate(deps, claims.sessionId, registerParticipantsUpdate, {
    actor: sharedBy,
    participants: [
      { ...participant, participantId: idFromKey(claims.sessionId, normaliseEmail(participant.email)) },
    ],
  });
}

export async function answerPositioningTest(
  deps: ApiDependencies,
  claims: LinkClaims,
  answers: Record<string, unknown>,
): Promise<void> {
  const session = await sessionOwnerOf(deps, claims.sessionId);
  await useLinkOnce(deps, claims, () =>
    savePositioningTest(deps.pool, {
      participantId: claims.subjectId,
      sessionId: claims.sessionId,
      missionId: session.missionId,
      answers,
    }),
  );
}

export interface SurveyAnswer {
  rating: number;
  comment?: string | null;
  /** The rest of the questionnaire (objectives met, facilitator, organisation, what was applied since). */
  answers?: Record<string, string | number>;
}

export async function answerSurvey(
  deps: ApiDependencies,
  claims: LinkClaims,
  answer: SurveyAnswer,
  log: { warn(details: object, message: string): void },
): Promise<void> {
  const survey = readSurveySubject(claims.subjectId);
  if (!survey) throw invalidLink();
  const session = await sessionOwnerOf(deps, claims.sessionId);
  await useLinkOnce(deps, claims, async () => {
    const saved = await saveSurveyAnswer(deps.pool, {
      ...survey,
      sessionId: claims.sessionId,
      missionId: session.missionId,
      coordinatorId: session.coordinatorId,
      rating: answer.rating,
      comment: answer.comment ?? null,
      answers: answer.answers ?? {},
    });
    if (!saved)
      throw new ProblemError(409, 'SURVEY_ALREADY_ANSWERED', 'This questionnaire has already been answered.');
  });
  await deps.temporal.client.workflow
    .getHandle(sessionWorkflowId(claims.sessionId))
    .signal(surveyAnsweredSignal, { participantId: survey.participantId, kind: survey.kind })
    .catch((error: unknown) =>
      log.warn({ err: error }, 'session no longer running to hear of the survey answer'),
    );
}

export async function passFundingDecision(
  deps: ApiDependencies,
  claims: LinkClaims,
  decision: FundingDecision,
): Promise<void> {
  await useLinkOnce(deps, claims, () => decideFunding(deps, claims.sessionId, 'client-contact', decision));
}
