/** What a manager's silence at the approval deadline means: the client's choice, or the default. */
import type { ManagerSilenceOutcome } from '../policy.ts';

/** The rule an approval follows, and where it comes from: recorded with an automatic decision. */
export interface SilenceRule {
  means: ManagerSilenceOutcome;
  source: 'client' | 'default';
}

export function silenceRuleFor(
  clientChoice: ManagerSilenceOutcome | null,
  defaultChoice: ManagerSilenceOutcome,
): SilenceRule {
  return clientChoice
    ? { means: clientChoice, source: 'client' }
    : { means: defaultChoice, source: 'default' };
}

/** The decision silence makes at the deadline; null while the rule is to keep waiting. */
export function decisionOnSilence(rule: SilenceRule): { approved: boolean } | null {
  return rule.means === 'wait' ? null : { approved: rule.means === 'approve' };
}
