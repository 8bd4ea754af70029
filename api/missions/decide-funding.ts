import {
  decideFundingUpdate,
  type FundingDecision,
  fundingWorkflowId,
} from '../../workflows/messages/funding.ts';
import { normaliseDecision } from '../../workflows/rules/funding.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ProblemError } from '../problems.ts';
import { sendUpdate } from '../send-update.ts';

/** Records the funder's decision in the training's funding workflow (staff, or the client's link). */
export async function decideFunding(
  deps: ApiDependencies,
  sessionId: string,
  decidedBy: string,
  decision: FundingDecision,
): Promise<void> {
  await sendUpdate(
    deps,
    fundingWorkflowId(sessionId),
    decideFundingUpdate,
    { decidedBy, decision: normaliseDecision(decision) },
    {
      whenGone: () =>
        new ProblemError(
          409,
          'FUNDING_CLOSED',
          'No funding decision is awaited for this training (not requested, already settled, or cancelled).',
        ),
    },
  );
}
