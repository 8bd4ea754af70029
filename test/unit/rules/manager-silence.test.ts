import { describe, expect, it } from 'vitest';
import { decisionOnSilence, silenceRuleFor } from '../../../workflows/rules/manager-silence.ts';

describe("what a manager's silence means at the deadline", () => {
  it("follows the client's choice over the default, and says it is the client's", () => {
    expect(silenceRuleFor('approve', 'wait')).toEqual({ means: 'approve', source: 'client' });
    expect(silenceRuleFor('refuse', 'approve')).toEqual({ means: 'refuse', source: 'client' });
    expect(silenceRuleFor('wait', 'approve')).toEqual({ means: 'wait', source: 'client' });
  });

  it('falls back on the default for a client who has not chosen', () => {
    expect(silenceRuleFor(null, 'wait')).toEqual({ means: 'wait', source: 'default' });
    expect(silenceRuleFor(null, 'refuse')).toEqual({ means: 'refuse', source: 'default' });
  });

  it('approves, refuses, or keeps waiting (no decision) as the rule says', () => {
    expect(decisionOnSilence({ means: 'approve', source: 'client' })).toEqual({ approved: true });
    expect(decisionOnSilence({ means: 'refuse', source: 'default' })).toEqual({ approved: false });
    expect(decisionOnSilence({ means: 'wait', source: 'client' })).toBeNull();
  });
});
