import type { EmailRequest, InvitationOutcome, SessionEmailData } from '../messages/email.ts';
import type { SessionView } from '../messages/session.ts';
import type { SendSessionMessageCommand } from '../messages/session-message.ts';
import type { Invitation, SessionMissionContext } from '../messages/staffing.ts';
import type { SilenceRule } from '../rules/manager-silence.ts';
import { normaliseEmail } from '../rules/registration.ts';
import type { MessageRecipient } from '../rules/session-message.ts';

export function sessionEmailData(mission: SessionMissionContext, view: SessionView): SessionEmailData {
  return {
    missionId: mission.missionId,
    missionTitle: mission.title,
    clientName: mission.clientName,
    coordinatorName: mission.coordinator.name,
    sessionTitle: view.title,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    timeZone: view.timeZone,
    place: view.location.mode === 'onsite' ? view.location.address : view.location.url,
  };
}

/** The invitation e-mail and its reminder, with the signed link to answer. */
export function invitationEmail(
  mission: SessionMissionContext,
  view: SessionView,
  invitation: Invitation,
  template: 'facilitatorInvitation' | 'invitationReminder',
): EmailRequest {
  return {
    template,
    to: { email: invitation.facilitator.email, name: invitation.facilitator.name },
    language: view.language,
    idempotencyKey: `${invitation.invitationId}:${template}`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    data: {
      ...sessionEmailData(mission, view),
      facilitatorName: invitation.facilitator.name,
      expiresAt: invitation.expiresAt,
    },
    link: {
      purpose: 'invitation',
      subjectId: invitation.invitationId,
      sessionId: view.sessionId,
      expiresAt: invitation.expiresAt,
    },
  };
}

/** Tells the coordinator what became of an invitation. */
export function outcomeEmail(
  mission: SessionMissionContext,
  view: SessionView,
  invitation: Invitation,
  outcome: InvitationOutcome,
  automatic = false,
  managerNote?: string,
  silenceRule?: SilenceRule,
): EmailRequest {
  return {
    template: 'invitationOutcome',
    to: { email: mission.coordinator.email, name: mission.coordinator.name },
    language: 'fr',
    idempotencyKey: `${invitation.invitationId}:outcome:${outcome}`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    data: {
      ...sessionEmailData(mission, view),
      facilitatorName: invitation.facilitator.name,
      outcome,
      automatic,
      ...(managerNote ? { managerNote } : {}),
      ...(silenceRule ? { silenceRule } : {}),
    },
  };
}

/** Tells a facilitator who accepted, or has not answered yet, that the session will not happen. */
export function facilitatorCancellationEmail(
  mission: SessionMissionContext,
  view: SessionView,
  invitation: Invitation,
  reason: string,
): EmailRequest {
  return {
    template: 'sessionCancelledFacilitator',
    to: { email: invitation.facilitator.email, name: invitation.facilitator.name },
    language: view.language,
    idempotencyKey: `${invitation.invitationId}:cancelled`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    data: { ...sessionEmailData(mission, view), facilitatorName: invitation.facilitator.name, reason },
  };
}

/** To the coordinator and to staff, once per facilitator and session date. */
export function complianceLapsedEmails(
  mission: SessionMissionContext,
  view: SessionView,
  issue: { facilitatorId: string; name: string; reason: string },
): EmailRequest[] {
  const data = { ...sessionEmailData(mission, view), facilitatorName: issue.name, reason: issue.reason };
  const key = `${view.sessionId}:compliance:${issue.facilitatorId}:${view.startsAt}`;
  return [
    {
      template: 'complianceLapsed',
      to: { email: mission.coordinator.email, name: mission.coordinator.name },
      language: 'fr',
      idempotencyKey: `${key}:coordinator`,
      missionId: mission.missionId,
      sessionId: view.sessionId,
      data,
    },
    {
      template: 'complianceLapsed',
      to: 'staff',
      language: 'fr',
      idempotencyKey: `${key}:staff`,
      missionId: mission.missionId,
      sessionId: view.sessionId,
      data,
    },
  ];
}

/** One e-mail per recipient of a coordinator's message; answers go to the coordinator. */
export function messageEmails(
  mission: SessionMissionContext,
  view: SessionView,
  command: SendSessionMessageCommand,
  recipients: MessageRecipient[],
): EmailRequest[] {
  return recipients.map((recipient) => ({
    template: 'sessionMessage',
    to: { email: recipient.email, name: recipient.name },
    language: view.language,
    idempotencyKey: `${command.messageId}:message:${normaliseEmail(recipient.email)}`,
    missionId: mission.missionId,
    sessionId: view.sessionId,
    replyTo: { email: mission.coordinator.email, name: mission.coordinator.name },
    data: {
      ...sessionEmailData(mission, view),
      recipientName: recipient.name,
      subject: command.subject,
      body: command.body,
    },
  }));
}
