/**
 * How a workflow knows an Update came through the API (docs/decisions/0001-who-acts.md): the API
 * adds a signed `callerProof` to the command; the worker's payload codec checks it outside the
 * sandbox and replaces it with `callerVerified`, which it strips from anything else. Workflow
 * code only reads these names and types: the cryptography lives in links/caller-proof.ts.
 */
export const CALLER_PROOF_FIELD = 'callerProof';
export const CALLER_VERIFIED_FIELD = 'callerVerified';

/** What the API signs: this command, for this Update of this workflow, at this instant. */
export interface CallerProof {
  workflowId: string;
  update: string;
  issuedAt: string;
  /** base64url HMAC-SHA256 over the fields above and the command's JSON without the proof. */
  signature: string;
}

/** What the codec vouches for once the signature, the age and the command's digest hold. */
export interface CallerVerified {
  workflowId: string;
  update: string;
}
