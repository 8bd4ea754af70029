import type { Actor } from '../messages/actor.ts';
import type { ManagerApprovalInput } from '../messages/approval.ts';
import type { Session } from '../messages/domain.ts';
import type { EmailRequest } from '../messages/email.ts';
import type { FundingDecision } from '../messages/funding.ts';
import type { SessionFacts } from '../messages/payouts.ts';
import type {
  AuditHold,
  SessionFeatures,
  SessionStateAnswer,
  SessionView,
  SessionWorkings,
} from '../messages/session.ts';
import type { SendSessionMessageCommand } from '../messages/session-message.ts';
import type { CountersignCommand } from '../messages/signing.ts';
import type {
  InvitedFacilitator,
  InviteFacilitatorCommand,
  RespondToInvitationCommand,
  SessionMissionContext,
} from '../messages/staffing.ts';
import type { SessionPolicy } from '../policy.ts';
import type { AuditHoldFinding } from '../rules/audit-consistency.ts';
import { businessDate } from '../rules/calendar.ts';
import { complianceIssues } from '../rules/compliance.ts';
import { msOf } from '../rules/durations.ts';
import { dueFollowUps, type FollowUpOptions, nextFollowUpAt, sessionIsDone } from '../rules/follow-up.ts';
import type { SilenceRule } from '../rules/manager-silence.ts';
import { messageRecipients } from '../rules/session-message.ts';
import { lastHalfDayClosesAt, signingComplete } from '../rules/signing.ts';
import { auditMismatchEmail } from './audit-emails.ts';
import { EffectQueue } from './effects.ts';
import {
  complianceLapsedEmails,
  facilitatorCancellationEmail,
  invitationEmail,
  messageEmails,
  outcomeEmail,
  sessionEmailData,
} from './emails.ts';
import { sessionFactsOf } from './facts.ts';
import { cancellationEmail, certificatesUnbackedEmail } from './follow-up-emails.ts';
import { SessionState } from './session-state.ts';
import { signingLinkEmail } from './signing-emails.ts';

/**
 * The session as its workflow runs it: its state (SessionState), the effects it owes, and the
 * instants its timers wait for. Each message is one synchronous method that changes the state
 * and queues effects; the workflow validates first with workflows/rules and then carries the
 * effects out. No Temporal here, so every behaviour is unit-tested without a server.
 */
export class LiveSession {
  readonly state: SessionState;
  readonly effects = new EffectQueue();
  private woken = false;
  private fundingStarted = false;
  private auditHold: AuditHold | null = null;
  private auditReleased = false;
  private reportedFacts = '';
  readonly mission: SessionMissionContext;
  readonly policy: SessionPolicy;
  readonly features: SessionFeatures;

  constructor(
    mission: SessionMissionContext,
    session: Session,
    policy: SessionPolicy,
    features: SessionFeatures,
  ) {
    this.mission = mission;
    this.policy = policy;
    this.features = features;
    this.state = new SessionState(mission, session, policy.signingGraceAfterHalfDay);
  }

  view(): SessionView {
    return this.state.view();
  }

  answer(): SessionStateAnswer {
    return { ...this.view(), workings: this.workings() };
  }

  workings(): SessionWorkings {
    return {
      effects: this.effects.list(),
      woken: this.woken,
      features: { ...this.features },
      fundingStarted: this.fundingStarted,
      auditHold: this.auditHold ? JSON.parse(JSON.stringify(this.auditHold)) : null,
      auditReleased: this.auditReleased,
      reportedFacts: this.reportedFacts ? (JSON.parse(this.reportedFacts) as SessionFacts) : null,
    };
  }

  followUpOptions(): FollowUpOptions {
    return {
      certificatesAwaitProof: this.features.certificatesAwaitProof,
      endOfTrainingAssessment: this.features.endOfTrainingAssessment,
      certificatesHeld: this.auditHold !== null && !this.auditReleased,
    };
  }

  // Lifecycle, from the mission (already validated there).

  /** False when the session no longer moves (it started, ended or was cancelled). */
  rescheduled(move: { startsAt: string; endsAt: string; offer?: Session['offer'] }): boolean {
    if (this.state.status !== 'planned') return false;
    this.state.reschedule(move.startsAt, move.endsAt, move.offer);
    // The funding and approval deadlines count from the session's date: they follow it.
    this.effects.pushOnce({ kind: 'moveChildren' });
    this.woken = true;
    return true;
  }

  /** Only while planned. `notifyFacilitators`: sessions cancelled before that rule told participants only. */
  cancelled(reason: string, notifyFacilitators: boolean): void {
    for (const invitation of this.state.awaitingApproval())
      this.effects.push({ kind: 'withdrawApproval', invitationId: invitation.invitationId });
    for (const participant of this.state.participantList())
      this.email(cancellationEmail(this.mission, this.view(), participant, reason));
    if (notifyFacilitators)
      for (const invitation of this.state.openInvitations())
        this.email(facilitatorCancellationEmail(this.mission, this.view(), invitation, reason));
    if (this.state.fundingState.status === 'awaiting_decision') {
      this.effects.pushOnce({ kind: 'withdrawFunding' });
      this.effects.push({ kind: 'reportFunding', awaiting: false });
    }
    this.state.transition('cancelled', reason);
  }

  /**
   * Invitations expire or get their reminder, the session starts and ends, signing completes.
   * Returns the session's next deadline each time it changes, for the search attributes.
   */
  advance(at: Date): (string | null)[] {
    const deadlines: (string | null)[] = [];
    for (const invitation of this.state.pendingInvitations()) {
      if (Date.parse(invitation.expiresAt) <= at.getTime()) {
        this.state.expire(invitation.invitationId, at);
        this.email(
          outcomeEmail(
            this.mission,
            this.view(),
            this.state.invitation(invitation.invitationId),
            'expired',
            true,
          ),
        );
      } else if (!invitation.reminderSent && this.reminderAt(invitation) <= at.getTime()) {
        this.state.reminderSent(invitation.invitationId, at);
        this.email(
          invitationEmail(
            this.mission,
            this.view(),
            this.state.invitation(invitation.invitationId),
            'invitationReminder',
          ),
        );
      }
    }
    if (this.state.status === 'planned' && Date.parse(this.state.startsAt) <= at.getTime()) {
      this.state.transition('running');
      deadlines.push(this.state.endsAt);
      this.effects.push({ kind: 'reportStatus', status: 'running' });
      if (this.features.sendsSigningLink)
        this.email(signingLinkEmail(this.mission, this.view(), this.policy));
    }
    if (this.state.status === 'running' && Date.parse(this.state.endsAt) <= at.getTime()) {
      this.state.transition('ended');
      deadlines.push(null);
      this.effects.push({ kind: 'reportStatus', status: 'ended' });
      // The sheet with every signature is the proof funders ask for: built once the session ends.
      if (this.state.attendanceState.signing.signatures.length > 0)
        this.effects.pushOnce({ kind: 'buildAttendanceSheet' });
    }
    if (signingComplete(this.view(), this.features.waitsForLastWindow ? at : undefined))
      this.state.completeSigning(at);
    return deadlines;
  }

  /** The next instant something is due: an invitation reminder or expiry, the start, the end, a follow-up. */
  nextDue(now: number): number | null {
    const times: number[] = [];
    const followUp = nextFollowUpAt(this.view(), this.policy, this.followUpOptions());
    if (followUp !== null) times.push(followUp);
    for (const invitation of this.state.pendingInvitations()) {
      if (!invitation.reminderSent) times.push(this.reminderAt(invitation));
      times.push(Date.parse(invitation.expiresAt));
    }
    if (this.state.status === 'planned') times.push(Date.parse(this.state.startsAt));
    if (this.state.status === 'running') times.push(Date.parse(this.state.endsAt));
    const recheck = this.complianceRecheckAt();
    if (recheck !== null) times.push(recheck);
    const closes = this.signingClosesAt();
    if (closes !== null && closes > now) times.push(closes);
    if (this.auditHold && !this.auditReleased) times.push(this.auditRecheckAt(this.auditHold));
    return times.length > 0 ? Math.min(...times) : null;
  }

  /** Ended with a final attendance verdict and nothing left to send. */
  finished(): boolean {
    return sessionIsDone(this.view(), this.policy, this.followUpOptions());
  }

  /**
   * Whether the loop has something to do before sleeping. A move of the children alone does not
   * count: its message wakes the loop anyway, and recorded histories were made so.
   */
  hasWork(): boolean {
    return this.woken || this.state.needsProjection() || this.effects.anyBut('moveChildren');
  }

  /** The loop looked at the timers again. */
  settled(): void {
    this.woken = false;
  }

  // Staffing.

  invite(command: InviteFacilitatorCommand, now: Date): number {
    const version = this.state.invite(command, now, msOf(this.policy.invitationValidity));
    this.email(
      invitationEmail(
        this.mission,
        this.view(),
        this.state.invitation(command.invitationId),
        'facilitatorInvitation',
      ),
    );
    return version;
  }

  respond(command: RespondToInvitationCommand, now: Date): number {
    const version = this.state.respond(command, now);
    const invitation = this.state.invitation(command.invitationId);
    this.email(
      outcomeEmail(
        this.mission,
        this.view(),
        invitation,
        invitation.status === 'accepted' ? 'accepted' : 'declined',
      ),
    );
    if (invitation.approval === 'pending')
      this.effects.push({ kind: 'startApproval', invitationId: invitation.invitationId });
    return version;
  }

  withdraw(invitationId: string, now: Date): number {
    const awaitingManager = this.state.invitation(invitationId).approval === 'pending';
    const version = this.state.withdraw(invitationId, now);
    if (awaitingManager) this.effects.push({ kind: 'withdrawApproval', invitationId });
    this.email(outcomeEmail(this.mission, this.view(), this.state.invitation(invitationId), 'withdrawn'));
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
    const { invitationId, approved, automatic, note, silenceRule } = decision;
    if (!this.state.managerDecided(invitationId, approved, automatic, now, note, silenceRule)) return;
    this.email(
      outcomeEmail(
        this.mission,
        this.view(),
        this.state.invitation(invitationId),
        approved ? 'approved_by_manager' : 'refused_by_manager',
        automatic,
        note,
        silenceRule,
      ),
    );
  }

  /** What the manager approval workflow starts with, under the client's rule for silence if any. */
  approvalInput(invitationId: string, silenceRule?: SilenceRule): ManagerApprovalInput {
    const invitation = this.state.invitation(invitationId);
    return {
      invitationId: invitation.invitationId,
      sessionId: this.state.view().sessionId,
      missionId: this.mission.missionId,
      managerEmail: invitation.facilitator.managerEmail ?? '',
      facilitatorName: invitation.facilitator.name,
      coordinator: this.mission.coordinator,
      session: sessionEmailData(this.mission, this.view()),
      policy: this.policy,
      ...(silenceRule ? { silenceRule } : {}),
    };
  }

  /** The children whose deadlines count from the session's date, by what they wait for. */
  childrenToMove(): { approvals: string[]; funding: boolean } {
    return {
      approvals: this.state.awaitingApproval().map((invitation) => invitation.invitationId),
      funding: this.fundingStarted && this.state.fundingState.status === 'awaiting_decision',
    };
  }

  /** When facilitators' compliance is due to be checked again, if it still is. */
  complianceRecheckAt(): number | null {
    return this.features.rechecksCompliance
      ? this.state.complianceRecheckDueAt(msOf(this.policy.complianceRecheckBefore))
      : null;
  }

  complianceFacilitators(): InvitedFacilitator[] {
    return this.state.acceptedInvitations().map((invitation) => invitation.facilitator);
  }

  /** The coordinator and staff hear of anyone counting on the session who no longer qualifies. */
  complianceRechecked(
    facilitators: InvitedFacilitator[],
    current: Parameters<typeof complianceIssues>[1],
    at: Date,
  ): void {
    const issues = complianceIssues(
      facilitators,
      current,
      businessDate(new Date(this.state.endsAt)),
      businessDate(at),
    );
    for (const issue of issues)
      for (const email of complianceLapsedEmails(this.mission, this.view(), issue)) this.email(email);
    this.state.complianceRechecked(issues, at);
  }

  // Participants and attendance.

  participantsChanged(version: number): number {
    this.effects.pushOnce({ kind: 'buildAttendanceSheet' });
    return version;
  }

  /** `flagsCertificates`: certificates a non-compliant sheet had backed are flagged and staff told. */
  sheetVerdict(
    command: Parameters<SessionState['sheetVerdict']>[0],
    now: Date,
    flagsCertificates: boolean,
  ): number {
    const before = this.state.attendanceState.status;
    const version = this.state.sheetVerdict(command, now);
    // Certificates already sent claim hours this sheet no longer backs: staff must hear which.
    if (flagsCertificates) {
      const flagged = this.state.flagCertificatesOfNonCompliantSheet(before, now);
      if (flagged.length > 0) this.email(certificatesUnbackedEmail(this.mission, this.view(), flagged, now));
    }
    return version;
  }

  countersign(command: CountersignCommand, now: Date): number {
    const version = this.state.countersign(command, now);
    // A countersignature after the end changes the proof funders read: the sheet follows it.
    if (this.state.status === 'ended') this.effects.pushOnce({ kind: 'buildAttendanceSheet' });
    return version;
  }

  /** The instant the last half-day's signing window closes, while signing waits for it. */
  signingClosesAt(): number | null {
    const view = this.view();
    if (!this.features.waitsForLastWindow || view.status !== 'ended' || view.attendance.status !== 'pending')
      return null;
    if (view.attendance.signing.signatures.length === 0) return null;
    const closesAt = lastHalfDayClosesAt(view.attendance);
    return closesAt !== null && Number.isFinite(closesAt) ? closesAt : null;
  }

  /** A coordinator's message: its e-mails, queued; returns their keys to wait for. */
  sendMessage(
    command: SendSessionMessageCommand,
    now: Date,
  ): { version: number; recipients: number; emailKeys: string[] } {
    const recipients = messageRecipients(this.view(), command.audience);
    const emails = messageEmails(this.mission, this.view(), command, recipients);
    for (const email of emails) this.email(email);
    const version = this.state.messageSent(command, recipients.length, now);
    return { version, recipients: recipients.length, emailKeys: emails.map((email) => email.idempotencyKey) };
  }

  // Funding.

  /** The proposal is sent by the loop; the command is answered once it went. */
  requestProposal(): void {
    this.effects.pushOnce({ kind: 'sendProposal' });
  }

  proposalPending(): boolean {
    return this.effects.has('sendProposal');
  }

  /** True the first time: the funding decision workflow is started once per session. */
  startFunding(): boolean {
    if (this.fundingStarted) return false;
    this.fundingStarted = true;
    return true;
  }

  /** The mission shows the session as awaiting its funder from now on. */
  fundingWorkflowStarted(): void {
    this.effects.push({ kind: 'reportFunding', awaiting: true });
  }

  fundingDecided(signal: { decision: FundingDecision | null; automatic: boolean }, now: Date): void {
    if (this.state.fundingState.status !== 'awaiting_decision') return;
    const { decision, automatic } = signal;
    this.state.fundingDecided(decision, automatic, now);
    this.effects.push({ kind: 'reportFunding', awaiting: false });
    const billing = this.state.fundingState.billing;
    const view = this.view();
    this.email({
      template: 'fundingDecided',
      to: { email: this.mission.coordinator.email, name: this.mission.coordinator.name },
      language: 'fr',
      idempotencyKey: `${view.sessionId}:funding-decided`,
      missionId: this.mission.missionId,
      sessionId: view.sessionId,
      data: {
        ...sessionEmailData(this.mission, view),
        outcome: decision?.outcome ?? 'none',
        fundedCents: billing?.fundedCents ?? 0,
        clientCents: billing?.clientCents ?? 0,
      },
    });
  }

  // Reporting and the consistency check before certificates.

  /** The facts the mission needs for payouts and closure, when they changed since last reported. */
  factsToReport(): SessionFacts | null {
    if (!this.features.reportsFacts || this.state.status === 'cancelled') return null;
    const facts = {
      ...sessionFactsOf(this.view()),
      ...(this.auditHold && !this.auditReleased ? { auditHold: true } : {}),
    };
    const serialised = JSON.stringify(facts);
    if (serialised === this.reportedFacts) return null;
    this.reportedFacts = serialised;
    return facts;
  }

  /** Certificates are due (were they not held) and the documents were not checked within the day. */
  auditDue(at: Date): boolean {
    if (!this.features.auditsBeforeCertificates || this.auditReleased) return false;
    const unheld = { ...this.followUpOptions(), certificatesHeld: false };
    if (!dueFollowUps(this.view(), this.policy, at, unheld).some((due) => due.step === 'certificate'))
      return false;
    return !(this.auditHold && at.getTime() < this.auditRecheckAt(this.auditHold));
  }

  /** Staff hear of a set of findings once: the e-mail to send before `audited`, if any. */
  auditMismatchToTell(findings: AuditHoldFinding[], at: Date): EmailRequest | null {
    if (findings.length === 0 || this.auditHold?.told === toldOf(findings)) return null;
    return auditMismatchEmail(this.mission, this.view(), findings, at);
  }

  audited(findings: AuditHoldFinding[], at: Date): void {
    this.auditHold =
      findings.length === 0 ? null : { findings, checkedAt: at.getTime(), told: toldOf(findings) };
  }

  auditHoldActive(): boolean {
    return this.auditHold !== null && !this.auditReleased;
  }

  releaseAuditHold(actor: Actor, now: Date): number {
    this.auditReleased = true;
    this.woken = true;
    return this.state.markCommand(actor, 'audit.holdReleased', now);
  }

  private auditRecheckAt(hold: AuditHold): number {
    return hold.checkedAt + msOf(this.policy.auditRecheckEvery);
  }

  private reminderAt(invitation: { sentAt: string }): number {
    return Date.parse(invitation.sentAt) + msOf(this.policy.invitationReminderAfter);
  }

  private email(email: EmailRequest): void {
    this.effects.push({ kind: 'email', email });
  }
}

const toldOf = (findings: AuditHoldFinding[]): string =>
  JSON.stringify(findings.map((finding) => [finding.code, finding.documentIds]));
