import { describe, expect, it } from 'vitest';
import {
  checkCancelMission,
  checkMissionAcceptsCommands,
  checkStaff,
} from '../../../workflows/rules/mission-lifecycle.ts';
import { coordinator, missionSnapshot, staff } from '../support/mission-fixture.ts';

describe('checkMissionAcceptsCommands', () => {
  it('lets an open mission accept commands', () => {
    expect(checkMissionAcceptsCommands({ status: 'open' })).toBeNull();
  });

  it('refuses commands on a cancelled mission', () => {
    expect(checkMissionAcceptsCommands({ status: 'cancelled' })).toMatchObject({
      code: 'MISSION_CANCELLED',
      kind: 'conflict',
    });
  });

  it('refuses commands on a closed mission', () => {
    expect(checkMissionAcceptsCommands({ status: 'closed' })).toMatchObject({
      code: 'MISSION_CLOSED',
      kind: 'conflict',
    });
  });
});

describe('checkStaff', () => {
  it('lets staff act', () => {
    expect(checkStaff(staff, 'cancel a mission')).toBeNull();
  });

  it('forbids a facilitator, naming the action', () => {
    expect(checkStaff({ subject: 'facilitator-1', role: 'facilitator' }, 'cancel a mission')).toEqual({
      code: 'STAFF_ONLY',
      kind: 'forbidden',
      message: "Only the association's staff may cancel a mission.",
    });
  });
});

describe('checkCancelMission', () => {
  it('lets staff cancel an open mission with a reason', () => {
    expect(checkCancelMission(missionSnapshot(), staff, 'The client withdrew')).toBeNull();
  });

  it('forbids a coordinator cancelling a mission', () => {
    expect(checkCancelMission(missionSnapshot(), coordinator, 'The client withdrew')?.kind).toBe('forbidden');
  });

  it('refuses cancelling a mission twice', () => {
    const cancelled = missionSnapshot({ status: 'cancelled', cancellationReason: 'Budget cut' });
    expect(checkCancelMission(cancelled, staff, 'Again')?.code).toBe('MISSION_CANCELLED');
  });

  it('refuses cancelling a mission without a reason, as invalid data (422) like a session without one', () => {
    expect(checkCancelMission(missionSnapshot(), staff, '  ')).toMatchObject({
      code: 'REASON_REQUIRED',
      kind: 'invalid',
    });
  });
});
