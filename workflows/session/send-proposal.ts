import { ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import { fundingWorkflow } from '../approvals/funding-workflow.ts';
import type { StoredDocument } from '../messages/documents.ts';
import { fundingWorkflowId } from '../messages/funding.ts';
import { PROPOSAL_PER_BUYER } from '../patches.ts';
import { proposalPlan } from '../rules/contract.ts';
import { proposalData } from './documents.ts';
import type { LiveSession } from './live-session.ts';
import { fundingWorkflowInput, proposalEmail, proposalNumber } from './proposal.ts';
import { buildDocument, sessionActivities } from './session-activities.ts';

/**
 * The documents of the buyer's contract (quote, agreement or contract, programme), sent to the
 * client's contact; then the funder's decision is awaited by its own workflow, started once.
 */
export async function sendProposal(live: LiveSession, at: Date): Promise<void> {
  const view = live.view();
  const request = view.funding.request;
  if (!request) return;
  const version = (view.funding.proposal?.version ?? 0) + 1;
  const number = proposalNumber(view, version);
  const data = proposalData(live.mission, view, number, at);
  const documents: StoredDocument[] = [];
  // Sessions started before proposals followed the buyer send the same three documents to all.
  const perBuyer = live.features.baseline || patched(PROPOSAL_PER_BUYER);
  const kinds = perBuyer
    ? proposalPlan({
        fundingKind: request.kind,
        clientType: request.client.type,
        // Funding is set for trainings only (rules/funding.ts); a workshop's quote goes without it.
        trainingAction: view.kind === 'training',
      }).documents
    : (['quote', 'agreement', 'programme'] as const);
  for (const kind of kinds) {
    const stored = await buildDocument({ kind, data }, view.sessionId);
    if (!stored) return;
    documents.push(stored);
  }
  const documentIds = documents.map((document) => document.documentId);
  const totalCents = data.pricing.totalCents;
  await sessionActivities.sendEmail(
    proposalEmail(live.mission, view, request, { number, version, totalCents, documentIds, perBuyer }),
  );
  live.state.proposalSent(documentIds, number, at);
  if (request.kind === 'client' || !live.funding.start()) return;
  await startChild(fundingWorkflow, {
    workflowId: fundingWorkflowId(view.sessionId),
    args: [fundingWorkflowInput(live.mission, view, request, totalCents, live.policy)],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    staticSummary: `Funding decision for ${view.title}`,
  });
  live.funding.awaitingReported();
}
