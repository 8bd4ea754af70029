import type { Actor } from '../messages/actor.ts';
import { SYSTEM_ACTOR } from '../messages/actor.ts';
import type { AuditEvent } from '../messages/audit.ts';
import type {
  AmendOrderCommand,
  CancelMissionCommand,
  CancelSessionCommand,
  MissionSnapshot,
  MissionWorkflowInput,
  MoveSessionCommand,
  PlanSessionCommand,
  Session,
  SessionTransition,
} from '../messages/mission.ts';
import { DEFAULT_MISSION_POLICY, type MissionPolicy } from '../policy.ts';
import { type AutomaticStep, nextDeadline } from '../rules/deadlines.ts';
import { planningCounters } from '../rules/planning.ts';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

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
    this.policy = { ...DEFAULT_MISSION_POLICY, ...input.policy };
    if (input.carried) {
      this.state = clone(input.carried.state);
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
    return this.change(command.actor, 'session.moved', now, {
      sessionId: command.sessionId,
      from,
      to: { startsAt: command.startsAt, endsAt: command.endsAt },
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
