/**
 * The proposal documents a buyer receives (seed 004), chosen by the contract that binds them
 * (workflows/rules/contract.ts): a document the rule does not give this buyer is refused, so a
 * person paying themselves never receives the company agreement nor a CPF learner one to sign.
 */
import type { ProposalData } from '../../workflows/messages/funding.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import { type ProposalDocument, proposalPlan } from '../../workflows/rules/contract.ts';
import { buildAgreement } from './agreement.ts';
import type { Organisation } from './organisation.ts';
import { buildProgramme } from './programme.ts';
import { buildQuote } from './quote.ts';
import { buildTrainingContract } from './training-contract.ts';

export type ProposalDocumentKind = ProposalDocument;

/** The documents this buyer's proposal holds, in the order they are attached. */
export function proposalDocumentKinds(data: ProposalData, offer: TrainingOffer): ProposalDocumentKind[] {
  return proposalPlan({
    fundingKind: data.funding.kind,
    clientType: data.funding.client.type,
    trainingAction: offer.trainingAction,
  }).documents;
}

export async function buildProposalDocument(
  kind: ProposalDocumentKind,
  data: ProposalData,
  organisation: Organisation,
  offer: TrainingOffer,
): Promise<{ filename: string; bytes: Buffer }> {
  const kinds = proposalDocumentKinds(data, offer);
  if (!kinds.includes(kind)) {
    throw new RangeError(
      `a ${kind} is not part of the proposal for a ${data.funding.client.type} funded by ${data.funding.kind}` +
        `${offer.trainingAction ? '' : ' for an offer that is not a training action'} (it gets: ${kinds.join(', ')})`,
    );
  }
  switch (kind) {
    case 'quote':
      return {
        filename: `devis-${fileSafe(data.proposalNumber)}.docx`,
        bytes: await buildQuote(data, organisation, offer),
      };
    case 'agreement':
      return {
        filename: `convention-${fileSafe(data.proposalNumber)}.docx`,
        bytes: await buildAgreement(data, organisation, offer),
      };
    case 'trainingContract':
      return {
        filename: `contrat-formation-${fileSafe(data.proposalNumber)}.docx`,
        bytes: await buildTrainingContract(data, organisation, offer),
      };
    case 'programme':
      return {
        filename: `programme-${slug(data.training.title)}.docx`,
        bytes: await buildProgramme(data, organisation, offer),
      };
  }
}

/**
 * ASCII only, since mail clients and funders' portals still mangle accented file names. A
 * proposal number keeps its case ("D-2027-0042") because people search their mail for it.
 */
function fileSafe(value: string): string {
  return (
    ascii(value)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 60) || 'sans-numero'
  );
}

function slug(value: string): string {
  return (
    ascii(value)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'formation'
  );
}

function ascii(value: string): string {
  // Ligatures do not decompose: "cœur" would otherwise lose its "oe".
  return value
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}
