import type { FundingState } from '../../workflows/messages/funding.ts';

/** A training's funding as the API shows it, from the session's projection. */
export function presentFunding(sessionId: string, funding: Partial<FundingState> | null) {
  return {
    sessionId,
    status: funding?.status ?? null,
    kind: funding?.request?.kind ?? null,
    proposal: funding?.proposal ?? null,
    decision: funding?.decision
      ? {
          ...funding.decision,
          agreementNumber:
            ('agreementNumber' in funding.decision && funding.decision.agreementNumber) || null,
        }
      : null,
    billing: funding?.billing ?? null,
    keptAfterRefusal: funding?.keptAfterRefusal ?? false,
  };
}
