/**
 * What each e-mail link lets a person do, written once: the JSON routes (api/routes/links.ts) and
 * the pages people open in a browser (pages/) both call these, so a rule or a refusal is the same
 * whichever door the person came through.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { savePositioningTest, saveSurveyAnswer } from '../../db/queries/answers.ts';
import { saveAssessment } from '../../db/queries/end-of-training-assessments.ts';
import { findFacilitatorByEmail } from '../../db/queries/facilitators.ts';
import { findMission, findSessionOwner } from '../../db/queries/missions.ts';
import {
  findRegistrationLink,
  findRegistrationRequest,
  markRegistrationConfirmed,
  requestRegistration,
} from '../../db/queries/registration-links.ts';
import { findSessionFollowUp } from '../../db/queries/session-staffing.ts';
import type { LinkClaims } from '../../links/link-tokens.ts';
import type { Actor } from '../../workflows/messages/actor.ts';
import { approvalWorkflowId, decideApprovalUpdate } from '../../workflows/messages/approval.ts';
import type { OfferRef } from '../../workflows/messages/domain.ts';
import type { FundingDecision } from '../../workflows/messages/funding.ts';
import {
  assessmentAnsweredSignal,
  type NewParticipant,
  surveyAnsweredSignal,
} from '../../workflows/messages/participants.ts';
import {
  REGISTRATION_CONFIRMATION_WORKFLOW_TYPE,
  type RegistrationConfirmationInput,
  registrationConfirmationWorkflowId,
} from '../../workflows/messages/registration.ts';
import {
  inviteFacilitatorUpdate,
  registerParticipantsUpdate,
  respondToInvitationUpdate,
  sessionWorkflowId,
} from '../../workflows/messages/session.ts';
import type { AssessmentSubject } from '../../workflows/rules/end-of-training-assessment.ts';
import { normaliseEmail } from '../../workflows/rules/registration.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { decideFunding } from '../missions/decide-funding.ts';
import { idFromKey } from '../missions/send-command.ts';
import { invitedFacilitator, sendSessionUpdate } from '../missions/send-session-command.ts';
import { readShareSubject, readSurveySubject } from '../missions/share-links.ts';
import { ProblemError } from '../problems.ts';
import { sendUpdate } from '../send-update.ts';
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
  await useLinkOnce(deps, claims, async () => {
    await sendUpdate(
      deps,
      approvalWorkflowId(claims.subjectId),
      decideApprovalUpdate,
      { approved: decision.approved, ...(decision.note ? { note: decision.note } : {}) },
      {
        whenGone: () =>
          new ProblemError(
            409,
            'APPROVAL_CLOSED',
            'This approval request is no longer open (withdrawn, or the session has started).',
          ),
      },
    );
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
  // Not awaited: the answer must take as long for a stranger as for a facilitator of the
  // directory, or its timing would tell who is in it. The workflow's refusals are only logged.
  void sendSessionUpdate(deps, claims.sessionId, inviteFacilitatorUpdate, {
    actor: shared.actor,
    // The same person asking twice names the same invitation, which the workflow refuses once made.
    invitationId: idFromKey(claims.sessionId, record.facilitatorId, claims.tokenId),
    facilitatorStatus: shared.status,
    facilitator: invitedFacilitator(record),
  }).catch((error: unknown) =>
    log.info(
      { code: error instanceof ProblemError ? error.code : 'FAILED', sessionId: claims.sessionId },
      'shared-link invitation not sent',
    ),
  );
}

/** Registers one person on a session in the name of whoever handed out the link they came through. */
async function registerParticipant(
  deps: ApiDependencies,
  sessionId: string,
  actor: Actor,
  participant: NewParticipant,
): Promise<void> {
  await sendSessionUpdate(deps, sessionId, registerParticipantsUpdate, {
    actor,
    participants: [
      { ...participant, participantId: idFromKey(sessionId, normaliseEmail(participant.email)) },
    ],
  });
}

export type RegistrationRequestOutcome = 'requested' | 'alreadyRegistered';

/**
 * Someone asks to register through a forwarded link: within the link's cap, while it is not
 * revoked and the session has room, a request is recorded and its address is asked to confirm
 * from its own inbox (double opt-in); nothing else is sent to it until then.
 */
export async function requestRegistrationFromLink(
  deps: ApiDependencies,
  claims: LinkClaims,
  participant: NewParticipant,
): Promise<RegistrationRequestOutcome> {
  const link = await findRegistrationLink(deps.pool, claims.tokenId);
  if (!link || link.sessionId !== claims.sessionId) throw invalidLink();
  if (link.revokedAt)
    throw new ProblemError(410, 'REGISTRATION_LINK_REVOKED', 'This registration link has been withdrawn.');
  const mission = await findMission(deps.pool, link.missionId);
  const session = mission?.sessions.find((candidate) => candidate.sessionId === claims.sessionId);
  if (!mission || !session) throw invalidLink();
  const now = deps.now?.() ?? new Date();
  if (session.status !== 'planned' || Date.parse(session.startsAt) <= now.getTime())
    throw new ProblemError(409, 'REGISTRATION_CLOSED', 'Registration closes when the session starts.');
  const email = normaliseEmail(participant.email);
  const registered = (await findSessionFollowUp(deps.pool, claims.sessionId))?.participants ?? [];
  if (registered.some((existing) => normaliseEmail(existing.email) === email)) return 'alreadyRegistered';
  if (registered.length >= session.capacity)
    throw new ProblemError(409, 'CAPACITY_EXCEEDED', 'This session is full.');
  const recorded = await requestRegistration(deps.pool, {
    requestId: randomUUID(),
    linkId: link.linkId,
    sessionId: claims.sessionId,
    email,
    firstName: participant.firstName.trim(),
    lastName: participant.lastName.trim(),
  });
  if (recorded === 'full')
    throw new ProblemError(
      409,
      'REGISTRATION_LINK_FULL',
      'This link has reached the number of registrations it allows: ask the person who sent it.',
    );
  if (recorded.request.confirmedAt) return 'alreadyRegistered';
  const input: RegistrationConfirmationInput = {
    requestId: recorded.request.requestId,
    email,
    language: session.language,
    sessionId: session.sessionId,
    session: {
      missionId: mission.missionId,
      missionTitle: mission.title,
      clientName: mission.clientName,
      coordinatorName: mission.coordinatorName,
      sessionTitle: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: session.timeZone,
      place: session.location.mode === 'onsite' ? session.location.address : session.location.url,
    },
  };
  // One e-mail per request: asking again with the same address names the same workflow.
  await deps.temporal.client.workflow
    .start(REGISTRATION_CONFIRMATION_WORKFLOW_TYPE, {
      taskQueue: deps.temporal.taskQueue,
      workflowId: registrationConfirmationWorkflowId(input.requestId),
      args: [input],
      staticSummary: `Registration confirmation for ${session.title}`,
    })
    .catch((error: unknown) => {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    });
  return 'requested';
}

/** The address's owner confirms from their inbox: the participant is registered, and convoked. */
export async function confirmRegistration(deps: ApiDependencies, claims: LinkClaims): Promise<void> {
  const request = await findRegistrationRequest(deps.pool, claims.subjectId);
  const link = request && (await findRegistrationLink(deps.pool, request.linkId));
  if (!request || !link || request.sessionId !== claims.sessionId) throw invalidLink();
  // Withdrawing a leaked link also stops what was asked through it and not yet confirmed.
  if (link.revokedAt && !request.confirmedAt)
    throw new ProblemError(410, 'REGISTRATION_LINK_REVOKED', 'This registration link has been withdrawn.');
  await useLinkOnce(deps, claims, async () => {
    await registerParticipant(
      deps,
      claims.sessionId,
      { role: link.createdByRole, subject: link.createdBySubject },
      { email: request.email, firstName: request.firstName, lastName: request.lastName },
    );
    await markRegistrationConfirmed(deps.pool, request.requestId);
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

export interface AssessmentAnswerBody {
  /** The level the trainee gave each objective, in the offer version's order. */
  levels: string[];
  answers: Record<string, string | number>;
}

/**
 * Stores a trainee's end-of-training assessment once, then tells the session, which issues their
 * attestation. A second answer is refused, whichever link or tab it comes from.
 */
export async function answerEndOfTrainingAssessment(
  deps: ApiDependencies,
  claims: LinkClaims,
  subject: AssessmentSubject,
  offer: OfferRef,
  answer: AssessmentAnswerBody,
  log: { warn(details: object, message: string): void },
): Promise<void> {
  const session = await sessionOwnerOf(deps, claims.sessionId);
  await useLinkOnce(deps, claims, async () => {
    const saved = await saveAssessment(deps.pool, {
      sessionId: claims.sessionId,
      participantId: subject.participantId,
      missionId: session.missionId,
      offer,
      levels: answer.levels,
      answers: answer.answers,
    });
    if (!saved)
      throw new ProblemError(
        409,
        'ASSESSMENT_ALREADY_ANSWERED',
        'This end-of-training assessment has already been answered.',
      );
  });
  await deps.temporal.client.workflow
    .getHandle(sessionWorkflowId(claims.sessionId))
    .signal(assessmentAnsweredSignal, { participantId: subject.participantId })
    .catch((error: unknown) =>
      // The attestation then goes out at the deadline, built from the stored answers all the same.
      log.warn({ err: error }, 'session no longer running to hear of the assessment answer'),
    );
}
