/**
 * What a proposal e-mail carries besides its documents: a person signing a contrat de formation
 * professionnelle receives the internal rules before registering (Code du travail L6353-8), as
 * staff uploaded them to the settings in force. Other buyers receive them with the convocation.
 */
import type { DatabasePool } from '../../db/pool.ts';
import type { OrganisationSettingsVersion } from '../../db/queries/organisation-settings.ts';
import type { EmailRequest } from '../../workflows/messages/email.ts';
import type { FundingKind } from '../../workflows/messages/funding.ts';
import { proposalPlan } from '../../workflows/rules/contract.ts';
import { internalRulesAttachment } from './internal-rules.ts';
import type { RenderedEmail } from './sender.ts';
import type { AttachedFile } from './templates/send-context.ts';

type ProposalRequest = Extract<EmailRequest, { template: 'fundingProposal' }>;

export async function proposalAttachments(
  pool: DatabasePool,
  request: ProposalRequest,
  organisation: OrganisationSettingsVersion,
): Promise<{ files: NonNullable<RenderedEmail['attachments']>; attached: Set<AttachedFile> }> {
  const { contract } = proposalPlan({
    fundingKind: request.data.funder as FundingKind,
    clientType: request.data.buyer ?? 'company',
    trainingAction: true,
  });
  const rules = contract === 'trainingContract' ? await internalRulesAttachment(pool, organisation) : null;
  return rules
    ? { files: [rules], attached: new Set<AttachedFile>(['internalRules']) }
    : { files: [], attached: new Set<AttachedFile>() };
}
