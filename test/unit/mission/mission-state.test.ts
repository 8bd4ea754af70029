import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../workflows/messages/actor.ts';
import type { PlanSessionCommand } from '../../../workflows/messages/mission.ts';
import { MissionState } from '../../../workflows/mission/mission-state.ts';
import {
  coordinator,
  DAY,
  HOUR,
  later,
  missionInput,
  NOW,
  orderLine,
  sessionPlan,
  staff,
} from '../support/mission-fixture.ts';

/** 09:00 in Paris, 30 days before the fixture's 2027-06-30 end date. */
const REMINDER_AT = '2027-05-31T07:00:00.000Z';

const plan = (sessionId: string, startsAt = '2027-03-02T09:00:00.000Z'): PlanSessionCommand => ({
  actor: coordinator,
  sessionId,
  plan: sessionPlan({ startsAt, endsAt: new Date(Date.parse(startsAt) + 3 * HOUR).toISOString() }),
});

const newMission = () => new MissionState(missionInput(), NOW);

/** A mission with one planned workshop, its audit already taken by a projection. */
const withOneSession = () => {
  const mission = newMission();
  mission.planSession(plan('session-1'), later(NOW, HOUR));
  mission.takeProjection();
  return mission;
};

describe('MissionState when created', () => {
  it('is open at version 1', () => {
    const snapshot = newMission().snapshot();
    expect(snapshot).toMatchObject({ missionId: 'mission-1', status: 'open', version: 1 });
  });

  it('records mission.created by its creator as the first audit event', () => {
    expect(newMission().takeProjection().audit).toEqual([
      {
        sequence: 1,
        action: 'mission.created',
        actor: coordinator,
        occurredAt: NOW.toISOString(),
        details: {},
      },
    ]);
  });

  it('counts every ordered session as remaining', () => {
    expect(newMission().snapshot().counters).toEqual([
      { kind: 'workshop', ordered: 2, planned: 0, remaining: 2 },
    ]);
  });

  it('dates its creation and last change at now', () => {
    const snapshot = newMission().snapshot();
    expect([snapshot.createdAt, snapshot.updatedAt]).toEqual([NOW.toISOString(), NOW.toISOString()]);
  });

  it('has taken no automatic step yet', () => {
    expect(newMission().milestones).toEqual({
      assignmentSent: false,
      planningReminderSent: false,
      planningEscalationSent: false,
    });
  });

  it('shows the planning reminder as its next deadline', () => {
    expect(newMission().snapshot().nextDeadline).toBe(REMINDER_AT);
  });

  it('applies a partial policy over the defaults', () => {
    const mission = new MissionState(missionInput({ policy: { planningReminderDaysBeforeEnd: 60 } }), NOW);
    expect(mission.policy).toMatchObject({
      planningReminderDaysBeforeEnd: 60,
      planningEscalationDaysBeforeEnd: 14,
    });
    // 2027-05-01 09:00 in Paris is 07:00 UTC.
    expect(mission.snapshot().nextDeadline).toBe('2027-05-01T07:00:00.000Z');
  });

  it('copies the order, so later changes to the input do not leak in', () => {
    const input = missionInput();
    const mission = new MissionState(input, NOW);
    const first = input.order.orderLines[0];
    if (first) first.quantity = 99;
    expect(mission.snapshot().orderLines[0]?.quantity).toBe(2);
  });

  it('needs its first projection', () => {
    const mission = newMission();
    expect([mission.needsProjection(), mission.isProjected(1)]).toEqual([true, false]);
  });

  it('titles itself with the client and the mission title', () => {
    expect(newMission().title()).toBe('Acme — Climate workshops');
  });
});

describe('MissionState commands', () => {
  it('plans a session: version 2, the session planned, counters updated', () => {
    const mission = newMission();
    expect(mission.planSession(plan('session-1'), later(NOW, HOUR))).toBe(2);
    const snapshot = mission.snapshot();
    expect(snapshot.sessions).toEqual([
      { ...plan('session-1').plan, sessionId: 'session-1', status: 'planned', cancellationReason: null },
    ]);
    expect(snapshot.counters).toEqual([{ kind: 'workshop', ordered: 2, planned: 1, remaining: 1 }]);
  });

  it('records session.planned with the plan, by whoever planned it', () => {
    const mission = newMission();
    mission.takeProjection();
    mission.planSession(plan('session-1'), later(NOW, HOUR));
    expect(mission.takeProjection().audit).toEqual([
      {
        sequence: 2,
        action: 'session.planned',
        actor: coordinator,
        occurredAt: later(NOW, HOUR).toISOString(),
        details: { sessionId: 'session-1', ...plan('session-1').plan },
      },
    ]);
  });

  it('dates the last change at the command time', () => {
    const mission = newMission();
    mission.planSession(plan('session-1'), later(NOW, HOUR));
    expect(mission.snapshot().updatedAt).toBe(later(NOW, HOUR).toISOString());
  });

  it('moves a session and records where from and where to', () => {
    const mission = withOneSession();
    const to = { startsAt: '2027-04-06T08:00:00.000Z', endsAt: '2027-04-06T11:00:00.000Z' };
    expect(mission.moveSession({ actor: coordinator, sessionId: 'session-1', ...to }, later(NOW, DAY))).toBe(
      3,
    );
    expect(mission.session('session-1')).toMatchObject(to);
    expect(mission.takeProjection().audit).toEqual([
      expect.objectContaining({
        sequence: 3,
        action: 'session.moved',
        details: {
          sessionId: 'session-1',
          from: { startsAt: '2027-03-02T09:00:00.000Z', endsAt: '2027-03-02T12:00:00.000Z' },
          to,
        },
      }),
    ]);
  });

  it('moves a session onto another catalogue version and records which it delivered before', () => {
    const mission = newMission();
    const first = { offerId: 'offer-a', version: 2 };
    mission.planSession({ ...plan('session-1'), plan: { ...plan('session-1').plan, offer: first } }, NOW);
    mission.takeProjection();
    const to = { startsAt: '2027-04-06T08:00:00.000Z', endsAt: '2027-04-06T11:00:00.000Z' };
    const offer = { offerId: 'offer-b', version: 1 };
    mission.moveSession({ actor: coordinator, sessionId: 'session-1', ...to, offer }, later(NOW, DAY));
    expect(mission.session('session-1').offer).toEqual(offer);
    expect(mission.takeProjection().audit[0]?.details).toMatchObject({ offer: { from: first, to: offer } });
    // Moved again without an offer, it keeps the one it has.
    mission.moveSession({ actor: coordinator, sessionId: 'session-1', ...to }, later(NOW, 2 * DAY));
    expect(mission.session('session-1').offer).toEqual(offer);
    expect(mission.takeProjection().audit[0]?.details).not.toHaveProperty('offer');
  });

  it('cancels a session with its reason and frees its place in the order', () => {
    const mission = withOneSession();
    expect(mission.cancelSession({ actor: coordinator, sessionId: 'session-1', reason: 'Strike' }, NOW)).toBe(
      3,
    );
    expect(mission.session('session-1')).toMatchObject({ status: 'cancelled', cancellationReason: 'Strike' });
    expect(mission.snapshot().counters).toEqual([{ kind: 'workshop', ordered: 2, planned: 0, remaining: 2 }]);
  });

  it('records session.cancelled with the reason', () => {
    const mission = withOneSession();
    mission.cancelSession({ actor: coordinator, sessionId: 'session-1', reason: 'Strike' }, NOW);
    expect(mission.takeProjection().audit).toEqual([
      expect.objectContaining({
        sequence: 3,
        action: 'session.cancelled',
        details: { sessionId: 'session-1', reason: 'Strike' },
      }),
    ]);
  });

  it('amends the order, updates counters and records the lines before and after', () => {
    const mission = newMission();
    mission.takeProjection();
    const after = [orderLine({ quantity: 3 }), orderLine({ kind: 'training', quantity: 1 })];
    expect(mission.amendOrder({ actor: staff, orderLines: after }, NOW)).toBe(2);
    expect(mission.snapshot().counters).toEqual([
      { kind: 'workshop', ordered: 3, planned: 0, remaining: 3 },
      { kind: 'training', ordered: 1, planned: 0, remaining: 1 },
    ]);
    expect(mission.takeProjection().audit).toEqual([
      expect.objectContaining({
        sequence: 2,
        action: 'order.amended',
        actor: staff,
        details: { before: [orderLine()], after },
      }),
    ]);
  });

  it('cancels the mission with its reason and no next deadline', () => {
    const mission = withOneSession();
    expect(mission.cancelMission({ actor: staff, reason: 'Budget cut' }, NOW)).toBe(3);
    expect(mission.snapshot()).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Budget cut',
      nextDeadline: null,
    });
  });

  it('cancels the planned sessions with the mission, giving the mission reason', () => {
    const mission = withOneSession();
    mission.cancelMission({ actor: staff, reason: 'Budget cut' }, NOW);
    expect(mission.session('session-1')).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Budget cut',
    });
    expect(mission.liveSessionIds()).toEqual([]);
  });

  it('leaves a running session running when the mission is cancelled', () => {
    const mission = withOneSession();
    mission.planSession(plan('session-2', '2027-03-09T09:00:00.000Z'), NOW);
    mission.sessionTransitioned(
      { sessionId: 'session-1', status: 'running', at: '2027-03-02T09:00:00.000Z' },
      NOW,
    );
    mission.cancelMission({ actor: staff, reason: 'Budget cut' }, NOW);
    expect(mission.session('session-1').status).toBe('running');
    expect(mission.session('session-2').status).toBe('cancelled');
    expect(mission.liveSessionIds()).toEqual(['session-1']);
  });

  it('records mission.cancelled with the reason', () => {
    const mission = withOneSession();
    mission.cancelMission({ actor: staff, reason: 'Budget cut' }, NOW);
    expect(mission.takeProjection().audit).toEqual([
      expect.objectContaining({
        sequence: 3,
        action: 'mission.cancelled',
        details: { reason: 'Budget cut' },
      }),
    ]);
  });

  it('numbers audit events with increasing sequences equal to the versions they produced', () => {
    const mission = newMission();
    mission.planSession(plan('session-1'), NOW);
    mission.moveSession(
      {
        actor: coordinator,
        sessionId: 'session-1',
        startsAt: '2027-04-06T08:00:00.000Z',
        endsAt: '2027-04-06T11:00:00.000Z',
      },
      NOW,
    );
    mission.amendOrder({ actor: staff, orderLines: [orderLine({ quantity: 3 })] }, NOW);
    mission.cancelSession({ actor: coordinator, sessionId: 'session-1', reason: 'Strike' }, NOW);
    mission.cancelMission({ actor: staff, reason: 'Budget cut' }, NOW);
    const { mission: snapshot, audit } = mission.takeProjection();
    expect(audit.map((event) => [event.sequence, event.action])).toEqual([
      [1, 'mission.created'],
      [2, 'session.planned'],
      [3, 'session.moved'],
      [4, 'order.amended'],
      [5, 'session.cancelled'],
      [6, 'mission.cancelled'],
    ]);
    expect(snapshot.version).toBe(6);
  });

  it('throws when asked to change a session it does not have: validators must run first', () => {
    expect(() =>
      newMission().cancelSession({ actor: coordinator, sessionId: 'session-9', reason: 'Strike' }, NOW),
    ).toThrow(/unknown session session-9/);
  });
});

describe('MissionState.sessionTransitioned', () => {
  const at = '2027-03-02T09:00:00.000Z';
  const atDate = new Date(at);

  it('marks a planned session running and records it as the system', () => {
    const mission = withOneSession();
    mission.sessionTransitioned({ sessionId: 'session-1', status: 'running', at }, atDate);
    expect(mission.session('session-1').status).toBe('running');
    expect(mission.takeProjection().audit).toEqual([
      {
        sequence: 3,
        action: 'session.running',
        actor: SYSTEM_ACTOR,
        occurredAt: at,
        details: { sessionId: 'session-1', at },
      },
    ]);
  });

  it('moves the next deadline to the end of the running session', () => {
    const mission = withOneSession();
    mission.sessionTransitioned({ sessionId: 'session-1', status: 'running', at }, atDate);
    expect(mission.snapshot().nextDeadline).toBe('2027-03-02T12:00:00.000Z');
  });

  it('marks a running session ended', () => {
    const mission = withOneSession();
    mission.sessionTransitioned({ sessionId: 'session-1', status: 'running', at }, atDate);
    mission.sessionTransitioned({ sessionId: 'session-1', status: 'ended', at }, atDate);
    expect(mission.session('session-1').status).toBe('ended');
    expect(mission.snapshot().version).toBe(4);
  });

  it('ignores a repeated report', () => {
    const mission = withOneSession();
    mission.sessionTransitioned({ sessionId: 'session-1', status: 'running', at }, atDate);
    mission.sessionTransitioned({ sessionId: 'session-1', status: 'running', at }, atDate);
    expect(mission.snapshot().version).toBe(3);
    expect(mission.takeProjection().audit).toHaveLength(1);
  });

  it('ignores a late running report about a session that has ended', () => {
    const mission = withOneSession();
    mission.sessionTransitioned({ sessionId: 'session-1', status: 'running', at }, atDate);
    mission.sessionTransitioned({ sessionId: 'session-1', status: 'ended', at }, atDate);
    mission.sessionTransitioned({ sessionId: 'session-1', status: 'running', at }, atDate);
    expect(mission.session('session-1').status).toBe('ended');
    expect(mission.snapshot().version).toBe(4);
  });

  it('ignores reports about a cancelled session', () => {
    const mission = withOneSession();
    mission.cancelSession({ actor: coordinator, sessionId: 'session-1', reason: 'Strike' }, NOW);
    mission.sessionTransitioned({ sessionId: 'session-1', status: 'running', at }, atDate);
    expect(mission.session('session-1').status).toBe('cancelled');
    expect(mission.snapshot().version).toBe(3);
  });

  it('ignores reports about a session it does not have', () => {
    const mission = withOneSession();
    mission.sessionTransitioned({ sessionId: 'session-9', status: 'running', at }, atDate);
    expect(mission.snapshot().version).toBe(2);
  });
});

describe('MissionState.stepTaken', () => {
  it('marks the planning reminder sent and records it as the system', () => {
    const mission = newMission();
    mission.takeProjection();
    mission.stepTaken('planningReminder', new Date(REMINDER_AT));
    expect(mission.milestones.planningReminderSent).toBe(true);
    expect(mission.takeProjection().audit).toEqual([
      expect.objectContaining({ sequence: 2, action: 'mission.planningReminderSent', actor: SYSTEM_ACTOR }),
    ]);
  });

  it('moves the next deadline on to the escalation once the reminder is sent', () => {
    const mission = newMission();
    mission.stepTaken('planningReminder', new Date(REMINDER_AT));
    expect(mission.snapshot().nextDeadline).toBe('2027-06-16T07:00:00.000Z');
  });

  it('marks the assignment sent', () => {
    const mission = newMission();
    mission.stepTaken('assignment', NOW);
    expect(mission.milestones.assignmentSent).toBe(true);
  });
});

describe('MissionState projection', () => {
  it('hands out pending audit events once', () => {
    const mission = newMission();
    expect(mission.takeProjection().audit).toHaveLength(1);
    expect(mission.takeProjection().audit).toEqual([]);
  });

  it('hands out every event since the last projection, in order', () => {
    const mission = withOneSession();
    mission.planSession(plan('session-2', '2027-03-09T09:00:00.000Z'), NOW);
    mission.cancelSession({ actor: coordinator, sessionId: 'session-2', reason: 'Strike' }, NOW);
    expect(mission.takeProjection().audit.map((event) => event.sequence)).toEqual([3, 4]);
  });

  it('no longer needs a projection once the latest version is marked projected', () => {
    const mission = newMission();
    mission.markProjected(mission.takeProjection().mission.version);
    expect([mission.needsProjection(), mission.isProjected(1)]).toEqual([false, true]);
  });

  it('needs a projection again after a new change', () => {
    const mission = newMission();
    mission.markProjected(mission.takeProjection().mission.version);
    mission.planSession(plan('session-1'), NOW);
    expect(mission.needsProjection()).toBe(true);
  });

  it('never goes back to an older projected version', () => {
    const mission = withOneSession();
    mission.markProjected(2);
    mission.markProjected(1);
    expect(mission.isProjected(2)).toBe(true);
  });

  it('gives snapshots that callers cannot use to change its state', () => {
    const mission = withOneSession();
    const snapshot = mission.snapshot();
    snapshot.status = 'closed';
    const first = snapshot.sessions[0];
    if (first) first.status = 'ended';
    expect(mission.status).toBe('open');
    expect(mission.session('session-1').status).toBe('planned');
  });
});

describe('MissionState carried across continue-as-new', () => {
  /** A mission with sessions, an amendment, a step taken and one event not yet projected. */
  const busyMission = () => {
    const mission = newMission();
    mission.planSession(plan('session-1'), NOW);
    mission.planSession(plan('session-2', '2027-03-09T09:00:00.000Z'), NOW);
    mission.amendOrder({ actor: staff, orderLines: [orderLine({ quantity: 3 })] }, NOW);
    mission.stepTaken('assignment', NOW);
    mission.markProjected(mission.takeProjection().mission.version);
    mission.cancelSession({ actor: coordinator, sessionId: 'session-2', reason: 'Strike' }, later(NOW, DAY));
    return mission;
  };

  it('gives the same snapshot in the new run', () => {
    const mission = busyMission();
    const carried = new MissionState(missionInput({ carried: mission.carry() }), later(NOW, 2 * DAY));
    expect(carried.snapshot()).toEqual(mission.snapshot());
  });

  it('keeps the audit events not yet projected', () => {
    const mission = busyMission();
    const carried = new MissionState(missionInput({ carried: mission.carry() }), later(NOW, 2 * DAY));
    expect(carried.needsProjection()).toBe(true);
    expect(carried.takeProjection().audit.map((event) => [event.sequence, event.action])).toEqual([
      [6, 'session.cancelled'],
    ]);
  });

  it('does not project again in the new run what was already projected', () => {
    const mission = busyMission();
    mission.markProjected(mission.takeProjection().mission.version);
    const carried = new MissionState(missionInput({ carried: mission.carry() }), later(NOW, 2 * DAY));
    expect(carried.needsProjection()).toBe(false);
  });

  it('does not record mission.created again in the new run', () => {
    const mission = busyMission();
    mission.takeProjection();
    const carried = new MissionState(missionInput({ carried: mission.carry() }), later(NOW, 2 * DAY));
    expect(carried.takeProjection().audit).toEqual([]);
  });

  it('keeps the milestones, so steps already taken are not taken again', () => {
    const mission = busyMission();
    mission.stepTaken('planningReminder', new Date(REMINDER_AT));
    const carried = new MissionState(missionInput({ carried: mission.carry() }), new Date(REMINDER_AT));
    expect(carried.milestones).toMatchObject({ assignmentSent: true, planningReminderSent: true });
  });

  it('continues the version and audit sequence where the old run stopped', () => {
    const mission = busyMission();
    mission.takeProjection();
    const carried = new MissionState(missionInput({ carried: mission.carry() }), later(NOW, 2 * DAY));
    expect(carried.planSession(plan('session-3', '2027-03-16T09:00:00.000Z'), later(NOW, 2 * DAY))).toBe(7);
    expect(carried.takeProjection().audit.map((event) => event.sequence)).toEqual([7]);
  });

  it('does not share state with the old run', () => {
    const mission = busyMission();
    const carriedInput = mission.carry();
    const carried = new MissionState(missionInput({ carried: carriedInput }), later(NOW, 2 * DAY));
    carriedInput.state.status = 'closed';
    mission.cancelMission({ actor: staff, reason: 'Budget cut' }, later(NOW, 2 * DAY));
    expect(carried.status).toBe('open');
  });

  it('does not cancel, with the mission, a session whose start has passed before its running report arrived', () => {
    const mission = new MissionState(missionInput(), NOW);
    mission.planSession(
      {
        actor: coordinator,
        sessionId: 'started',
        plan: sessionPlan({
          startsAt: later(NOW, DAY).toISOString(),
          endsAt: later(NOW, DAY + 3 * HOUR).toISOString(),
        }),
      },
      NOW,
    );
    mission.planSession(
      {
        actor: coordinator,
        sessionId: 'upcoming',
        plan: sessionPlan({
          startsAt: later(NOW, 9 * DAY).toISOString(),
          endsAt: later(NOW, 9 * DAY + 3 * HOUR).toISOString(),
        }),
      },
      NOW,
    );
    mission.cancelMission({ actor: staff, reason: 'Budget cut' }, later(NOW, DAY + HOUR));
    expect(mission.snapshot().sessions.map((session) => [session.sessionId, session.status])).toEqual([
      ['started', 'planned'],
      ['upcoming', 'cancelled'],
    ]);
    expect(mission.liveSessionIds()).toEqual(['started']);
  });
});
