import type { InvitationRecord } from '../../db/queries/session-staffing.ts';

/** An invitation as the API shows it, from the staffing read model. */
export function presentInvitationRecord(invitation: InvitationRecord) {
  return {
    id: invitation.invitationId,
    facilitator: { id: invitation.facilitatorId, name: invitation.facilitatorName },
    status: invitation.status,
    facilitatorStatus: invitation.facilitatorStatus,
    approval: invitation.approval,
    ...(invitation.approvalRule ? { approvalRule: invitation.approvalRule } : {}),
    duringWorkingTime: invitation.duringWorkingTime,
    sentAt: invitation.sentAt,
    expiresAt: invitation.expiresAt,
    respondedAt: invitation.respondedAt,
  };
}
