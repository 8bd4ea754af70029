import { ApplicationFailure } from '@temporalio/workflow';
import type { Violation } from '../rules/violation.ts';

/**
 * Turns a rule's refusal into an Update rejection: the code becomes the failure type and the
 * kind travels in its details, so the API answers with the same code and the right status.
 */
export function rejectIf(violation: Violation | null): void {
  if (!violation) return;
  throw ApplicationFailure.create({
    type: violation.code,
    message: violation.message,
    nonRetryable: true,
    details: [{ kind: violation.kind, extensions: violation.extensions ?? {} }],
  });
}
