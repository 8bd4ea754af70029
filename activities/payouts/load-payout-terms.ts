import { ApplicationFailure } from '@temporalio/activity';
import type { DatabasePool } from '../../db/pool.ts';
import { findBillingProfile, listPayoutRates } from '../../db/queries/payouts.ts';
import type { BillingProfile, PayoutLineRequest, PricedLine } from '../../workflows/messages/payouts.ts';

/**
 * Prices a payout from the rate table and reads the provider's billing profile. A missing rate
 * is retried, not failed: the payout waits (a retrying activity staff see) until a rate exists.
 */
export function loadPayoutTermsActivity(pool: DatabasePool) {
  return async function loadPayoutTerms(request: {
    providerId: string;
    lines: PayoutLineRequest[];
  }): Promise<{ profile: BillingProfile | null; lines: PricedLine[] }> {
    const rates = await listPayoutRates(pool);
    const lines = request.lines.map((line) => {
      const rate = rates.find(
        (candidate) => candidate.sessionKind === line.kind && candidate.role === line.role,
      );
      if (!rate)
        throw ApplicationFailure.retryable(
          `no payout rate for ${line.kind} / ${line.role}: add it to the rate table`,
          'PAYOUT_RATE_MISSING',
        );
      return { ...line, amountCents: rate.amountCents };
    });
    return { profile: await findBillingProfile(pool, request.providerId), lines };
  };
}
