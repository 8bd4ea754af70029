import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ViolationKind } from '../workflows/rules/violation.ts';
import { ProblemError, STATUS_OF_KIND } from './problems.ts';

const GRPC_UNAVAILABLE = 14;

/** The error and every cause behind it: the client wraps gRPC errors one or two levels deep. */
function* causes(error: unknown): Generator<unknown> {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/**
 * Translates what the Temporal client throws into problem details: a rejected Update carries
 * the rule's code and kind unchanged; an unreachable or slow cluster is 503/504, never 500.
 */
export function problemFromTemporal(error: unknown): ProblemError | null {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    const [details] = (failure.details ?? []) as {
      kind?: ViolationKind;
      extensions?: Record<string, unknown>;
    }[];
    const status = details?.kind ? STATUS_OF_KIND[details.kind] : 422;
    return new ProblemError(
      status,
      failure.type ?? 'COMMAND_REJECTED',
      failure.message,
      details?.extensions ?? {},
    );
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ProblemError(404, 'MISSION_NOT_FOUND', 'No running mission workflow was found for this id.');
  }
  for (const cause of causes(error)) {
    if (isGrpcServiceError(cause) && cause.code === GRPC_UNAVAILABLE) {
      return new ProblemError(
        503,
        'TEMPORAL_UNAVAILABLE',
        'The workflow service is unreachable; retry shortly.',
      );
    }
  }
  if (
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    [...causes(error)].some(isGrpcDeadlineError)
  ) {
    return new ProblemError(
      504,
      'WORKFLOW_TIMEOUT',
      'The mission did not answer in time; the command may still be applied — read the mission, or retry with the same Idempotency-Key.',
    );
  }
  return null;
}
