import { describe, expect, it } from 'vitest';
import {
  checkAmendOrder,
  checkCancelSession,
  checkMoveSession,
  checkPlanSession,
  planningCounters,
  unplannedCount,
} from '../../../workflows/rules/planning.ts';
import {
  coordinator,
  DAY,
  HOUR,
  later,
  missionSnapshot,
  NOW,
  orderLine,
  session,
  sessionPlan,
  staff,
} from '../support/mission-fixture.ts';

/** A mission whose two ordered workshops are both planned. */
const fullyPlanned = () =>
  missionSnapshot({
    sessions: [
      session({ sessionId: 'session-1' }),
      session({
        sessionId: 'session-2',
        startsAt: '2027-03-09T09:00:00.000Z',
        endsAt: '2027-03-09T12:00:00.000Z',
      }),
    ],
  });

describe('checkPlanSession', () => {
  it('accepts a workshop within the order, in the future and before the end date', () => {
    expect(checkPlanSession(missionSnapshot(), 'session-1', sessionPlan(), NOW)).toBeNull();
  });

  it('refuses a third workshop when two are ordered', () => {
    const violation = checkPlanSession(fullyPlanned(), 'session-3', sessionPlan(), NOW);
    expect(violation).toMatchObject({ code: 'ORDER_QUANTITY_EXCEEDED', kind: 'conflict' });
  });

  it('says how many sessions are ordered and already planned when the order is full', () => {
    const violation = checkPlanSession(fullyPlanned(), 'session-3', sessionPlan(), NOW);
    expect(violation?.message).toContain('The order has 2 workshop(s) and 2 are already planned');
  });

  it('plans again in the place of a cancelled session: cancelled sessions do not count', () => {
    const mission = missionSnapshot({
      sessions: [
        session({ sessionId: 'session-1' }),
        session({ sessionId: 'session-2', status: 'cancelled', cancellationReason: 'Client asked' }),
      ],
    });
    expect(checkPlanSession(mission, 'session-3', sessionPlan(), NOW)).toBeNull();
  });

  it('counts running and ended sessions against the order', () => {
    const mission = missionSnapshot({
      sessions: [
        session({ sessionId: 'session-1', status: 'ended' }),
        session({ sessionId: 'session-2', status: 'running' }),
      ],
    });
    expect(checkPlanSession(mission, 'session-3', sessionPlan(), NOW)?.code).toBe('ORDER_QUANTITY_EXCEEDED');
  });

  it('refuses a training when the client ordered only workshops', () => {
    const violation = checkPlanSession(
      missionSnapshot(),
      'session-1',
      sessionPlan({ kind: 'training' }),
      NOW,
    );
    expect(violation).toMatchObject({ code: 'KIND_NOT_ORDERED', kind: 'conflict' });
    expect(violation?.message).toContain('ordered no training');
  });

  it('refuses a session id that the mission already has', () => {
    const mission = missionSnapshot({ sessions: [session({ sessionId: 'session-1' })] });
    expect(checkPlanSession(mission, 'session-1', sessionPlan(), NOW)).toMatchObject({
      code: 'SESSION_ALREADY_EXISTS',
      kind: 'conflict',
    });
  });

  it('refuses a session that starts before now', () => {
    const plan = sessionPlan({
      startsAt: later(NOW, -HOUR).toISOString(),
      endsAt: later(NOW, HOUR).toISOString(),
    });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)).toMatchObject({
      code: 'SESSION_START_IN_PAST',
      kind: 'invalid',
    });
  });

  it('refuses a session that starts exactly now', () => {
    const plan = sessionPlan({ startsAt: NOW.toISOString(), endsAt: later(NOW, HOUR).toISOString() });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)?.code).toBe('SESSION_START_IN_PAST');
  });

  it('refuses a session that ends before it starts', () => {
    const plan = sessionPlan({ startsAt: '2027-03-02T12:00:00.000Z', endsAt: '2027-03-02T09:00:00.000Z' });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)).toMatchObject({
      code: 'SESSION_END_BEFORE_START',
      kind: 'invalid',
    });
  });

  it('refuses a session that ends the instant it starts', () => {
    const plan = sessionPlan({ startsAt: '2027-03-02T09:00:00.000Z', endsAt: '2027-03-02T09:00:00.000Z' });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)?.code).toBe(
      'SESSION_END_BEFORE_START',
    );
  });

  it('refuses a session shorter than a quarter hour, saying the minimum', () => {
    const plan = sessionPlan({ startsAt: '2027-03-02T09:00:00.000Z', endsAt: '2027-03-02T09:14:59.000Z' });
    const violation = checkPlanSession(missionSnapshot(), 'session-1', plan, NOW);
    expect(violation).toMatchObject({ code: 'SESSION_TOO_SHORT', kind: 'invalid' });
    expect(violation?.message).toContain('at least 15 minutes');
  });

  it('accepts a session of exactly a quarter hour', () => {
    const plan = sessionPlan({ startsAt: '2027-03-02T09:00:00.000Z', endsAt: '2027-03-02T09:15:00.000Z' });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)).toBeNull();
  });

  it('follows the mission policy minimum (drills plan sessions of seconds)', () => {
    const plan = sessionPlan({ startsAt: '2027-03-02T09:00:00.000Z', endsAt: '2027-03-02T09:00:20.000Z' });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW, 0)).toBeNull();
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW, 1)?.code).toBe('SESSION_TOO_SHORT');
  });

  it('accepts a session of 14 days, each from 09:00 to 17:00', () => {
    const plan = sessionPlan({ startsAt: '2027-03-02T08:00:00.000Z', endsAt: '2027-03-15T16:00:00.000Z' });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)).toBeNull();
  });

  it('refuses a session over several days whose daily end time comes before its start time', () => {
    // Each day would run from 14:00 to 10:00 (Paris): no hours at all.
    const plan = sessionPlan({ startsAt: '2027-03-02T13:00:00.000Z', endsAt: '2027-03-04T09:00:00.000Z' });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)).toMatchObject({
      code: 'SESSION_DAILY_TIMES',
      kind: 'invalid',
    });
  });

  it('accepts an evening session that runs past midnight', () => {
    const plan = sessionPlan({ startsAt: '2027-03-02T21:00:00.000Z', endsAt: '2027-03-03T00:00:00.000Z' });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)).toBeNull();
  });

  it('refuses a session longer than 14 days', () => {
    const plan = sessionPlan({
      startsAt: '2027-03-02T09:00:00.000Z',
      endsAt: later(new Date('2027-03-16T09:00:00.000Z'), 1).toISOString(),
    });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)).toMatchObject({
      code: 'SESSION_TOO_LONG',
      kind: 'invalid',
    });
  });

  it('refuses a session that ends after the mission end date', () => {
    const plan = sessionPlan({ startsAt: '2027-07-01T09:00:00.000Z', endsAt: '2027-07-01T12:00:00.000Z' });
    const violation = checkPlanSession(missionSnapshot(), 'session-1', plan, NOW);
    expect(violation).toMatchObject({ code: 'SESSION_AFTER_MISSION_END', kind: 'invalid' });
    expect(violation?.message).toContain('2027-06-30');
  });

  it('accepts a session ending late in the evening of the end date, Paris time', () => {
    // 23:30 in Paris on 30 June is 21:30 UTC.
    const plan = sessionPlan({ startsAt: '2027-06-30T19:00:00.000Z', endsAt: '2027-06-30T21:30:00.000Z' });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)).toBeNull();
  });

  it('refuses a session ending after midnight Paris time on the end date, though still 30 June in UTC', () => {
    // 00:30 in Paris on 1 July is 22:30 UTC on 30 June.
    const plan = sessionPlan({ startsAt: '2027-06-30T19:00:00.000Z', endsAt: '2027-06-30T22:30:00.000Z' });
    expect(checkPlanSession(missionSnapshot(), 'session-1', plan, NOW)?.code).toBe(
      'SESSION_AFTER_MISSION_END',
    );
  });

  it('accepts a capacity equal to the participants per session the order allows', () => {
    expect(checkPlanSession(missionSnapshot(), 'session-1', sessionPlan({ capacity: 15 }), NOW)).toBeNull();
  });

  it('refuses a capacity above the participants per session the order allows', () => {
    const violation = checkPlanSession(missionSnapshot(), 'session-1', sessionPlan({ capacity: 16 }), NOW);
    expect(violation).toMatchObject({ code: 'CAPACITY_EXCEEDS_ORDER', kind: 'invalid' });
    expect(violation?.message).toContain('up to 15 participants');
  });

  it('refuses any session on a cancelled mission', () => {
    const mission = missionSnapshot({ status: 'cancelled', cancellationReason: 'Budget cut' });
    expect(checkPlanSession(mission, 'session-1', sessionPlan(), NOW)).toMatchObject({
      code: 'MISSION_CANCELLED',
      kind: 'conflict',
    });
  });

  it('refuses any session on a closed mission', () => {
    const mission = missionSnapshot({ status: 'closed' });
    expect(checkPlanSession(mission, 'session-1', sessionPlan(), NOW)).toMatchObject({
      code: 'MISSION_CLOSED',
      kind: 'conflict',
    });
  });
});

describe('checkMoveSession', () => {
  it('refuses moving a session to less than a quarter hour', () => {
    const mission = missionSnapshot({ sessions: [session({ sessionId: 'session-1' })] });
    expect(
      checkMoveSession(mission, 'session-1', '2027-03-02T09:00:00.000Z', '2027-03-02T09:10:00.000Z', NOW),
    ).toMatchObject({ code: 'SESSION_TOO_SHORT', kind: 'invalid' });
  });

  const mission = missionSnapshot({ sessions: [session({ sessionId: 'session-1' })] });
  const moveTo = { startsAt: '2027-04-06T08:00:00.000Z', endsAt: '2027-04-06T11:00:00.000Z' };

  it('accepts moving a planned session to another future date', () => {
    expect(checkMoveSession(mission, 'session-1', moveTo.startsAt, moveTo.endsAt, NOW)).toBeNull();
  });

  it('accepts moving a session when the order is fully planned: a move plans nothing new', () => {
    expect(checkMoveSession(fullyPlanned(), 'session-2', moveTo.startsAt, moveTo.endsAt, NOW)).toBeNull();
  });

  it('refuses moving a session the mission does not have, as not found', () => {
    expect(checkMoveSession(mission, 'session-9', moveTo.startsAt, moveTo.endsAt, NOW)).toMatchObject({
      code: 'SESSION_NOT_FOUND',
      kind: 'not_found',
    });
  });

  it('refuses moving a session that is running', () => {
    const running = missionSnapshot({ sessions: [session({ sessionId: 'session-1', status: 'running' })] });
    expect(checkMoveSession(running, 'session-1', moveTo.startsAt, moveTo.endsAt, NOW)).toMatchObject({
      code: 'SESSION_ALREADY_STARTED',
      kind: 'conflict',
    });
  });

  it('refuses moving a session whose start has passed though it is still marked planned', () => {
    const started = missionSnapshot({
      sessions: [session({ sessionId: 'session-1', startsAt: NOW.toISOString(), status: 'planned' })],
    });
    expect(checkMoveSession(started, 'session-1', moveTo.startsAt, moveTo.endsAt, NOW)?.code).toBe(
      'SESSION_ALREADY_STARTED',
    );
  });

  it('refuses moving a session that has ended', () => {
    const ended = missionSnapshot({ sessions: [session({ sessionId: 'session-1', status: 'ended' })] });
    expect(checkMoveSession(ended, 'session-1', moveTo.startsAt, moveTo.endsAt, NOW)?.code).toBe(
      'SESSION_ALREADY_STARTED',
    );
  });

  it('refuses moving a cancelled session', () => {
    const cancelled = missionSnapshot({
      sessions: [session({ sessionId: 'session-1', status: 'cancelled', cancellationReason: 'Strike' })],
    });
    expect(checkMoveSession(cancelled, 'session-1', moveTo.startsAt, moveTo.endsAt, NOW)).toMatchObject({
      code: 'SESSION_CANCELLED',
      kind: 'conflict',
    });
  });

  it('refuses moving a session into the past', () => {
    const past = { startsAt: later(NOW, -DAY).toISOString(), endsAt: later(NOW, -DAY + HOUR).toISOString() };
    expect(checkMoveSession(mission, 'session-1', past.startsAt, past.endsAt, NOW)?.code).toBe(
      'SESSION_START_IN_PAST',
    );
  });

  it('refuses moving a session after the mission end date', () => {
    expect(
      checkMoveSession(mission, 'session-1', '2027-07-02T08:00:00.000Z', '2027-07-02T11:00:00.000Z', NOW)
        ?.code,
    ).toBe('SESSION_AFTER_MISSION_END');
  });

  it('refuses moving a session of a cancelled mission', () => {
    const cancelled = missionSnapshot({ status: 'cancelled', sessions: mission.sessions });
    expect(checkMoveSession(cancelled, 'session-1', moveTo.startsAt, moveTo.endsAt, NOW)?.code).toBe(
      'MISSION_CANCELLED',
    );
  });
});

describe('checkCancelSession', () => {
  const mission = missionSnapshot({ sessions: [session({ sessionId: 'session-1' })] });

  it('accepts cancelling a planned session with a reason', () => {
    expect(checkCancelSession(mission, 'session-1', 'The client postponed', NOW)).toBeNull();
  });

  it('refuses cancelling without a reason', () => {
    const violation = checkCancelSession(mission, 'session-1', '   ', NOW);
    expect(violation).toMatchObject({ code: 'REASON_REQUIRED', kind: 'invalid' });
  });

  it('refuses cancelling a session the mission does not have, as not found', () => {
    expect(checkCancelSession(mission, 'session-9', 'No longer needed', NOW)).toMatchObject({
      code: 'SESSION_NOT_FOUND',
      kind: 'not_found',
    });
  });

  it('refuses cancelling a session that is running', () => {
    const running = missionSnapshot({ sessions: [session({ sessionId: 'session-1', status: 'running' })] });
    expect(checkCancelSession(running, 'session-1', 'Too late', NOW)?.code).toBe('SESSION_ALREADY_STARTED');
  });

  it('refuses cancelling a session whose start has passed though it is still marked planned', () => {
    const started = missionSnapshot({
      sessions: [session({ sessionId: 'session-1', startsAt: later(NOW, -HOUR).toISOString() })],
    });
    expect(checkCancelSession(started, 'session-1', 'Too late', NOW)?.code).toBe('SESSION_ALREADY_STARTED');
  });

  it('refuses cancelling a session twice', () => {
    const cancelled = missionSnapshot({
      sessions: [session({ sessionId: 'session-1', status: 'cancelled', cancellationReason: 'Strike' })],
    });
    expect(checkCancelSession(cancelled, 'session-1', 'Again', NOW)?.code).toBe('SESSION_CANCELLED');
  });

  it('refuses cancelling a session of a closed mission', () => {
    const closed = missionSnapshot({ status: 'closed', sessions: mission.sessions });
    expect(checkCancelSession(closed, 'session-1', 'Closed', NOW)?.code).toBe('MISSION_CLOSED');
  });
});

describe('checkAmendOrder', () => {
  it('accepts staff raising the quantity', () => {
    expect(checkAmendOrder(fullyPlanned(), staff, [orderLine({ quantity: 3 })])).toBeNull();
  });

  it('accepts staff adding a training line', () => {
    expect(
      checkAmendOrder(missionSnapshot(), staff, [orderLine(), orderLine({ kind: 'training' })]),
    ).toBeNull();
  });

  it('refuses a coordinator amending the order, as forbidden', () => {
    expect(checkAmendOrder(missionSnapshot(), coordinator, [orderLine({ quantity: 3 })])).toMatchObject({
      code: 'STAFF_ONLY',
      kind: 'forbidden',
    });
  });

  it('refuses a coordinator before looking at the mission status', () => {
    const cancelled = missionSnapshot({ status: 'cancelled' });
    expect(checkAmendOrder(cancelled, coordinator, [orderLine()])?.code).toBe('STAFF_ONLY');
  });

  it('refuses staff amending the order of a cancelled mission', () => {
    const cancelled = missionSnapshot({ status: 'cancelled' });
    expect(checkAmendOrder(cancelled, staff, [orderLine({ quantity: 3 })])?.code).toBe('MISSION_CANCELLED');
  });

  it('refuses dropping the quantity below the sessions already planned', () => {
    const violation = checkAmendOrder(fullyPlanned(), staff, [orderLine({ quantity: 1 })]);
    expect(violation).toMatchObject({ code: 'ORDER_BELOW_PLANNED', kind: 'conflict' });
    expect(violation?.message).toContain('2 workshop(s) are already planned');
    expect(violation?.message).toContain('cannot drop to 1');
  });

  it('refuses removing the line of a kind that has planned sessions', () => {
    const violation = checkAmendOrder(fullyPlanned(), staff, [orderLine({ kind: 'training' })]);
    expect(violation?.code).toBe('ORDER_BELOW_PLANNED');
  });

  it('accepts dropping the quantity to the sessions still counting once one is cancelled', () => {
    const mission = missionSnapshot({
      sessions: [
        session({ sessionId: 'session-1' }),
        session({ sessionId: 'session-2', status: 'cancelled', cancellationReason: 'Strike' }),
      ],
    });
    expect(checkAmendOrder(mission, staff, [orderLine({ quantity: 1 })])).toBeNull();
  });

  it('refuses two lines for the same kind', () => {
    const violation = checkAmendOrder(missionSnapshot(), staff, [
      orderLine({ quantity: 1 }),
      orderLine({ quantity: 2 }),
    ]);
    expect(violation).toMatchObject({ code: 'ORDER_LINE_DUPLICATE_KIND', kind: 'invalid' });
  });
});

describe('planningCounters', () => {
  it('counts ordered, planned and remaining sessions per kind', () => {
    const sessions = [session({ sessionId: 'session-1' })];
    expect(planningCounters([orderLine({ quantity: 2 })], sessions)).toEqual([
      { kind: 'workshop', ordered: 2, planned: 1, remaining: 1 },
    ]);
  });

  it('leaves out cancelled sessions', () => {
    const sessions = [
      session({ sessionId: 'session-1', status: 'ended' }),
      session({ sessionId: 'session-2', status: 'cancelled' }),
    ];
    expect(planningCounters([orderLine({ quantity: 2 })], sessions)).toEqual([
      { kind: 'workshop', ordered: 2, planned: 1, remaining: 1 },
    ]);
  });

  it('omits a kind that is neither ordered nor planned', () => {
    expect(planningCounters([orderLine()], []).map((counter) => counter.kind)).toEqual(['workshop']);
  });

  it('lists kinds in a fixed order, workshops before trainings', () => {
    const lines = [
      orderLine({ kind: 'training', quantity: 1 }),
      orderLine({ kind: 'workshop', quantity: 3 }),
    ];
    expect(planningCounters(lines, []).map((counter) => counter.kind)).toEqual(['workshop', 'training']);
  });

  it('shows a planned kind with nothing ordered as ordered 0, remaining 0', () => {
    const sessions = [session({ sessionId: 'session-1', kind: 'training' })];
    expect(planningCounters([orderLine()], sessions)).toContainEqual({
      kind: 'training',
      ordered: 0,
      planned: 1,
      remaining: 0,
    });
  });

  it('never shows a negative remaining count', () => {
    const sessions = [session({ sessionId: 'session-1' }), session({ sessionId: 'session-2' })];
    expect(planningCounters([orderLine({ quantity: 1 })], sessions)).toEqual([
      { kind: 'workshop', ordered: 1, planned: 2, remaining: 0 },
    ]);
  });
});

describe('unplannedCount', () => {
  it('adds the remaining sessions of every kind', () => {
    const mission = missionSnapshot({
      orderLines: [orderLine({ quantity: 2 }), orderLine({ kind: 'training', quantity: 3 })],
      sessions: [session({ sessionId: 'session-1' })],
    });
    expect(unplannedCount(mission)).toBe(4);
  });

  it('is zero when every ordered session is planned', () => {
    expect(unplannedCount(fullyPlanned())).toBe(0);
  });

  it('refuses a session in a time zone the runtime does not know', () => {
    expect(checkPlanSession(missionSnapshot(), 'new', sessionPlan({ timeZone: 'Paris' }), NOW)?.code).toBe(
      'INVALID_TIME_ZONE',
    );
  });
});
