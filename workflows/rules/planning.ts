/**
 * Planning rules: sessions are planned against the order, before they start, and can be moved
 * or cancelled only until they start.
 */
import type { Actor } from '../messages/actor.ts';
import type { Session, SessionPlan } from '../messages/domain.ts';
import { SESSION_KINDS } from '../messages/domain.ts';
import type { KindCounter, MissionSnapshot, OrderLine } from '../messages/mission.ts';
import { DEFAULT_MISSION_POLICY, type Duration } from '../policy.ts';
import { businessDate } from './calendar.ts';
import { minutesOf, msOf } from './durations.ts';
import { checkMissionAcceptsCommands, checkStaff } from './mission-lifecycle.ts';
import { conflict, invalid, notFound, type Violation } from './violation.ts';
import { zonedTime } from './zoned-time.ts';

/** Whether the runtime knows the IANA zone; sessions are shown and split into half-days in it. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// The rule counts the minimum in minutes, the unit its refusal names.
const DEFAULT_MINIMUM_SESSION_MINUTES = minutesOf(DEFAULT_MISSION_POLICY.minimumSessionLength);

const KIND_LABEL = { workshop: 'workshop', training: 'training' } as const;

/** Sessions that count against the order: every one not cancelled. */
export const countsAgainstOrder = (session: Session): boolean => session.status !== 'cancelled';

export function planningCounters(orderLines: OrderLine[], sessions: Session[]): KindCounter[] {
  return SESSION_KINDS.flatMap((kind) => {
    const line = orderLines.find((candidate) => candidate.kind === kind);
    const planned = sessions.filter((session) => session.kind === kind && countsAgainstOrder(session)).length;
    if (!line && planned === 0) return [];
    const ordered = line?.quantity ?? 0;
    return [{ kind, ordered, planned, remaining: Math.max(0, ordered - planned) }];
  });
}

export const unplannedCount = (mission: Pick<MissionSnapshot, 'orderLines' | 'sessions'>): number =>
  planningCounters(mission.orderLines, mission.sessions).reduce((sum, counter) => sum + counter.remaining, 0);

function checkTimes(
  mission: MissionSnapshot,
  startsAt: string,
  endsAt: string,
  timeZone: string,
  now: Date,
  minimumSessionMinutes: number,
  maximumSessionLength: Duration,
): Violation | null {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  if (start <= now.getTime()) {
    return invalid(
      'SESSION_START_IN_PAST',
      `A session is planned before it takes place: ${startsAt} is not in the future.`,
    );
  }
  if (end <= start) return invalid('SESSION_END_BEFORE_START', 'A session must end after it starts.');
  if (end - start < minimumSessionMinutes * 60_000)
    return invalid(
      'SESSION_TOO_SHORT',
      `A session lasts at least ${minimumSessionMinutes} minutes: attendance certificates count hours to the quarter hour, so a shorter one would give participants none.`,
    );
  if (end - start > msOf(maximumSessionLength))
    return invalid(
      'SESSION_TOO_LONG',
      `A session lasts at most ${maximumSessionLength}; plan several sessions.`,
    );
  if (
    end - start >= msOf('1 day') &&
    zonedTime(new Date(end), timeZone) <= zonedTime(new Date(start), timeZone)
  )
    return invalid(
      'SESSION_DAILY_TIMES',
      `A session over several days runs each day from its start time to its end time (${timeZone}): the end time must come after the start time, or the days would have no hours.`,
    );
  // The end date is inclusive: a session may take place on that day, in Europe/Paris.
  if (businessDate(new Date(end)) > mission.endDate) {
    return invalid(
      'SESSION_AFTER_MISSION_END',
      `The mission ends on ${mission.endDate}: every session must take place by then.`,
    );
  }
  return null;
}

export function checkPlanSession(
  mission: MissionSnapshot,
  sessionId: string,
  plan: SessionPlan,
  now: Date,
  minimumSessionMinutes = DEFAULT_MINIMUM_SESSION_MINUTES,
  maximumSessionLength = DEFAULT_MISSION_POLICY.maximumSessionLength,
): Violation | null {
  const closed = checkMissionAcceptsCommands(mission);
  if (closed) return closed;
  if (mission.sessions.some((session) => session.sessionId === sessionId)) {
    return conflict('SESSION_ALREADY_EXISTS', `A session with id ${sessionId} already exists.`);
  }
  const line = mission.orderLines.find((candidate) => candidate.kind === plan.kind);
  if (!line)
    return conflict(
      'KIND_NOT_ORDERED',
      `The client ordered no ${KIND_LABEL[plan.kind]}: ask staff to amend the order.`,
    );
  const planned = mission.sessions.filter(
    (session) => session.kind === plan.kind && countsAgainstOrder(session),
  ).length;
  if (planned >= line.quantity) {
    return conflict(
      'ORDER_QUANTITY_EXCEEDED',
      `The order has ${line.quantity} ${KIND_LABEL[plan.kind]}(s) and ${planned} are already planned: ask staff to amend the order to plan more.`,
    );
  }
  if (!isTimeZone(plan.timeZone)) {
    return invalid(
      'INVALID_TIME_ZONE',
      `"${plan.timeZone}" is not a time zone: use an IANA name such as Europe/Paris.`,
    );
  }
  if (plan.capacity > line.participantsPerSession) {
    return invalid(
      'CAPACITY_EXCEEDS_ORDER',
      `The order allows up to ${line.participantsPerSession} participants per ${KIND_LABEL[plan.kind]}; the session asks for ${plan.capacity}.`,
    );
  }
  return checkTimes(
    mission,
    plan.startsAt,
    plan.endsAt,
    plan.timeZone,
    now,
    minimumSessionMinutes,
    maximumSessionLength,
  );
}

function checkChangeable(mission: MissionSnapshot, sessionId: string, now: Date): Violation | Session {
  const closed = checkMissionAcceptsCommands(mission);
  if (closed) return closed;
  const session = mission.sessions.find((candidate) => candidate.sessionId === sessionId);
  if (!session) return notFound('SESSION_NOT_FOUND', `This mission has no session ${sessionId}.`);
  if (session.status === 'cancelled') return conflict('SESSION_CANCELLED', 'This session was cancelled.');
  if (session.status !== 'planned' || Date.parse(session.startsAt) <= now.getTime()) {
    return conflict(
      'SESSION_ALREADY_STARTED',
      'This session has started: it can no longer be moved or cancelled.',
    );
  }
  return session;
}

const isViolation = (value: Violation | Session): value is Violation => 'code' in value;

export function checkMoveSession(
  mission: MissionSnapshot,
  sessionId: string,
  startsAt: string,
  endsAt: string,
  now: Date,
  minimumSessionMinutes = DEFAULT_MINIMUM_SESSION_MINUTES,
  maximumSessionLength = DEFAULT_MISSION_POLICY.maximumSessionLength,
): Violation | null {
  const session = checkChangeable(mission, sessionId, now);
  if (isViolation(session)) return session;
  return checkTimes(
    mission,
    startsAt,
    endsAt,
    session.timeZone,
    now,
    minimumSessionMinutes,
    maximumSessionLength,
  );
}

export function checkCancelSession(
  mission: MissionSnapshot,
  sessionId: string,
  reason: string,
  now: Date,
): Violation | null {
  const session = checkChangeable(mission, sessionId, now);
  if (isViolation(session)) return session;
  return reason.trim() === ''
    ? invalid('REASON_REQUIRED', 'Say why the session is cancelled: participants and facilitators are told.')
    : null;
}

export function checkAmendOrder(
  mission: MissionSnapshot,
  actor: Actor,
  orderLines: OrderLine[],
): Violation | null {
  const refused = checkStaff(actor, 'amend the order') ?? checkMissionAcceptsCommands(mission);
  if (refused) return refused;
  const kinds = orderLines.map((line) => line.kind);
  if (new Set(kinds).size !== kinds.length) {
    return invalid(
      'ORDER_LINE_DUPLICATE_KIND',
      'Give one order line per session kind with its total quantity.',
    );
  }
  for (const counter of planningCounters(orderLines, mission.sessions)) {
    if (counter.planned > counter.ordered) {
      return conflict(
        'ORDER_BELOW_PLANNED',
        `${counter.planned} ${KIND_LABEL[counter.kind]}(s) are already planned: the order cannot drop to ${counter.ordered}; cancel sessions first.`,
      );
    }
  }
  return null;
}
