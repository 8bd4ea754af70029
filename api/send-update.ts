import { setTimeout as sleep } from 'node:timers/promises';
import { type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
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
  /**
   * How long a workflow the caller knows is being started may take to appear. A parent's Update
   * answers once it has commanded a child's start, before the server has started the child, so a
   * command sent straight after (a session just planned) can arrive first: it is retried while the
   * workflow has not run yet, and only a workflow that has run and ended is "gone".
   */
  startingGraceMs?: number;
  /** Names the command so a retry with the same Idempotency-Key is answered, not applied twice. */
  updateId?: string;
  /** An epoch instant in ms, as `commandDeadline` gives it. */
  deadline?: number;
}

/** First pause before asking again for a workflow still starting; each next pause doubles. */
const FIRST_STARTING_PAUSE_MS = 20;

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
  const { whenGone, updateId, deadline = commandDeadline(deps), startingGraceMs = 0 } = options;
  const handle = client.workflow.getHandle(workflowId);
  const graceEnds = Math.min(Date.now() + startingGraceMs, deadline);
  let pause = FIRST_STARTING_PAUSE_MS;
  for (;;) {
    try {
      return await client.withDeadline(deadline, () =>
        handle.executeUpdate(update, { args: [arg], ...(updateId ? { updateId } : {}) }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw problemFromTemporal(error) ?? error;
      if (Date.now() + pause < graceEnds && (await stillStarting(client, handle, deadline))) {
        await sleep(pause);
        pause *= 2;
        continue;
      }
      if (whenGone) throw whenGone();
      throw problemFromTemporal(error) ?? error;
    }
  }
}

/** Not started yet, or started since the Update was refused: either way, worth asking again. */
async function stillStarting(
  client: ApiDependencies['temporal']['client'],
  handle: WorkflowHandle,
  deadline: number,
): Promise<boolean> {
  try {
    const description = await client.withDeadline(deadline, () => handle.describe());
    return description.status.name === 'RUNNING';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return true;
    throw problemFromTemporal(error) ?? error;
  }
}
