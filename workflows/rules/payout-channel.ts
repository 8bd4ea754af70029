/**
 * How a provider is paid (DESIGN.md §5, seed 000): French providers with a signed self-billing
 * mandate on file are self-billed; everyone else uploads their own invoice.
 */

import type { Actor } from '../messages/actor.ts';
import type {
  BillingProfile,
  PayoutChannel,
  ProviderPayoutView,
  SupplierInvoiceReason,
} from '../messages/payouts.ts';
import { checkStaff } from './mission-lifecycle.ts';
import { conflict, invalid, type Violation } from './violation.ts';

export function payoutChannel(
  profile: BillingProfile | null,
  issuedOn: string,
): { channel: PayoutChannel; reason: SupplierInvoiceReason | null } {
  const supplier = (reason: SupplierInvoiceReason) => ({ channel: 'supplier_invoice' as const, reason });
  if (!profile) return supplier('unknown_provider');
  if (profile.country !== 'FR') return supplier('international_provider');
  const mandate = profile.selfBillingMandateSignedOn;
  if (!mandate || mandate > issuedOn) return supplier('no_self_billing_mandate');
  // A self-billing invoice must name the provider's SIRET and address: without them it is not valid.
  if (!profile.siret || !profile.address) return supplier('incomplete_billing_profile');
  return { channel: 'self_billing', reason: null };
}

export function checkSupplierInvoice(payout: ProviderPayoutView): Violation | null {
  if (payout.channel !== 'supplier_invoice')
    return conflict('INVOICE_NOT_EXPECTED', 'This payout is self-billed: no invoice is expected from you.');
  if (payout.status !== 'awaiting_invoice')
    return conflict('INVOICE_ALREADY_RECEIVED', 'The invoice for this payout has already been received.');
  return null;
}

export function checkMarkPaid(payout: ProviderPayoutView, actor: Actor, paidOn: string): Violation | null {
  const refused = checkStaff(actor, 'mark a payout paid');
  if (refused) return refused;
  if (payout.status === 'paid') return conflict('PAYOUT_ALREADY_PAID', 'This payout is already marked paid.');
  if (payout.status !== 'invoiced' && payout.status !== 'invoice_received')
    return conflict(
      'PAYOUT_NOT_INVOICED',
      payout.status === 'awaiting_invoice'
        ? 'The provider’s invoice has not been received yet: nothing can be paid without it.'
        : 'This payout is still being prepared.',
    );
  if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn) || paidOn < payout.requestedAt.slice(0, 10))
    return invalid('PAID_ON_INVALID', 'The payment date is a calendar date on or after the request.');
  return null;
}
