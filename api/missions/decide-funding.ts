import { WorkflowNotFoundError } from '@temporalio/client';
import {
  decideFundingUpdate,
  type FundingDecision,
  fundingWorkflowId,
} from '../../workflows/messages/funding.ts';
import { normaliseDecision } from '../../workflows/rules/funding.ts';
import { type ApiDependencies, commandDeadline } from '../dependencies.ts';
import { ProblemError } from '../problems.ts';
import { problemFromTemporal } from '../temporal-errors.ts';

/** Records the funder's decision in the training's funding workflow (staff, or the client's link). */
export async function decideFunding(
  deps: ApiDependencies,
  sessionId: string,
  decidedBy: string,
  decision: FundingDecision,
): Promise<void> {
  const client = deps.temporal.client;
  try {
    await client.withDeadline(commandDeadline(deps), () =>
      client.workflow
        .getHandle(fundingWorkflowId(sessionId))
        .executeUpdate(decideFundingUpdate, { args: [{ decidedBy, decision: normaliseDecision(decision) }] }),
    );
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new ProblemError(
        409,
        'FUNDING_CLOSED',
        'No funding decision is awaited for this training (not requested, already settled, or cancelled).',
      );
    }
    throw problemFromTemporal(error) ?? error;
  }
}
