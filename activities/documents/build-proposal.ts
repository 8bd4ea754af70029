/** The three proposal documents a client receives and forwards to its funder (seed 004). */
import type { ProposalData } from '../../workflows/messages/funding.ts';
import { buildAgreement } from './agreement.ts';
import type { Organisation } from './organisation.ts';
import { buildProgramme } from './programme.ts';
import { buildQuote } from './quote.ts';

export const PROPOSAL_DOCUMENT_KINDS = ['quote', 'agreement', 'programme'] as const;
export type ProposalDocumentKind = (typeof PROPOSAL_DOCUMENT_KINDS)[number];

export async function buildProposalDocument(
  kind: ProposalDocumentKind,
  data: ProposalData,
  organisation: Organisation,
): Promise<{ filename: string; bytes: Buffer }> {
  switch (kind) {
    case 'quote':
      return {
        filename: `devis-${fileSafe(data.proposalNumber)}.docx`,
        bytes: await buildQuote(data, organisation),
      };
    case 'agreement':
      return {
        filename: `convention-${fileSafe(data.proposalNumber)}.docx`,
        bytes: await buildAgreement(data, organisation),
      };
    case 'programme':
      return {
        filename: `programme-${slug(data.training.title)}.docx`,
        bytes: await buildProgramme(data, organisation),
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
