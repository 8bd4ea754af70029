/**
 * Builders for the mission's plain data, with sensible defaults a test overrides only where it
 * matters. Every date is fixed: tests never read the real clock.
 */
import type { Actor } from '../../../workflows/messages/actor.ts';
import type { Session, SessionPlan } from '../../../workflows/messages/domain.ts';
import type {
  MissionOrder,
  MissionSnapshot,
  MissionWorkflowInput,
  OrderLine,
} from '../../../workflows/messages/mission.ts';
import { emptySettlement } from '../../../workflows/messages/payouts.ts';

/** "Now" for every unit test: a winter morning, months before the mission's end date. */
export const NOW = new Date('2027-01-10T10:00:00Z');

/** Every session must have taken place by this Europe/Paris date. */
export const END_DATE = '2027-06-30';

export const staff: Actor = { subject: 'staff-1', role: 'staff' };
export const coordinator: Actor = { subject: 'coordinator-1', role: 'coordinator' };

export function orderLine(overrides: Partial<OrderLine> = {}): OrderLine {
  return { kind: 'workshop', quantity: 2, participantsPerSession: 15, unitPriceCents: 120_000, ...overrides };
}

export function missionOrder(overrides: Partial<MissionOrder> = {}): MissionOrder {
  return {
    title: 'Climate workshops',
    client: { name: 'Acme' },
    sector: 'company',
    dealType: 'subcontracting',
    coordinator: { id: 'coordinator-1', name: 'Camille Martin', email: 'camille@example.org' },
    endDate: END_DATE,
    orderLines: [orderLine()],
    ...overrides,
  };
}

/** A three-hour morning workshop on 2 March 2027, well after NOW and before END_DATE. */
export function sessionPlan(overrides: Partial<SessionPlan> = {}): SessionPlan {
  return {
    kind: 'workshop',
    title: 'Fresque du climat',
    startsAt: '2027-03-02T09:00:00.000Z',
    endsAt: '2027-03-02T12:00:00.000Z',
    location: { mode: 'onsite', address: '1 rue de Rivoli, Paris' },
    language: 'fr',
    timeZone: 'Europe/Paris',
    capacity: 12,
    otherFacilitators: 0,
    ...overrides,
  };
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    ...sessionPlan(),
    sessionId: 'session-1',
    status: 'planned',
    cancellationReason: null,
    ...overrides,
  };
}

export function missionSnapshot(overrides: Partial<MissionSnapshot> = {}): MissionSnapshot {
  return {
    ...missionOrder(),
    missionId: 'mission-1',
    status: 'open',
    cancellationReason: null,
    sessions: [],
    counters: [],
    nextDeadline: null,
    milestones: { assignmentSent: false, planningReminderSent: false, planningEscalationSent: false },
    sessionsAwaitingFunding: [],
    settlement: emptySettlement(),
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    version: 1,
    ...overrides,
  };
}

export function missionInput(overrides: Partial<MissionWorkflowInput> = {}): MissionWorkflowInput {
  return { missionId: 'mission-1', order: missionOrder(), createdBy: coordinator, ...overrides };
}

/** The instant some milliseconds after another. */
export const later = (instant: Date, ms: number): Date => new Date(instant.getTime() + ms);

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
