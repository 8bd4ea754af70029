import type { Actor } from '../messages/actor.ts';
import type { Session } from '../messages/domain.ts';
import type {
  SessionFeatures,
  SessionStateAnswer,
  SessionView,
  SessionWorkings,
} from '../messages/session.ts';
import type { SendSessionMessageCommand } from '../messages/session-message.ts';
import type { SessionMissionContext } from '../messages/staffing.ts';
import type { SessionPolicy } from '../policy.ts';
import { type FollowUpOptions, nextFollowUpAt, sessionIsDone } from '../rules/follow-up.ts';
import { messageRecipients } from '../rules/session-message.ts';
import { signingComplete } from '../rules/signing.ts';
import { EffectQueue } from './effects.ts';
import { facilitatorCancellationEmail, messageEmails } from './emails.ts';
import { cancellationEmail } from './follow-up-emails.ts';
import { LiveAttendance } from './live-attendance.ts';
import { type LiveContext, queueEmail } from './live-context.ts';
import { LiveFunding } from './live-funding.ts';
import { LiveReporting } from './live-reporting.ts';
import { LiveStaffing } from './live-staffing.ts';
import { SessionState } from './session-state.ts';
import { signingLinkEmail } from './signing-emails.ts';

/**
 * The session as its workflow runs it: its state (SessionState), the effects it owes, and the
 * instants its timers wait for, in parts by concern (staffing, attendance, funding, reporting)
 * sharing one effect queue. Each message is one synchronous method that changes the state and
 * queues effects; the workflow validates first with workflows/rules and carries the effects out
 * (carry-out.ts). No Temporal here, so every behaviour is unit-tested without a server.
 */
export class LiveSession implements LiveContext {
  readonly state: SessionState;
  readonly effects = new EffectQueue();
  readonly mission: SessionMissionContext;
  readonly policy: SessionPolicy;
  readonly features: SessionFeatures;
  readonly staffing: LiveStaffing;
  readonly attendance: LiveAttendance;
  readonly funding: LiveFunding;
  readonly reporting: LiveReporting;
  /** Something changed the timers: the loop looks again before sleeping. */
  private woken = false;

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
    this.staffing = new LiveStaffing(this);
    this.attendance = new LiveAttendance(this);
    this.funding = new LiveFunding(this);
    this.reporting = new LiveReporting(this);
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
      fundingStarted: this.funding.workflowStarted,
      auditHold: this.reporting.auditHold,
      auditReleased: this.reporting.auditReleased,
      reportedFacts: this.reporting.reportedFacts,
      projection: this.state.projection(),
    };
  }

  followUpOptions(): FollowUpOptions {
    return {
      certificatesAwaitProof: this.features.certificatesAwaitProof,
      endOfTrainingAssessment: this.features.endOfTrainingAssessment,
      certificatesHeld: this.reporting.holdActive(),
    };
  }

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
      queueEmail(this, cancellationEmail(this.mission, this.view(), participant, reason));
    if (notifyFacilitators)
      for (const invitation of this.state.openInvitations())
        queueEmail(this, facilitatorCancellationEmail(this.mission, this.view(), invitation, reason));
    this.funding.withdrawIfAwaited();
    this.state.transition('cancelled', reason);
  }

  /**
   * Invitations expire or get their reminder, the session starts and ends, signing completes.
   * Returns the session's next deadline each time it changes, for the search attributes.
   */
  advance(at: Date): (string | null)[] {
    const deadlines: (string | null)[] = [];
    this.staffing.advance(at);
    if (this.state.status === 'planned' && Date.parse(this.state.startsAt) <= at.getTime()) {
      this.state.transition('running');
      deadlines.push(this.state.endsAt);
      this.effects.push({ kind: 'reportStatus', status: 'running' });
      if (this.features.sendsSigningLink)
        queueEmail(this, signingLinkEmail(this.mission, this.view(), this.policy));
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
    times.push(...this.staffing.dueTimes());
    if (this.state.status === 'planned') times.push(Date.parse(this.state.startsAt));
    if (this.state.status === 'running') times.push(Date.parse(this.state.endsAt));
    const recheck = this.staffing.complianceRecheckAt();
    if (recheck !== null) times.push(recheck);
    const closes = this.attendance.signingClosesAt();
    if (closes !== null && closes > now) times.push(closes);
    const auditCheck = this.reporting.nextCheckAt();
    if (auditCheck !== null) times.push(auditCheck);
    return times.length > 0 ? Math.min(...times) : null;
  }

  /** Ended with a final attendance verdict and nothing left to send. */
  finished(): boolean {
    return sessionIsDone(this.view(), this.policy, this.followUpOptions());
  }

  /**
   * Whether the loop has something to do before sleeping. Sessions started before lean commands
   * leave a move of the children alone out, as their histories were recorded: a move that arrived
   * once the loop was past moving them waited for the session's next wake.
   */
  hasWork(): boolean {
    const effects = this.features.leanCommands ? this.effects.anyBut() : this.effects.anyBut('moveChildren');
    return this.woken || this.state.needsProjection() || effects;
  }

  /** The loop looked at the timers again. */
  settled(): void {
    this.woken = false;
  }

  /** The children whose deadlines count from the session's date, by what they wait for. */
  childrenToMove(): { approvals: string[]; funding: boolean } {
    return {
      approvals: this.state.awaitingApproval().map((invitation) => invitation.invitationId),
      funding: this.funding.awaitsDecision(),
    };
  }

  /** Certificates the consistency check held go out: staff said so, with why. */
  releaseAuditHold(actor: Actor, now: Date): number {
    this.reporting.release();
    this.woken = true;
    return this.state.markCommand(actor, 'audit.holdReleased', now);
  }

  /** A coordinator's message: its e-mails, queued; returns their keys to wait for. */
  sendMessage(
    command: SendSessionMessageCommand,
    now: Date,
  ): { version: number; recipients: number; emailKeys: string[] } {
    const recipients = messageRecipients(this.view(), command.audience);
    const emails = messageEmails(this.mission, this.view(), command, recipients);
    for (const email of emails) queueEmail(this, email);
    const version = this.state.messageSent(command, recipients.length, now);
    return { version, recipients: recipients.length, emailKeys: emails.map((email) => email.idempotencyKey) };
  }
}
