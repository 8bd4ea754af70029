import { describe, expect, it } from 'vitest';
import {
  contractInstalments,
  LABOUR_CODE_WITHDRAWAL_DAYS,
  MAX_ADVANCE_PERCENT,
  proposalPlan,
  WITHDRAWAL_DAYS,
} from '../../../workflows/rules/contract.ts';

const training = { trainingAction: true } as const;

describe('the contract for each buyer', () => {
  it('an organisation funded by its OPCO or paying itself signs the agreement, the programme as its annex (L6353-1, D6353-1 I)', () => {
    for (const fundingKind of ['opco', 'client'] as const) {
      expect(proposalPlan({ ...training, fundingKind, clientType: 'company' })).toMatchObject({
        contract: 'agreement',
        documents: ['quote', 'agreement', 'programme'],
      });
    }
    expect(proposalPlan({ ...training, fundingKind: 'opco', clientType: 'company' }).buyerSteps).toContain(
      'forwardToOpco',
    );
  });

  it('a person paying themselves gets a contrat de formation professionnelle, never the agreement (L6353-3)', () => {
    const plan = proposalPlan({ ...training, fundingKind: 'client', clientType: 'individual' });
    expect(plan.contract).toBe('trainingContract');
    expect(plan.documents).toEqual(['quote', 'trainingContract', 'programme']);
    expect(plan.documents).not.toContain('agreement');
    expect(plan.buyerSteps).toEqual(['signContract', 'withdrawalPeriod']);
  });

  it("a CPF learner gets the programme and the quote only: the platform's terms are the agreement (D6353-1 III)", () => {
    const plan = proposalPlan({ ...training, fundingKind: 'cpf', clientType: 'individual' });
    expect(plan).toEqual({
      contract: 'platformTerms',
      documents: ['programme', 'quote'],
      buyerSteps: ['registerOnCpfPlatform'],
    });
  });

  it('France Travail approves the quote, the programme annexed, in place of an agreement (D6353-1 II)', () => {
    expect(proposalPlan({ ...training, fundingKind: 'france_travail', clientType: 'individual' })).toEqual({
      contract: 'approvedQuote',
      documents: ['quote', 'programme'],
      buyerSteps: ['awaitFranceTravail'],
    });
  });

  it('an independent funded by FIFPL or AGEFICE signs the agreement and is reimbursed by the fund (D6353-1 I, L6331-48)', () => {
    for (const fundingKind of ['fifpl', 'agefice'] as const) {
      expect(proposalPlan({ ...training, fundingKind, clientType: 'independent' })).toEqual({
        contract: 'agreement',
        documents: ['quote', 'agreement', 'programme'],
        buyerSteps: ['signAgreement', 'requestFundReimbursement'],
      });
    }
    expect(proposalPlan({ ...training, fundingKind: 'client', clientType: 'independent' }).contract).toBe(
      'agreement',
    );
  });

  it('a workshop that is not a training action gets a quote only, whoever buys it', () => {
    for (const [fundingKind, clientType] of [
      ['client', 'company'],
      ['client', 'individual'],
      ['opco', 'company'],
    ] as const) {
      expect(proposalPlan({ trainingAction: false, fundingKind, clientType })).toEqual({
        contract: 'quote',
        documents: ['quote'],
        buyerSteps: ['signQuote'],
      });
    }
  });
});

describe("a person's payments (L6353-5, L6353-6)", () => {
  it('10 days to withdraw by the labour code, 14 for a contract signed at a distance (L221-18), at most 30 % afterwards', () => {
    expect(LABOUR_CODE_WITHDRAWAL_DAYS).toBe(10);
    expect(WITHDRAWAL_DAYS).toBe(14);
    expect(MAX_ADVANCE_PERCENT).toBe(30);
  });

  it('the advance never exceeds 30 % of the price, to the cent, and the rest is the balance', () => {
    expect(contractInstalments(180_000)).toEqual({ advanceCents: 54_000, balanceCents: 126_000 });
    // 30 % of 333.33 € is 99.999 €: rounded down, never up past the cap.
    expect(contractInstalments(33_333)).toEqual({ advanceCents: 9_999, balanceCents: 23_334 });
    expect(contractInstalments(0)).toEqual({ advanceCents: 0, balanceCents: 0 });
  });

  it('refuses a price that is not whole cents', () => {
    expect(() => contractInstalments(-1)).toThrow(RangeError);
    expect(() => contractInstalments(10.5)).toThrow(RangeError);
  });
});
