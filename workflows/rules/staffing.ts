/**
 * Staffing rules: who may be invited to a session, into which slot, and what their answers do.
 */
import type { FacilitatorStatus, Sector } from '../messages/domain.ts';
import type { SessionView } from '../messages/session.ts';
import type {
  ChangeFacilitatorStatusCommand,
  Invitation,
  InviteFacilitatorCommand,
  RespondToInvitationCommand,
  Slots,
  WithdrawCommand,
} from '../messages/staffing.ts';
import { businessDate } from './calendar.ts';
import { checkCompliance } from './compliance.ts';
import { conflict, notFound, type Violation } from './violation.ts';

/** Invitations that hold a slot: answered yes, or not answered yet. */
export const holdsSlot = (invitation: Invitation): boolean =>
  invitation.status === 'accepted' || invitation.status === 'pending';

/** One lead slot plus the "other facilitators" the coordinator announced when planning. */
export function slotsOf(session: Pick<SessionView, 'otherFacilitators'>, invitations: Invitation[]): Slots {
  const total = 1 + session.otherFacilitators;
  const taken = invitations.filter(holdsSlot).length;
  return { total, taken, open: Math.max(0, total - taken) };
}

function checkNotStarted(view: SessionView, now: Date): Violation | null {
  if (view.status === 'cancelled') return conflict('SESSION_CANCELLED', 'This session was cancelled.');
  if (view.status !== 'planned' || Date.parse(view.startsAt) <= now.getTime()) {
    return conflict(
      'SESSION_ALREADY_STARTED',
      'This session has started: its facilitators can no longer change.',
    );
  }
  return null;
}

export function checkStatusForSector(status: FacilitatorStatus, sector: Sector): Violation | null {
  if (status === 'volunteer' && sector !== 'education') {
    return conflict(
      'VOLUNTEER_OUTSIDE_EDUCATION',
      'Volunteer facilitators are allowed only on missions in the education sector.',
    );
  }
  return null;
}

export function checkInvite(
  view: SessionView,
  sector: Sector,
  command: InviteFacilitatorCommand,
  now: Date,
): Violation | null {
  const started = checkNotStarted(view, now);
  if (started) return started;
  if (view.invitations.some((invitation) => invitation.invitationId === command.invitationId)) {
    return conflict(
      'INVITATION_ALREADY_EXISTS',
      `An invitation with id ${command.invitationId} already exists.`,
    );
  }
  if (
    view.invitations.some(
      (invitation) => holdsSlot(invitation) && invitation.facilitator.id === command.facilitator.id,
    )
  ) {
    return conflict(
      'FACILITATOR_ALREADY_ON_SESSION',
      `${command.facilitator.name} is already invited to or facilitating this session.`,
    );
  }
  // Compliance must hold on the day the session ends, not just today.
  const compliance = checkCompliance(
    command.facilitator.compliance,
    businessDate(new Date(view.endsAt)),
    businessDate(now),
  );
  if (compliance) return compliance;
  if (slotsOf(view, view.invitations).open === 0) {
    return conflict(
      'NO_OPEN_SLOT',
      `All ${view.otherFacilitators + 1} facilitator slots of this session are taken or awaiting an answer.`,
    );
  }
  return checkStatusForSector(command.facilitatorStatus, sector);
}

function findInvitation(view: SessionView, invitationId: string): Invitation | Violation {
  return (
    view.invitations.find((invitation) => invitation.invitationId === invitationId) ??
    notFound('INVITATION_NOT_FOUND', 'This invitation does not exist.')
  );
}

const isViolation = (value: Invitation | Violation): value is Violation => 'code' in value;

const ANSWERED: Record<Exclude<Invitation['status'], 'pending'>, string> = {
  accepted: 'was already accepted',
  declined: 'was declined',
  expired: 'has expired',
  withdrawn: 'was withdrawn',
  refused_by_manager: "was refused by the facilitator's manager",
};

export function checkRespond(
  view: SessionView,
  command: RespondToInvitationCommand,
  now: Date,
): Violation | null {
  const invitation = findInvitation(view, command.invitationId);
  if (isViolation(invitation)) return invitation;
  if (invitation.status !== 'pending')
    return conflict('INVITATION_NOT_PENDING', `This invitation ${ANSWERED[invitation.status]}.`);
  if (Date.parse(invitation.expiresAt) <= now.getTime())
    return conflict('INVITATION_EXPIRED', 'This invitation has expired.');
  return checkNotStarted(view, now);
}

export function checkChangeStatus(
  view: SessionView,
  sector: Sector,
  command: ChangeFacilitatorStatusCommand,
): Violation | null {
  const onSession = view.invitations.some(
    (invitation) => holdsSlot(invitation) && invitation.facilitator.id === command.facilitatorId,
  );
  if (!onSession)
    return notFound('FACILITATOR_NOT_ON_SESSION', 'This facilitator is not invited to this session.');
  return checkStatusForSector(command.status, sector);
}

export function checkWithdraw(view: SessionView, command: WithdrawCommand, now: Date): Violation | null {
  const invitation = findInvitation(view, command.invitationId);
  if (isViolation(invitation)) return invitation;
  if (!holdsSlot(invitation))
    return conflict(
      'INVITATION_NOT_PENDING',
      `This invitation ${ANSWERED[invitation.status as Exclude<Invitation['status'], 'pending'>]}.`,
    );
  return checkNotStarted(view, now);
}

/** An employee of the client taking part in working time needs their manager's approval. */
export function needsManagerApproval(invitation: Invitation): boolean {
  return (
    invitation.facilitatorStatus === 'internal' &&
    invitation.facilitator.managerEmail !== null &&
    invitation.duringWorkingTime === true
  );
}
