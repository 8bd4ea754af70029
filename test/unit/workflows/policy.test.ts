import { describe, expect, it } from 'vitest';
import { DEFAULT_MISSION_POLICY, missionPolicyOf } from '../../../workflows/policy.ts';
import { minutesOf } from '../../../workflows/rules/durations.ts';

describe('the mission policy read from a workflow input', () => {
  it('is the defaults when the input sets none', () => {
    expect(missionPolicyOf(undefined)).toEqual(DEFAULT_MISSION_POLICY);
  });

  it('reads the minimum session length an input recorded in minutes before durations', () => {
    const policy = missionPolicyOf({ minimumSessionMinutes: 0, continueAsNewAfterEvents: 40 });
    expect(minutesOf(policy.minimumSessionLength)).toBe(0);
    expect(policy.continueAsNewAfterEvents).toBe(40);
    expect(policy).not.toHaveProperty('minimumSessionMinutes');
  });

  it('takes the duration over the old field when an input has both', () => {
    const policy = missionPolicyOf({ minimumSessionMinutes: 0, minimumSessionLength: '30 minutes' });
    expect(minutesOf(policy.minimumSessionLength)).toBe(30);
  });
});
