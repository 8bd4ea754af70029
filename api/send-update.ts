import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { type ApiDependencies, commandDeadline } from './dependencies.ts';
import type { ProblemError } from './problems.ts';
import { problemFromTemporal } from './temporal-errors.ts';

export interface SendUpdateOptions {
  /**
   * What the caller is told when the workflow has finished: each workflow ends for its own
   * reasons (a settled payout, a withdrawn approval), so "not found" means something different
   * to each route.
   */
  whenGone?: () => ProblemError;
  /** Names the command so a retry with the same Idempotency-Key is answered, not applied twice. */
  updateId?: string;
  /** An epoch instant in ms, as `commandDeadline` gives it. */
  deadline?: number;
}

/**
 * Sends a command to a workflow as an Update within the API's command deadline, and turns what
 * the client throws into problem details (a rule's refusal keeps its code; a slow or unreachable
 * cluster is 503/504).
 */
export async function sendUpdate<Result, Arg>(
  deps: Pick<ApiDependencies, 'temporal' | 'commandTimeoutMs'>,
  workflowId: string,
  update: UpdateDefinition<Result, [Arg]>,
  arg: Arg,
  options: SendUpdateOptions = {},
): Promise<Result> {
  const client = deps.temporal.client;
  const { whenGone, updateId, deadline = commandDeadline(deps) } = options;
  try {
    return await client.withDeadline(deadline, () =>
      client.workflow
        .getHandle(workflowId)
        .executeUpdate(update, { args: [arg], ...(updateId ? { updateId } : {}) }),
    );
  } catch (error) {
    if (whenGone && error instanceof WorkflowNotFoundError) throw whenGone();
    throw problemFromTemporal(error) ?? error;
  }
}
