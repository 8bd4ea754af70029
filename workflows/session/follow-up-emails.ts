import type { EmailRequest } from '../messages/email.ts';
import type { CertificateState, Participant } from '../messages/participants.ts';
import type { SessionView } from '../messages/session.ts';
import type { SessionMissionContext } from '../messages/staffing.ts';
import { certificateNature } from '../rules/certificates.ts';
import { sessionEmailData } from './emails.ts';
import { facilitatorsByRole } from './facts.ts';

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

/**
 * Every half-day with its times, how the session is held and signed, who trains and whom to ask
 * (L6353-8). `digitalSigning`: the session sends its facilitator the signing link at the start.
 */
export function convocationEmail(
  mission: SessionMissionContext,
  view: SessionView,
  participant: Participant,
  { digitalSigning }: { digitalSigning: boolean },
): EmailRequest {
  const positioningTest = view.kind === 'training';
  return {
    // Keyed by the start too: a moved session convokes again, for its new date.
    ...base(mission, view, participant, `convocation:${view.startsAt}`),
    template: 'convocation',
    data: {
      ...sessionEmailData(mission, view),
      participantName: nameOf(participant),
      positioningTest,
      details: {
        kind: view.kind,
        offer: view.offer ?? null,
        halfDays: view.attendance.halfDays.map(({ date, period, startsAt, endsAt }) => ({
          date,
          period,
          startsAt,
          endsAt,
        })),
        mode: view.location.mode,
        signing: digitalSigning ? 'digital' : 'paper',
        trainers: facilitatorsByRole(view).map((invitation) => invitation.facilitator.name),
        contact: { name: mission.coordinator.name, email: mission.coordinator.email },
      },
    },
    ...(positioningTest
      ? {
          link: {
            purpose: 'positioningTest',
            subjectId: participant.participantId,
            sessionId: view.sessionId,
            expiresAt: view.startsAt,
          },
        }
      : {}),
  };
}

export function surveyLink(
  view: SessionView,
  participant: Participant,
  kind: 'hot' | 'cold',
  expiresAt: string,
) {
  return {
    purpose: 'survey' as const,
    subjectId: JSON.stringify([participant.participantId, kind]),
    sessionId: view.sessionId,
    expiresAt,
  };
}

export function certificateEmail(
  mission: SessionMissionContext,
  view: SessionView,
  participant: Participant,
  hours: number,
  documentId: string,
  surveyLinkExpiresAt: string,
): EmailRequest {
  return {
    ...base(mission, view, participant, 'certificate'),
    template: 'certificate',
    data: {
      ...sessionEmailData(mission, view),
      participantName: nameOf(participant),
      hoursAttended: hours,
      ...(certificateNature(view.kind) === 'attendance_attestation' ? { attestation: true } : {}),
    },
    link: surveyLink(view, participant, 'hot', surveyLinkExpiresAt),
    attachments: [{ documentId }],
  };
}

/** Staff decide what becomes of certificates whose sheet no longer backs their hours. */
export function certificatesUnbackedEmail(
  mission: SessionMissionContext,
  view: SessionView,
  flagged: CertificateState[],
  at: Date,
): EmailRequest {
  const participant = (participantId: string) =>
    view.participants.find((candidate) => candidate.participantId === participantId);
  return {
    template: 'certificatesUnbacked',
    to: 'staff',
    language: 'fr',
    idempotencyKey: `${view.sessionId}:certificates-unbacked:${at.toISOString()}`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    data: {
      ...sessionEmailData(mission, view),
      reason: view.attendance.nonComplianceReason,
      certificates: flagged.map(({ participantId, hoursAttended }) => {
        const person = participant(participantId);
        return { participantName: person ? nameOf(person) : participantId, hoursAttended };
      }),
    },
  };
}

export function surveyEmail(
  mission: SessionMissionContext,
  view: SessionView,
  participant: Participant,
  kind: 'hot' | 'cold',
  template: 'surveyInvitation' | 'surveyReminder',
  surveyLinkExpiresAt: string,
): EmailRequest {
  return {
    ...base(mission, view, participant, `${template}:${kind}`),
    template,
    data: { ...sessionEmailData(mission, view), participantName: nameOf(participant), kind },
    link: surveyLink(view, participant, kind, surveyLinkExpiresAt),
  };
}

export function cancellationEmail(
  mission: SessionMissionContext,
  view: SessionView,
  participant: Participant,
  reason: string,
): EmailRequest {
  return {
    ...base(mission, view, participant, 'cancelled'),
    template: 'sessionCancelledParticipant',
    data: { ...sessionEmailData(mission, view), participantName: nameOf(participant), reason },
  };
}

/** The lead facilitator (first to accept) and the coordinator hear that attendance is late. */
export function attendanceReminderEmails(mission: SessionMissionContext, view: SessionView): EmailRequest[] {
  const lead = view.invitations.find((invitation) => invitation.status === 'accepted');
  const recipients = [
    { email: mission.coordinator.email, name: mission.coordinator.name },
    ...(lead ? [{ email: lead.facilitator.email, name: lead.facilitator.name }] : []),
  ];
  return recipients.map((recipient) => ({
    template: 'attendanceReminder',
    to: recipient,
    language: 'fr',
    idempotencyKey: `${view.sessionId}:attendance-reminder:${recipient.email}`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    data: { ...sessionEmailData(mission, view), recipientName: recipient.name },
  }));
}

export function attendanceEscalationEmail(mission: SessionMissionContext, view: SessionView): EmailRequest {
  return {
    template: 'attendanceEscalation',
    to: 'staff',
    language: 'fr',
    idempotencyKey: `${view.sessionId}:attendance-escalation`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    data: sessionEmailData(mission, view),
  };
}
