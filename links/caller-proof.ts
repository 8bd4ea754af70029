/**
 * The API's signature on the commands it sends to workflows (docs/decisions/0001-who-acts.md).
 * The key is derived from the link-signing secrets the API and the worker already share, so a
 * rotation of those rotates it too: the first secret signs, every one verifies.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  CALLER_PROOF_FIELD,
  CALLER_VERIFIED_FIELD,
  type CallerProof,
  type CallerVerified,
} from '../workflows/messages/caller-proof.ts';

/** Long enough for an Update to wait for a busy worker; short enough that a proof read in a history is stale. */
export const CALLER_PROOF_MAX_AGE_MS = 5 * 60_000;
const CLOCK_TOLERANCE_MS = 60_000;

const keys = new Map<string, Buffer>();
function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('mission-orchestration caller proof v1').digest();
    keys.set(secret, key);
  }
  return key;
}

function mac(key: Buffer, proof: Omit<CallerProof, 'signature'>, commandJson: string): Buffer {
  const digest = createHash('sha256').update(commandJson).digest('base64url');
  return createHmac('sha256', key)
    .update(JSON.stringify([proof.workflowId, proof.update, proof.issuedAt, digest]))
    .digest();
}

/** The command with the API's proof appended (last, so the rest keeps its JSON as signed). */
export function signCommand(
  secrets: string[],
  target: { workflowId: string; update: string },
  command: Record<string, unknown>,
  now = new Date(),
): Record<string, unknown> {
  const [current] = secrets;
  if (!current) throw new Error('no link signing secret configured');
  const { [CALLER_PROOF_FIELD]: _stale, [CALLER_VERIFIED_FIELD]: _forged, ...rest } = command;
  const unsigned = { workflowId: target.workflowId, update: target.update, issuedAt: now.toISOString() };
  const signature = mac(keyOf(current), unsigned, JSON.stringify(rest)).toString('base64url');
  return { ...rest, [CALLER_PROOF_FIELD]: { ...unsigned, signature } satisfies CallerProof };
}

/**
 * The command as the workflow may see it: without any proof or verdict it carried, plus the
 * verdict when its proof is authentic, fresh and made for exactly this command.
 */
export function verifyCommand(
  secrets: string[],
  command: Record<string, unknown>,
  now = new Date(),
): Record<string, unknown> {
  const { [CALLER_PROOF_FIELD]: proof, [CALLER_VERIFIED_FIELD]: _forged, ...rest } = command;
  const verified = proofHolds(secrets, proof, JSON.stringify(rest), now);
  return verified ? { ...rest, [CALLER_VERIFIED_FIELD]: verified } : rest;
}

function proofHolds(
  secrets: string[],
  proof: unknown,
  commandJson: string,
  now: Date,
): CallerVerified | null {
  if (typeof proof !== 'object' || proof === null) return null;
  const { workflowId, update, issuedAt, signature } = proof as Partial<Record<keyof CallerProof, unknown>>;
  if (typeof workflowId !== 'string' || typeof update !== 'string') return null;
  if (typeof issuedAt !== 'string' || typeof signature !== 'string') return null;
  const age = now.getTime() - Date.parse(issuedAt);
  if (!(age <= CALLER_PROOF_MAX_AGE_MS && age >= -CLOCK_TOLERANCE_MS)) return null;
  const given = Buffer.from(signature, 'base64url');
  for (const secret of secrets) {
    const expected = mac(keyOf(secret), { workflowId, update, issuedAt }, commandJson);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { workflowId, update };
  }
  return null;
}
