import type { CallerVerified } from '../messages/caller-proof.ts';
import { forbidden, type Violation } from './violation.ts';

/**
 * A command is taken only from the API, which checked who sends it: anything else that reaches
 * the workflow (the Temporal UI, a CLI, a client holding the frontend's address) carries no
 * valid proof, whatever `actor` it claims.
 */
export function checkCallerVerified(
  verified: CallerVerified | undefined,
  workflowId: string,
  update: string,
): Violation | null {
  return verified?.workflowId === workflowId && verified.update === update
    ? null
    : forbidden(
        'CALLER_NOT_VERIFIED',
        'This command did not come through the application: send it from the application, signed in.',
      );
}
