import { describe, expect, it } from 'vitest';
import type { BillingProfile } from '../../../workflows/messages/payouts.ts';
import { payoutChannel } from '../../../workflows/rules/payout-channel.ts';

const profile = (overrides: Partial<BillingProfile> = {}): BillingProfile => ({
  providerId: 'lea',
  legalName: 'Léa Martin',
  address: '8 rue des Carmes, 31000 Toulouse',
  country: 'FR',
  siret: '12345678900012',
  vatNumber: null,
  vatRatePercent: null,
  selfBillingMandateSignedOn: '2027-01-01',
  ...overrides,
});

describe('payoutChannel', () => {
  it('self-bills a French provider with a signed mandate, SIRET and address', () => {
    expect(payoutChannel(profile(), '2027-02-01')).toEqual({ channel: 'self_billing', reason: null });
  });

  it.each([
    ['international_provider', profile({ country: 'BE' })],
    ['no_self_billing_mandate', profile({ selfBillingMandateSignedOn: null })],
    ['no_self_billing_mandate', profile({ selfBillingMandateSignedOn: '2027-03-01' })],
    ['incomplete_billing_profile', profile({ siret: null })],
    ['unknown_provider', null],
  ])('asks for their own invoice: %s', (reason, candidate) => {
    expect(payoutChannel(candidate, '2027-02-01')).toEqual({ channel: 'supplier_invoice', reason });
  });
});
