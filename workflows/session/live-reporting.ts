import type { EmailRequest } from '../messages/email.ts';
import type { SessionFacts } from '../messages/payouts.ts';
import type { AuditHold } from '../messages/session.ts';
import type { AuditHoldFinding } from '../rules/audit-consistency.ts';
import { msOf } from '../rules/durations.ts';
import { dueFollowUps, type FollowUpOptions } from '../rules/follow-up.ts';
import { auditMismatchEmail } from './audit-emails.ts';
import { sessionFactsOf } from './facts.ts';
import type { LiveContext } from './live-context.ts';

/**
 * What a live session tells its mission (the facts payouts and closure need, each time they
 * change) and the consistency check that holds certificates while the documents disagree.
 */
export class LiveReporting {
  private readonly live: LiveContext;
  private hold: AuditHold | null = null;
  private released = false;
  private reported = '';
  /** The facts the session started with. */
  private readonly initial: string;

  constructor(live: LiveContext) {
    this.live = live;
    this.initial = JSON.stringify(sessionFactsOf(live.state.view()));
  }

  get auditHold(): AuditHold | null {
    return this.hold ? (JSON.parse(JSON.stringify(this.hold)) as AuditHold) : null;
  }

  get auditReleased(): boolean {
    return this.released;
  }

  get reportedFacts(): SessionFacts | null {
    return this.reported ? (JSON.parse(this.reported) as SessionFacts) : null;
  }

  /** The facts the mission needs for payouts and closure, when they changed since last reported. */
  factsToReport(): SessionFacts | null {
    const { state, features } = this.live;
    if (!features.reportsFacts || state.status === 'cancelled') return null;
    const facts = { ...sessionFactsOf(state.view()), ...(this.holdActive() ? { auditHold: true } : {}) };
    const serialised = JSON.stringify(facts);
    if (serialised === this.reported) return null;
    // The mission computes nothing from a planned session's facts before a facilitator joins
    // (workflows/rules/payouts.ts, closure.ts): the facts it started with need no report, which
    // would cost the mission a workflow task after every plan. Once the session runs they go,
    // so an ended session's report is never missing.
    if (
      features.leanCommands &&
      this.reported === '' &&
      state.status === 'planned' &&
      serialised === this.initial
    )
      return null;
    this.reported = serialised;
    return facts;
  }

  /** Certificates are due (were they not held) and the documents were not checked within the day. */
  auditDue(at: Date, options: FollowUpOptions): boolean {
    const { state, features, policy } = this.live;
    if (!features.auditsBeforeCertificates || this.released) return false;
    const unheld = { ...options, certificatesHeld: false };
    if (!dueFollowUps(state.view(), policy, at, unheld).some((due) => due.step === 'certificate'))
      return false;
    return !(this.hold && at.getTime() < this.recheckAt(this.hold));
  }

  /** Staff hear of a set of findings once: the e-mail to send before `audited`, if any. */
  mismatchToTell(findings: AuditHoldFinding[], at: Date): EmailRequest | null {
    if (findings.length === 0 || this.hold?.told === toldOf(findings)) return null;
    return auditMismatchEmail(this.live.mission, this.live.state.view(), findings, at);
  }

  audited(findings: AuditHoldFinding[], at: Date): void {
    this.hold = findings.length === 0 ? null : { findings, checkedAt: at.getTime(), told: toldOf(findings) };
  }

  holdActive(): boolean {
    return this.hold !== null && !this.released;
  }

  release(): void {
    this.released = true;
  }

  /** When held certificates' documents are checked again. */
  nextCheckAt(): number | null {
    return this.hold && !this.released ? this.recheckAt(this.hold) : null;
  }

  private recheckAt(hold: AuditHold): number {
    return hold.checkedAt + msOf(this.live.policy.auditRecheckEvery);
  }
}

const toldOf = (findings: AuditHoldFinding[]): string =>
  JSON.stringify(findings.map((finding) => [finding.code, finding.documentIds]));
