import type { FundingDecision } from '../messages/funding.ts';
import { sessionEmailData } from './emails.ts';
import { type LiveContext, queueEmail } from './live-context.ts';

/** How a live session is paid for: the proposal, the funding decision workflow and its outcome. */
export class LiveFunding {
  private readonly live: LiveContext;
  /** The funding decision workflow was started (once per session). */
  private started = false;

  constructor(live: LiveContext) {
    this.live = live;
  }

  get workflowStarted(): boolean {
    return this.started;
  }

  /** The proposal is sent by the loop; the command is answered once it went. */
  requestProposal(): void {
    this.live.effects.pushOnce({ kind: 'sendProposal' });
  }

  proposalPending(): boolean {
    return this.live.effects.has('sendProposal');
  }

  /** True the first time: the funding decision workflow is started once per session. */
  start(): boolean {
    if (this.started) return false;
    this.started = true;
    return true;
  }

  /** The mission shows the session as awaiting its funder from now on. */
  awaitingReported(): void {
    this.live.effects.push({ kind: 'reportFunding', awaiting: true });
  }

  /** Whether the funding workflow still waits for a decision, so follows the session's date. */
  awaitsDecision(): boolean {
    return this.started && this.live.state.fundingState.status === 'awaiting_decision';
  }

  /** The session is cancelled: a funder still deciding is told to stop, and the mission stops waiting. */
  withdrawIfAwaited(): void {
    if (this.live.state.fundingState.status !== 'awaiting_decision') return;
    this.live.effects.pushOnce({ kind: 'withdrawFunding' });
    this.live.effects.push({ kind: 'reportFunding', awaiting: false });
  }

  decided(signal: { decision: FundingDecision | null; automatic: boolean }, now: Date): void {
    const { state, mission } = this.live;
    if (state.fundingState.status !== 'awaiting_decision') return;
    const { decision, automatic } = signal;
    state.fundingDecided(decision, automatic, now);
    this.live.effects.push({ kind: 'reportFunding', awaiting: false });
    const billing = state.fundingState.billing;
    const view = state.view();
    queueEmail(this.live, {
      template: 'fundingDecided',
      to: { email: mission.coordinator.email, name: mission.coordinator.name },
      language: 'fr',
      idempotencyKey: `${view.sessionId}:funding-decided`,
      missionId: mission.missionId,
      sessionId: view.sessionId,
      data: {
        ...sessionEmailData(mission, view),
        outcome: decision?.outcome ?? 'none',
        fundedCents: billing?.fundedCents ?? 0,
        clientCents: billing?.clientCents ?? 0,
      },
    });
  }
}
