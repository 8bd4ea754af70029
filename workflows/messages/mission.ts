/**
 * The mission workflow's public contract: its input, its state as callers see it, and the
 * messages they may send. The API and the worker import this module; nothing here does I/O.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { MissionPolicy, PayoutPolicy, SessionPolicy } from '../policy.ts';
import type { Actor } from './actor.ts';
import type { AuditEvent } from './audit.ts';
import type {
  Contact,
  OfferRef,
  Sector,
  Session,
  SessionKind,
  SessionPlan,
  SessionStatus,
} from './domain.ts';
import type { MissionSettlement } from './payouts.ts';

export const DEAL_TYPES = ['subcontracting', 'client_introduction'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

export const MISSION_STATUSES = ['open', 'cancelled', 'closed'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

export interface OrderLine {
  kind: SessionKind;
  quantity: number;
  participantsPerSession: number;
  unitPriceCents: number;
  /** The catalogue offer this line's sessions deliver unless one is planned with another. */
  offerId?: string;
}

export interface Client {
  name: string;
}

/** What a coordinator's won order says; becomes the mission workflow's input. */
export interface MissionOrder {
  title: string;
  client: Client;
  sector: Sector;
  dealType: DealType;
  coordinator: Contact;
  /** Calendar date (YYYY-MM-DD) by which every session must have taken place. */
  endDate: string;
  orderLines: OrderLine[];
}

export interface KindCounter {
  kind: SessionKind;
  ordered: number;
  planned: number;
  remaining: number;
}

/** Automatic steps already taken, so a replay or a continue-as-new never repeats them. */
export interface MissionMilestones {
  assignmentSent: boolean;
  planningReminderSent: boolean;
  planningEscalationSent: boolean;
}

export interface MissionSnapshot extends MissionOrder {
  missionId: string;
  status: MissionStatus;
  cancellationReason: string | null;
  sessions: Session[];
  counters: KindCounter[];
  /** ISO instant of the next thing that will happen by itself, if any. */
  nextDeadline: string | null;
  milestones: MissionMilestones;
  /** Trainings whose funder has not decided yet. */
  sessionsAwaitingFunding: string[];
  /** Payouts, closure checklist and closure; usage rights for client introductions. */
  settlement: MissionSettlement;
  createdAt: string;
  updatedAt: string;
  /** Grows with every accepted change; the read model keeps the highest it has seen. */
  version: number;
}

export interface MissionWorkflowInput {
  missionId: string;
  order: MissionOrder;
  createdBy: Actor;
  policy?: Partial<MissionPolicy>;
  /** Passed down to every session: invitation and approval durations. */
  sessionPolicy?: Partial<SessionPolicy>;
  /** Passed down to every provider's payout: supplier-invoice reminders and alert. */
  payoutPolicy?: Partial<PayoutPolicy>;
  /** Carried across continue-as-new so the new run loses nothing. */
  carried?: { state: MissionSnapshot; pendingAudit: AuditEvent[] };
}

/** The workflow type's registered name: the API starts it by name and never imports its code. */
export const MISSION_WORKFLOW_TYPE = 'missionWorkflow';

export const missionWorkflowId = (missionId: string): string => `mission-${missionId}`;

export const missionStateQuery = defineQuery<MissionSnapshot>('missionState');

/**
 * What a mission's command answers once the read model shows it: the version to read back, not
 * the mission, whose size would otherwise go into the history of every command (issue #16).
 * Missions that answered before this change gave the whole snapshot, which has both fields too.
 */
export interface MissionCommandAnswer {
  missionId: string;
  version: number;
}

/**
 * Answers once the mission's read model is written, so a caller that created the mission can
 * read it back straight away. Sent with the workflow's start (update-with-start).
 */
export const awaitMissionOpenedUpdate = defineUpdate<MissionCommandAnswer>('awaitMissionOpened');

export interface PlanSessionCommand {
  actor: Actor;
  sessionId: string;
  plan: SessionPlan;
}
export const planSessionUpdate = defineUpdate<MissionCommandAnswer, [PlanSessionCommand]>('planSession');

export interface MoveSessionCommand {
  actor: Actor;
  sessionId: string;
  startsAt: string;
  endsAt: string;
  /** A new catalogue version for the session, resolved by the API from the offer it was given. */
  offer?: OfferRef;
}
export const moveSessionUpdate = defineUpdate<MissionCommandAnswer, [MoveSessionCommand]>('moveSession');

export interface CancelSessionCommand {
  actor: Actor;
  sessionId: string;
  reason: string;
}
export const cancelSessionUpdate = defineUpdate<MissionCommandAnswer, [CancelSessionCommand]>(
  'cancelSession',
);

export interface AmendOrderCommand {
  actor: Actor;
  orderLines: OrderLine[];
}
export const amendOrderUpdate = defineUpdate<MissionCommandAnswer, [AmendOrderCommand]>('amendOrder');

export interface CancelMissionCommand {
  actor: Actor;
  reason: string;
}
export const cancelMissionUpdate = defineUpdate<MissionCommandAnswer, [CancelMissionCommand]>(
  'cancelMission',
);

/** Sent by a session's child workflow when its lifecycle moves on. */
export interface SessionTransition {
  sessionId: string;
  status: SessionStatus;
  at: string;
}
export const sessionTransitionedSignal = defineSignal<[SessionTransition]>('sessionTransitioned');
