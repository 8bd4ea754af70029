/**
 * Workflow interceptor module (bundled with the workflows, see worker/create-worker.ts): every
 * Update that carries a command must have been vouched for by the worker's caller-proof codec,
 * and no handler or validator ever sees the proof fields. The check runs in the validator, so a
 * refused command leaves no trace in the history and replays are unaffected.
 */
import {
  type UpdateInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
  workflowInfo,
} from '@temporalio/workflow';
import { CALLER_PROOF_FIELD, CALLER_VERIFIED_FIELD, type CallerVerified } from './messages/caller-proof.ts';
import { rejectIf } from './mission/reject.ts';
import { checkCallerVerified } from './rules/caller.ts';

function withoutProof(input: UpdateInput): UpdateInput {
  const [command, ...others] = input.args;
  if (typeof command !== 'object' || command === null) return input;
  const {
    [CALLER_PROOF_FIELD]: _proof,
    [CALLER_VERIFIED_FIELD]: _verified,
    ...rest
  } = command as Record<string, unknown>;
  return { ...input, args: [rest, ...others] };
}

const verifiedCaller: WorkflowInboundCallsInterceptor = {
  validateUpdate(input, next) {
    if (input.args.length > 0) {
      const command = input.args[0] as { [CALLER_VERIFIED_FIELD]?: CallerVerified } | null;
      const verified = typeof command === 'object' ? command?.[CALLER_VERIFIED_FIELD] : undefined;
      rejectIf(checkCallerVerified(verified, workflowInfo().workflowId, input.name));
    }
    next(withoutProof(input));
  },
  handleUpdate: (input, next) => next(withoutProof(input)),
};

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [verifiedCaller] });
