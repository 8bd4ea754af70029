/**
 * Which contract binds the buyer of a training, and so which documents its proposal holds
 * (issue #15 item 3). Read against the Code du travail (Légifrance, version in force 2026):
 *
 * - An organisation buying for its people signs a training agreement (the convention of L6353-1)
 *   whose content D6353-1 I lists: title, objective, content, means, duration, period,
 *   how it runs, is followed and sanctioned; price and terms of payment. The programme is its annex.
 * - A person buying a training for themselves, at their own expense, signs a *contrat de
 *   formation professionnelle* before registering and paying anything (L6353-3), null without
 *   the mentions of L6353-4; 10 days to withdraw from signature by registered letter (L6353-5),
 *   14 once the contract is concluded at a distance, as every proposal sent by e-mail is (Code de
 *   la consommation L221-18; Cass. 1re civ. 5 nov. 2025, n° 23-22.883);
 *   nothing paid before those days are over, then at most 30 % (L6353-6); on force majeure only
 *   the services delivered are due, pro rata (L6353-7).
 * - CPF: the general terms of Mon Compte Formation stand in for the agreement between provider
 *   and account holder (D6353-1 III, L6323-9). The person books the session on the platform;
 *   there is nothing to sign with us nor to "send to the CPF".
 * - France Travail (AIF) is a funder of L6316-1: the quote it approves on its platform (Kairos)
 *   stands in for the agreement when it, or an annex (the programme), meets D6353-1 I
 *   (D6353-1 II). The person pays nothing: France Travail pays the provider.
 * - FIFPL and AGEFICE are funds collecting the independents' contribution (L6331-48): D6353-1 I
 *   names their actions as under an agreement. The independent buys for their business, signs
 *   it, pays and is reimbursed by the fund. An independent paying without a fund buys for their
 *   business too: the same agreement.
 * - A workshop that is not an action de formation (L6313-1, L6313-2: a pedagogical path to a
 *   professional objective) is a service sold under ordinary contract law: the quote, signed
 *   "bon pour accord", is the contract; an agreement or a programme would present it as a
 *   training action that no funder may pay for.
 */
import type { FundedClient, FundingKind } from '../messages/funding.ts';

export const PROPOSAL_DOCUMENTS = ['quote', 'agreement', 'trainingContract', 'programme'] as const;
export type ProposalDocument = (typeof PROPOSAL_DOCUMENTS)[number];

export type ContractKind =
  /** Convention de formation signed by an organisation or an independent (L6353-1, D6353-1 I). */
  | 'agreement'
  /** Contrat de formation professionnelle with a person paying themselves (L6353-3 to L6353-7). */
  | 'trainingContract'
  /** Mon Compte Formation's general terms (D6353-1 III). */
  | 'platformTerms'
  /** The quote France Travail approves on Kairos, with the programme as its annex (D6353-1 II). */
  | 'approvedQuote'
  /** A workshop's quote signed "bon pour accord": not a training action. */
  | 'quote';

export interface ProposalPlan {
  contract: ContractKind;
  /** In the order they are built and attached. */
  documents: ProposalDocument[];
  /** The buyer's own steps after receiving the proposal, which the e-mail spells out. */
  buyerSteps: BuyerStep[];
}

export type BuyerStep =
  | 'signAgreement'
  | 'signContract'
  | 'withdrawalPeriod'
  | 'registerOnCpfPlatform'
  | 'awaitFranceTravail'
  | 'requestFundReimbursement'
  | 'forwardToOpco'
  | 'signQuote';

export interface ProposalBuyer {
  fundingKind: FundingKind;
  clientType: FundedClient['type'];
  /** False for a workshop or talk that is not an action de formation (L6313-1). */
  trainingAction: boolean;
}

export function proposalPlan({ fundingKind, clientType, trainingAction }: ProposalBuyer): ProposalPlan {
  if (!trainingAction) return { contract: 'quote', documents: ['quote'], buyerSteps: ['signQuote'] };
  switch (fundingKind) {
    case 'cpf':
      return {
        contract: 'platformTerms',
        documents: ['programme', 'quote'],
        buyerSteps: ['registerOnCpfPlatform'],
      };
    case 'france_travail':
      return {
        contract: 'approvedQuote',
        documents: ['quote', 'programme'],
        buyerSteps: ['awaitFranceTravail'],
      };
    case 'opco':
      return {
        contract: 'agreement',
        documents: ['quote', 'agreement', 'programme'],
        buyerSteps: ['signAgreement', 'forwardToOpco'],
      };
    case 'fifpl':
    case 'agefice':
      return {
        contract: 'agreement',
        documents: ['quote', 'agreement', 'programme'],
        buyerSteps: ['signAgreement', 'requestFundReimbursement'],
      };
    case 'client':
      return clientType === 'individual'
        ? {
            contract: 'trainingContract',
            documents: ['quote', 'trainingContract', 'programme'],
            buyerSteps: ['signContract', 'withdrawalPeriod'],
          }
        : {
            contract: 'agreement',
            documents: ['quote', 'agreement', 'programme'],
            buyerSteps: ['signAgreement'],
          };
  }
}

/** Days a person has to withdraw from a contrat de formation professionnelle, from signature (L6353-5). */
export const LABOUR_CODE_WITHDRAWAL_DAYS = 10;

/**
 * The days the contract grants: the proposal is sent and signed by e-mail, so the contract is
 * concluded at a distance and a consumer has 14 days from its conclusion (Code de la consommation
 * L221-18), the longer of the two periods. Nothing is asked of the person before they end.
 */
export const WITHDRAWAL_DAYS = 14;

/** The most a person may pay once the withdrawal period is over, as a share of the price (L6353-6). */
export const MAX_ADVANCE_PERCENT = 30;

/**
 * What a person paying themselves pays, and when (L6353-6): nothing before the withdrawal period
 * ends, then an advance of at most 30 %, the rest spread over the training. In cents, the advance
 * rounded down so that it never exceeds the cap.
 */
export function contractInstalments(totalCents: number): { advanceCents: number; balanceCents: number } {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0)
    throw new RangeError(`a price is a whole, non-negative number of cents, not ${totalCents}`);
  const advanceCents = Math.floor((totalCents * MAX_ADVANCE_PERCENT) / 100);
  return { advanceCents, balanceCents: totalCents - advanceCents };
}
