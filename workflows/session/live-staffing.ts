import type { ManagerApprovalInput } from '../messages/approval.ts';
import type {
  Invitation,
  InvitedFacilitator,
  InviteFacilitatorCommand,
  RespondToInvitationCommand,
} from '../messages/staffing.ts';
import { businessDate } from '../rules/calendar.ts';
import { complianceIssues } from '../rules/compliance.ts';
import { msOf } from '../rules/durations.ts';
import type { SilenceRule } from '../rules/manager-silence.ts';
import { complianceLapsedEmails, invitationEmail, outcomeEmail, sessionEmailData } from './emails.ts';
import { type LiveContext, queueEmail } from './live-context.ts';

/**
 * Who facilitates a live session: invitations with their e-mails, reminders and expiry, manager
 * approvals to start or withdraw, and the compliance recheck before the start.
 */
export class LiveStaffing {
  private readonly live: LiveContext;

  constructor(live: LiveContext) {
    this.live = live;
  }

  invite(command: InviteFacilitatorCommand, now: Date): number {
    const { state, policy } = this.live;
    const version = state.invite(command, now, msOf(policy.invitationValidity));
    this.tell(
      invitationEmail(
        this.live.mission,
        state.view(),
        state.invitation(command.invitationId),
        'facilitatorInvitation',
      ),
    );
    return version;
  }

  respond(command: RespondToInvitationCommand, now: Date): number {
    const { state } = this.live;
    const version = state.respond(command, now);
    const invitation = state.invitation(command.invitationId);
    this.tell(
      outcomeEmail(
        this.live.mission,
        state.view(),
        invitation,
        invitation.status === 'accepted' ? 'accepted' : 'declined',
      ),
    );
    if (invitation.approval === 'pending')
      this.live.effects.push({ kind: 'startApproval', invitationId: invitation.invitationId });
    return version;
  }

  withdraw(invitationId: string, now: Date): number {
    const { state } = this.live;
    const awaitingManager = state.invitation(invitationId).approval === 'pending';
    const version = state.withdraw(invitationId, now);
    if (awaitingManager) this.live.effects.push({ kind: 'withdrawApproval', invitationId });
    this.tell(outcomeEmail(this.live.mission, state.view(), state.invitation(invitationId), 'withdrawn'));
    return version;
  }

  managerDecided(
    decision: {
      invitationId: string;
      approved: boolean;
      automatic: boolean;
      note?: string;
      silenceRule?: SilenceRule;
    },
    now: Date,
  ): void {
    const { state } = this.live;
    const { invitationId, approved, automatic, note, silenceRule } = decision;
    if (!state.managerDecided(invitationId, approved, automatic, now, note, silenceRule)) return;
    this.tell(
      outcomeEmail(
        this.live.mission,
        state.view(),
        state.invitation(invitationId),
        approved ? 'approved_by_manager' : 'refused_by_manager',
        automatic,
        note,
        silenceRule,
      ),
    );
  }

  /** Pending invitations expire, or get their reminder. */
  advance(at: Date): void {
    const { state, mission } = this.live;
    for (const invitation of state.pendingInvitations()) {
      if (Date.parse(invitation.expiresAt) <= at.getTime()) {
        state.expire(invitation.invitationId, at);
        this.tell(
          outcomeEmail(mission, state.view(), state.invitation(invitation.invitationId), 'expired', true),
        );
      } else if (!invitation.reminderSent && this.reminderAt(invitation) <= at.getTime()) {
        state.reminderSent(invitation.invitationId, at);
        this.tell(
          invitationEmail(
            mission,
            state.view(),
            state.invitation(invitation.invitationId),
            'invitationReminder',
          ),
        );
      }
    }
  }

  /** The reminders and expiries pending invitations wait for. */
  dueTimes(): number[] {
    return this.live.state
      .pendingInvitations()
      .flatMap((invitation) => [
        ...(invitation.reminderSent ? [] : [this.reminderAt(invitation)]),
        Date.parse(invitation.expiresAt),
      ]);
  }

  /** What the manager approval workflow starts with, under the client's rule for silence if any. */
  approvalInput(invitationId: string, silenceRule?: SilenceRule): ManagerApprovalInput {
    const { state, mission, policy } = this.live;
    const invitation = state.invitation(invitationId);
    const view = state.view();
    return {
      invitationId: invitation.invitationId,
      sessionId: view.sessionId,
      missionId: mission.missionId,
      managerEmail: invitation.facilitator.managerEmail ?? '',
      facilitatorName: invitation.facilitator.name,
      coordinator: mission.coordinator,
      session: sessionEmailData(mission, view),
      policy,
      ...(silenceRule ? { silenceRule } : {}),
    };
  }

  /** When facilitators' compliance is due to be checked again, if it still is. */
  complianceRecheckAt(): number | null {
    const { state, features, policy } = this.live;
    return features.rechecksCompliance
      ? state.complianceRecheckDueAt(msOf(policy.complianceRecheckBefore))
      : null;
  }

  complianceFacilitators(): InvitedFacilitator[] {
    return this.live.state.acceptedInvitations().map((invitation) => invitation.facilitator);
  }

  /** The coordinator and staff hear of anyone counting on the session who no longer qualifies. */
  complianceRechecked(
    facilitators: InvitedFacilitator[],
    current: Parameters<typeof complianceIssues>[1],
    at: Date,
  ): void {
    const { state, mission } = this.live;
    const issues = complianceIssues(
      facilitators,
      current,
      businessDate(new Date(state.endsAt)),
      businessDate(at),
    );
    for (const issue of issues)
      for (const email of complianceLapsedEmails(mission, state.view(), issue)) this.tell(email);
    state.complianceRechecked(issues, at);
  }

  private reminderAt(invitation: Invitation): number {
    return Date.parse(invitation.sentAt) + msOf(this.live.policy.invitationReminderAfter);
  }

  private tell(email: Parameters<typeof queueEmail>[1]): void {
    queueEmail(this.live, email);
  }
}
