import type { Payload, PayloadCodec } from '@temporalio/common';
import { verifyCommand } from '../links/caller-proof.ts';
import { CALLER_PROOF_FIELD, CALLER_VERIFIED_FIELD } from '../workflows/messages/caller-proof.ts';

const JSON_ENCODING = 'json/plain';
// A key is written either literally or with \u escapes ("callerVerifie\u0064" is the same key):
// a payload holding either is parsed, so a forged verdict can never slip through unstripped.
const markers = [...[CALLER_PROOF_FIELD, CALLER_VERIFIED_FIELD].map((field) => `"${field}"`), '\\u'].map(
  (marker) => Buffer.from(marker),
);

/**
 * Checks the API's proof on incoming commands before the workflow sandbox sees them (workflow
 * code can neither hold the secret nor await anything in an Update validator). Encodes nothing:
 * payloads are stored as they were sent. Only JSON that may name a proof field is parsed.
 */
export function callerProofCodec(secrets: string[]): PayloadCodec {
  return {
    encode: async (payloads) => payloads,
    decode: async (payloads) => payloads.map((payload) => vouch(secrets, payload)),
  };
}

function vouch(secrets: string[], payload: Payload): Payload {
  const encoding = payload.metadata?.encoding;
  const data = payload.data;
  if (!encoding || !data || Buffer.from(encoding).toString() !== JSON_ENCODING) return payload;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!markers.some((marker) => bytes.includes(marker))) return payload;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    // Left for the payload converter to refuse, as it always has: a codec that threw would fail
    // the workflow task again and again.
    return payload;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return payload;
  const command = verifyCommand(secrets, value as Record<string, unknown>);
  return { ...payload, data: Buffer.from(JSON.stringify(command)) };
}
