import type { DocumentKey } from '../../activities/documents/store.ts';
import { discardDocument, latestDocument, storeDocument } from '../../activities/documents/store.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { ProblemError } from '../problems.ts';
import { sniffUpload } from './sniff.ts';

/** How many versions of one uploaded document a session (or a payout) may hold. */
export const UPLOAD_VERSIONS_QUOTA = 10;

/**
 * Stores an uploaded file, hands it to the workflow that must accept it, and removes it again if
 * the workflow refuses: a refused or failed upload leaves nothing behind. Checked by content,
 * and capped in versions per key so repeated uploads cannot fill the database.
 */
export async function storeAcceptedUpload(
  pool: DatabasePool,
  key: DocumentKey,
  upload: { bytes: Buffer; filename: (extension: string) => string; refusal: string },
  accept: (documentId: string) => Promise<unknown>,
): Promise<void> {
  const sniffed = sniffUpload(upload.bytes);
  if (!sniffed) throw new ProblemError(415, 'UNSUPPORTED_UPLOAD', upload.refusal);
  if (((await latestDocument(pool, key))?.version ?? 0) >= UPLOAD_VERSIONS_QUOTA)
    throw new ProblemError(
      409,
      'UPLOAD_QUOTA_REACHED',
      `This document already has ${UPLOAD_VERSIONS_QUOTA} versions: ask the association's staff.`,
    );
  const stored = await storeDocument(pool, key, {
    kind: key.kind,
    filename: upload.filename(sniffed.extension),
    contentType: sniffed.contentType,
    bytes: upload.bytes,
  });
  try {
    await accept(stored.documentId);
  } catch (error) {
    // Only a definite refusal: after a timeout the workflow may have accepted the document.
    if (error instanceof ProblemError && error.status < 500) await discardDocument(pool, stored.documentId);
    throw error;
  }
}
