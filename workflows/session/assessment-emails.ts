/**
 * The e-mails of a training action's end (Code du travail L6353-1): the trainee's link to the
 * end-of-training assessment, then their attestation de fin de formation.
 */
import type { EmailRequest } from '../messages/email.ts';
import type { Participant } from '../messages/participants.ts';
import type { SessionView } from '../messages/session.ts';
import type { SessionMissionContext } from '../messages/staffing.ts';
import { assessmentLinkSubject } from '../rules/end-of-training-assessment.ts';
import { sessionEmailData } from './emails.ts';

const nameOf = (participant: Participant) => `${participant.firstName} ${participant.lastName}`;

function base(mission: SessionMissionContext, view: SessionView, participant: Participant, key: string) {
  return {
    to: { email: participant.email, name: nameOf(participant) },
    language: view.language,
    idempotencyKey: `${view.sessionId}:${participant.participantId}:${key}`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
  };
}

/** The link names the offer version whose objectives the trainee assesses: the one their attestation prints. */
export function assessmentEmail(
  mission: SessionMissionContext,
  view: SessionView,
  participant: Participant,
  answerBy: Date,
): EmailRequest {
  return {
    ...base(mission, view, participant, 'assessment'),
    template: 'assessmentInvitation',
    data: {
      ...sessionEmailData(mission, view),
      participantName: nameOf(participant),
      answerBy: answerBy.toISOString(),
    },
    link: {
      purpose: 'endOfTrainingAssessment',
      subjectId: assessmentLinkSubject({
        participantId: participant.participantId,
        offer: view.offer ?? null,
      }),
      sessionId: view.sessionId,
      // Past the deadline the attestation has gone out: an answer then would change nothing.
      expiresAt: answerBy.toISOString(),
    },
  };
}

export function attestationEmail(
  mission: SessionMissionContext,
  view: SessionView,
  participant: Participant,
  hours: number,
  assessed: boolean,
  documentId: string,
): EmailRequest {
  return {
    ...base(mission, view, participant, 'end-of-training-attestation'),
    template: 'endOfTrainingAttestation',
    data: {
      ...sessionEmailData(mission, view),
      participantName: nameOf(participant),
      hoursAttended: hours,
      assessed,
    },
    attachments: [{ documentId }],
  };
}
