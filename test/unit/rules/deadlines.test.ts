import { describe, expect, it } from 'vitest';
import { DEFAULT_MISSION_POLICY } from '../../../workflows/policy.ts';
import { dueSteps, nextDeadline, nextPlanningStepAt } from '../../../workflows/rules/deadlines.ts';
import { HOUR, later, missionSnapshot, NOW, session } from '../support/mission-fixture.ts';

const policy = DEFAULT_MISSION_POLICY;

/** 09:00 in Paris (summer time) 30 and 14 days before the 2027-06-30 end date. */
const REMINDER_AT = new Date('2027-05-31T07:00:00.000Z');
const ESCALATION_AT = new Date('2027-06-16T07:00:00.000Z');

const milestones = (reminder: boolean, escalation: boolean) => ({
  assignmentSent: true,
  planningReminderSent: reminder,
  planningEscalationSent: escalation,
});

/** Both ordered workshops are planned, in March. */
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

describe('dueSteps', () => {
  it('has nothing due months before the end date', () => {
    expect(dueSteps(missionSnapshot(), policy, NOW)).toEqual([]);
  });

  it('has nothing due one second before 09:00 Paris, 30 days before the end date', () => {
    expect(dueSteps(missionSnapshot(), policy, later(REMINDER_AT, -1000))).toEqual([]);
  });

  it('makes the planning reminder due at 09:00 Paris, 30 days before the end date, when sessions remain unplanned', () => {
    expect(dueSteps(missionSnapshot(), policy, REMINDER_AT)).toEqual(['planningReminder']);
  });

  it('keeps the planning reminder due later that day when it has not been sent', () => {
    expect(dueSteps(missionSnapshot(), policy, later(REMINDER_AT, 5 * HOUR))).toEqual(['planningReminder']);
  });

  it('makes the escalation due at 09:00 Paris, 14 days before the end date, once the reminder was sent', () => {
    const mission = missionSnapshot({ milestones: milestones(true, false) });
    expect(dueSteps(mission, policy, ESCALATION_AT)).toEqual(['planningEscalation']);
  });

  it('does not make the escalation due before its day once the reminder was sent', () => {
    const mission = missionSnapshot({ milestones: milestones(true, false) });
    expect(dueSteps(mission, policy, later(ESCALATION_AT, -1000))).toEqual([]);
  });

  it('makes both steps due when the workflow wakes after both times without having sent either', () => {
    expect(dueSteps(missionSnapshot(), policy, ESCALATION_AT)).toEqual([
      'planningReminder',
      'planningEscalation',
    ]);
  });

  it('does not repeat steps already taken', () => {
    const mission = missionSnapshot({ milestones: milestones(true, true) });
    expect(dueSteps(mission, policy, ESCALATION_AT)).toEqual([]);
  });

  it('has nothing due when every ordered session is planned', () => {
    expect(dueSteps(fullyPlanned(), policy, ESCALATION_AT)).toEqual([]);
  });

  it('has nothing due on a cancelled mission', () => {
    expect(dueSteps(missionSnapshot({ status: 'cancelled' }), policy, ESCALATION_AT)).toEqual([]);
  });

  it('has nothing due on a closed mission', () => {
    expect(dueSteps(missionSnapshot({ status: 'closed' }), policy, ESCALATION_AT)).toEqual([]);
  });

  it('counts a cancelled session as unplanned again', () => {
    const mission = missionSnapshot({
      sessions: [
        session({ sessionId: 'session-1' }),
        session({ sessionId: 'session-2', status: 'cancelled', cancellationReason: 'Strike' }),
      ],
    });
    expect(dueSteps(mission, policy, REMINDER_AT)).toEqual(['planningReminder']);
  });

  it('skips a reminder whose time was before the mission was created, instead of sending it late', () => {
    const mission = missionSnapshot({ createdAt: '2027-06-01T08:00:00.000Z' });
    expect(dueSteps(mission, policy, new Date('2027-06-01T09:00:00.000Z'))).toEqual([]);
  });

  it('still escalates a mission created after its reminder time', () => {
    const mission = missionSnapshot({ createdAt: '2027-06-01T08:00:00.000Z' });
    expect(dueSteps(mission, policy, ESCALATION_AT)).toEqual(['planningEscalation']);
  });

  it('keeps a step whose time is the very instant the mission was created', () => {
    const mission = missionSnapshot({ createdAt: REMINDER_AT.toISOString() });
    expect(dueSteps(mission, policy, REMINDER_AT)).toEqual(['planningReminder']);
  });

  it('follows a policy with other day counts', () => {
    const custom = { ...policy, planningReminderDaysBeforeEnd: 60, reminderTimeOfDay: '10:30' };
    // 2027-05-01 10:30 in Paris (summer time) is 08:30 UTC.
    expect(dueSteps(missionSnapshot(), custom, new Date('2027-05-01T08:30:00.000Z'))).toEqual([
      'planningReminder',
    ]);
  });
});

describe('nextPlanningStepAt', () => {
  it('wakes for the reminder first', () => {
    expect(nextPlanningStepAt(missionSnapshot(), policy)).toEqual(REMINDER_AT);
  });

  it('wakes for the escalation once the reminder was sent', () => {
    expect(nextPlanningStepAt(missionSnapshot({ milestones: milestones(true, false) }), policy)).toEqual(
      ESCALATION_AT,
    );
  });

  it('reads 09:00 in the offset of the reminder day, winter time for a reminder on 1 March', () => {
    // End date 2027-03-31 (summer time) but the reminder on 2027-03-01 is in winter time.
    const mission = missionSnapshot({ endDate: '2027-03-31' });
    expect(nextPlanningStepAt(mission, policy)).toEqual(new Date('2027-03-01T08:00:00.000Z'));
  });

  it('does not wake once both steps were taken', () => {
    expect(nextPlanningStepAt(missionSnapshot({ milestones: milestones(true, true) }), policy)).toBeNull();
  });

  it('does not wake when every ordered session is planned', () => {
    expect(nextPlanningStepAt(fullyPlanned(), policy)).toBeNull();
  });

  it('does not wake for a cancelled mission', () => {
    expect(nextPlanningStepAt(missionSnapshot({ status: 'cancelled' }), policy)).toBeNull();
  });

  it('wakes for the escalation when the reminder time was before the mission was created', () => {
    const mission = missionSnapshot({ createdAt: '2027-06-01T08:00:00.000Z' });
    expect(nextPlanningStepAt(mission, policy)).toEqual(ESCALATION_AT);
  });

  it('does not wake when both step times were before the mission was created', () => {
    const mission = missionSnapshot({ createdAt: '2027-06-20T08:00:00.000Z' });
    expect(nextPlanningStepAt(mission, policy)).toBeNull();
  });
});

describe('nextDeadline', () => {
  it('is the planning reminder when sessions remain unplanned and none is planned', () => {
    expect(nextDeadline(missionSnapshot(), policy, NOW)).toEqual(REMINDER_AT);
  });

  it('is the start of the first planned session when it comes before the reminder', () => {
    const mission = missionSnapshot({ sessions: [session({ sessionId: 'session-1' })] });
    expect(nextDeadline(mission, policy, NOW)).toEqual(new Date('2027-03-02T09:00:00.000Z'));
  });

  it('is the earliest session start once every session is planned', () => {
    expect(nextDeadline(fullyPlanned(), policy, NOW)).toEqual(new Date('2027-03-02T09:00:00.000Z'));
  });

  it('is the end of a running session', () => {
    const mission = missionSnapshot({
      sessions: [session({ sessionId: 'session-1', status: 'running' })],
      milestones: milestones(true, true),
    });
    expect(nextDeadline(mission, policy, new Date('2027-03-02T10:00:00.000Z'))).toEqual(
      new Date('2027-03-02T12:00:00.000Z'),
    );
  });

  it('shows an overdue start of a session not yet reported running before anything upcoming', () => {
    const mission = fullyPlanned();
    expect(nextDeadline(mission, policy, new Date('2027-03-02T10:00:00.000Z'))).toEqual(
      new Date('2027-03-02T09:00:00.000Z'),
    );
  });

  it('ignores cancelled and ended sessions', () => {
    const mission = missionSnapshot({
      sessions: [
        session({ sessionId: 'session-1', status: 'ended' }),
        session({ sessionId: 'session-2', status: 'cancelled', cancellationReason: 'Strike' }),
      ],
    });
    expect(nextDeadline(mission, policy, NOW)).toEqual(REMINDER_AT);
  });

  it('leaves planning steps out once every ordered session is planned', () => {
    const mission = fullyPlanned();
    mission.sessions = mission.sessions.map((candidate) => ({ ...candidate, status: 'ended' as const }));
    expect(nextDeadline(mission, policy, NOW)).toBeNull();
  });

  it('leaves out planning steps already taken', () => {
    const mission = missionSnapshot({ milestones: milestones(true, false) });
    expect(nextDeadline(mission, policy, NOW)).toEqual(ESCALATION_AT);
  });

  it('is null for a cancelled mission, even with sessions ahead', () => {
    const mission = fullyPlanned();
    mission.status = 'cancelled';
    expect(nextDeadline(mission, policy, NOW)).toBeNull();
  });
});
