import { clone } from '../clone.ts';
import type { Actor } from '../messages/actor.ts';
import { SYSTEM_ACTOR } from '../messages/actor.ts';
import type { AuditEvent } from '../messages/audit.ts';
import type { Session } from '../messages/domain.ts';
import type {
  AmendOrderCommand,
  CancelMissionCommand,
  CancelSessionCommand,
  MissionSnapshot,
  MissionWorkflowInput,
  MoveSessionCommand,
  PlanSessionCommand,
  SessionTransition,
} from '../messages/mission.ts';
import type {
  CloseMissionCommand,
  DeclareUsageRightsCommand,
  MissionClosure,
  PayoutLineRequest,
  PayoutRequestRecord,
  ProviderPayoutRef,
  SessionFacts,
  SheetWaiver,
  UsageRightsDeclaration,
  WaiveSheetCommand,
} from '../messages/payouts.ts';
import { emptySettlement } from '../messages/payouts.ts';
import { type MissionPolicy, missionPolicyOf } from '../policy.ts';
import { closureChecklist } from '../rules/closure.ts';
import { type AutomaticStep, nextDeadline } from '../rules/deadlines.ts';
import { payoutItems } from '../rules/payouts.ts';
import { planningCounters } from '../rules/planning.ts';

/**
 * The mission's process state and how each accepted command changes it. No Temporal imports:
 * the workflow validates with workflows/rules, then calls one method here, synchronously, so
 * handlers never interleave half-way through a change.
 */
export class MissionState {
  readonly policy: MissionPolicy;
  private state: MissionSnapshot;
  private pendingAudit: AuditEvent[];
  private projectedVersion = 0;

  constructor(input: MissionWorkflowInput, now: Date) {
    this.policy = missionPolicyOf(input.policy);
    if (input.carried) {
      this.state = clone(input.carried.state);
      // Carried from a run that predates payouts.
      this.state.settlement ??= emptySettlement();
      this.pendingAudit = clone(input.carried.pendingAudit);
      this.projectedVersion = this.pendingAudit.length > 0 ? 0 : this.state.version;
      return;
    }
    const iso = now.toISOString();
    this.state = {
      ...clone(input.order),
      missionId: input.missionId,
      status: 'open',
      cancellationReason: null,
      sessions: [],
      counters: [],
      nextDeadline: null,
      milestones: { assignmentSent: false, planningReminderSent: false, planningEscalationSent: false },
      sessionsAwaitingFunding: [],
      settlement: emptySettlement(),
      createdAt: iso,
      updatedAt: iso,
      version: 0,
    };
    this.pendingAudit = [];
    this.change(input.createdBy, 'mission.created', now, {});
  }

  snapshot(): MissionSnapshot {
    return clone(this.state);
  }

  /** The live state, uncopied, for rules evaluated on every activation (conditions); never mutate it. */
  peek(): Readonly<MissionSnapshot> {
    return this.state;
  }

  get version(): number {
    return this.state.version;
  }

  title(): string {
    return `${this.state.client.name} — ${this.state.title}`;
  }

  get status() {
    return this.state.status;
  }

  get milestones() {
    return this.state.milestones;
  }

  /** Every session that has not reached an end of its own. */
  liveSessionIds(): string[] {
    return this.state.sessions
      .filter((session) => session.status === 'planned' || session.status === 'running')
      .map((s) => s.sessionId);
  }

  needsProjection(): boolean {
    return this.projectedVersion < this.state.version;
  }

  isProjected(version: number): boolean {
    return this.projectedVersion >= version;
  }

  /** What the next projection writes: the latest state and every audit event since the last one. */
  takeProjection(): { mission: MissionSnapshot; audit: AuditEvent[] } {
    const audit = this.pendingAudit;
    this.pendingAudit = [];
    return { mission: this.snapshot(), audit };
  }

  markProjected(version: number): void {
    this.projectedVersion = Math.max(this.projectedVersion, version);
  }

  carry(): NonNullable<MissionWorkflowInput['carried']> {
    return { state: this.snapshot(), pendingAudit: clone(this.pendingAudit) };
  }

  planSession(command: PlanSessionCommand, now: Date): number {
    this.state.sessions.push({
      ...clone(command.plan),
      sessionId: command.sessionId,
      status: 'planned',
      cancellationReason: null,
    });
    return this.change(command.actor, 'session.planned', now, {
      sessionId: command.sessionId,
      ...command.plan,
    });
  }

  moveSession(command: MoveSessionCommand, now: Date): number {
    const session = this.find(command.sessionId);
    const from = { startsAt: session.startsAt, endsAt: session.endsAt };
    session.startsAt = command.startsAt;
    session.endsAt = command.endsAt;
    const offer = command.offer && { from: session.offer ?? null, to: clone(command.offer) };
    if (command.offer) session.offer = clone(command.offer);
    return this.change(command.actor, 'session.moved', now, {
      sessionId: command.sessionId,
      from,
      to: { startsAt: command.startsAt, endsAt: command.endsAt },
      ...(offer ? { offer } : {}),
    });
  }

  cancelSession(command: CancelSessionCommand, now: Date): number {
    const session = this.find(command.sessionId);
    session.status = 'cancelled';
    session.cancellationReason = command.reason;
    return this.change(command.actor, 'session.cancelled', now, {
      sessionId: command.sessionId,
      reason: command.reason,
    });
  }

  amendOrder(command: AmendOrderCommand, now: Date): number {
    const before = this.state.orderLines;
    this.state.orderLines = clone(command.orderLines);
    return this.change(command.actor, 'order.amended', now, { before, after: command.orderLines });
  }

  cancelMission(command: CancelMissionCommand, now: Date): number {
    this.state.status = 'cancelled';
    this.state.cancellationReason = command.reason;
    for (const session of this.state.sessions) {
      // A session whose start has passed is running, even if its report has not arrived yet.
      if (session.status === 'planned' && Date.parse(session.startsAt) > now.getTime()) {
        session.status = 'cancelled';
        session.cancellationReason = command.reason;
      }
    }
    return this.change(command.actor, 'mission.cancelled', now, { reason: command.reason });
  }

  /** A child's report; stale or repeated reports (signals may arrive twice) change nothing. */
  sessionTransitioned(transition: SessionTransition, now: Date): void {
    const session = this.state.sessions.find((candidate) => candidate.sessionId === transition.sessionId);
    if (!session || session.status === transition.status) return;
    const order = ['planned', 'running', 'ended'];
    if (session.status === 'cancelled' || order.indexOf(transition.status) < order.indexOf(session.status))
      return;
    session.status = transition.status;
    this.change(SYSTEM_ACTOR, `session.${transition.status}`, now, {
      sessionId: transition.sessionId,
      at: transition.at,
    });
  }

  /** A session's report; repeated reports change nothing. */
  sessionFundingChanged(sessionId: string, awaiting: boolean, now: Date): void {
    const awaitingNow = this.state.sessionsAwaitingFunding ?? [];
    if (awaitingNow.includes(sessionId) === awaiting) return;
    this.state.sessionsAwaitingFunding = awaiting
      ? [...awaitingNow, sessionId]
      : awaitingNow.filter((id) => id !== sessionId);
    this.change(SYSTEM_ACTOR, awaiting ? 'funding.awaited' : 'funding.settled', now, { sessionId });
  }

  /**
   * A session's latest facts. Only a report that changes what anyone sees (payout items, the
   * closure checklist) is a change of the mission: a session's first report while it is still
   * planned, or a repeated one, is kept without a new version, projection or audit event.
   */
  sessionFactsReported(facts: SessionFacts, now: Date): void {
    const settlement = this.state.settlement;
    const all = settlement.sessionFacts;
    const index = all.findIndex((candidate) => candidate.sessionId === facts.sessionId);
    if (index >= 0 && JSON.stringify(all[index]) === JSON.stringify(facts)) return;
    if (index >= 0) all[index] = clone(facts);
    else all.push(clone(facts));
    const seen = JSON.stringify([settlement.items, settlement.checklist]);
    if (JSON.stringify([payoutItems(this.state), closureChecklist(this.state)]) === seen) return;
    this.change(SYSTEM_ACTOR, 'session.factsReported', now, {
      sessionId: facts.sessionId,
      attendance: facts.attendance,
      facilitators: facts.facilitators.map((facilitator) => facilitator.facilitatorId),
    });
  }

  waiveSheet(command: WaiveSheetCommand, now: Date): SheetWaiver {
    const waiver = {
      sessionId: command.sessionId,
      reason: command.reason,
      waivedBy: command.actor,
      waivedAt: now.toISOString(),
    };
    this.state.settlement.sheetWaivers.push(waiver);
    this.change(command.actor, 'payout.sheetWaived', now, {
      sessionId: command.sessionId,
      reason: command.reason,
    });
    return clone(waiver);
  }

  requestPayouts(request: PayoutRequestRecord, now: Date): number {
    this.state.settlement.requests.push(clone(request));
    return this.change(request.requestedBy, 'payout.requested', now, {
      requestId: request.requestId,
      payouts: request.payouts.map((payout) => ({
        payoutId: payout.payoutId,
        providerId: payout.providerId,
      })),
    });
  }

  request(requestId: string): PayoutRequestRecord {
    const found = this.state.settlement.requests.find((candidate) => candidate.requestId === requestId);
    if (!found) throw new Error(`unknown payout request ${requestId}`);
    return clone(found);
  }

  /** Every provider payout with the request it belongs to; the coordinator's belongs to the closure. */
  private allPayouts(): { payout: ProviderPayoutRef; requestId: string; requestedAt: string }[] {
    const settlement = this.state.settlement;
    const closure = settlement.closure;
    return [
      ...settlement.requests.flatMap((request) =>
        request.payouts.map((payout) => ({
          payout,
          requestId: request.requestId,
          requestedAt: request.requestedAt,
        })),
      ),
      ...(closure?.coordinatorPayout
        ? [{ payout: closure.coordinatorPayout, requestId: 'closure', requestedAt: closure.closedAt }]
        : []),
    ];
  }

  /** Provider payouts accepted but whose workflow has not been started yet. */
  payoutsToStart(): { payout: ProviderPayoutRef; requestId: string; requestedAt: string }[] {
    return clone(this.allPayouts().filter((entry) => !entry.payout.started));
  }

  hasPayoutsToStart(): boolean {
    return this.allPayouts().some((entry) => !entry.payout.started);
  }

  payoutStarted(payoutId: string, now: Date): void {
    for (const { payout } of this.allPayouts()) if (payout.payoutId === payoutId) payout.started = true;
    this.change(SYSTEM_ACTOR, 'payout.started', now, { payoutId });
  }

  close(
    command: CloseMissionCommand,
    automatic: boolean,
    coordinatorLines: PayoutLineRequest[],
    coordinatorPayoutId: string,
    now: Date,
  ): MissionClosure {
    const coordinator = this.state.coordinator;
    const closure: MissionClosure = {
      closedAt: now.toISOString(),
      closedBy: command.actor,
      automatic,
      coordinatorPayout:
        coordinatorLines.length > 0
          ? {
              payoutId: coordinatorPayoutId,
              providerId: coordinator.id,
              providerName: coordinator.name,
              providerEmail: coordinator.email,
              lines: clone(coordinatorLines),
              started: false,
            }
          : null,
    };
    this.state.settlement.closure = closure;
    this.state.status = 'closed';
    this.change(command.actor, 'mission.closed', now, { automatic });
    return clone(closure);
  }

  declareUsageRights(command: DeclareUsageRightsCommand, now: Date): UsageRightsDeclaration {
    const declaration = {
      facilitatorId: command.facilitatorId,
      revenueCents: command.revenueCents,
      participants: command.participants,
      declaredBy: command.actor,
      declaredAt: now.toISOString(),
    };
    this.state.settlement.usageRights.push(declaration);
    this.change(command.actor, 'usageRights.declared', now, {
      facilitatorId: command.facilitatorId,
      revenueCents: command.revenueCents,
      participants: command.participants,
    });
    return clone(declaration);
  }

  usageRightsRequested(facilitatorId: string, now: Date): void {
    this.state.settlement.usageRightsRequested.push(facilitatorId);
    this.change(SYSTEM_ACTOR, 'usageRights.requested', now, { facilitatorId });
  }

  settlementStepTaken(step: 'closureReminder' | 'clientInvoiceNotice', now: Date): void {
    if (step === 'closureReminder') this.state.settlement.closureReminderSent = true;
    else this.state.settlement.clientInvoiceNoticeSent = true;
    this.change(SYSTEM_ACTOR, `mission.${step}Sent`, now, {});
  }

  stepTaken(step: AutomaticStep | 'assignment', now: Date): void {
    const key = (
      {
        assignment: 'assignmentSent',
        planningReminder: 'planningReminderSent',
        planningEscalation: 'planningEscalationSent',
      } as const
    )[step];
    this.state.milestones[key] = true;
    this.change(SYSTEM_ACTOR, `mission.${step}Sent`, now, {});
  }

  session(sessionId: string): Session {
    return clone(this.find(sessionId));
  }

  private find(sessionId: string): Session {
    const session = this.state.sessions.find((candidate) => candidate.sessionId === sessionId);
    if (!session) throw new Error(`unknown session ${sessionId}: validators must run first`);
    return session;
  }

  private change(actor: Actor, action: string, now: Date, details: Record<string, unknown>): number {
    this.state.version += 1;
    this.state.updatedAt = now.toISOString();
    this.state.counters = planningCounters(this.state.orderLines, this.state.sessions);
    this.state.settlement.items = payoutItems(this.state);
    this.state.settlement.checklist = closureChecklist(this.state);
    this.state.nextDeadline = nextDeadline(this.state, this.policy, now)?.toISOString() ?? null;
    this.pendingAudit.push({
      sequence: this.state.version,
      action,
      actor,
      occurredAt: this.state.updatedAt,
      details: clone(details),
    });
    return this.state.version;
  }
}
