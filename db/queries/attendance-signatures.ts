/** Signature images of digital attendance signing, and the short codes of open half-days. */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';

export interface NewSignature {
  id: string;
  sessionId: string;
  halfDayIndex: number;
  /** A participant's signature, or the facilitator's countersignature of the half-day. */
  signer:
    | { kind: 'participant'; participantId: string }
    | { kind: 'countersignature'; facilitatorId: string };
  image: Buffer;
  signedAt: string;
  ip: string;
  userAgent: string;
}

/**
 * Claims the (session, half-day, signer) slot and stores the image; false when it is taken (a
 * double submit, or someone already signed). Call it inside the transaction that asks the
 * workflow, so a refusal rolls the row back and a concurrent submit waits for the outcome.
 */
export async function claimSignature(db: CommonQueryMethods, signature: NewSignature): Promise<boolean> {
  const participantId = signature.signer.kind === 'participant' ? signature.signer.participantId : null;
  const facilitatorId = signature.signer.kind === 'countersignature' ? signature.signer.facilitatorId : null;
  const inserted = await db.maybeOneFirst(sql.type(z.object({ id: z.string() }))`
    insert into attendance_signatures
      (id, session_id, half_day_index, kind, participant_id, facilitator_id, image, signed_at, ip, user_agent)
    values (${signature.id}, ${signature.sessionId}, ${signature.halfDayIndex}, ${signature.signer.kind},
            ${participantId}, ${facilitatorId}, ${sql.binary(signature.image)}, ${signature.signedAt},
            ${signature.ip}, ${signature.userAgent})
    on conflict do nothing returning id::text as id`);
  return inserted !== null;
}

const imageRow = z.object({ id: z.string(), image: z.instanceof(Buffer) });

/** The images of a session's signatures, by id, for the attendance sheet. */
export async function signatureImages(
  db: CommonQueryMethods,
  sessionId: string,
): Promise<Map<string, Buffer>> {
  const rows = await db.any(sql.type(imageRow)`
    select id::text as id, image from attendance_signatures where session_id = ${sessionId}`);
  return new Map(rows.map((row) => [row.id, row.image]));
}

const signatureRow = z.object({
  id: z.string(),
  halfDayIndex: z.number().int(),
  kind: z.enum(['participant', 'countersignature']),
  participantId: z.string().nullable(),
  facilitatorId: z.string().nullable(),
  signedAt: z.string(),
  ip: z.string(),
  userAgent: z.string(),
});
export type SignatureRecord = z.infer<typeof signatureRow>;

/** What was recorded with each signature of a session (no image). */
export async function listSignatures(
  db: CommonQueryMethods,
  sessionId: string,
): Promise<readonly SignatureRecord[]> {
  return db.any(sql.type(signatureRow)`
    select id::text as id, half_day_index as "halfDayIndex", kind, participant_id::text as "participantId",
           facilitator_id as "facilitatorId", signed_at as "signedAt", ip, user_agent as "userAgent"
    from attendance_signatures where session_id = ${sessionId} order by signed_at`);
}

const codeRow = z.object({
  code: z.string(),
  sessionId: z.string(),
  halfDayIndex: z.number().int(),
  token: z.string(),
  expiresAt: z.string(),
});
export type SigningCodeRecord = z.infer<typeof codeRow>;

/**
 * The short code of a session's half-day: the existing one, or `candidate` stored with its
 * token. Null when `candidate` collides with another half-day's code (the caller draws again).
 */
export async function codeForHalfDay(
  db: CommonQueryMethods,
  candidate: Omit<SigningCodeRecord, 'code'> & { code: string },
): Promise<SigningCodeRecord | null> {
  return db.transaction(async (tx) => {
    const existing = await tx.maybeOne(sql.type(codeRow)`
      select code, session_id::text as "sessionId", half_day_index as "halfDayIndex", token, expires_at as "expiresAt"
      from attendance_signing_codes
      where session_id = ${candidate.sessionId} and half_day_index = ${candidate.halfDayIndex}`);
    if (existing) return existing;
    const inserted = await tx.maybeOne(sql.type(codeRow)`
      insert into attendance_signing_codes (code, session_id, half_day_index, token, expires_at)
      values (${candidate.code}, ${candidate.sessionId}, ${candidate.halfDayIndex}, ${candidate.token},
              ${candidate.expiresAt})
      on conflict do nothing
      returning code, session_id::text as "sessionId", half_day_index as "halfDayIndex", token,
                expires_at as "expiresAt"`);
    if (inserted) return inserted;
    // A concurrent request stored this half-day's code first: that one is the code.
    return tx.maybeOne(sql.type(codeRow)`
      select code, session_id::text as "sessionId", half_day_index as "halfDayIndex", token, expires_at as "expiresAt"
      from attendance_signing_codes
      where session_id = ${candidate.sessionId} and half_day_index = ${candidate.halfDayIndex}`);
  });
}

export async function findSigningCode(
  db: CommonQueryMethods,
  code: string,
): Promise<SigningCodeRecord | null> {
  return db.maybeOne(sql.type(codeRow)`
    select code, session_id::text as "sessionId", half_day_index as "halfDayIndex", token, expires_at as "expiresAt"
    from attendance_signing_codes where code = ${code}`);
}
